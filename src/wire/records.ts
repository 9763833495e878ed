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

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            accountKey: uint8ArrayAlloc(0),
            seq: 0n,
            created: 0n,
            expires: 0n,
            devices: []
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
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }

          return obj
        }, function * (reader, length, prefix, opts = {}) {
          const obj = {
            devices: 0
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

    export function encode (obj: Partial<AccountRecord>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, AccountRecord.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AccountRecord>): AccountRecord {
      return decodeMessage(buf, AccountRecord.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AccountRecord>): Generator<AccountRecordAccountKeyFieldEvent | AccountRecordSeqFieldEvent | AccountRecordCreatedFieldEvent | AccountRecordExpiresFieldEvent | AccountRecordDevicesDeviceKeyFieldEvent | AccountRecordDevicesIdentityKeyFieldEvent | AccountRecordDevicesRoleFieldEvent | AccountRecordDevicesLabelFieldEvent | AccountRecordDevicesAddedFieldEvent | AccountRecordDevicesExpiresFieldEvent | AccountRecordDevicesSignatureFieldEvent | AccountRecordBusinessFieldEvent> {
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
