/**
 * Validation of a BusinessProfileInput (`PUT /v1/business/profile`, and
 * `kabar business publish --profile FILE` before it sends anything). Every
 * error is a BAD_REQUEST naming the field by its path, e.g.
 * `processors[0].retentionDays must be an integer from 0 to 36500`, so a
 * business can fix its JSON file from the message alone. The bounds mirror
 * the record's own (records/limits.ts, docs/PROTOCOL.md §11); the node checks
 * the encoded record again, including its total size.
 */
import { KabarError } from '../errors.ts'
import type { ApiReaderView, BusinessProfileInput, PolicyRefView, ProcessorView, Purpose } from '../node/types.ts'
import { parseAddress } from './validate.ts'

/** Profile bounds, as records/limits.ts sets them for the signed record. */
export const PROFILE_LIMITS = {
  /** Names, labels, organisations (Unicode code points). */
  name: 64,
  region: 32,
  /** URL length in UTF-8 bytes. */
  url: 512,
  apiReaders: 64,
  processors: 16,
  attestations: 8,
  retentionDays: 36_500,
  /** A base64 attestation: a signed record of a few hundred bytes; 4 KiB is generous. */
  attestationChars: 4096
} as const

export const PURPOSES: readonly Purpose[] = ['store', 'read', 'reply', 'automated']

const INPUT_FIELDS = ['displayName', 'privacyPolicy', 'organisations', 'apiReaders', 'processors', 'attestations'] as const
const POLICY_FIELDS = ['url', 'sha256'] as const
const READER_FIELDS = ['name', 'role', 'organisation'] as const
const PROCESSOR_FIELDS = ['name', 'purposes', 'region', 'retentionDays', 'privacyPolicy', 'endpoint'] as const

function bad (message: string): KabarError {
  return new KabarError('BAD_REQUEST', message)
}

function shown (value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value)
}

function object (value: unknown, path: string, allowed: readonly string[], required: readonly string[] = allowed): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad(`${path === '' ? 'the profile' : path} must be a JSON object`)
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw bad(`${path === '' ? '' : `${path}: `}unknown field ${shown(key)} (allowed: ${allowed.join(', ')})`)
  }
  const record = value as Record<string, unknown>
  for (const key of required) {
    if (record[key] === undefined) throw bad(`${path === '' ? key : `${path}.${key}`} is missing`)
  }
  return record
}

function text (value: unknown, path: string, max: number): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw bad(`${path} must be a non-empty string`)
  const length = [...value].length
  if (length > max) throw bad(`${path} must be at most ${max} characters, got ${length}`)
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) throw bad(`${path} must not contain control characters`)
  return value
}

function array (value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) throw bad(`${path} must be an array`)
  if (value.length > max) throw bad(`${path} must have at most ${max} entries, got ${value.length}`)
  return value
}

function httpsUrl (value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) throw bad(`${path} must be an https URL`)
  if (Buffer.byteLength(value) > PROFILE_LIMITS.url) throw bad(`${path} must be at most ${PROFILE_LIMITS.url} bytes`)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw bad(`${path} must be an https URL, got ${shown(value)}`)
  }
  if (url.protocol !== 'https:') throw bad(`${path} must be an https URL, got ${shown(value)}`)
  return value
}

function policy (value: unknown, path: string): PolicyRefView {
  const p = object(value, path, POLICY_FIELDS)
  const url = httpsUrl(p.url, `${path}.url`)
  if (typeof p.sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(p.sha256)) throw bad(`${path}.sha256 must be 64 hex characters (the SHA-256 of the document at ${path}.url)`)
  return { url, sha256: p.sha256.toLowerCase() }
}

/** A host name as webhooks use it: lowercase letters, digits, hyphens and dots, or a bracketed IPv6 literal. */
export function isHostName (host: string): boolean {
  return host.length > 0 && host.length <= 253 &&
    (/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(host) || /^\[[0-9a-f:.]+\]$/.test(host))
}

function unique (names: readonly string[], path: string): void {
  const seen = new Set<string>()
  names.forEach((name, i) => {
    if (seen.has(name)) throw bad(`${path}[${i}].name ${shown(name)} is listed twice`)
    seen.add(name)
  })
}

function apiReader (value: unknown, path: string): ApiReaderView {
  const r = object(value, path, READER_FIELDS)
  const name = text(r.name, `${path}.name`, PROFILE_LIMITS.name)
  if (r.role !== 'agent' && r.role !== 'processor') throw bad(`${path}.role must be "agent" or "processor"`)
  return { name, role: r.role, organisation: text(r.organisation, `${path}.organisation`, PROFILE_LIMITS.name) }
}

function processor (value: unknown, path: string): ProcessorView {
  const p = object(value, path, PROCESSOR_FIELDS)
  const name = text(p.name, `${path}.name`, PROFILE_LIMITS.name)
  const purposes = array(p.purposes, `${path}.purposes`, PURPOSES.length)
  if (purposes.length === 0) throw bad(`${path}.purposes must list at least one of ${PURPOSES.join(', ')}`)
  purposes.forEach((purpose, j) => {
    if (!PURPOSES.includes(purpose as Purpose)) throw bad(`${path}.purposes[${j}] must be one of ${PURPOSES.join(', ')}`)
    if (purposes.indexOf(purpose) !== j) throw bad(`${path}.purposes[${j}] ${shown(String(purpose))} is listed twice`)
  })
  const region = text(p.region, `${path}.region`, PROFILE_LIMITS.region)
  const days = p.retentionDays
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > PROFILE_LIMITS.retentionDays) {
    throw bad(`${path}.retentionDays must be an integer from 0 to ${PROFILE_LIMITS.retentionDays}`)
  }
  const privacyPolicy = policy(p.privacyPolicy, `${path}.privacyPolicy`)
  if (typeof p.endpoint !== 'string' || !isHostName(p.endpoint)) {
    throw bad(`${path}.endpoint must be a lowercase host name (e.g. "hooks.helpdesk.example"), the host its webhooks go to`)
  }
  return { name, purposes: purposes as Purpose[], region, retentionDays: days, privacyPolicy, endpoint: p.endpoint }
}

/** Checks a BusinessProfileInput and returns a clean copy; BAD_REQUEST naming the field otherwise. */
export function parseProfileInput (value: unknown): BusinessProfileInput {
  const input = object(value, '', INPUT_FIELDS, ['displayName', 'privacyPolicy'])
  const result: BusinessProfileInput = {
    displayName: text(input.displayName, 'displayName', PROFILE_LIMITS.name),
    privacyPolicy: policy(input.privacyPolicy, 'privacyPolicy')
  }
  if (input.organisations !== undefined) {
    const orgs = input.organisations
    if (orgs === null || typeof orgs !== 'object' || Array.isArray(orgs)) throw bad('organisations must be an object of device PeerId → organisation')
    const clean: Record<string, string> = {}
    for (const [peerId, org] of Object.entries(orgs as Record<string, unknown>)) {
      try {
        parseAddress(peerId)
      } catch {
        throw bad(`organisations: key ${shown(peerId)} is not a device PeerId`)
      }
      clean[peerId] = text(org, `organisations[${shown(peerId)}]`, PROFILE_LIMITS.name)
    }
    result.organisations = clean
  }
  if (input.apiReaders !== undefined) {
    const readers = array(input.apiReaders, 'apiReaders', PROFILE_LIMITS.apiReaders).map((r, i) => apiReader(r, `apiReaders[${i}]`))
    unique(readers.map((r) => r.name), 'apiReaders')
    result.apiReaders = readers
  }
  if (input.processors !== undefined) {
    const processors = array(input.processors, 'processors', PROFILE_LIMITS.processors).map((p, i) => processor(p, `processors[${i}]`))
    unique(processors.map((p) => p.name), 'processors')
    result.processors = processors
  }
  if (input.attestations !== undefined) {
    result.attestations = array(input.attestations, 'attestations', PROFILE_LIMITS.attestations).map((a, i) => {
      if (typeof a !== 'string' || a.length === 0 || a.length > PROFILE_LIMITS.attestationChars || !/^[A-Za-z0-9+/]+={0,2}$/.test(a)) {
        throw bad(`attestations[${i}] must be a base64 attestation as \`kabar verifier attest\` prints it`)
      }
      return a
    })
  }
  return result
}
