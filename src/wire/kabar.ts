/* eslint-disable require-yield */

import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface kabar {}

export namespace kabar {
  export interface RatchetHeader {
    ratchetKey: Uint8Array<ArrayBuffer>
    previousCounter: number
    counter: number
  }

  export namespace RatchetHeader {
    let _codec: Codec<RatchetHeader>

    export const codec = (): Codec<RatchetHeader> => {
      if (_codec == null) {
        _codec = message<RatchetHeader>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.ratchetKey != null && obj.ratchetKey.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.ratchetKey)
          }

          if ((obj.previousCounter != null && obj.previousCounter !== 0)) {
            w.uint32(16)
            w.uint32(obj.previousCounter)
          }

          if ((obj.counter != null && obj.counter !== 0)) {
            w.uint32(24)
            w.uint32(obj.counter)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            ratchetKey: uint8ArrayAlloc(0),
            previousCounter: 0,
            counter: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.ratchetKey = reader.bytes()
                break
              }
              case 2: {
                obj.previousCounter = reader.uint32()
                break
              }
              case 3: {
                obj.counter = reader.uint32()
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
                  field: `${prefix}.ratchetKey`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.previousCounter`,
                  value: reader.uint32()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.counter`,
                  value: reader.uint32()
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

    export interface RatchetHeaderRatchetKeyFieldEvent {
      field: '$.ratchetKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface RatchetHeaderPreviousCounterFieldEvent {
      field: '$.previousCounter'
      value: number
    }

    export interface RatchetHeaderCounterFieldEvent {
      field: '$.counter'
      value: number
    }

    export function encode (obj: Partial<RatchetHeader>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, RatchetHeader.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RatchetHeader>): RatchetHeader {
      return decodeMessage(buf, RatchetHeader.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RatchetHeader>): Generator<RatchetHeaderRatchetKeyFieldEvent | RatchetHeaderPreviousCounterFieldEvent | RatchetHeaderCounterFieldEvent> {
      return streamMessage(buf, RatchetHeader.codec(), opts)
    }
  }

  export interface PreKeyHandshake {
    identityKey: Uint8Array<ArrayBuffer>
    signingKey: Uint8Array<ArrayBuffer>
    identitySignature: Uint8Array<ArrayBuffer>
    baseKey: Uint8Array<ArrayBuffer>
    signedPrekeyId: number
    pqPrekeyId: number
    oneTimePrekeyId?: number
    pqCiphertext: Uint8Array<ArrayBuffer>
    context: Uint8Array<ArrayBuffer>
  }

  export namespace PreKeyHandshake {
    let _codec: Codec<PreKeyHandshake>

    export const codec = (): Codec<PreKeyHandshake> => {
      if (_codec == null) {
        _codec = message<PreKeyHandshake>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.identityKey != null && obj.identityKey.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.identityKey)
          }

          if ((obj.signingKey != null && obj.signingKey.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.signingKey)
          }

          if ((obj.identitySignature != null && obj.identitySignature.byteLength > 0)) {
            w.uint32(26)
            w.bytes(obj.identitySignature)
          }

          if ((obj.baseKey != null && obj.baseKey.byteLength > 0)) {
            w.uint32(34)
            w.bytes(obj.baseKey)
          }

          if ((obj.signedPrekeyId != null && obj.signedPrekeyId !== 0)) {
            w.uint32(40)
            w.uint32(obj.signedPrekeyId)
          }

          if ((obj.pqPrekeyId != null && obj.pqPrekeyId !== 0)) {
            w.uint32(48)
            w.uint32(obj.pqPrekeyId)
          }

          if (obj.oneTimePrekeyId != null) {
            w.uint32(56)
            w.uint32(obj.oneTimePrekeyId)
          }

          if ((obj.pqCiphertext != null && obj.pqCiphertext.byteLength > 0)) {
            w.uint32(66)
            w.bytes(obj.pqCiphertext)
          }

          if ((obj.context != null && obj.context.byteLength > 0)) {
            w.uint32(74)
            w.bytes(obj.context)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            identityKey: uint8ArrayAlloc(0),
            signingKey: uint8ArrayAlloc(0),
            identitySignature: uint8ArrayAlloc(0),
            baseKey: uint8ArrayAlloc(0),
            signedPrekeyId: 0,
            pqPrekeyId: 0,
            pqCiphertext: uint8ArrayAlloc(0),
            context: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.identityKey = reader.bytes()
                break
              }
              case 2: {
                obj.signingKey = reader.bytes()
                break
              }
              case 3: {
                obj.identitySignature = reader.bytes()
                break
              }
              case 4: {
                obj.baseKey = reader.bytes()
                break
              }
              case 5: {
                obj.signedPrekeyId = reader.uint32()
                break
              }
              case 6: {
                obj.pqPrekeyId = reader.uint32()
                break
              }
              case 7: {
                obj.oneTimePrekeyId = reader.uint32()
                break
              }
              case 8: {
                obj.pqCiphertext = reader.bytes()
                break
              }
              case 9: {
                obj.context = reader.bytes()
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
                  field: `${prefix}.identityKey`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.signingKey`,
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
                yield {
                  field: `${prefix}.baseKey`,
                  value: reader.bytes()
                }
                break
              }
              case 5: {
                yield {
                  field: `${prefix}.signedPrekeyId`,
                  value: reader.uint32()
                }
                break
              }
              case 6: {
                yield {
                  field: `${prefix}.pqPrekeyId`,
                  value: reader.uint32()
                }
                break
              }
              case 7: {
                yield {
                  field: `${prefix}.oneTimePrekeyId`,
                  value: reader.uint32()
                }
                break
              }
              case 8: {
                yield {
                  field: `${prefix}.pqCiphertext`,
                  value: reader.bytes()
                }
                break
              }
              case 9: {
                yield {
                  field: `${prefix}.context`,
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

    export interface PreKeyHandshakeIdentityKeyFieldEvent {
      field: '$.identityKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface PreKeyHandshakeSigningKeyFieldEvent {
      field: '$.signingKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface PreKeyHandshakeIdentitySignatureFieldEvent {
      field: '$.identitySignature'
      value: Uint8Array<ArrayBuffer>
    }

    export interface PreKeyHandshakeBaseKeyFieldEvent {
      field: '$.baseKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface PreKeyHandshakeSignedPrekeyIdFieldEvent {
      field: '$.signedPrekeyId'
      value: number
    }

    export interface PreKeyHandshakePqPrekeyIdFieldEvent {
      field: '$.pqPrekeyId'
      value: number
    }

    export interface PreKeyHandshakeOneTimePrekeyIdFieldEvent {
      field: '$.oneTimePrekeyId'
      value: number
    }

    export interface PreKeyHandshakePqCiphertextFieldEvent {
      field: '$.pqCiphertext'
      value: Uint8Array<ArrayBuffer>
    }

    export interface PreKeyHandshakeContextFieldEvent {
      field: '$.context'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<PreKeyHandshake>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, PreKeyHandshake.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreKeyHandshake>): PreKeyHandshake {
      return decodeMessage(buf, PreKeyHandshake.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreKeyHandshake>): Generator<PreKeyHandshakeIdentityKeyFieldEvent | PreKeyHandshakeSigningKeyFieldEvent | PreKeyHandshakeIdentitySignatureFieldEvent | PreKeyHandshakeBaseKeyFieldEvent | PreKeyHandshakeSignedPrekeyIdFieldEvent | PreKeyHandshakePqPrekeyIdFieldEvent | PreKeyHandshakeOneTimePrekeyIdFieldEvent | PreKeyHandshakePqCiphertextFieldEvent | PreKeyHandshakeContextFieldEvent> {
      return streamMessage(buf, PreKeyHandshake.codec(), opts)
    }
  }

  export interface SessionMessage {
    version: number
    handshake?: kabar.PreKeyHandshake
    header: Uint8Array<ArrayBuffer>
    ciphertext: Uint8Array<ArrayBuffer>
  }

  export namespace SessionMessage {
    let _codec: Codec<SessionMessage>

    export const codec = (): Codec<SessionMessage> => {
      if (_codec == null) {
        _codec = message<SessionMessage>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.version != null && obj.version !== 0)) {
            w.uint32(8)
            w.uint32(obj.version)
          }

          if (obj.handshake != null) {
            w.uint32(18)
            kabar.PreKeyHandshake.codec().encode(obj.handshake, w)
          }

          if ((obj.header != null && obj.header.byteLength > 0)) {
            w.uint32(26)
            w.bytes(obj.header)
          }

          if ((obj.ciphertext != null && obj.ciphertext.byteLength > 0)) {
            w.uint32(34)
            w.bytes(obj.ciphertext)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            version: 0,
            header: uint8ArrayAlloc(0),
            ciphertext: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.version = reader.uint32()
                break
              }
              case 2: {
                obj.handshake = kabar.PreKeyHandshake.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.handshake
                })
                break
              }
              case 3: {
                obj.header = reader.bytes()
                break
              }
              case 4: {
                obj.ciphertext = reader.bytes()
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
                  field: `${prefix}.version`,
                  value: reader.uint32()
                }
                break
              }
              case 2: {
                yield * kabar.PreKeyHandshake.codec().stream(reader, reader.uint32(), `${prefix}.handshake`, {
                  limits: opts.limits?.handshake
                })

                break
              }
              case 3: {
                yield {
                  field: `${prefix}.header`,
                  value: reader.bytes()
                }
                break
              }
              case 4: {
                yield {
                  field: `${prefix}.ciphertext`,
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

    export interface SessionMessageVersionFieldEvent {
      field: '$.version'
      value: number
    }

    export interface SessionMessageHandshakeIdentityKeyFieldEvent {
      field: '$.handshake.identityKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionMessageHandshakeSigningKeyFieldEvent {
      field: '$.handshake.signingKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionMessageHandshakeIdentitySignatureFieldEvent {
      field: '$.handshake.identitySignature'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionMessageHandshakeBaseKeyFieldEvent {
      field: '$.handshake.baseKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionMessageHandshakeSignedPrekeyIdFieldEvent {
      field: '$.handshake.signedPrekeyId'
      value: number
    }

    export interface SessionMessageHandshakePqPrekeyIdFieldEvent {
      field: '$.handshake.pqPrekeyId'
      value: number
    }

    export interface SessionMessageHandshakeOneTimePrekeyIdFieldEvent {
      field: '$.handshake.oneTimePrekeyId'
      value: number
    }

    export interface SessionMessageHandshakePqCiphertextFieldEvent {
      field: '$.handshake.pqCiphertext'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionMessageHandshakeContextFieldEvent {
      field: '$.handshake.context'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionMessageHeaderFieldEvent {
      field: '$.header'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionMessageCiphertextFieldEvent {
      field: '$.ciphertext'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<SessionMessage>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, SessionMessage.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionMessage>): SessionMessage {
      return decodeMessage(buf, SessionMessage.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionMessage>): Generator<SessionMessageVersionFieldEvent | SessionMessageHandshakeIdentityKeyFieldEvent | SessionMessageHandshakeSigningKeyFieldEvent | SessionMessageHandshakeIdentitySignatureFieldEvent | SessionMessageHandshakeBaseKeyFieldEvent | SessionMessageHandshakeSignedPrekeyIdFieldEvent | SessionMessageHandshakePqPrekeyIdFieldEvent | SessionMessageHandshakeOneTimePrekeyIdFieldEvent | SessionMessageHandshakePqCiphertextFieldEvent | SessionMessageHandshakeContextFieldEvent | SessionMessageHeaderFieldEvent | SessionMessageCiphertextFieldEvent> {
      return streamMessage(buf, SessionMessage.codec(), opts)
    }
  }

  export interface SkippedMessageKey {
    ratchetKey: Uint8Array<ArrayBuffer>
    counter: number
    messageKey: Uint8Array<ArrayBuffer>
  }

  export namespace SkippedMessageKey {
    let _codec: Codec<SkippedMessageKey>

    export const codec = (): Codec<SkippedMessageKey> => {
      if (_codec == null) {
        _codec = message<SkippedMessageKey>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.ratchetKey != null && obj.ratchetKey.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.ratchetKey)
          }

          if ((obj.counter != null && obj.counter !== 0)) {
            w.uint32(16)
            w.uint32(obj.counter)
          }

          if ((obj.messageKey != null && obj.messageKey.byteLength > 0)) {
            w.uint32(26)
            w.bytes(obj.messageKey)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            ratchetKey: uint8ArrayAlloc(0),
            counter: 0,
            messageKey: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.ratchetKey = reader.bytes()
                break
              }
              case 2: {
                obj.counter = reader.uint32()
                break
              }
              case 3: {
                obj.messageKey = reader.bytes()
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
                  field: `${prefix}.ratchetKey`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.counter`,
                  value: reader.uint32()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.messageKey`,
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

    export interface SkippedMessageKeyRatchetKeyFieldEvent {
      field: '$.ratchetKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SkippedMessageKeyCounterFieldEvent {
      field: '$.counter'
      value: number
    }

    export interface SkippedMessageKeyMessageKeyFieldEvent {
      field: '$.messageKey'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<SkippedMessageKey>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, SkippedMessageKey.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SkippedMessageKey>): SkippedMessageKey {
      return decodeMessage(buf, SkippedMessageKey.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SkippedMessageKey>): Generator<SkippedMessageKeyRatchetKeyFieldEvent | SkippedMessageKeyCounterFieldEvent | SkippedMessageKeyMessageKeyFieldEvent> {
      return streamMessage(buf, SkippedMessageKey.codec(), opts)
    }
  }

  export interface SessionState {
    version: number
    localIdentityKey: Uint8Array<ArrayBuffer>
    localSigningKey: Uint8Array<ArrayBuffer>
    remoteIdentityKey: Uint8Array<ArrayBuffer>
    remoteSigningKey: Uint8Array<ArrayBuffer>
    associatedData: Uint8Array<ArrayBuffer>
    rootKey: Uint8Array<ArrayBuffer>
    sendingRatchetPrivate: Uint8Array<ArrayBuffer>
    sendingRatchetPublic: Uint8Array<ArrayBuffer>
    receivingRatchetKey?: Uint8Array<ArrayBuffer>
    sendingChainKey?: Uint8Array<ArrayBuffer>
    sendingCounter: number
    receivingChainKey?: Uint8Array<ArrayBuffer>
    receivingCounter: number
    previousCounter: number
    skipped: kabar.SkippedMessageKey[]
    pendingHandshake?: kabar.PreKeyHandshake
    baseKey: Uint8Array<ArrayBuffer>
    context: Uint8Array<ArrayBuffer>
    previousChains: kabar.PreviousChain[]
  }

  export namespace SessionState {
    let _codec: Codec<SessionState>

    export const codec = (): Codec<SessionState> => {
      if (_codec == null) {
        _codec = message<SessionState>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.version != null && obj.version !== 0)) {
            w.uint32(8)
            w.uint32(obj.version)
          }

          if ((obj.localIdentityKey != null && obj.localIdentityKey.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.localIdentityKey)
          }

          if ((obj.localSigningKey != null && obj.localSigningKey.byteLength > 0)) {
            w.uint32(26)
            w.bytes(obj.localSigningKey)
          }

          if ((obj.remoteIdentityKey != null && obj.remoteIdentityKey.byteLength > 0)) {
            w.uint32(34)
            w.bytes(obj.remoteIdentityKey)
          }

          if ((obj.remoteSigningKey != null && obj.remoteSigningKey.byteLength > 0)) {
            w.uint32(42)
            w.bytes(obj.remoteSigningKey)
          }

          if ((obj.associatedData != null && obj.associatedData.byteLength > 0)) {
            w.uint32(50)
            w.bytes(obj.associatedData)
          }

          if ((obj.rootKey != null && obj.rootKey.byteLength > 0)) {
            w.uint32(58)
            w.bytes(obj.rootKey)
          }

          if ((obj.sendingRatchetPrivate != null && obj.sendingRatchetPrivate.byteLength > 0)) {
            w.uint32(66)
            w.bytes(obj.sendingRatchetPrivate)
          }

          if ((obj.sendingRatchetPublic != null && obj.sendingRatchetPublic.byteLength > 0)) {
            w.uint32(74)
            w.bytes(obj.sendingRatchetPublic)
          }

          if (obj.receivingRatchetKey != null) {
            w.uint32(82)
            w.bytes(obj.receivingRatchetKey)
          }

          if (obj.sendingChainKey != null) {
            w.uint32(90)
            w.bytes(obj.sendingChainKey)
          }

          if ((obj.sendingCounter != null && obj.sendingCounter !== 0)) {
            w.uint32(96)
            w.uint32(obj.sendingCounter)
          }

          if (obj.receivingChainKey != null) {
            w.uint32(106)
            w.bytes(obj.receivingChainKey)
          }

          if ((obj.receivingCounter != null && obj.receivingCounter !== 0)) {
            w.uint32(112)
            w.uint32(obj.receivingCounter)
          }

          if ((obj.previousCounter != null && obj.previousCounter !== 0)) {
            w.uint32(120)
            w.uint32(obj.previousCounter)
          }

          if (obj.skipped != null && obj.skipped.length > 0) {
            for (const value of obj.skipped) {
              w.uint32(130)
              kabar.SkippedMessageKey.codec().encode(value, w)
            }
          }

          if (obj.pendingHandshake != null) {
            w.uint32(138)
            kabar.PreKeyHandshake.codec().encode(obj.pendingHandshake, w)
          }

          if ((obj.baseKey != null && obj.baseKey.byteLength > 0)) {
            w.uint32(146)
            w.bytes(obj.baseKey)
          }

          if ((obj.context != null && obj.context.byteLength > 0)) {
            w.uint32(154)
            w.bytes(obj.context)
          }

          if (obj.previousChains != null && obj.previousChains.length > 0) {
            for (const value of obj.previousChains) {
              w.uint32(162)
              kabar.PreviousChain.codec().encode(value, w)
            }
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            version: 0,
            localIdentityKey: uint8ArrayAlloc(0),
            localSigningKey: uint8ArrayAlloc(0),
            remoteIdentityKey: uint8ArrayAlloc(0),
            remoteSigningKey: uint8ArrayAlloc(0),
            associatedData: uint8ArrayAlloc(0),
            rootKey: uint8ArrayAlloc(0),
            sendingRatchetPrivate: uint8ArrayAlloc(0),
            sendingRatchetPublic: uint8ArrayAlloc(0),
            sendingCounter: 0,
            receivingCounter: 0,
            previousCounter: 0,
            skipped: [],
            baseKey: uint8ArrayAlloc(0),
            context: uint8ArrayAlloc(0),
            previousChains: []
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.version = reader.uint32()
                break
              }
              case 2: {
                obj.localIdentityKey = reader.bytes()
                break
              }
              case 3: {
                obj.localSigningKey = reader.bytes()
                break
              }
              case 4: {
                obj.remoteIdentityKey = reader.bytes()
                break
              }
              case 5: {
                obj.remoteSigningKey = reader.bytes()
                break
              }
              case 6: {
                obj.associatedData = reader.bytes()
                break
              }
              case 7: {
                obj.rootKey = reader.bytes()
                break
              }
              case 8: {
                obj.sendingRatchetPrivate = reader.bytes()
                break
              }
              case 9: {
                obj.sendingRatchetPublic = reader.bytes()
                break
              }
              case 10: {
                obj.receivingRatchetKey = reader.bytes()
                break
              }
              case 11: {
                obj.sendingChainKey = reader.bytes()
                break
              }
              case 12: {
                obj.sendingCounter = reader.uint32()
                break
              }
              case 13: {
                obj.receivingChainKey = reader.bytes()
                break
              }
              case 14: {
                obj.receivingCounter = reader.uint32()
                break
              }
              case 15: {
                obj.previousCounter = reader.uint32()
                break
              }
              case 16: {
                if (opts.limits?.skipped != null && obj.skipped.length === opts.limits.skipped) {
                  throw new MaxLengthError('Decode error - repeated field "skipped" had too many elements')
                }

                obj.skipped.push(kabar.SkippedMessageKey.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.skipped$
                }))
                break
              }
              case 17: {
                obj.pendingHandshake = kabar.PreKeyHandshake.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.pendingHandshake
                })
                break
              }
              case 18: {
                obj.baseKey = reader.bytes()
                break
              }
              case 19: {
                obj.context = reader.bytes()
                break
              }
              case 20: {
                if (opts.limits?.previousChains != null && obj.previousChains.length === opts.limits.previousChains) {
                  throw new MaxLengthError('Decode error - repeated field "previousChains" had too many elements')
                }

                obj.previousChains.push(kabar.PreviousChain.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.previousChains$
                }))
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
            skipped: 0,
            previousChains: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.version`,
                  value: reader.uint32()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.localIdentityKey`,
                  value: reader.bytes()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.localSigningKey`,
                  value: reader.bytes()
                }
                break
              }
              case 4: {
                yield {
                  field: `${prefix}.remoteIdentityKey`,
                  value: reader.bytes()
                }
                break
              }
              case 5: {
                yield {
                  field: `${prefix}.remoteSigningKey`,
                  value: reader.bytes()
                }
                break
              }
              case 6: {
                yield {
                  field: `${prefix}.associatedData`,
                  value: reader.bytes()
                }
                break
              }
              case 7: {
                yield {
                  field: `${prefix}.rootKey`,
                  value: reader.bytes()
                }
                break
              }
              case 8: {
                yield {
                  field: `${prefix}.sendingRatchetPrivate`,
                  value: reader.bytes()
                }
                break
              }
              case 9: {
                yield {
                  field: `${prefix}.sendingRatchetPublic`,
                  value: reader.bytes()
                }
                break
              }
              case 10: {
                yield {
                  field: `${prefix}.receivingRatchetKey`,
                  value: reader.bytes()
                }
                break
              }
              case 11: {
                yield {
                  field: `${prefix}.sendingChainKey`,
                  value: reader.bytes()
                }
                break
              }
              case 12: {
                yield {
                  field: `${prefix}.sendingCounter`,
                  value: reader.uint32()
                }
                break
              }
              case 13: {
                yield {
                  field: `${prefix}.receivingChainKey`,
                  value: reader.bytes()
                }
                break
              }
              case 14: {
                yield {
                  field: `${prefix}.receivingCounter`,
                  value: reader.uint32()
                }
                break
              }
              case 15: {
                yield {
                  field: `${prefix}.previousCounter`,
                  value: reader.uint32()
                }
                break
              }
              case 16: {
                if (opts.limits?.skipped != null && obj.skipped === opts.limits.skipped) {
                  throw new MaxLengthError('Streaming decode error - repeated field "skipped" had too many elements')
                }

                for (const evt of kabar.SkippedMessageKey.codec().stream(reader, reader.uint32(), `${prefix}.skipped[]`, {
                  limits: opts.limits?.skipped$
                })) {
                  yield {
                    ...evt,
                    index: obj.skipped
                  }
                }

                obj.skipped++

                break
              }
              case 17: {
                yield * kabar.PreKeyHandshake.codec().stream(reader, reader.uint32(), `${prefix}.pendingHandshake`, {
                  limits: opts.limits?.pendingHandshake
                })

                break
              }
              case 18: {
                yield {
                  field: `${prefix}.baseKey`,
                  value: reader.bytes()
                }
                break
              }
              case 19: {
                yield {
                  field: `${prefix}.context`,
                  value: reader.bytes()
                }
                break
              }
              case 20: {
                if (opts.limits?.previousChains != null && obj.previousChains === opts.limits.previousChains) {
                  throw new MaxLengthError('Streaming decode error - repeated field "previousChains" had too many elements')
                }

                for (const evt of kabar.PreviousChain.codec().stream(reader, reader.uint32(), `${prefix}.previousChains[]`, {
                  limits: opts.limits?.previousChains$
                })) {
                  yield {
                    ...evt,
                    index: obj.previousChains
                  }
                }

                obj.previousChains++

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

    export interface SessionStateVersionFieldEvent {
      field: '$.version'
      value: number
    }

    export interface SessionStateLocalIdentityKeyFieldEvent {
      field: '$.localIdentityKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStateLocalSigningKeyFieldEvent {
      field: '$.localSigningKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStateRemoteIdentityKeyFieldEvent {
      field: '$.remoteIdentityKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStateRemoteSigningKeyFieldEvent {
      field: '$.remoteSigningKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStateAssociatedDataFieldEvent {
      field: '$.associatedData'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStateRootKeyFieldEvent {
      field: '$.rootKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStateSendingRatchetPrivateFieldEvent {
      field: '$.sendingRatchetPrivate'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStateSendingRatchetPublicFieldEvent {
      field: '$.sendingRatchetPublic'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStateReceivingRatchetKeyFieldEvent {
      field: '$.receivingRatchetKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStateSendingChainKeyFieldEvent {
      field: '$.sendingChainKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStateSendingCounterFieldEvent {
      field: '$.sendingCounter'
      value: number
    }

    export interface SessionStateReceivingChainKeyFieldEvent {
      field: '$.receivingChainKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStateReceivingCounterFieldEvent {
      field: '$.receivingCounter'
      value: number
    }

    export interface SessionStatePreviousCounterFieldEvent {
      field: '$.previousCounter'
      value: number
    }

    export interface SessionStateSkippedRatchetKeyFieldEvent {
      field: '$.skipped[].ratchetKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionStateSkippedCounterFieldEvent {
      field: '$.skipped[].counter'
      value: number
      index: number
    }

    export interface SessionStateSkippedMessageKeyFieldEvent {
      field: '$.skipped[].messageKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionStatePendingHandshakeIdentityKeyFieldEvent {
      field: '$.pendingHandshake.identityKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStatePendingHandshakeSigningKeyFieldEvent {
      field: '$.pendingHandshake.signingKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStatePendingHandshakeIdentitySignatureFieldEvent {
      field: '$.pendingHandshake.identitySignature'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStatePendingHandshakeBaseKeyFieldEvent {
      field: '$.pendingHandshake.baseKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStatePendingHandshakeSignedPrekeyIdFieldEvent {
      field: '$.pendingHandshake.signedPrekeyId'
      value: number
    }

    export interface SessionStatePendingHandshakePqPrekeyIdFieldEvent {
      field: '$.pendingHandshake.pqPrekeyId'
      value: number
    }

    export interface SessionStatePendingHandshakeOneTimePrekeyIdFieldEvent {
      field: '$.pendingHandshake.oneTimePrekeyId'
      value: number
    }

    export interface SessionStatePendingHandshakePqCiphertextFieldEvent {
      field: '$.pendingHandshake.pqCiphertext'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStatePendingHandshakeContextFieldEvent {
      field: '$.pendingHandshake.context'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStateBaseKeyFieldEvent {
      field: '$.baseKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStateContextFieldEvent {
      field: '$.context'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionStatePreviousChainsRatchetKeyFieldEvent {
      field: '$.previousChains[].ratchetKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionStatePreviousChainsLengthFieldEvent {
      field: '$.previousChains[].length'
      value: number
      index: number
    }

    export function encode (obj: Partial<SessionState>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, SessionState.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionState>): SessionState {
      return decodeMessage(buf, SessionState.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionState>): Generator<SessionStateVersionFieldEvent | SessionStateLocalIdentityKeyFieldEvent | SessionStateLocalSigningKeyFieldEvent | SessionStateRemoteIdentityKeyFieldEvent | SessionStateRemoteSigningKeyFieldEvent | SessionStateAssociatedDataFieldEvent | SessionStateRootKeyFieldEvent | SessionStateSendingRatchetPrivateFieldEvent | SessionStateSendingRatchetPublicFieldEvent | SessionStateReceivingRatchetKeyFieldEvent | SessionStateSendingChainKeyFieldEvent | SessionStateSendingCounterFieldEvent | SessionStateReceivingChainKeyFieldEvent | SessionStateReceivingCounterFieldEvent | SessionStatePreviousCounterFieldEvent | SessionStateSkippedRatchetKeyFieldEvent | SessionStateSkippedCounterFieldEvent | SessionStateSkippedMessageKeyFieldEvent | SessionStatePendingHandshakeIdentityKeyFieldEvent | SessionStatePendingHandshakeSigningKeyFieldEvent | SessionStatePendingHandshakeIdentitySignatureFieldEvent | SessionStatePendingHandshakeBaseKeyFieldEvent | SessionStatePendingHandshakeSignedPrekeyIdFieldEvent | SessionStatePendingHandshakePqPrekeyIdFieldEvent | SessionStatePendingHandshakeOneTimePrekeyIdFieldEvent | SessionStatePendingHandshakePqCiphertextFieldEvent | SessionStatePendingHandshakeContextFieldEvent | SessionStateBaseKeyFieldEvent | SessionStateContextFieldEvent | SessionStatePreviousChainsRatchetKeyFieldEvent | SessionStatePreviousChainsLengthFieldEvent> {
      return streamMessage(buf, SessionState.codec(), opts)
    }
  }

  export interface PreviousChain {
    ratchetKey: Uint8Array<ArrayBuffer>
    length: number
  }

  export namespace PreviousChain {
    let _codec: Codec<PreviousChain>

    export const codec = (): Codec<PreviousChain> => {
      if (_codec == null) {
        _codec = message<PreviousChain>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.ratchetKey != null && obj.ratchetKey.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.ratchetKey)
          }

          if ((obj.length != null && obj.length !== 0)) {
            w.uint32(16)
            w.uint32(obj.length)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            ratchetKey: uint8ArrayAlloc(0),
            length: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.ratchetKey = reader.bytes()
                break
              }
              case 2: {
                obj.length = reader.uint32()
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
                  field: `${prefix}.ratchetKey`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.length`,
                  value: reader.uint32()
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

    export interface PreviousChainRatchetKeyFieldEvent {
      field: '$.ratchetKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface PreviousChainLengthFieldEvent {
      field: '$.length'
      value: number
    }

    export function encode (obj: Partial<PreviousChain>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, PreviousChain.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreviousChain>): PreviousChain {
      return decodeMessage(buf, PreviousChain.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreviousChain>): Generator<PreviousChainRatchetKeyFieldEvent | PreviousChainLengthFieldEvent> {
      return streamMessage(buf, PreviousChain.codec(), opts)
    }
  }

  export interface SessionRecordState {
    current?: kabar.SessionState
    previous: kabar.SessionState[]
  }

  export namespace SessionRecordState {
    let _codec: Codec<SessionRecordState>

    export const codec = (): Codec<SessionRecordState> => {
      if (_codec == null) {
        _codec = message<SessionRecordState>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if (obj.current != null) {
            w.uint32(10)
            kabar.SessionState.codec().encode(obj.current, w)
          }

          if (obj.previous != null && obj.previous.length > 0) {
            for (const value of obj.previous) {
              w.uint32(18)
              kabar.SessionState.codec().encode(value, w)
            }
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            previous: []
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.current = kabar.SessionState.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.current
                })
                break
              }
              case 2: {
                if (opts.limits?.previous != null && obj.previous.length === opts.limits.previous) {
                  throw new MaxLengthError('Decode error - repeated field "previous" had too many elements')
                }

                obj.previous.push(kabar.SessionState.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.previous$
                }))
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
            previous: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield * kabar.SessionState.codec().stream(reader, reader.uint32(), `${prefix}.current`, {
                  limits: opts.limits?.current
                })

                break
              }
              case 2: {
                if (opts.limits?.previous != null && obj.previous === opts.limits.previous) {
                  throw new MaxLengthError('Streaming decode error - repeated field "previous" had too many elements')
                }

                for (const evt of kabar.SessionState.codec().stream(reader, reader.uint32(), `${prefix}.previous[]`, {
                  limits: opts.limits?.previous$
                })) {
                  yield {
                    ...evt,
                    index: obj.previous
                  }
                }

                obj.previous++

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

    export interface SessionRecordStateCurrentVersionFieldEvent {
      field: '$.current.version'
      value: number
    }

    export interface SessionRecordStateCurrentLocalIdentityKeyFieldEvent {
      field: '$.current.localIdentityKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentLocalSigningKeyFieldEvent {
      field: '$.current.localSigningKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentRemoteIdentityKeyFieldEvent {
      field: '$.current.remoteIdentityKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentRemoteSigningKeyFieldEvent {
      field: '$.current.remoteSigningKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentAssociatedDataFieldEvent {
      field: '$.current.associatedData'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentRootKeyFieldEvent {
      field: '$.current.rootKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentSendingRatchetPrivateFieldEvent {
      field: '$.current.sendingRatchetPrivate'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentSendingRatchetPublicFieldEvent {
      field: '$.current.sendingRatchetPublic'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentReceivingRatchetKeyFieldEvent {
      field: '$.current.receivingRatchetKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentSendingChainKeyFieldEvent {
      field: '$.current.sendingChainKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentSendingCounterFieldEvent {
      field: '$.current.sendingCounter'
      value: number
    }

    export interface SessionRecordStateCurrentReceivingChainKeyFieldEvent {
      field: '$.current.receivingChainKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentReceivingCounterFieldEvent {
      field: '$.current.receivingCounter'
      value: number
    }

    export interface SessionRecordStateCurrentPreviousCounterFieldEvent {
      field: '$.current.previousCounter'
      value: number
    }

    export interface SessionRecordStateCurrentSkippedRatchetKeyFieldEvent {
      field: '$.current.skipped[].ratchetKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStateCurrentSkippedCounterFieldEvent {
      field: '$.current.skipped[].counter'
      value: number
      index: number
    }

    export interface SessionRecordStateCurrentSkippedMessageKeyFieldEvent {
      field: '$.current.skipped[].messageKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStateCurrentPendingHandshakeIdentityKeyFieldEvent {
      field: '$.current.pendingHandshake.identityKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentPendingHandshakeSigningKeyFieldEvent {
      field: '$.current.pendingHandshake.signingKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentPendingHandshakeIdentitySignatureFieldEvent {
      field: '$.current.pendingHandshake.identitySignature'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentPendingHandshakeBaseKeyFieldEvent {
      field: '$.current.pendingHandshake.baseKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentPendingHandshakeSignedPrekeyIdFieldEvent {
      field: '$.current.pendingHandshake.signedPrekeyId'
      value: number
    }

    export interface SessionRecordStateCurrentPendingHandshakePqPrekeyIdFieldEvent {
      field: '$.current.pendingHandshake.pqPrekeyId'
      value: number
    }

    export interface SessionRecordStateCurrentPendingHandshakeOneTimePrekeyIdFieldEvent {
      field: '$.current.pendingHandshake.oneTimePrekeyId'
      value: number
    }

    export interface SessionRecordStateCurrentPendingHandshakePqCiphertextFieldEvent {
      field: '$.current.pendingHandshake.pqCiphertext'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentPendingHandshakeContextFieldEvent {
      field: '$.current.pendingHandshake.context'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentBaseKeyFieldEvent {
      field: '$.current.baseKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentContextFieldEvent {
      field: '$.current.context'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SessionRecordStateCurrentPreviousChainsRatchetKeyFieldEvent {
      field: '$.current.previousChains[].ratchetKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStateCurrentPreviousChainsLengthFieldEvent {
      field: '$.current.previousChains[].length'
      value: number
      index: number
    }

    export interface SessionRecordStatePreviousVersionFieldEvent {
      field: '$.previous[].version'
      value: number
      index: number
    }

    export interface SessionRecordStatePreviousLocalIdentityKeyFieldEvent {
      field: '$.previous[].localIdentityKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousLocalSigningKeyFieldEvent {
      field: '$.previous[].localSigningKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousRemoteIdentityKeyFieldEvent {
      field: '$.previous[].remoteIdentityKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousRemoteSigningKeyFieldEvent {
      field: '$.previous[].remoteSigningKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousAssociatedDataFieldEvent {
      field: '$.previous[].associatedData'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousRootKeyFieldEvent {
      field: '$.previous[].rootKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousSendingRatchetPrivateFieldEvent {
      field: '$.previous[].sendingRatchetPrivate'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousSendingRatchetPublicFieldEvent {
      field: '$.previous[].sendingRatchetPublic'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousReceivingRatchetKeyFieldEvent {
      field: '$.previous[].receivingRatchetKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousSendingChainKeyFieldEvent {
      field: '$.previous[].sendingChainKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousSendingCounterFieldEvent {
      field: '$.previous[].sendingCounter'
      value: number
      index: number
    }

    export interface SessionRecordStatePreviousReceivingChainKeyFieldEvent {
      field: '$.previous[].receivingChainKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousReceivingCounterFieldEvent {
      field: '$.previous[].receivingCounter'
      value: number
      index: number
    }

    export interface SessionRecordStatePreviousPreviousCounterFieldEvent {
      field: '$.previous[].previousCounter'
      value: number
      index: number
    }

    export interface SessionRecordStatePreviousSkippedRatchetKeyFieldEvent {
      field: '$.previous[].skipped[].ratchetKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousSkippedCounterFieldEvent {
      field: '$.previous[].skipped[].counter'
      value: number
      index: number
    }

    export interface SessionRecordStatePreviousSkippedMessageKeyFieldEvent {
      field: '$.previous[].skipped[].messageKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousPendingHandshakeIdentityKeyFieldEvent {
      field: '$.previous[].pendingHandshake.identityKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousPendingHandshakeSigningKeyFieldEvent {
      field: '$.previous[].pendingHandshake.signingKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousPendingHandshakeIdentitySignatureFieldEvent {
      field: '$.previous[].pendingHandshake.identitySignature'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousPendingHandshakeBaseKeyFieldEvent {
      field: '$.previous[].pendingHandshake.baseKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousPendingHandshakeSignedPrekeyIdFieldEvent {
      field: '$.previous[].pendingHandshake.signedPrekeyId'
      value: number
      index: number
    }

    export interface SessionRecordStatePreviousPendingHandshakePqPrekeyIdFieldEvent {
      field: '$.previous[].pendingHandshake.pqPrekeyId'
      value: number
      index: number
    }

    export interface SessionRecordStatePreviousPendingHandshakeOneTimePrekeyIdFieldEvent {
      field: '$.previous[].pendingHandshake.oneTimePrekeyId'
      value: number
      index: number
    }

    export interface SessionRecordStatePreviousPendingHandshakePqCiphertextFieldEvent {
      field: '$.previous[].pendingHandshake.pqCiphertext'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousPendingHandshakeContextFieldEvent {
      field: '$.previous[].pendingHandshake.context'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousBaseKeyFieldEvent {
      field: '$.previous[].baseKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousContextFieldEvent {
      field: '$.previous[].context'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousPreviousChainsRatchetKeyFieldEvent {
      field: '$.previous[].previousChains[].ratchetKey'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface SessionRecordStatePreviousPreviousChainsLengthFieldEvent {
      field: '$.previous[].previousChains[].length'
      value: number
      index: number
    }

    export function encode (obj: Partial<SessionRecordState>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, SessionRecordState.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionRecordState>): SessionRecordState {
      return decodeMessage(buf, SessionRecordState.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionRecordState>): Generator<SessionRecordStateCurrentVersionFieldEvent | SessionRecordStateCurrentLocalIdentityKeyFieldEvent | SessionRecordStateCurrentLocalSigningKeyFieldEvent | SessionRecordStateCurrentRemoteIdentityKeyFieldEvent | SessionRecordStateCurrentRemoteSigningKeyFieldEvent | SessionRecordStateCurrentAssociatedDataFieldEvent | SessionRecordStateCurrentRootKeyFieldEvent | SessionRecordStateCurrentSendingRatchetPrivateFieldEvent | SessionRecordStateCurrentSendingRatchetPublicFieldEvent | SessionRecordStateCurrentReceivingRatchetKeyFieldEvent | SessionRecordStateCurrentSendingChainKeyFieldEvent | SessionRecordStateCurrentSendingCounterFieldEvent | SessionRecordStateCurrentReceivingChainKeyFieldEvent | SessionRecordStateCurrentReceivingCounterFieldEvent | SessionRecordStateCurrentPreviousCounterFieldEvent | SessionRecordStateCurrentSkippedRatchetKeyFieldEvent | SessionRecordStateCurrentSkippedCounterFieldEvent | SessionRecordStateCurrentSkippedMessageKeyFieldEvent | SessionRecordStateCurrentPendingHandshakeIdentityKeyFieldEvent | SessionRecordStateCurrentPendingHandshakeSigningKeyFieldEvent | SessionRecordStateCurrentPendingHandshakeIdentitySignatureFieldEvent | SessionRecordStateCurrentPendingHandshakeBaseKeyFieldEvent | SessionRecordStateCurrentPendingHandshakeSignedPrekeyIdFieldEvent | SessionRecordStateCurrentPendingHandshakePqPrekeyIdFieldEvent | SessionRecordStateCurrentPendingHandshakeOneTimePrekeyIdFieldEvent | SessionRecordStateCurrentPendingHandshakePqCiphertextFieldEvent | SessionRecordStateCurrentPendingHandshakeContextFieldEvent | SessionRecordStateCurrentBaseKeyFieldEvent | SessionRecordStateCurrentContextFieldEvent | SessionRecordStateCurrentPreviousChainsRatchetKeyFieldEvent | SessionRecordStateCurrentPreviousChainsLengthFieldEvent | SessionRecordStatePreviousVersionFieldEvent | SessionRecordStatePreviousLocalIdentityKeyFieldEvent | SessionRecordStatePreviousLocalSigningKeyFieldEvent | SessionRecordStatePreviousRemoteIdentityKeyFieldEvent | SessionRecordStatePreviousRemoteSigningKeyFieldEvent | SessionRecordStatePreviousAssociatedDataFieldEvent | SessionRecordStatePreviousRootKeyFieldEvent | SessionRecordStatePreviousSendingRatchetPrivateFieldEvent | SessionRecordStatePreviousSendingRatchetPublicFieldEvent | SessionRecordStatePreviousReceivingRatchetKeyFieldEvent | SessionRecordStatePreviousSendingChainKeyFieldEvent | SessionRecordStatePreviousSendingCounterFieldEvent | SessionRecordStatePreviousReceivingChainKeyFieldEvent | SessionRecordStatePreviousReceivingCounterFieldEvent | SessionRecordStatePreviousPreviousCounterFieldEvent | SessionRecordStatePreviousSkippedRatchetKeyFieldEvent | SessionRecordStatePreviousSkippedCounterFieldEvent | SessionRecordStatePreviousSkippedMessageKeyFieldEvent | SessionRecordStatePreviousPendingHandshakeIdentityKeyFieldEvent | SessionRecordStatePreviousPendingHandshakeSigningKeyFieldEvent | SessionRecordStatePreviousPendingHandshakeIdentitySignatureFieldEvent | SessionRecordStatePreviousPendingHandshakeBaseKeyFieldEvent | SessionRecordStatePreviousPendingHandshakeSignedPrekeyIdFieldEvent | SessionRecordStatePreviousPendingHandshakePqPrekeyIdFieldEvent | SessionRecordStatePreviousPendingHandshakeOneTimePrekeyIdFieldEvent | SessionRecordStatePreviousPendingHandshakePqCiphertextFieldEvent | SessionRecordStatePreviousPendingHandshakeContextFieldEvent | SessionRecordStatePreviousBaseKeyFieldEvent | SessionRecordStatePreviousContextFieldEvent | SessionRecordStatePreviousPreviousChainsRatchetKeyFieldEvent | SessionRecordStatePreviousPreviousChainsLengthFieldEvent> {
      return streamMessage(buf, SessionRecordState.codec(), opts)
    }
  }

  let _codec: Codec<kabar>

  export const codec = (): Codec<kabar> => {
    if (_codec == null) {
      _codec = message<kabar>((obj, w, opts = {}) => {
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

  export function encode (obj: Partial<kabar>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, kabar.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<kabar>): kabar {
    return decodeMessage(buf, kabar.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<kabar>): Generator<{}> {
    return streamMessage(buf, kabar.codec(), opts)
  }
}
