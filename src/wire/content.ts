/* eslint-disable require-yield */

import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface content {}

export namespace content {
  export interface Content {
    messageId: Uint8Array<ArrayBuffer>
    seq: bigint
    sentAt: bigint
    text: string
    disclosureVersion: bigint
    disclosureHash: Uint8Array<ArrayBuffer>
    senderAccount: Uint8Array<ArrayBuffer>
    senderCertificate: Uint8Array<ArrayBuffer>
    syncTo: Uint8Array<ArrayBuffer>
    sentBy: string
    group: Uint8Array<ArrayBuffer>
    receipts: Uint8Array<ArrayBuffer>[]
  }

  export namespace Content {
    let _codec: Codec<Content>

    export const codec = (): Codec<Content> => {
      if (_codec == null) {
        _codec = message<Content>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.messageId != null && obj.messageId.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.messageId)
          }

          if ((obj.seq != null && obj.seq !== 0n)) {
            w.uint32(16)
            w.uint64(obj.seq)
          }

          if ((obj.sentAt != null && obj.sentAt !== 0n)) {
            w.uint32(24)
            w.uint64(obj.sentAt)
          }

          if ((obj.text != null && obj.text !== '')) {
            w.uint32(34)
            w.string(obj.text)
          }

          if ((obj.disclosureVersion != null && obj.disclosureVersion !== 0n)) {
            w.uint32(40)
            w.uint64(obj.disclosureVersion)
          }

          if ((obj.disclosureHash != null && obj.disclosureHash.byteLength > 0)) {
            w.uint32(50)
            w.bytes(obj.disclosureHash)
          }

          if ((obj.senderAccount != null && obj.senderAccount.byteLength > 0)) {
            w.uint32(58)
            w.bytes(obj.senderAccount)
          }

          if ((obj.senderCertificate != null && obj.senderCertificate.byteLength > 0)) {
            w.uint32(66)
            w.bytes(obj.senderCertificate)
          }

          if ((obj.syncTo != null && obj.syncTo.byteLength > 0)) {
            w.uint32(74)
            w.bytes(obj.syncTo)
          }

          if ((obj.sentBy != null && obj.sentBy !== '')) {
            w.uint32(82)
            w.string(obj.sentBy)
          }

          if ((obj.group != null && obj.group.byteLength > 0)) {
            w.uint32(90)
            w.bytes(obj.group)
          }

          if (obj.receipts != null && obj.receipts.length > 0) {
            for (const value of obj.receipts) {
              w.uint32(98)
              w.bytes(value)
            }
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            messageId: uint8ArrayAlloc(0),
            seq: 0n,
            sentAt: 0n,
            text: '',
            disclosureVersion: 0n,
            disclosureHash: uint8ArrayAlloc(0),
            senderAccount: uint8ArrayAlloc(0),
            senderCertificate: uint8ArrayAlloc(0),
            syncTo: uint8ArrayAlloc(0),
            sentBy: '',
            group: uint8ArrayAlloc(0),
            receipts: []
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.messageId = reader.bytes()
                break
              }
              case 2: {
                obj.seq = reader.uint64()
                break
              }
              case 3: {
                obj.sentAt = reader.uint64()
                break
              }
              case 4: {
                obj.text = reader.string()
                break
              }
              case 5: {
                obj.disclosureVersion = reader.uint64()
                break
              }
              case 6: {
                obj.disclosureHash = reader.bytes()
                break
              }
              case 7: {
                obj.senderAccount = reader.bytes()
                break
              }
              case 8: {
                obj.senderCertificate = reader.bytes()
                break
              }
              case 9: {
                obj.syncTo = reader.bytes()
                break
              }
              case 10: {
                obj.sentBy = reader.string()
                break
              }
              case 11: {
                obj.group = reader.bytes()
                break
              }
              case 12: {
                if (opts.limits?.receipts != null && obj.receipts.length === opts.limits.receipts) {
                  throw new MaxLengthError('Decode error - repeated field "receipts" had too many elements')
                }

                obj.receipts.push(reader.bytes())
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
            receipts: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.messageId`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.seq`,
                  value: reader.uint64()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.sentAt`,
                  value: reader.uint64()
                }
                break
              }
              case 4: {
                yield {
                  field: `${prefix}.text`,
                  value: reader.string()
                }
                break
              }
              case 5: {
                yield {
                  field: `${prefix}.disclosureVersion`,
                  value: reader.uint64()
                }
                break
              }
              case 6: {
                yield {
                  field: `${prefix}.disclosureHash`,
                  value: reader.bytes()
                }
                break
              }
              case 7: {
                yield {
                  field: `${prefix}.senderAccount`,
                  value: reader.bytes()
                }
                break
              }
              case 8: {
                yield {
                  field: `${prefix}.senderCertificate`,
                  value: reader.bytes()
                }
                break
              }
              case 9: {
                yield {
                  field: `${prefix}.syncTo`,
                  value: reader.bytes()
                }
                break
              }
              case 10: {
                yield {
                  field: `${prefix}.sentBy`,
                  value: reader.string()
                }
                break
              }
              case 11: {
                yield {
                  field: `${prefix}.group`,
                  value: reader.bytes()
                }
                break
              }
              case 12: {
                if (opts.limits?.receipts != null && obj.receipts === opts.limits.receipts) {
                  throw new MaxLengthError('Streaming decode error - repeated field "receipts" had too many elements')
                }

                yield {
                  field: `${prefix}.receipts[]`,
                  index: obj.receipts,
                  value: reader.bytes()
                }

                obj.receipts++

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

    export interface ContentMessageIdFieldEvent {
      field: '$.messageId'
      value: Uint8Array<ArrayBuffer>
    }

    export interface ContentSeqFieldEvent {
      field: '$.seq'
      value: bigint
    }

    export interface ContentSentAtFieldEvent {
      field: '$.sentAt'
      value: bigint
    }

    export interface ContentTextFieldEvent {
      field: '$.text'
      value: string
    }

    export interface ContentDisclosureVersionFieldEvent {
      field: '$.disclosureVersion'
      value: bigint
    }

    export interface ContentDisclosureHashFieldEvent {
      field: '$.disclosureHash'
      value: Uint8Array<ArrayBuffer>
    }

    export interface ContentSenderAccountFieldEvent {
      field: '$.senderAccount'
      value: Uint8Array<ArrayBuffer>
    }

    export interface ContentSenderCertificateFieldEvent {
      field: '$.senderCertificate'
      value: Uint8Array<ArrayBuffer>
    }

    export interface ContentSyncToFieldEvent {
      field: '$.syncTo'
      value: Uint8Array<ArrayBuffer>
    }

    export interface ContentSentByFieldEvent {
      field: '$.sentBy'
      value: string
    }

    export interface ContentGroupFieldEvent {
      field: '$.group'
      value: Uint8Array<ArrayBuffer>
    }

    export interface ContentReceiptsFieldEvent {
      field: '$.receipts[]'
      index: number
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<Content>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, Content.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Content>): Content {
      return decodeMessage(buf, Content.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Content>): Generator<ContentMessageIdFieldEvent | ContentSeqFieldEvent | ContentSentAtFieldEvent | ContentTextFieldEvent | ContentDisclosureVersionFieldEvent | ContentDisclosureHashFieldEvent | ContentSenderAccountFieldEvent | ContentSenderCertificateFieldEvent | ContentSyncToFieldEvent | ContentSentByFieldEvent | ContentGroupFieldEvent | ContentReceiptsFieldEvent> {
      return streamMessage(buf, Content.codec(), opts)
    }
  }

  let _codec: Codec<content>

  export const codec = (): Codec<content> => {
    if (_codec == null) {
      _codec = message<content>((obj, w, opts = {}) => {
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

  export function encode (obj: Partial<content>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, content.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<content>): content {
    return decodeMessage(buf, content.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<content>): Generator<{}> {
    return streamMessage(buf, content.codec(), opts)
  }
}
