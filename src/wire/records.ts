/* eslint-disable require-yield */

import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface records {}

export namespace records {
  export interface SignedRecord {
    publicKey: Uint8Array<ArrayBuffer>
    payloadType: Uint8Array<ArrayBuffer>
    payload: Uint8Array<ArrayBuffer>
    signature: Uint8Array<ArrayBuffer>
  }

  export namespace SignedRecord {
    let _codec: Codec<SignedRecord>

    export const codec = (): Codec<SignedRecord> => {
      if (_codec == null) {
        _codec = message<SignedRecord>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.publicKey)
          }

          if ((obj.payloadType != null && obj.payloadType.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.payloadType)
          }

          if ((obj.payload != null && obj.payload.byteLength > 0)) {
            w.uint32(26)
            w.bytes(obj.payload)
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
            publicKey: uint8ArrayAlloc(0),
            payloadType: uint8ArrayAlloc(0),
            payload: uint8ArrayAlloc(0),
            signature: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.publicKey = reader.bytes()
                break
              }
              case 2: {
                obj.payloadType = reader.bytes()
                break
              }
              case 3: {
                obj.payload = reader.bytes()
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
                  field: `${prefix}.publicKey`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.payloadType`,
                  value: reader.bytes()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.payload`,
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

    export interface SignedRecordPublicKeyFieldEvent {
      field: '$.publicKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SignedRecordPayloadTypeFieldEvent {
      field: '$.payloadType'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SignedRecordPayloadFieldEvent {
      field: '$.payload'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SignedRecordSignatureFieldEvent {
      field: '$.signature'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<SignedRecord>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, SignedRecord.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedRecord>): SignedRecord {
      return decodeMessage(buf, SignedRecord.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedRecord>): Generator<SignedRecordPublicKeyFieldEvent | SignedRecordPayloadTypeFieldEvent | SignedRecordPayloadFieldEvent | SignedRecordSignatureFieldEvent> {
      return streamMessage(buf, SignedRecord.codec(), opts)
    }
  }

  export interface DeviceCertificate {
    deviceKey: Uint8Array<ArrayBuffer>
    identityKey: Uint8Array<ArrayBuffer>
    role: number
    label: string
    added: bigint
    expires: bigint
    signature: Uint8Array<ArrayBuffer>
  }

  export namespace DeviceCertificate {
    let _codec: Codec<DeviceCertificate>

    export const codec = (): Codec<DeviceCertificate> => {
      if (_codec == null) {
        _codec = message<DeviceCertificate>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.deviceKey != null && obj.deviceKey.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.deviceKey)
          }

          if ((obj.identityKey != null && obj.identityKey.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.identityKey)
          }

          if ((obj.role != null && obj.role !== 0)) {
            w.uint32(24)
            w.uint32(obj.role)
          }

          if ((obj.label != null && obj.label !== '')) {
            w.uint32(34)
            w.string(obj.label)
          }

          if ((obj.added != null && obj.added !== 0n)) {
            w.uint32(40)
            w.uint64(obj.added)
          }

          if ((obj.expires != null && obj.expires !== 0n)) {
            w.uint32(48)
            w.uint64(obj.expires)
          }

          if ((obj.signature != null && obj.signature.byteLength > 0)) {
            w.uint32(58)
            w.bytes(obj.signature)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            deviceKey: uint8ArrayAlloc(0),
            identityKey: uint8ArrayAlloc(0),
            role: 0,
            label: '',
            added: 0n,
            expires: 0n,
            signature: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.deviceKey = reader.bytes()
                break
              }
              case 2: {
                obj.identityKey = reader.bytes()
                break
              }
              case 3: {
                obj.role = reader.uint32()
                break
              }
              case 4: {
                obj.label = reader.string()
                break
              }
              case 5: {
                obj.added = reader.uint64()
                break
              }
              case 6: {
                obj.expires = reader.uint64()
                break
              }
              case 7: {
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
                  field: `${prefix}.deviceKey`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.identityKey`,
                  value: reader.bytes()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.role`,
                  value: reader.uint32()
                }
                break
              }
              case 4: {
                yield {
                  field: `${prefix}.label`,
                  value: reader.string()
                }
                break
              }
              case 5: {
                yield {
                  field: `${prefix}.added`,
                  value: reader.uint64()
                }
                break
              }
              case 6: {
                yield {
                  field: `${prefix}.expires`,
                  value: reader.uint64()
                }
                break
              }
              case 7: {
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

    export interface DeviceCertificateDeviceKeyFieldEvent {
      field: '$.deviceKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface DeviceCertificateIdentityKeyFieldEvent {
      field: '$.identityKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface DeviceCertificateRoleFieldEvent {
      field: '$.role'
      value: number
    }

    export interface DeviceCertificateLabelFieldEvent {
      field: '$.label'
      value: string
    }

    export interface DeviceCertificateAddedFieldEvent {
      field: '$.added'
      value: bigint
    }

    export interface DeviceCertificateExpiresFieldEvent {
      field: '$.expires'
      value: bigint
    }

    export interface DeviceCertificateSignatureFieldEvent {
      field: '$.signature'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<DeviceCertificate>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, DeviceCertificate.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeviceCertificate>): DeviceCertificate {
      return decodeMessage(buf, DeviceCertificate.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeviceCertificate>): Generator<DeviceCertificateDeviceKeyFieldEvent | DeviceCertificateIdentityKeyFieldEvent | DeviceCertificateRoleFieldEvent | DeviceCertificateLabelFieldEvent | DeviceCertificateAddedFieldEvent | DeviceCertificateExpiresFieldEvent | DeviceCertificateSignatureFieldEvent> {
      return streamMessage(buf, DeviceCertificate.codec(), opts)
    }
  }

  export interface AccountRecord {
    accountKey: Uint8Array<ArrayBuffer>
    seq: bigint
    created: bigint
    expires: bigint
    devices: records.DeviceCertificate[]
    business?: Uint8Array<ArrayBuffer>
    revoked: Uint8Array<ArrayBuffer>[]
  }

  export namespace AccountRecord {
    let _codec: Codec<AccountRecord>

    export const codec = (): Codec<AccountRecord> => {
      if (_codec == null) {
        _codec = message<AccountRecord>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.accountKey != null && obj.accountKey.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.accountKey)
          }

          if ((obj.seq != null && obj.seq !== 0n)) {
            w.uint32(16)
            w.uint64(obj.seq)
          }

          if ((obj.created != null && obj.created !== 0n)) {
            w.uint32(24)
            w.uint64(obj.created)
          }

          if ((obj.expires != null && obj.expires !== 0n)) {
            w.uint32(32)
            w.uint64(obj.expires)
          }

          if (obj.devices != null && obj.devices.length > 0) {
            for (const value of obj.devices) {
              w.uint32(42)
              records.DeviceCertificate.codec().encode(value, w)
            }
          }

          if (obj.business != null) {
            w.uint32(50)
            w.bytes(obj.business)
          }

          if (obj.revoked != null && obj.revoked.length > 0) {
            for (const value of obj.revoked) {
              w.uint32(58)
              w.bytes(value)
            }
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            accountKey: uint8ArrayAlloc(0),
            seq: 0n,
            created: 0n,
            expires: 0n,
            devices: [],
            revoked: []
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.accountKey = reader.bytes()
                break
              }
              case 2: {
                obj.seq = reader.uint64()
                break
              }
              case 3: {
                obj.created = reader.uint64()
                break
              }
              case 4: {
                obj.expires = reader.uint64()
                break
              }
              case 5: {
                if (opts.limits?.devices != null && obj.devices.length === opts.limits.devices) {
                  throw new MaxLengthError('Decode error - repeated field "devices" had too many elements')
                }

                obj.devices.push(records.DeviceCertificate.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.devices$
                }))
                break
              }
              case 6: {
                obj.business = reader.bytes()
                break
              }
              case 7: {
                if (opts.limits?.revoked != null && obj.revoked.length === opts.limits.revoked) {
                  throw new MaxLengthError('Decode error - repeated field "revoked" had too many elements')
                }

                obj.revoked.push(reader.bytes())
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
            devices: 0,
            revoked: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.accountKey`,
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
                  field: `${prefix}.created`,
                  value: reader.uint64()
                }
                break
              }
              case 4: {
                yield {
                  field: `${prefix}.expires`,
                  value: reader.uint64()
                }
                break
              }
              case 5: {
                if (opts.limits?.devices != null && obj.devices === opts.limits.devices) {
                  throw new MaxLengthError('Streaming decode error - repeated field "devices" had too many elements')
                }

                for (const evt of records.DeviceCertificate.codec().stream(reader, reader.uint32(), `${prefix}.devices[]`, {
                  limits: opts.limits?.devices$
                })) {
                  yield {
                    ...evt,
                    index: obj.devices
                  }
                }

                obj.devices++

                break
              }
              case 6: {
                yield {
                  field: `${prefix}.business`,
                  value: reader.bytes()
                }
                break
              }
              case 7: {
                if (opts.limits?.revoked != null && obj.revoked === opts.limits.revoked) {
                  throw new MaxLengthError('Streaming decode error - repeated field "revoked" had too many elements')
                }

                yield {
                  field: `${prefix}.revoked[]`,
                  index: obj.revoked,
                  value: reader.bytes()
                }

                obj.revoked++

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

    export interface AccountRecordAccountKeyFieldEvent {
      field: '$.accountKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface AccountRecordSeqFieldEvent {
      field: '$.seq'
      value: bigint
    }

    export interface AccountRecordCreatedFieldEvent {
      field: '$.created'
      value: bigint
    }

    export interface AccountRecordExpiresFieldEvent {
      field: '$.expires'
      value: bigint
    }

    export interface AccountRecordDevicesDeviceKeyFieldEvent {
      field: '$.devices[].deviceKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface AccountRecordDevicesIdentityKeyFieldEvent {
      field: '$.devices[].identityKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface AccountRecordDevicesRoleFieldEvent {
      field: '$.devices[].role'
      value: number
      index: number
    }

    export interface AccountRecordDevicesLabelFieldEvent {
      field: '$.devices[].label'
      value: string
      index: number
    }

    export interface AccountRecordDevicesAddedFieldEvent {
      field: '$.devices[].added'
      value: bigint
      index: number
    }

    export interface AccountRecordDevicesExpiresFieldEvent {
      field: '$.devices[].expires'
      value: bigint
      index: number
    }

    export interface AccountRecordDevicesSignatureFieldEvent {
      field: '$.devices[].signature'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface AccountRecordBusinessFieldEvent {
      field: '$.business'
      value: Uint8Array<ArrayBuffer>
    }

    export interface AccountRecordRevokedFieldEvent {
      field: '$.revoked[]'
      index: number
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<AccountRecord>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, AccountRecord.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AccountRecord>): AccountRecord {
      return decodeMessage(buf, AccountRecord.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AccountRecord>): Generator<AccountRecordAccountKeyFieldEvent | AccountRecordSeqFieldEvent | AccountRecordCreatedFieldEvent | AccountRecordExpiresFieldEvent | AccountRecordDevicesDeviceKeyFieldEvent | AccountRecordDevicesIdentityKeyFieldEvent | AccountRecordDevicesRoleFieldEvent | AccountRecordDevicesLabelFieldEvent | AccountRecordDevicesAddedFieldEvent | AccountRecordDevicesExpiresFieldEvent | AccountRecordDevicesSignatureFieldEvent | AccountRecordBusinessFieldEvent | AccountRecordRevokedFieldEvent> {
      return streamMessage(buf, AccountRecord.codec(), opts)
    }
  }

  export interface SignedPrekey {
    id: number
    publicKey: Uint8Array<ArrayBuffer>
    created: bigint
    signature: Uint8Array<ArrayBuffer>
  }

  export namespace SignedPrekey {
    let _codec: Codec<SignedPrekey>

    export const codec = (): Codec<SignedPrekey> => {
      if (_codec == null) {
        _codec = message<SignedPrekey>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.id != null && obj.id !== 0)) {
            w.uint32(8)
            w.uint32(obj.id)
          }

          if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.publicKey)
          }

          if ((obj.created != null && obj.created !== 0n)) {
            w.uint32(24)
            w.uint64(obj.created)
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
            id: 0,
            publicKey: uint8ArrayAlloc(0),
            created: 0n,
            signature: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.id = reader.uint32()
                break
              }
              case 2: {
                obj.publicKey = reader.bytes()
                break
              }
              case 3: {
                obj.created = reader.uint64()
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
                  field: `${prefix}.id`,
                  value: reader.uint32()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.publicKey`,
                  value: reader.bytes()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.created`,
                  value: reader.uint64()
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

    export interface SignedPrekeyIdFieldEvent {
      field: '$.id'
      value: number
    }

    export interface SignedPrekeyPublicKeyFieldEvent {
      field: '$.publicKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SignedPrekeyCreatedFieldEvent {
      field: '$.created'
      value: bigint
    }

    export interface SignedPrekeySignatureFieldEvent {
      field: '$.signature'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<SignedPrekey>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, SignedPrekey.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedPrekey>): SignedPrekey {
      return decodeMessage(buf, SignedPrekey.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedPrekey>): Generator<SignedPrekeyIdFieldEvent | SignedPrekeyPublicKeyFieldEvent | SignedPrekeyCreatedFieldEvent | SignedPrekeySignatureFieldEvent> {
      return streamMessage(buf, SignedPrekey.codec(), opts)
    }
  }

  export interface PqPrekey {
    id: number
    publicKey: Uint8Array<ArrayBuffer>
    signature: Uint8Array<ArrayBuffer>
  }

  export namespace PqPrekey {
    let _codec: Codec<PqPrekey>

    export const codec = (): Codec<PqPrekey> => {
      if (_codec == null) {
        _codec = message<PqPrekey>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.id != null && obj.id !== 0)) {
            w.uint32(8)
            w.uint32(obj.id)
          }

          if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.publicKey)
          }

          if ((obj.signature != null && obj.signature.byteLength > 0)) {
            w.uint32(26)
            w.bytes(obj.signature)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            id: 0,
            publicKey: uint8ArrayAlloc(0),
            signature: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.id = reader.uint32()
                break
              }
              case 2: {
                obj.publicKey = reader.bytes()
                break
              }
              case 3: {
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
                  field: `${prefix}.id`,
                  value: reader.uint32()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.publicKey`,
                  value: reader.bytes()
                }
                break
              }
              case 3: {
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

    export interface PqPrekeyIdFieldEvent {
      field: '$.id'
      value: number
    }

    export interface PqPrekeyPublicKeyFieldEvent {
      field: '$.publicKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface PqPrekeySignatureFieldEvent {
      field: '$.signature'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<PqPrekey>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, PqPrekey.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PqPrekey>): PqPrekey {
      return decodeMessage(buf, PqPrekey.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PqPrekey>): Generator<PqPrekeyIdFieldEvent | PqPrekeyPublicKeyFieldEvent | PqPrekeySignatureFieldEvent> {
      return streamMessage(buf, PqPrekey.codec(), opts)
    }
  }

  export interface PrekeyRecord {
    deviceKey: Uint8Array<ArrayBuffer>
    identityKey: Uint8Array<ArrayBuffer>
    identitySignature: Uint8Array<ArrayBuffer>
    signedPrekey?: records.SignedPrekey
    pqPrekey?: records.PqPrekey
    seq: bigint
    created: bigint
    expires: bigint
  }

  export namespace PrekeyRecord {
    let _codec: Codec<PrekeyRecord>

    export const codec = (): Codec<PrekeyRecord> => {
      if (_codec == null) {
        _codec = message<PrekeyRecord>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.deviceKey != null && obj.deviceKey.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.deviceKey)
          }

          if ((obj.identityKey != null && obj.identityKey.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.identityKey)
          }

          if ((obj.identitySignature != null && obj.identitySignature.byteLength > 0)) {
            w.uint32(26)
            w.bytes(obj.identitySignature)
          }

          if (obj.signedPrekey != null) {
            w.uint32(34)
            records.SignedPrekey.codec().encode(obj.signedPrekey, w)
          }

          if (obj.pqPrekey != null) {
            w.uint32(42)
            records.PqPrekey.codec().encode(obj.pqPrekey, w)
          }

          if ((obj.seq != null && obj.seq !== 0n)) {
            w.uint32(48)
            w.uint64(obj.seq)
          }

          if ((obj.created != null && obj.created !== 0n)) {
            w.uint32(56)
            w.uint64(obj.created)
          }

          if ((obj.expires != null && obj.expires !== 0n)) {
            w.uint32(64)
            w.uint64(obj.expires)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            deviceKey: uint8ArrayAlloc(0),
            identityKey: uint8ArrayAlloc(0),
            identitySignature: uint8ArrayAlloc(0),
            seq: 0n,
            created: 0n,
            expires: 0n
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.deviceKey = reader.bytes()
                break
              }
              case 2: {
                obj.identityKey = reader.bytes()
                break
              }
              case 3: {
                obj.identitySignature = reader.bytes()
                break
              }
              case 4: {
                obj.signedPrekey = records.SignedPrekey.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.signedPrekey
                })
                break
              }
              case 5: {
                obj.pqPrekey = records.PqPrekey.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.pqPrekey
                })
                break
              }
              case 6: {
                obj.seq = reader.uint64()
                break
              }
              case 7: {
                obj.created = reader.uint64()
                break
              }
              case 8: {
                obj.expires = reader.uint64()
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
                  field: `${prefix}.deviceKey`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.identityKey`,
                  value: reader.bytes()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.identitySignature`,
                  value: reader.bytes()
                }
                break
              }
              case 4: {
                yield * records.SignedPrekey.codec().stream(reader, reader.uint32(), `${prefix}.signedPrekey`, {
                  limits: opts.limits?.signedPrekey
                })

                break
              }
              case 5: {
                yield * records.PqPrekey.codec().stream(reader, reader.uint32(), `${prefix}.pqPrekey`, {
                  limits: opts.limits?.pqPrekey
                })

                break
              }
              case 6: {
                yield {
                  field: `${prefix}.seq`,
                  value: reader.uint64()
                }
                break
              }
              case 7: {
                yield {
                  field: `${prefix}.created`,
                  value: reader.uint64()
                }
                break
              }
              case 8: {
                yield {
                  field: `${prefix}.expires`,
                  value: reader.uint64()
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

    export interface PrekeyRecordDeviceKeyFieldEvent {
      field: '$.deviceKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface PrekeyRecordIdentityKeyFieldEvent {
      field: '$.identityKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface PrekeyRecordIdentitySignatureFieldEvent {
      field: '$.identitySignature'
      value: Uint8Array<ArrayBuffer>
    }

    export interface PrekeyRecordSignedPrekeyIdFieldEvent {
      field: '$.signedPrekey.id'
      value: number
    }

    export interface PrekeyRecordSignedPrekeyPublicKeyFieldEvent {
      field: '$.signedPrekey.publicKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface PrekeyRecordSignedPrekeyCreatedFieldEvent {
      field: '$.signedPrekey.created'
      value: bigint
    }

    export interface PrekeyRecordSignedPrekeySignatureFieldEvent {
      field: '$.signedPrekey.signature'
      value: Uint8Array<ArrayBuffer>
    }

    export interface PrekeyRecordPqPrekeyIdFieldEvent {
      field: '$.pqPrekey.id'
      value: number
    }

    export interface PrekeyRecordPqPrekeyPublicKeyFieldEvent {
      field: '$.pqPrekey.publicKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface PrekeyRecordPqPrekeySignatureFieldEvent {
      field: '$.pqPrekey.signature'
      value: Uint8Array<ArrayBuffer>
    }

    export interface PrekeyRecordSeqFieldEvent {
      field: '$.seq'
      value: bigint
    }

    export interface PrekeyRecordCreatedFieldEvent {
      field: '$.created'
      value: bigint
    }

    export interface PrekeyRecordExpiresFieldEvent {
      field: '$.expires'
      value: bigint
    }

    export function encode (obj: Partial<PrekeyRecord>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, PrekeyRecord.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyRecord>): PrekeyRecord {
      return decodeMessage(buf, PrekeyRecord.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyRecord>): Generator<PrekeyRecordDeviceKeyFieldEvent | PrekeyRecordIdentityKeyFieldEvent | PrekeyRecordIdentitySignatureFieldEvent | PrekeyRecordSignedPrekeyIdFieldEvent | PrekeyRecordSignedPrekeyPublicKeyFieldEvent | PrekeyRecordSignedPrekeyCreatedFieldEvent | PrekeyRecordSignedPrekeySignatureFieldEvent | PrekeyRecordPqPrekeyIdFieldEvent | PrekeyRecordPqPrekeyPublicKeyFieldEvent | PrekeyRecordPqPrekeySignatureFieldEvent | PrekeyRecordSeqFieldEvent | PrekeyRecordCreatedFieldEvent | PrekeyRecordExpiresFieldEvent> {
      return streamMessage(buf, PrekeyRecord.codec(), opts)
    }
  }

  export interface PolicyRef {
    url: string
    sha256: Uint8Array<ArrayBuffer>
  }

  export namespace PolicyRef {
    let _codec: Codec<PolicyRef>

    export const codec = (): Codec<PolicyRef> => {
      if (_codec == null) {
        _codec = message<PolicyRef>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.url != null && obj.url !== '')) {
            w.uint32(10)
            w.string(obj.url)
          }

          if ((obj.sha256 != null && obj.sha256.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.sha256)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            url: '',
            sha256: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.url = reader.string()
                break
              }
              case 2: {
                obj.sha256 = reader.bytes()
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
                  field: `${prefix}.url`,
                  value: reader.string()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.sha256`,
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

    export interface PolicyRefUrlFieldEvent {
      field: '$.url'
      value: string
    }

    export interface PolicyRefSha256FieldEvent {
      field: '$.sha256'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<PolicyRef>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, PolicyRef.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PolicyRef>): PolicyRef {
      return decodeMessage(buf, PolicyRef.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PolicyRef>): Generator<PolicyRefUrlFieldEvent | PolicyRefSha256FieldEvent> {
      return streamMessage(buf, PolicyRef.codec(), opts)
    }
  }

  export interface ProfileReader {
    deviceKey: Uint8Array<ArrayBuffer>
    role: number
    label: string
    organisation: string
  }

  export namespace ProfileReader {
    let _codec: Codec<ProfileReader>

    export const codec = (): Codec<ProfileReader> => {
      if (_codec == null) {
        _codec = message<ProfileReader>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.deviceKey != null && obj.deviceKey.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.deviceKey)
          }

          if ((obj.role != null && obj.role !== 0)) {
            w.uint32(16)
            w.uint32(obj.role)
          }

          if ((obj.label != null && obj.label !== '')) {
            w.uint32(26)
            w.string(obj.label)
          }

          if ((obj.organisation != null && obj.organisation !== '')) {
            w.uint32(34)
            w.string(obj.organisation)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            deviceKey: uint8ArrayAlloc(0),
            role: 0,
            label: '',
            organisation: ''
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.deviceKey = reader.bytes()
                break
              }
              case 2: {
                obj.role = reader.uint32()
                break
              }
              case 3: {
                obj.label = reader.string()
                break
              }
              case 4: {
                obj.organisation = reader.string()
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
                  field: `${prefix}.deviceKey`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.role`,
                  value: reader.uint32()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.label`,
                  value: reader.string()
                }
                break
              }
              case 4: {
                yield {
                  field: `${prefix}.organisation`,
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

    export interface ProfileReaderDeviceKeyFieldEvent {
      field: '$.deviceKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface ProfileReaderRoleFieldEvent {
      field: '$.role'
      value: number
    }

    export interface ProfileReaderLabelFieldEvent {
      field: '$.label'
      value: string
    }

    export interface ProfileReaderOrganisationFieldEvent {
      field: '$.organisation'
      value: string
    }

    export function encode (obj: Partial<ProfileReader>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, ProfileReader.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ProfileReader>): ProfileReader {
      return decodeMessage(buf, ProfileReader.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ProfileReader>): Generator<ProfileReaderDeviceKeyFieldEvent | ProfileReaderRoleFieldEvent | ProfileReaderLabelFieldEvent | ProfileReaderOrganisationFieldEvent> {
      return streamMessage(buf, ProfileReader.codec(), opts)
    }
  }

  export interface ApiReader {
    name: string
    role: number
    organisation: string
  }

  export namespace ApiReader {
    let _codec: Codec<ApiReader>

    export const codec = (): Codec<ApiReader> => {
      if (_codec == null) {
        _codec = message<ApiReader>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.name != null && obj.name !== '')) {
            w.uint32(10)
            w.string(obj.name)
          }

          if ((obj.role != null && obj.role !== 0)) {
            w.uint32(16)
            w.uint32(obj.role)
          }

          if ((obj.organisation != null && obj.organisation !== '')) {
            w.uint32(26)
            w.string(obj.organisation)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            name: '',
            role: 0,
            organisation: ''
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.name = reader.string()
                break
              }
              case 2: {
                obj.role = reader.uint32()
                break
              }
              case 3: {
                obj.organisation = reader.string()
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
                  field: `${prefix}.name`,
                  value: reader.string()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.role`,
                  value: reader.uint32()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.organisation`,
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

    export interface ApiReaderNameFieldEvent {
      field: '$.name'
      value: string
    }

    export interface ApiReaderRoleFieldEvent {
      field: '$.role'
      value: number
    }

    export interface ApiReaderOrganisationFieldEvent {
      field: '$.organisation'
      value: string
    }

    export function encode (obj: Partial<ApiReader>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, ApiReader.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ApiReader>): ApiReader {
      return decodeMessage(buf, ApiReader.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ApiReader>): Generator<ApiReaderNameFieldEvent | ApiReaderRoleFieldEvent | ApiReaderOrganisationFieldEvent> {
      return streamMessage(buf, ApiReader.codec(), opts)
    }
  }

  export interface Processor {
    name: string
    purposes: number[]
    region: string
    retentionDays: number
    privacyPolicy?: records.PolicyRef
    endpoint: string
  }

  export namespace Processor {
    let _codec: Codec<Processor>

    export const codec = (): Codec<Processor> => {
      if (_codec == null) {
        _codec = message<Processor>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.name != null && obj.name !== '')) {
            w.uint32(10)
            w.string(obj.name)
          }

          if (obj.purposes != null && obj.purposes.length > 0) {
            for (const value of obj.purposes) {
              w.uint32(16)
              w.uint32(value)
            }
          }

          if ((obj.region != null && obj.region !== '')) {
            w.uint32(26)
            w.string(obj.region)
          }

          if ((obj.retentionDays != null && obj.retentionDays !== 0)) {
            w.uint32(32)
            w.uint32(obj.retentionDays)
          }

          if (obj.privacyPolicy != null) {
            w.uint32(42)
            records.PolicyRef.codec().encode(obj.privacyPolicy, w)
          }

          if ((obj.endpoint != null && obj.endpoint !== '')) {
            w.uint32(50)
            w.string(obj.endpoint)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            name: '',
            purposes: [],
            region: '',
            retentionDays: 0,
            endpoint: ''
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.name = reader.string()
                break
              }
              case 2: {
                if (opts.limits?.purposes != null && obj.purposes.length === opts.limits.purposes) {
                  throw new MaxLengthError('Decode error - repeated field "purposes" had too many elements')
                }

                obj.purposes.push(reader.uint32())
                break
              }
              case 3: {
                obj.region = reader.string()
                break
              }
              case 4: {
                obj.retentionDays = reader.uint32()
                break
              }
              case 5: {
                obj.privacyPolicy = records.PolicyRef.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.privacyPolicy
                })
                break
              }
              case 6: {
                obj.endpoint = reader.string()
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
            purposes: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.name`,
                  value: reader.string()
                }
                break
              }
              case 2: {
                if (opts.limits?.purposes != null && obj.purposes === opts.limits.purposes) {
                  throw new MaxLengthError('Streaming decode error - repeated field "purposes" had too many elements')
                }

                yield {
                  field: `${prefix}.purposes[]`,
                  index: obj.purposes,
                  value: reader.uint32()
                }

                obj.purposes++

                break
              }
              case 3: {
                yield {
                  field: `${prefix}.region`,
                  value: reader.string()
                }
                break
              }
              case 4: {
                yield {
                  field: `${prefix}.retentionDays`,
                  value: reader.uint32()
                }
                break
              }
              case 5: {
                yield * records.PolicyRef.codec().stream(reader, reader.uint32(), `${prefix}.privacyPolicy`, {
                  limits: opts.limits?.privacyPolicy
                })

                break
              }
              case 6: {
                yield {
                  field: `${prefix}.endpoint`,
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

    export interface ProcessorNameFieldEvent {
      field: '$.name'
      value: string
    }

    export interface ProcessorPurposesFieldEvent {
      field: '$.purposes[]'
      index: number
      value: number
    }

    export interface ProcessorRegionFieldEvent {
      field: '$.region'
      value: string
    }

    export interface ProcessorRetentionDaysFieldEvent {
      field: '$.retentionDays'
      value: number
    }

    export interface ProcessorPrivacyPolicyUrlFieldEvent {
      field: '$.privacyPolicy.url'
      value: string
    }

    export interface ProcessorPrivacyPolicySha256FieldEvent {
      field: '$.privacyPolicy.sha256'
      value: Uint8Array<ArrayBuffer>
    }

    export interface ProcessorEndpointFieldEvent {
      field: '$.endpoint'
      value: string
    }

    export function encode (obj: Partial<Processor>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, Processor.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Processor>): Processor {
      return decodeMessage(buf, Processor.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Processor>): Generator<ProcessorNameFieldEvent | ProcessorPurposesFieldEvent | ProcessorRegionFieldEvent | ProcessorRetentionDaysFieldEvent | ProcessorPrivacyPolicyUrlFieldEvent | ProcessorPrivacyPolicySha256FieldEvent | ProcessorEndpointFieldEvent> {
      return streamMessage(buf, Processor.codec(), opts)
    }
  }

  export interface Attestation {
    verifierKey: Uint8Array<ArrayBuffer>
    businessKey: Uint8Array<ArrayBuffer>
    legalName: string
    domain: string
    scope: string
    issued: bigint
    expires: bigint
    signature: Uint8Array<ArrayBuffer>
  }

  export namespace Attestation {
    let _codec: Codec<Attestation>

    export const codec = (): Codec<Attestation> => {
      if (_codec == null) {
        _codec = message<Attestation>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.verifierKey != null && obj.verifierKey.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.verifierKey)
          }

          if ((obj.businessKey != null && obj.businessKey.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.businessKey)
          }

          if ((obj.legalName != null && obj.legalName !== '')) {
            w.uint32(26)
            w.string(obj.legalName)
          }

          if ((obj.domain != null && obj.domain !== '')) {
            w.uint32(34)
            w.string(obj.domain)
          }

          if ((obj.scope != null && obj.scope !== '')) {
            w.uint32(42)
            w.string(obj.scope)
          }

          if ((obj.issued != null && obj.issued !== 0n)) {
            w.uint32(48)
            w.uint64(obj.issued)
          }

          if ((obj.expires != null && obj.expires !== 0n)) {
            w.uint32(56)
            w.uint64(obj.expires)
          }

          if ((obj.signature != null && obj.signature.byteLength > 0)) {
            w.uint32(66)
            w.bytes(obj.signature)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            verifierKey: uint8ArrayAlloc(0),
            businessKey: uint8ArrayAlloc(0),
            legalName: '',
            domain: '',
            scope: '',
            issued: 0n,
            expires: 0n,
            signature: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.verifierKey = reader.bytes()
                break
              }
              case 2: {
                obj.businessKey = reader.bytes()
                break
              }
              case 3: {
                obj.legalName = reader.string()
                break
              }
              case 4: {
                obj.domain = reader.string()
                break
              }
              case 5: {
                obj.scope = reader.string()
                break
              }
              case 6: {
                obj.issued = reader.uint64()
                break
              }
              case 7: {
                obj.expires = reader.uint64()
                break
              }
              case 8: {
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
                  field: `${prefix}.verifierKey`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.businessKey`,
                  value: reader.bytes()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.legalName`,
                  value: reader.string()
                }
                break
              }
              case 4: {
                yield {
                  field: `${prefix}.domain`,
                  value: reader.string()
                }
                break
              }
              case 5: {
                yield {
                  field: `${prefix}.scope`,
                  value: reader.string()
                }
                break
              }
              case 6: {
                yield {
                  field: `${prefix}.issued`,
                  value: reader.uint64()
                }
                break
              }
              case 7: {
                yield {
                  field: `${prefix}.expires`,
                  value: reader.uint64()
                }
                break
              }
              case 8: {
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

    export interface AttestationVerifierKeyFieldEvent {
      field: '$.verifierKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface AttestationBusinessKeyFieldEvent {
      field: '$.businessKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface AttestationLegalNameFieldEvent {
      field: '$.legalName'
      value: string
    }

    export interface AttestationDomainFieldEvent {
      field: '$.domain'
      value: string
    }

    export interface AttestationScopeFieldEvent {
      field: '$.scope'
      value: string
    }

    export interface AttestationIssuedFieldEvent {
      field: '$.issued'
      value: bigint
    }

    export interface AttestationExpiresFieldEvent {
      field: '$.expires'
      value: bigint
    }

    export interface AttestationSignatureFieldEvent {
      field: '$.signature'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<Attestation>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, Attestation.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Attestation>): Attestation {
      return decodeMessage(buf, Attestation.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Attestation>): Generator<AttestationVerifierKeyFieldEvent | AttestationBusinessKeyFieldEvent | AttestationLegalNameFieldEvent | AttestationDomainFieldEvent | AttestationScopeFieldEvent | AttestationIssuedFieldEvent | AttestationExpiresFieldEvent | AttestationSignatureFieldEvent> {
      return streamMessage(buf, Attestation.codec(), opts)
    }
  }

  export interface BusinessProfile {
    version: bigint
    prev: Uint8Array<ArrayBuffer>
    earlier: Uint8Array<ArrayBuffer>[]
    displayName: string
    privacyPolicy?: records.PolicyRef
    readers: records.ProfileReader[]
    apiReaders: records.ApiReader[]
    processors: records.Processor[]
    attestations: records.Attestation[]
    published: bigint
  }

  export namespace BusinessProfile {
    let _codec: Codec<BusinessProfile>

    export const codec = (): Codec<BusinessProfile> => {
      if (_codec == null) {
        _codec = message<BusinessProfile>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.version != null && obj.version !== 0n)) {
            w.uint32(8)
            w.uint64(obj.version)
          }

          if ((obj.prev != null && obj.prev.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.prev)
          }

          if (obj.earlier != null && obj.earlier.length > 0) {
            for (const value of obj.earlier) {
              w.uint32(26)
              w.bytes(value)
            }
          }

          if ((obj.displayName != null && obj.displayName !== '')) {
            w.uint32(34)
            w.string(obj.displayName)
          }

          if (obj.privacyPolicy != null) {
            w.uint32(42)
            records.PolicyRef.codec().encode(obj.privacyPolicy, w)
          }

          if (obj.readers != null && obj.readers.length > 0) {
            for (const value of obj.readers) {
              w.uint32(50)
              records.ProfileReader.codec().encode(value, w)
            }
          }

          if (obj.apiReaders != null && obj.apiReaders.length > 0) {
            for (const value of obj.apiReaders) {
              w.uint32(58)
              records.ApiReader.codec().encode(value, w)
            }
          }

          if (obj.processors != null && obj.processors.length > 0) {
            for (const value of obj.processors) {
              w.uint32(66)
              records.Processor.codec().encode(value, w)
            }
          }

          if (obj.attestations != null && obj.attestations.length > 0) {
            for (const value of obj.attestations) {
              w.uint32(74)
              records.Attestation.codec().encode(value, w)
            }
          }

          if ((obj.published != null && obj.published !== 0n)) {
            w.uint32(80)
            w.uint64(obj.published)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            version: 0n,
            prev: uint8ArrayAlloc(0),
            earlier: [],
            displayName: '',
            readers: [],
            apiReaders: [],
            processors: [],
            attestations: [],
            published: 0n
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.version = reader.uint64()
                break
              }
              case 2: {
                obj.prev = reader.bytes()
                break
              }
              case 3: {
                if (opts.limits?.earlier != null && obj.earlier.length === opts.limits.earlier) {
                  throw new MaxLengthError('Decode error - repeated field "earlier" had too many elements')
                }

                obj.earlier.push(reader.bytes())
                break
              }
              case 4: {
                obj.displayName = reader.string()
                break
              }
              case 5: {
                obj.privacyPolicy = records.PolicyRef.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.privacyPolicy
                })
                break
              }
              case 6: {
                if (opts.limits?.readers != null && obj.readers.length === opts.limits.readers) {
                  throw new MaxLengthError('Decode error - repeated field "readers" had too many elements')
                }

                obj.readers.push(records.ProfileReader.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.readers$
                }))
                break
              }
              case 7: {
                if (opts.limits?.apiReaders != null && obj.apiReaders.length === opts.limits.apiReaders) {
                  throw new MaxLengthError('Decode error - repeated field "apiReaders" had too many elements')
                }

                obj.apiReaders.push(records.ApiReader.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.apiReaders$
                }))
                break
              }
              case 8: {
                if (opts.limits?.processors != null && obj.processors.length === opts.limits.processors) {
                  throw new MaxLengthError('Decode error - repeated field "processors" had too many elements')
                }

                obj.processors.push(records.Processor.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.processors$
                }))
                break
              }
              case 9: {
                if (opts.limits?.attestations != null && obj.attestations.length === opts.limits.attestations) {
                  throw new MaxLengthError('Decode error - repeated field "attestations" had too many elements')
                }

                obj.attestations.push(records.Attestation.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.attestations$
                }))
                break
              }
              case 10: {
                obj.published = reader.uint64()
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
            earlier: 0,
            readers: 0,
            apiReaders: 0,
            processors: 0,
            attestations: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.version`,
                  value: reader.uint64()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.prev`,
                  value: reader.bytes()
                }
                break
              }
              case 3: {
                if (opts.limits?.earlier != null && obj.earlier === opts.limits.earlier) {
                  throw new MaxLengthError('Streaming decode error - repeated field "earlier" had too many elements')
                }

                yield {
                  field: `${prefix}.earlier[]`,
                  index: obj.earlier,
                  value: reader.bytes()
                }

                obj.earlier++

                break
              }
              case 4: {
                yield {
                  field: `${prefix}.displayName`,
                  value: reader.string()
                }
                break
              }
              case 5: {
                yield * records.PolicyRef.codec().stream(reader, reader.uint32(), `${prefix}.privacyPolicy`, {
                  limits: opts.limits?.privacyPolicy
                })

                break
              }
              case 6: {
                if (opts.limits?.readers != null && obj.readers === opts.limits.readers) {
                  throw new MaxLengthError('Streaming decode error - repeated field "readers" had too many elements')
                }

                for (const evt of records.ProfileReader.codec().stream(reader, reader.uint32(), `${prefix}.readers[]`, {
                  limits: opts.limits?.readers$
                })) {
                  yield {
                    ...evt,
                    index: obj.readers
                  }
                }

                obj.readers++

                break
              }
              case 7: {
                if (opts.limits?.apiReaders != null && obj.apiReaders === opts.limits.apiReaders) {
                  throw new MaxLengthError('Streaming decode error - repeated field "apiReaders" had too many elements')
                }

                for (const evt of records.ApiReader.codec().stream(reader, reader.uint32(), `${prefix}.apiReaders[]`, {
                  limits: opts.limits?.apiReaders$
                })) {
                  yield {
                    ...evt,
                    index: obj.apiReaders
                  }
                }

                obj.apiReaders++

                break
              }
              case 8: {
                if (opts.limits?.processors != null && obj.processors === opts.limits.processors) {
                  throw new MaxLengthError('Streaming decode error - repeated field "processors" had too many elements')
                }

                for (const evt of records.Processor.codec().stream(reader, reader.uint32(), `${prefix}.processors[]`, {
                  limits: opts.limits?.processors$
                })) {
                  yield {
                    ...evt,
                    index: obj.processors
                  }
                }

                obj.processors++

                break
              }
              case 9: {
                if (opts.limits?.attestations != null && obj.attestations === opts.limits.attestations) {
                  throw new MaxLengthError('Streaming decode error - repeated field "attestations" had too many elements')
                }

                for (const evt of records.Attestation.codec().stream(reader, reader.uint32(), `${prefix}.attestations[]`, {
                  limits: opts.limits?.attestations$
                })) {
                  yield {
                    ...evt,
                    index: obj.attestations
                  }
                }

                obj.attestations++

                break
              }
              case 10: {
                yield {
                  field: `${prefix}.published`,
                  value: reader.uint64()
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

    export interface BusinessProfileVersionFieldEvent {
      field: '$.version'
      value: bigint
    }

    export interface BusinessProfilePrevFieldEvent {
      field: '$.prev'
      value: Uint8Array<ArrayBuffer>
    }

    export interface BusinessProfileEarlierFieldEvent {
      field: '$.earlier[]'
      index: number
      value: Uint8Array<ArrayBuffer>
    }

    export interface BusinessProfileDisplayNameFieldEvent {
      field: '$.displayName'
      value: string
    }

    export interface BusinessProfilePrivacyPolicyUrlFieldEvent {
      field: '$.privacyPolicy.url'
      value: string
    }

    export interface BusinessProfilePrivacyPolicySha256FieldEvent {
      field: '$.privacyPolicy.sha256'
      value: Uint8Array<ArrayBuffer>
    }

    export interface BusinessProfileReadersDeviceKeyFieldEvent {
      field: '$.readers[].deviceKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface BusinessProfileReadersRoleFieldEvent {
      field: '$.readers[].role'
      value: number
      index: number
    }

    export interface BusinessProfileReadersLabelFieldEvent {
      field: '$.readers[].label'
      value: string
      index: number
    }

    export interface BusinessProfileReadersOrganisationFieldEvent {
      field: '$.readers[].organisation'
      value: string
      index: number
    }

    export interface BusinessProfileApiReadersNameFieldEvent {
      field: '$.apiReaders[].name'
      value: string
      index: number
    }

    export interface BusinessProfileApiReadersRoleFieldEvent {
      field: '$.apiReaders[].role'
      value: number
      index: number
    }

    export interface BusinessProfileApiReadersOrganisationFieldEvent {
      field: '$.apiReaders[].organisation'
      value: string
      index: number
    }

    export interface BusinessProfileProcessorsNameFieldEvent {
      field: '$.processors[].name'
      value: string
      index: number
    }

    export interface BusinessProfileProcessorsPurposesFieldEvent {
      field: '$.processors[].purposes[]'
      index: number
      value: number
    }

    export interface BusinessProfileProcessorsRegionFieldEvent {
      field: '$.processors[].region'
      value: string
      index: number
    }

    export interface BusinessProfileProcessorsRetentionDaysFieldEvent {
      field: '$.processors[].retentionDays'
      value: number
      index: number
    }

    export interface BusinessProfileProcessorsPrivacyPolicyUrlFieldEvent {
      field: '$.processors[].privacyPolicy.url'
      value: string
      index: number
    }

    export interface BusinessProfileProcessorsPrivacyPolicySha256FieldEvent {
      field: '$.processors[].privacyPolicy.sha256'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface BusinessProfileProcessorsEndpointFieldEvent {
      field: '$.processors[].endpoint'
      value: string
      index: number
    }

    export interface BusinessProfileAttestationsVerifierKeyFieldEvent {
      field: '$.attestations[].verifierKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface BusinessProfileAttestationsBusinessKeyFieldEvent {
      field: '$.attestations[].businessKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface BusinessProfileAttestationsLegalNameFieldEvent {
      field: '$.attestations[].legalName'
      value: string
      index: number
    }

    export interface BusinessProfileAttestationsDomainFieldEvent {
      field: '$.attestations[].domain'
      value: string
      index: number
    }

    export interface BusinessProfileAttestationsScopeFieldEvent {
      field: '$.attestations[].scope'
      value: string
      index: number
    }

    export interface BusinessProfileAttestationsIssuedFieldEvent {
      field: '$.attestations[].issued'
      value: bigint
      index: number
    }

    export interface BusinessProfileAttestationsExpiresFieldEvent {
      field: '$.attestations[].expires'
      value: bigint
      index: number
    }

    export interface BusinessProfileAttestationsSignatureFieldEvent {
      field: '$.attestations[].signature'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface BusinessProfilePublishedFieldEvent {
      field: '$.published'
      value: bigint
    }

    export function encode (obj: Partial<BusinessProfile>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, BusinessProfile.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<BusinessProfile>): BusinessProfile {
      return decodeMessage(buf, BusinessProfile.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<BusinessProfile>): Generator<BusinessProfileVersionFieldEvent | BusinessProfilePrevFieldEvent | BusinessProfileEarlierFieldEvent | BusinessProfileDisplayNameFieldEvent | BusinessProfilePrivacyPolicyUrlFieldEvent | BusinessProfilePrivacyPolicySha256FieldEvent | BusinessProfileReadersDeviceKeyFieldEvent | BusinessProfileReadersRoleFieldEvent | BusinessProfileReadersLabelFieldEvent | BusinessProfileReadersOrganisationFieldEvent | BusinessProfileApiReadersNameFieldEvent | BusinessProfileApiReadersRoleFieldEvent | BusinessProfileApiReadersOrganisationFieldEvent | BusinessProfileProcessorsNameFieldEvent | BusinessProfileProcessorsPurposesFieldEvent | BusinessProfileProcessorsRegionFieldEvent | BusinessProfileProcessorsRetentionDaysFieldEvent | BusinessProfileProcessorsPrivacyPolicyUrlFieldEvent | BusinessProfileProcessorsPrivacyPolicySha256FieldEvent | BusinessProfileProcessorsEndpointFieldEvent | BusinessProfileAttestationsVerifierKeyFieldEvent | BusinessProfileAttestationsBusinessKeyFieldEvent | BusinessProfileAttestationsLegalNameFieldEvent | BusinessProfileAttestationsDomainFieldEvent | BusinessProfileAttestationsScopeFieldEvent | BusinessProfileAttestationsIssuedFieldEvent | BusinessProfileAttestationsExpiresFieldEvent | BusinessProfileAttestationsSignatureFieldEvent | BusinessProfilePublishedFieldEvent> {
      return streamMessage(buf, BusinessProfile.codec(), opts)
    }
  }

  let _codec: Codec<records>

  export const codec = (): Codec<records> => {
    if (_codec == null) {
      _codec = message<records>((obj, w, opts = {}) => {
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

  export function encode (obj: Partial<records>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, records.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<records>): records {
    return decodeMessage(buf, records.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<records>): Generator<{}> {
    return streamMessage(buf, records.codec(), opts)
  }
}
