/**
 * A group's membership as a signed, hash-chained log (docs/PROTOCOL.md §15.1).
 * Every entry is signed by an admin's account key and names the ids (SHA-256
 * of the encoded entry) of the log heads it follows, so the log is a DAG
 * rooted at the create entry. An entry is accepted only when its signature
 * verifies, every parent is known, and its author may make that change in the
 * state of the entry's own causal past: no relay and no non-admin member can
 * add or remove anyone. Concurrent entries (two admins at once) are merged by
 * one deterministic order (see `linearize`), so every member that holds the
 * same entries computes the same membership. Pure code.
 */
import { bytesEqual, ed25519Verify, groupLabel, lengthPrefixed, sha256, toHex } from '../crypto/index.ts'
import type { RandomSource , Ed25519KeyPair} from '../crypto/index.ts'
import { decodeBounded } from '../wire/index.ts'
import { group } from '../wire/group.ts'
import { nameProblem, safeNumber } from './checks.ts'
import { InvalidRecordError } from './errors.ts'

export const ENTRY_KINDS = { create: 1, add: 2, remove: 3, makeAdmin: 4, dropAdmin: 5, rename: 6 } as const
export type EntryKind = keyof typeof ENTRY_KINDS
const KIND_NAMES = new Map<number, EntryKind>(Object.entries(ENTRY_KINDS).map(([k, v]) => [v, k as EntryKind]))

/** Largest encoded entry: a create naming MAX_GROUP_ACCOUNTS accounts (34 bytes each) and its framing. */
export const MAX_GROUP_ENTRY = 48 * 1024
/** Most accounts one entry names, and most members a group has (Signal and WhatsApp stop at 1,000). */
export const MAX_GROUP_ACCOUNTS = 1000
/** Most parents an entry names: more concurrent heads than this are merged over several entries. */
export const MAX_ENTRY_PARENTS = 16
/** Most entries a log holds: a bound on what a member verifies and stores. */
export const MAX_LOG_ENTRIES = 10_000
/** Longest group name, in code points (as a device label). */
export const MAX_GROUP_NAME = 64

/** A verified entry. `id` is SHA-256 of `bytes`; `hex` is its hex form. */
export interface GroupEntry {
  readonly id: Uint8Array
  readonly hex: string
  readonly bytes: Uint8Array
  readonly groupId: Uint8Array
  readonly parents: readonly string[]
  readonly kind: EntryKind
  readonly accounts: readonly string[]
  readonly name: string
  readonly author: string
  readonly createdAt: number
}

/** The membership a log's entries give, in hex account keys. */
export interface GroupState {
  readonly groupId: string
  readonly name: string
  readonly members: ReadonlySet<string>
  readonly admins: ReadonlySet<string>
  /** Ids of the entries that changed nothing (their author was no longer allowed when their turn came). */
  readonly ineffective: ReadonlySet<string>
}

export interface EntryParams {
  readonly kind: EntryKind
  readonly accounts?: readonly Uint8Array[]
  readonly name?: string
  readonly createdAt: number
}

function body (entry: group.GroupEntry): Uint8Array {
  return lengthPrefixed(groupLabel('groupEntry'), group.GroupEntry.encode({ ...entry, signature: new Uint8Array(0) }))
}

/** Signs an entry. `groupId` and `parents` are empty for a create, which gets a random nonce. */
export function signGroupEntry (key: Ed25519KeyPair, groupId: Uint8Array, parents: readonly Uint8Array[], params: EntryParams, random: RandomSource): Uint8Array {
  const create = params.kind === 'create'
  const wire: group.GroupEntry = {
    groupId: groupId as Uint8Array<ArrayBuffer>,
    parents: parents as Array<Uint8Array<ArrayBuffer>>,
    kind: ENTRY_KINDS[params.kind],
    accounts: (params.accounts ?? []) as Array<Uint8Array<ArrayBuffer>>,
    name: params.name ?? '',
    author: key.publicKey as Uint8Array<ArrayBuffer>,
    createdAt: BigInt(params.createdAt),
    nonce: (create ? random(16) : new Uint8Array(0)) as Uint8Array<ArrayBuffer>,
    signature: new Uint8Array(0)
  }
  wire.signature = key.sign(body(wire)) as Uint8Array<ArrayBuffer>
  const bytes = group.GroupEntry.encode(wire)
  parseGroupEntry(bytes)
  return bytes
}

function unique (items: readonly Uint8Array[], length: number, what: string): string[] {
  const out = new Set<string>()
  for (const item of items) {
    if (item.length !== length) throw new InvalidRecordError(`${what}: expected ${length} bytes`)
    out.add(toHex(item))
  }
  if (out.size !== items.length) throw new InvalidRecordError(`${what}: repeated`)
  return [...out]
}

/** Decodes and checks one entry on its own: every length, the kind's shape and the signature. */
export function parseGroupEntry (bytes: Uint8Array): GroupEntry {
  const wire = decodeBounded(group.GroupEntry, bytes, MAX_GROUP_ENTRY, 'group entry', { accounts: MAX_GROUP_ACCOUNTS, parents: MAX_ENTRY_PARENTS })
  const kind = KIND_NAMES.get(wire.kind)
  if (kind === undefined) throw new InvalidRecordError(`unknown group entry kind ${wire.kind}`)
  if (wire.author.length !== 32) throw new InvalidRecordError('group entry author: expected 32 bytes')
  const accounts = unique(wire.accounts, 32, 'group entry accounts')
  const parents = unique(wire.parents, 32, 'group entry parents')
  if (kind === 'create') {
    if (wire.groupId.length !== 0 || parents.length !== 0 || wire.nonce.length !== 16) throw new InvalidRecordError('a create entry has no group id, no parents and a 16-byte nonce')
  } else if (wire.groupId.length !== 32 || parents.length === 0 || wire.nonce.length !== 0) {
    throw new InvalidRecordError('an entry names its group and at least one parent')
  }
  if (kind === 'create' || kind === 'rename') {
    const problem = nameProblem(wire.name, MAX_GROUP_NAME, 'group name')
    if (problem !== undefined) throw new InvalidRecordError(problem)
  } else if (wire.name !== '') {
    throw new InvalidRecordError('only create and rename entries carry a name')
  }
  if ((kind === 'add' || kind === 'remove' || kind === 'makeAdmin' || kind === 'dropAdmin') && accounts.length === 0) throw new InvalidRecordError(`a ${kind} entry names at least one account`)
  if (kind === 'rename' && accounts.length !== 0) throw new InvalidRecordError('a rename entry names no account')
  if (!ed25519Verify(wire.author, body(wire), wire.signature)) throw new InvalidRecordError('group entry signature does not verify')
  const id = sha256(bytes)
  return { id, hex: toHex(id), bytes, groupId: kind === 'create' ? id : wire.groupId, parents, kind, accounts, name: wire.name, author: toHex(wire.author), createdAt: safeNumber(wire.createdAt, 'group entry created_at') }
}

/** Revocations go first among concurrent entries: an admin being removed cannot race its removal. */
const REVOKES = new Set<EntryKind>(['remove', 'dropAdmin'])

interface MutableState { name: string, members: Set<string>, admins: Set<string>, ineffective: Set<string> }

/** Whether `entry`'s author may make its change in `state`. */
function allowed (state: MutableState, entry: GroupEntry): boolean {
  if (state.admins.has(entry.author)) return true
  // Anyone who is a member may leave: a remove naming only its author.
  return entry.kind === 'remove' && state.members.has(entry.author) && entry.accounts.length === 1 && entry.accounts[0] === entry.author
}

function apply (state: MutableState, entry: GroupEntry): void {
  if (entry.kind === 'create') {
    state.name = entry.name
    state.members = new Set([entry.author, ...entry.accounts])
    state.admins = new Set([entry.author])
    return
  }
  if (!allowed(state, entry)) {
    state.ineffective.add(entry.hex)
    return
  }
  for (const account of entry.accounts) {
    if (entry.kind === 'add') state.members.add(account)
    if (entry.kind === 'remove') { state.members.delete(account); state.admins.delete(account) }
    if (entry.kind === 'makeAdmin' && state.members.has(account)) state.admins.add(account)
    if (entry.kind === 'dropAdmin') state.admins.delete(account)
  }
  if (entry.kind === 'rename') state.name = entry.name
}

function compareEntries (a: GroupEntry, b: GroupEntry): number {
  const ra = REVOKES.has(a.kind) ? 0 : 1
  const rb = REVOKES.has(b.kind) ? 0 : 1
  if (ra !== rb) return ra - rb
  return a.hex < b.hex ? -1 : a.hex > b.hex ? 1 : 0
}

/**
 * The deterministic order of a set of entries (closed under parents):
 * Kahn's topological sort where, among the entries whose parents are all
 * placed, revocations (remove, drop admin) come before everything else and
 * ties go to the lower id (hex). docs/PROTOCOL.md §15.1 states the rule.
 */
export function linearize (entries: ReadonlyMap<string, GroupEntry>): GroupEntry[] {
  const waiting = new Map<string, number>()
  const children = new Map<string, string[]>()
  const ready: GroupEntry[] = []
  for (const entry of entries.values()) {
    waiting.set(entry.hex, entry.parents.length)
    for (const parent of entry.parents) children.set(parent, [...(children.get(parent) ?? []), entry.hex])
    if (entry.parents.length === 0) ready.push(entry)
  }
  const out: GroupEntry[] = []
  while (ready.length > 0) {
    ready.sort(compareEntries)
    const next = ready.shift() as GroupEntry
    out.push(next)
    for (const child of children.get(next.hex) ?? []) {
      const left = (waiting.get(child) as number) - 1
      waiting.set(child, left)
      if (left === 0) ready.push(entries.get(child) as GroupEntry)
    }
  }
  return out
}

function stateOf (ordered: readonly GroupEntry[], groupId: string): GroupState {
  const state: MutableState = { name: '', members: new Set(), admins: new Set(), ineffective: new Set() }
  for (const entry of ordered) apply(state, entry)
  return { groupId, ...state }
}

/** What `GroupLog.add` did with an entry. */
export type AddResult = 'added' | 'duplicate'

/** A group's log as one member holds it. Immutable: `add` returns a new log. */
export class GroupLog {
  readonly groupId: Uint8Array
  readonly groupHex: string
  readonly #entries: ReadonlyMap<string, GroupEntry>
  #state: GroupState | undefined

  private constructor (groupId: Uint8Array, entries: ReadonlyMap<string, GroupEntry>) {
    this.groupId = groupId
    this.groupHex = toHex(groupId)
    this.#entries = entries
  }

  /** A new group: the create entry, signed by the creator (its first admin). */
  static create (key: Ed25519KeyPair, name: string, members: readonly Uint8Array[], createdAt: number, random: RandomSource): GroupLog {
    const others = members.filter((m) => !bytesEqual(m, key.publicKey))
    return GroupLog.fromCreate(signGroupEntry(key, new Uint8Array(0), [], { kind: 'create', accounts: others, name, createdAt }, random))
  }

  /** A log from its create entry's bytes. */
  static fromCreate (bytes: Uint8Array): GroupLog {
    const entry = parseGroupEntry(bytes)
    if (entry.kind !== 'create') throw new InvalidRecordError('a group log starts with its create entry')
    return new GroupLog(entry.id, new Map([[entry.hex, entry]]))
  }

  /**
   * A log from its entries in any order, create first or not: every entry is
   * verified as `add` would (a stored log is re-verified in full on load).
   */
  static fromEntries (entries: readonly Uint8Array[]): GroupLog {
    const parsed = entries.map(parseGroupEntry)
    const creates = parsed.filter((e) => e.kind === 'create')
    if (creates.length !== 1) throw new InvalidRecordError('a group log has exactly one create entry')
    let log = GroupLog.fromCreate((creates[0]).bytes)
    let pending = parsed.filter((e) => e.kind !== 'create')
    while (pending.length > 0) {
      const placeable = pending.filter((e) => e.parents.every((p) => log.has(p)))
      if (placeable.length === 0) throw new InvalidRecordError('group entry names an unknown parent')
      for (const entry of placeable) log = log.add(entry.bytes).log
      pending = pending.filter((e) => !log.has(e.hex))
    }
    return log
  }

  has (hex: string): boolean {
    return this.#entries.has(hex)
  }

  get size (): number {
    return this.#entries.size
  }

  /** The entries in their deterministic order, create first. */
  entries (): GroupEntry[] {
    return linearize(this.#entries)
  }

  /** Ids of the entries no other entry follows, sorted: the parents of the next entry. */
  heads (): string[] {
    const followed = new Set<string>()
    for (const entry of this.#entries.values()) for (const p of entry.parents) followed.add(p)
    return [...this.#entries.keys()].filter((h) => !followed.has(h)).sort()
  }

  state (): GroupState {
    this.#state ??= stateOf(linearize(this.#entries), this.groupHex)
    return this.#state
  }

  /**
   * Verifies `bytes` as the next entry of this log. Throws InvalidRecordError
   * on a bad signature, another group, an unknown parent (a broken chain), or
   * an author who may not make the change in the entry's causal past; an
   * entry already held (a replay) is a 'duplicate' and changes nothing.
   */
  add (bytes: Uint8Array): { log: GroupLog, result: AddResult, entry: GroupEntry } {
    const entry = parseGroupEntry(bytes)
    const known = this.#entries.get(entry.hex)
    if (known !== undefined) return { log: this, result: 'duplicate', entry: known }
    if (entry.kind === 'create') throw new InvalidRecordError('a group has one create entry')
    if (!bytesEqual(entry.groupId, this.groupId)) throw new InvalidRecordError('group entry belongs to another group')
    if (this.#entries.size >= MAX_LOG_ENTRIES) throw new InvalidRecordError('group log is full')
    const past = new Map<string, GroupEntry>()
    const stack = [...entry.parents]
    while (stack.length > 0) {
      const hex = stack.pop() as string
      if (past.has(hex)) continue
      const parent = this.#entries.get(hex)
      if (parent === undefined) throw new InvalidRecordError('group entry names an unknown parent')
      past.set(hex, parent)
      stack.push(...parent.parents)
    }
    const before = stateOf(linearize(past), this.groupHex)
    const state: MutableState = { name: before.name, members: new Set(before.members), admins: new Set(before.admins), ineffective: new Set() }
    if (!allowed(state, entry)) throw new InvalidRecordError('group entry author may not make this change')
    const entries = new Map(this.#entries)
    entries.set(entry.hex, entry)
    return { log: new GroupLog(this.groupId, entries), result: 'added', entry }
  }

  /** Signs and adds a change by `key` on top of the current heads. */
  change (key: Ed25519KeyPair, params: EntryParams, random: RandomSource): { log: GroupLog, entry: GroupEntry } {
    const heads = this.heads().slice(0, MAX_ENTRY_PARENTS).map((h) => (this.#entries.get(h) as GroupEntry).id)
    const { log, entry } = this.add(signGroupEntry(key, this.groupId, heads, params, random))
    return { log, entry }
  }

  /** Every entry's bytes, in the deterministic order (what a member hands another). */
  encoded (): Uint8Array[] {
    return this.entries().map((e) => e.bytes)
  }
}
