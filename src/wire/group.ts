/* eslint-disable require-yield */

import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface group {}

export namespace group {
  export interface GroupEntry {
    groupId: Uint8Array<ArrayBuffer>
    parents: Uint8Array<ArrayBuffer>[]
    kind: number
    accounts: Uint8Array<ArrayBuffer>[]
    name: string
    author: Uint8Array<ArrayBuffer>
    createdAt: bigint
    nonce: Uint8Array<ArrayBuffer>
    signature: Uint8Array<ArrayBuffer>
  }

  export namespace GroupEntry {
    let _codec: Codec<GroupEntry>

    export const codec = (): Codec<GroupEntry> => {
      if (_codec == null) {
        _codec = message<GroupEntry>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.groupId != null && obj.groupId.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.groupId)
          }

          if (obj.parents != null && obj.parents.length > 0) {
            for (const value of obj.parents) {
              w.uint32(18)
              w.bytes(value)
            }
          }

          if ((obj.kind != null && obj.kind !== 0)) {
            w.uint32(24)
            w.uint32(obj.kind)
          }

          if (obj.accounts != null && obj.accounts.length > 0) {
            for (const value of obj.accounts) {
              w.uint32(34)
              w.bytes(value)
            }
          }

          if ((obj.name != null && obj.name !== '')) {
            w.uint32(42)
            w.string(obj.name)
          }

          if ((obj.author != null && obj.author.byteLength > 0)) {
            w.uint32(50)
            w.bytes(obj.author)
          }

          if ((obj.createdAt != null && obj.createdAt !== 0n)) {
            w.uint32(56)
            w.uint64(obj.createdAt)
          }

          if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
            w.uint32(66)
            w.bytes(obj.nonce)
          }

          if ((obj.signature != null && obj.signature.byteLength > 0)) {
            w.uint32(74)
            w.bytes(obj.signature)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            groupId: uint8ArrayAlloc(0),
            parents: [],
            kind: 0,
            accounts: [],
            name: '',
            author: uint8ArrayAlloc(0),
            createdAt: 0n,
            nonce: uint8ArrayAlloc(0),
            signature: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.groupId = reader.bytes()
                break
              }
              case 2: {
                if (opts.limits?.parents != null && obj.parents.length === opts.limits.parents) {
                  throw new MaxLengthError('Decode error - repeated field "parents" had too many elements')
                }

                obj.parents.push(reader.bytes())
                break
              }
              case 3: {
                obj.kind = reader.uint32()
                break
              }
              case 4: {
                if (opts.limits?.accounts != null && obj.accounts.length === opts.limits.accounts) {
                  throw new MaxLengthError('Decode error - repeated field "accounts" had too many elements')
                }

                obj.accounts.push(reader.bytes())
                break
              }
              case 5: {
                obj.name = reader.string()
                break
              }
              case 6: {
                obj.author = reader.bytes()
                break
              }
              case 7: {
                obj.createdAt = reader.uint64()
                break
              }
              case 8: {
                obj.nonce = reader.bytes()
                break
              }
              case 9: {
                obj.signature = reader.bytes()
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }

          return obj
        }, function * (reader, length, prefix, opts = {}) {
          const obj = {
            parents: 0,
            accounts: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.groupId`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                if (opts.limits?.parents != null && obj.parents === opts.limits.parents) {
                  throw new MaxLengthError('Streaming decode error - repeated field "parents" had too many elements')
                }

                yield {
                  field: `${prefix}.parents[]`,
                  index: obj.parents,
                  value: reader.bytes()
                }

                obj.parents++

                break
              }
              case 3: {
                yield {
                  field: `${prefix}.kind`,
                  value: reader.uint32()
                }
                break
              }
              case 4: {
                if (opts.limits?.accounts != null && obj.accounts === opts.limits.accounts) {
                  throw new MaxLengthError('Streaming decode error - repeated field "accounts" had too many elements')
                }

                yield {
                  field: `${prefix}.accounts[]`,
                  index: obj.accounts,
                  value: reader.bytes()
                }

                obj.accounts++

                break
              }
              case 5: {
                yield {
                  field: `${prefix}.name`,
                  value: reader.string()
                }
                break
              }
              case 6: {
                yield {
                  field: `${prefix}.author`,
                  value: reader.bytes()
                }
                break
              }
              case 7: {
                yield {
                  field: `${prefix}.createdAt`,
                  value: reader.uint64()
                }
                break
              }
              case 8: {
                yield {
                  field: `${prefix}.nonce`,
                  value: reader.bytes()
                }
                break
              }
              case 9: {
                yield {
                  field: `${prefix}.signature`,
                  value: reader.bytes()
                }
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }
        })
      }

      return _codec
    }

    export interface GroupEntryGroupIdFieldEvent {
      field: '$.groupId'
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupEntryParentsFieldEvent {
      field: '$.parents[]'
      index: number
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupEntryKindFieldEvent {
      field: '$.kind'
      value: number
    }

    export interface GroupEntryAccountsFieldEvent {
      field: '$.accounts[]'
      index: number
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupEntryNameFieldEvent {
      field: '$.name'
      value: string
    }

    export interface GroupEntryAuthorFieldEvent {
      field: '$.author'
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupEntryCreatedAtFieldEvent {
      field: '$.createdAt'
      value: bigint
    }

    export interface GroupEntryNonceFieldEvent {
      field: '$.nonce'
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupEntrySignatureFieldEvent {
      field: '$.signature'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<GroupEntry>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, GroupEntry.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupEntry>): GroupEntry {
      return decodeMessage(buf, GroupEntry.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupEntry>): Generator<GroupEntryGroupIdFieldEvent | GroupEntryParentsFieldEvent | GroupEntryKindFieldEvent | GroupEntryAccountsFieldEvent | GroupEntryNameFieldEvent | GroupEntryAuthorFieldEvent | GroupEntryCreatedAtFieldEvent | GroupEntryNonceFieldEvent | GroupEntrySignatureFieldEvent> {
      return streamMessage(buf, GroupEntry.codec(), opts)
    }
  }

  export interface SenderKeyDistribution {
    groupId: Uint8Array<ArrayBuffer>
    keyId: number
    iteration: number
    chainKey: Uint8Array<ArrayBuffer>
    signingKey: Uint8Array<ArrayBuffer>
    account: Uint8Array<ArrayBuffer>
  }

  export namespace SenderKeyDistribution {
    let _codec: Codec<SenderKeyDistribution>

    export const codec = (): Codec<SenderKeyDistribution> => {
      if (_codec == null) {
        _codec = message<SenderKeyDistribution>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.groupId != null && obj.groupId.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.groupId)
          }

          if ((obj.keyId != null && obj.keyId !== 0)) {
            w.uint32(16)
            w.uint32(obj.keyId)
          }

          if ((obj.iteration != null && obj.iteration !== 0)) {
            w.uint32(24)
            w.uint32(obj.iteration)
          }

          if ((obj.chainKey != null && obj.chainKey.byteLength > 0)) {
            w.uint32(34)
            w.bytes(obj.chainKey)
          }

          if ((obj.signingKey != null && obj.signingKey.byteLength > 0)) {
            w.uint32(42)
            w.bytes(obj.signingKey)
          }

          if ((obj.account != null && obj.account.byteLength > 0)) {
            w.uint32(50)
            w.bytes(obj.account)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            groupId: uint8ArrayAlloc(0),
            keyId: 0,
            iteration: 0,
            chainKey: uint8ArrayAlloc(0),
            signingKey: uint8ArrayAlloc(0),
            account: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.groupId = reader.bytes()
                break
              }
              case 2: {
                obj.keyId = reader.uint32()
                break
              }
              case 3: {
                obj.iteration = reader.uint32()
                break
              }
              case 4: {
                obj.chainKey = reader.bytes()
                break
              }
              case 5: {
                obj.signingKey = reader.bytes()
                break
              }
              case 6: {
                obj.account = reader.bytes()
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }

          return obj
        }, function * (reader, length, prefix, opts = {}) {
          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.groupId`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.keyId`,
                  value: reader.uint32()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.iteration`,
                  value: reader.uint32()
                }
                break
              }
              case 4: {
                yield {
                  field: `${prefix}.chainKey`,
                  value: reader.bytes()
                }
                break
              }
              case 5: {
                yield {
                  field: `${prefix}.signingKey`,
                  value: reader.bytes()
                }
                break
              }
              case 6: {
                yield {
                  field: `${prefix}.account`,
                  value: reader.bytes()
                }
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }
        })
      }

      return _codec
    }

    export interface SenderKeyDistributionGroupIdFieldEvent {
      field: '$.groupId'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SenderKeyDistributionKeyIdFieldEvent {
      field: '$.keyId'
      value: number
    }

    export interface SenderKeyDistributionIterationFieldEvent {
      field: '$.iteration'
      value: number
    }

    export interface SenderKeyDistributionChainKeyFieldEvent {
      field: '$.chainKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SenderKeyDistributionSigningKeyFieldEvent {
      field: '$.signingKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SenderKeyDistributionAccountFieldEvent {
      field: '$.account'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<SenderKeyDistribution>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, SenderKeyDistribution.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SenderKeyDistribution>): SenderKeyDistribution {
      return decodeMessage(buf, SenderKeyDistribution.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SenderKeyDistribution>): Generator<SenderKeyDistributionGroupIdFieldEvent | SenderKeyDistributionKeyIdFieldEvent | SenderKeyDistributionIterationFieldEvent | SenderKeyDistributionChainKeyFieldEvent | SenderKeyDistributionSigningKeyFieldEvent | SenderKeyDistributionAccountFieldEvent> {
      return streamMessage(buf, SenderKeyDistribution.codec(), opts)
    }
  }

  export interface SenderKeyMessage {
    keyId: number
    iteration: number
    ciphertext: Uint8Array<ArrayBuffer>
    signature: Uint8Array<ArrayBuffer>
  }

  export namespace SenderKeyMessage {
    let _codec: Codec<SenderKeyMessage>

    export const codec = (): Codec<SenderKeyMessage> => {
      if (_codec == null) {
        _codec = message<SenderKeyMessage>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.keyId != null && obj.keyId !== 0)) {
            w.uint32(8)
            w.uint32(obj.keyId)
          }

          if ((obj.iteration != null && obj.iteration !== 0)) {
            w.uint32(16)
            w.uint32(obj.iteration)
          }

          if ((obj.ciphertext != null && obj.ciphertext.byteLength > 0)) {
            w.uint32(26)
            w.bytes(obj.ciphertext)
          }

          if ((obj.signature != null && obj.signature.byteLength > 0)) {
            w.uint32(34)
            w.bytes(obj.signature)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            keyId: 0,
            iteration: 0,
            ciphertext: uint8ArrayAlloc(0),
            signature: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.keyId = reader.uint32()
                break
              }
              case 2: {
                obj.iteration = reader.uint32()
                break
              }
              case 3: {
                obj.ciphertext = reader.bytes()
                break
              }
              case 4: {
                obj.signature = reader.bytes()
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }

          return obj
        }, function * (reader, length, prefix, opts = {}) {
          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.keyId`,
                  value: reader.uint32()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.iteration`,
                  value: reader.uint32()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.ciphertext`,
                  value: reader.bytes()
                }
                break
              }
              case 4: {
                yield {
                  field: `${prefix}.signature`,
                  value: reader.bytes()
                }
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }
        })
      }

      return _codec
    }

    export interface SenderKeyMessageKeyIdFieldEvent {
      field: '$.keyId'
      value: number
    }

    export interface SenderKeyMessageIterationFieldEvent {
      field: '$.iteration'
      value: number
    }

    export interface SenderKeyMessageCiphertextFieldEvent {
      field: '$.ciphertext'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SenderKeyMessageSignatureFieldEvent {
      field: '$.signature'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<SenderKeyMessage>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, SenderKeyMessage.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SenderKeyMessage>): SenderKeyMessage {
      return decodeMessage(buf, SenderKeyMessage.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SenderKeyMessage>): Generator<SenderKeyMessageKeyIdFieldEvent | SenderKeyMessageIterationFieldEvent | SenderKeyMessageCiphertextFieldEvent | SenderKeyMessageSignatureFieldEvent> {
      return streamMessage(buf, SenderKeyMessage.codec(), opts)
    }
  }

  export interface GroupContent {
    account: Uint8Array<ArrayBuffer>
    device: Uint8Array<ArrayBuffer>
    seq: bigint
    previous: Uint8Array<ArrayBuffer>
    seen: Uint8Array<ArrayBuffer>[]
    head: Uint8Array<ArrayBuffer>
    sentAt: bigint
    text: string
  }

  export namespace GroupContent {
    let _codec: Codec<GroupContent>

    export const codec = (): Codec<GroupContent> => {
      if (_codec == null) {
        _codec = message<GroupContent>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.account != null && obj.account.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.account)
          }

          if ((obj.device != null && obj.device.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.device)
          }

          if ((obj.seq != null && obj.seq !== 0n)) {
            w.uint32(24)
            w.uint64(obj.seq)
          }

          if ((obj.previous != null && obj.previous.byteLength > 0)) {
            w.uint32(34)
            w.bytes(obj.previous)
          }

          if (obj.seen != null && obj.seen.length > 0) {
            for (const value of obj.seen) {
              w.uint32(42)
              w.bytes(value)
            }
          }

          if ((obj.head != null && obj.head.byteLength > 0)) {
            w.uint32(50)
            w.bytes(obj.head)
          }

          if ((obj.sentAt != null && obj.sentAt !== 0n)) {
            w.uint32(56)
            w.uint64(obj.sentAt)
          }

          if ((obj.text != null && obj.text !== '')) {
            w.uint32(66)
            w.string(obj.text)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            account: uint8ArrayAlloc(0),
            device: uint8ArrayAlloc(0),
            seq: 0n,
            previous: uint8ArrayAlloc(0),
            seen: [],
            head: uint8ArrayAlloc(0),
            sentAt: 0n,
            text: ''
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.account = reader.bytes()
                break
              }
              case 2: {
                obj.device = reader.bytes()
                break
              }
              case 3: {
                obj.seq = reader.uint64()
                break
              }
              case 4: {
                obj.previous = reader.bytes()
                break
              }
              case 5: {
                if (opts.limits?.seen != null && obj.seen.length === opts.limits.seen) {
                  throw new MaxLengthError('Decode error - repeated field "seen" had too many elements')
                }

                obj.seen.push(reader.bytes())
                break
              }
              case 6: {
                obj.head = reader.bytes()
                break
              }
              case 7: {
                obj.sentAt = reader.uint64()
                break
              }
              case 8: {
                obj.text = reader.string()
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }

          return obj
        }, function * (reader, length, prefix, opts = {}) {
          const obj = {
            seen: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.account`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.device`,
                  value: reader.bytes()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.seq`,
                  value: reader.uint64()
                }
                break
              }
              case 4: {
                yield {
                  field: `${prefix}.previous`,
                  value: reader.bytes()
                }
                break
              }
              case 5: {
                if (opts.limits?.seen != null && obj.seen === opts.limits.seen) {
                  throw new MaxLengthError('Streaming decode error - repeated field "seen" had too many elements')
                }

                yield {
                  field: `${prefix}.seen[]`,
                  index: obj.seen,
                  value: reader.bytes()
                }

                obj.seen++

                break
              }
              case 6: {
                yield {
                  field: `${prefix}.head`,
                  value: reader.bytes()
                }
                break
              }
              case 7: {
                yield {
                  field: `${prefix}.sentAt`,
                  value: reader.uint64()
                }
                break
              }
              case 8: {
                yield {
                  field: `${prefix}.text`,
                  value: reader.string()
                }
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }
        })
      }

      return _codec
    }

    export interface GroupContentAccountFieldEvent {
      field: '$.account'
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupContentDeviceFieldEvent {
      field: '$.device'
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupContentSeqFieldEvent {
      field: '$.seq'
      value: bigint
    }

    export interface GroupContentPreviousFieldEvent {
      field: '$.previous'
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupContentSeenFieldEvent {
      field: '$.seen[]'
      index: number
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupContentHeadFieldEvent {
      field: '$.head'
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupContentSentAtFieldEvent {
      field: '$.sentAt'
      value: bigint
    }

    export interface GroupContentTextFieldEvent {
      field: '$.text'
      value: string
    }

    export function encode (obj: Partial<GroupContent>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, GroupContent.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupContent>): GroupContent {
      return decodeMessage(buf, GroupContent.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupContent>): Generator<GroupContentAccountFieldEvent | GroupContentDeviceFieldEvent | GroupContentSeqFieldEvent | GroupContentPreviousFieldEvent | GroupContentSeenFieldEvent | GroupContentHeadFieldEvent | GroupContentSentAtFieldEvent | GroupContentTextFieldEvent> {
      return streamMessage(buf, GroupContent.codec(), opts)
    }
  }

  export interface GroupControl {
    groupId: Uint8Array<ArrayBuffer>
    senderKey?: group.SenderKeyDistribution
    entries: Uint8Array<ArrayBuffer>[]
    groupSecret: Uint8Array<ArrayBuffer>
  }

  export namespace GroupControl {
    let _codec: Codec<GroupControl>

    export const codec = (): Codec<GroupControl> => {
      if (_codec == null) {
        _codec = message<GroupControl>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.groupId != null && obj.groupId.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.groupId)
          }

          if (obj.senderKey != null) {
            w.uint32(18)
            group.SenderKeyDistribution.codec().encode(obj.senderKey, w)
          }

          if (obj.entries != null && obj.entries.length > 0) {
            for (const value of obj.entries) {
              w.uint32(26)
              w.bytes(value)
            }
          }

          if ((obj.groupSecret != null && obj.groupSecret.byteLength > 0)) {
            w.uint32(34)
            w.bytes(obj.groupSecret)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            groupId: uint8ArrayAlloc(0),
            entries: [],
            groupSecret: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.groupId = reader.bytes()
                break
              }
              case 2: {
                obj.senderKey = group.SenderKeyDistribution.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.senderKey
                })
                break
              }
              case 3: {
                if (opts.limits?.entries != null && obj.entries.length === opts.limits.entries) {
                  throw new MaxLengthError('Decode error - repeated field "entries" had too many elements')
                }

                obj.entries.push(reader.bytes())
                break
              }
              case 4: {
                obj.groupSecret = reader.bytes()
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }

          return obj
        }, function * (reader, length, prefix, opts = {}) {
          const obj = {
            entries: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.groupId`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield * group.SenderKeyDistribution.codec().stream(reader, reader.uint32(), `${prefix}.senderKey`, {
                  limits: opts.limits?.senderKey
                })

                break
              }
              case 3: {
                if (opts.limits?.entries != null && obj.entries === opts.limits.entries) {
                  throw new MaxLengthError('Streaming decode error - repeated field "entries" had too many elements')
                }

                yield {
                  field: `${prefix}.entries[]`,
                  index: obj.entries,
                  value: reader.bytes()
                }

                obj.entries++

                break
              }
              case 4: {
                yield {
                  field: `${prefix}.groupSecret`,
                  value: reader.bytes()
                }
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }
        })
      }

      return _codec
    }

    export interface GroupControlGroupIdFieldEvent {
      field: '$.groupId'
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupControlSenderKeyGroupIdFieldEvent {
      field: '$.senderKey.groupId'
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupControlSenderKeyKeyIdFieldEvent {
      field: '$.senderKey.keyId'
      value: number
    }

    export interface GroupControlSenderKeyIterationFieldEvent {
      field: '$.senderKey.iteration'
      value: number
    }

    export interface GroupControlSenderKeyChainKeyFieldEvent {
      field: '$.senderKey.chainKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupControlSenderKeySigningKeyFieldEvent {
      field: '$.senderKey.signingKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupControlSenderKeyAccountFieldEvent {
      field: '$.senderKey.account'
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupControlEntriesFieldEvent {
      field: '$.entries[]'
      index: number
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupControlGroupSecretFieldEvent {
      field: '$.groupSecret'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<GroupControl>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, GroupControl.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupControl>): GroupControl {
      return decodeMessage(buf, GroupControl.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupControl>): Generator<GroupControlGroupIdFieldEvent | GroupControlSenderKeyGroupIdFieldEvent | GroupControlSenderKeyKeyIdFieldEvent | GroupControlSenderKeyIterationFieldEvent | GroupControlSenderKeyChainKeyFieldEvent | GroupControlSenderKeySigningKeyFieldEvent | GroupControlSenderKeyAccountFieldEvent | GroupControlEntriesFieldEvent | GroupControlGroupSecretFieldEvent> {
      return streamMessage(buf, GroupControl.codec(), opts)
    }
  }

  export interface GroupSyncRequest {
    topic: Uint8Array<ArrayBuffer>
    have: Uint8Array<ArrayBuffer>[]
    heads: Uint8Array<ArrayBuffer>[]
  }

  export namespace GroupSyncRequest {
    let _codec: Codec<GroupSyncRequest>

    export const codec = (): Codec<GroupSyncRequest> => {
      if (_codec == null) {
        _codec = message<GroupSyncRequest>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.topic != null && obj.topic.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.topic)
          }

          if (obj.have != null && obj.have.length > 0) {
            for (const value of obj.have) {
              w.uint32(18)
              w.bytes(value)
            }
          }

          if (obj.heads != null && obj.heads.length > 0) {
            for (const value of obj.heads) {
              w.uint32(26)
              w.bytes(value)
            }
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            topic: uint8ArrayAlloc(0),
            have: [],
            heads: []
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.topic = reader.bytes()
                break
              }
              case 2: {
                if (opts.limits?.have != null && obj.have.length === opts.limits.have) {
                  throw new MaxLengthError('Decode error - repeated field "have" had too many elements')
                }

                obj.have.push(reader.bytes())
                break
              }
              case 3: {
                if (opts.limits?.heads != null && obj.heads.length === opts.limits.heads) {
                  throw new MaxLengthError('Decode error - repeated field "heads" had too many elements')
                }

                obj.heads.push(reader.bytes())
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }

          return obj
        }, function * (reader, length, prefix, opts = {}) {
          const obj = {
            have: 0,
            heads: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.topic`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                if (opts.limits?.have != null && obj.have === opts.limits.have) {
                  throw new MaxLengthError('Streaming decode error - repeated field "have" had too many elements')
                }

                yield {
                  field: `${prefix}.have[]`,
                  index: obj.have,
                  value: reader.bytes()
                }

                obj.have++

                break
              }
              case 3: {
                if (opts.limits?.heads != null && obj.heads === opts.limits.heads) {
                  throw new MaxLengthError('Streaming decode error - repeated field "heads" had too many elements')
                }

                yield {
                  field: `${prefix}.heads[]`,
                  index: obj.heads,
                  value: reader.bytes()
                }

                obj.heads++

                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }
        })
      }

      return _codec
    }

    export interface GroupSyncRequestTopicFieldEvent {
      field: '$.topic'
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupSyncRequestHaveFieldEvent {
      field: '$.have[]'
      index: number
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupSyncRequestHeadsFieldEvent {
      field: '$.heads[]'
      index: number
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<GroupSyncRequest>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, GroupSyncRequest.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupSyncRequest>): GroupSyncRequest {
      return decodeMessage(buf, GroupSyncRequest.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupSyncRequest>): Generator<GroupSyncRequestTopicFieldEvent | GroupSyncRequestHaveFieldEvent | GroupSyncRequestHeadsFieldEvent> {
      return streamMessage(buf, GroupSyncRequest.codec(), opts)
    }
  }

  export interface GroupSyncResponse {
    messages: Uint8Array<ArrayBuffer>[]
    entries: Uint8Array<ArrayBuffer>[]
  }

  export namespace GroupSyncResponse {
    let _codec: Codec<GroupSyncResponse>

    export const codec = (): Codec<GroupSyncResponse> => {
      if (_codec == null) {
        _codec = message<GroupSyncResponse>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if (obj.messages != null && obj.messages.length > 0) {
            for (const value of obj.messages) {
              w.uint32(10)
              w.bytes(value)
            }
          }

          if (obj.entries != null && obj.entries.length > 0) {
            for (const value of obj.entries) {
              w.uint32(18)
              w.bytes(value)
            }
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            messages: [],
            entries: []
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                if (opts.limits?.messages != null && obj.messages.length === opts.limits.messages) {
                  throw new MaxLengthError('Decode error - repeated field "messages" had too many elements')
                }

                obj.messages.push(reader.bytes())
                break
              }
              case 2: {
                if (opts.limits?.entries != null && obj.entries.length === opts.limits.entries) {
                  throw new MaxLengthError('Decode error - repeated field "entries" had too many elements')
                }

                obj.entries.push(reader.bytes())
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }

          return obj
        }, function * (reader, length, prefix, opts = {}) {
          const obj = {
            messages: 0,
            entries: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                if (opts.limits?.messages != null && obj.messages === opts.limits.messages) {
                  throw new MaxLengthError('Streaming decode error - repeated field "messages" had too many elements')
                }

                yield {
                  field: `${prefix}.messages[]`,
                  index: obj.messages,
                  value: reader.bytes()
                }

                obj.messages++

                break
              }
              case 2: {
                if (opts.limits?.entries != null && obj.entries === opts.limits.entries) {
                  throw new MaxLengthError('Streaming decode error - repeated field "entries" had too many elements')
                }

                yield {
                  field: `${prefix}.entries[]`,
                  index: obj.entries,
                  value: reader.bytes()
                }

                obj.entries++

                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }
        })
      }

      return _codec
    }

    export interface GroupSyncResponseMessagesFieldEvent {
      field: '$.messages[]'
      index: number
      value: Uint8Array<ArrayBuffer>
    }

    export interface GroupSyncResponseEntriesFieldEvent {
      field: '$.entries[]'
      index: number
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<GroupSyncResponse>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, GroupSyncResponse.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupSyncResponse>): GroupSyncResponse {
      return decodeMessage(buf, GroupSyncResponse.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupSyncResponse>): Generator<GroupSyncResponseMessagesFieldEvent | GroupSyncResponseEntriesFieldEvent> {
      return streamMessage(buf, GroupSyncResponse.codec(), opts)
    }
  }

  let _codec: Codec<group>

  export const codec = (): Codec<group> => {
    if (_codec == null) {
      _codec = message<group>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export function encode (obj: Partial<group>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, group.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<group>): group {
    return decodeMessage(buf, group.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<group>): Generator<{}> {
    return streamMessage(buf, group.codec(), opts)
  }
}
