/* eslint-disable require-yield */

import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface delivery {}

export namespace delivery {
  export interface Envelope {
    id: Uint8Array<ArrayBuffer>
    payload: Uint8Array<ArrayBuffer>
  }

  export namespace Envelope {
    let _codec: Codec<Envelope>

    export const codec = (): Codec<Envelope> => {
      if (_codec == null) {
        _codec = message<Envelope>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.id != null && obj.id.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.id)
          }

          if ((obj.payload != null && obj.payload.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.payload)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            id: uint8ArrayAlloc(0),
            payload: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.id = reader.bytes()
                break
              }
              case 2: {
                obj.payload = reader.bytes()
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
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.payload`,
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

    export interface EnvelopeIdFieldEvent {
      field: '$.id'
      value: Uint8Array<ArrayBuffer>
    }

    export interface EnvelopePayloadFieldEvent {
      field: '$.payload'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<Envelope>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, Envelope.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Envelope>): Envelope {
      return decodeMessage(buf, Envelope.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Envelope>): Generator<EnvelopeIdFieldEvent | EnvelopePayloadFieldEvent> {
      return streamMessage(buf, Envelope.codec(), opts)
    }
  }

  export interface Ack {
    id: Uint8Array<ArrayBuffer>
    status: number
  }

  export namespace Ack {
    let _codec: Codec<Ack>

    export const codec = (): Codec<Ack> => {
      if (_codec == null) {
        _codec = message<Ack>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.id != null && obj.id.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.id)
          }

          if ((obj.status != null && obj.status !== 0)) {
            w.uint32(16)
            w.uint32(obj.status)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            id: uint8ArrayAlloc(0),
            status: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.id = reader.bytes()
                break
              }
              case 2: {
                obj.status = reader.uint32()
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
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.status`,
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

    export interface AckIdFieldEvent {
      field: '$.id'
      value: Uint8Array<ArrayBuffer>
    }

    export interface AckStatusFieldEvent {
      field: '$.status'
      value: number
    }

    export function encode (obj: Partial<Ack>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, Ack.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Ack>): Ack {
      return decodeMessage(buf, Ack.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Ack>): Generator<AckIdFieldEvent | AckStatusFieldEvent> {
      return streamMessage(buf, Ack.codec(), opts)
    }
  }

  export interface MsgFrame {
    envelope?: delivery.Envelope
    ack?: delivery.Ack
  }

  export namespace MsgFrame {
    let _codec: Codec<MsgFrame>

    export const codec = (): Codec<MsgFrame> => {
      if (_codec == null) {
        _codec = message<MsgFrame>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if (obj.envelope != null) {
            w.uint32(10)
            delivery.Envelope.codec().encode(obj.envelope, w)
          }

          if (obj.ack != null) {
            w.uint32(18)
            delivery.Ack.codec().encode(obj.ack, w)
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
              case 1: {
                obj.envelope = delivery.Envelope.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.envelope
                })
                break
              }
              case 2: {
                obj.ack = delivery.Ack.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.ack
                })
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
                yield * delivery.Envelope.codec().stream(reader, reader.uint32(), `${prefix}.envelope`, {
                  limits: opts.limits?.envelope
                })

                break
              }
              case 2: {
                yield * delivery.Ack.codec().stream(reader, reader.uint32(), `${prefix}.ack`, {
                  limits: opts.limits?.ack
                })

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

    export interface MsgFrameEnvelopeIdFieldEvent {
      field: '$.envelope.id'
      value: Uint8Array<ArrayBuffer>
    }

    export interface MsgFrameEnvelopePayloadFieldEvent {
      field: '$.envelope.payload'
      value: Uint8Array<ArrayBuffer>
    }

    export interface MsgFrameAckIdFieldEvent {
      field: '$.ack.id'
      value: Uint8Array<ArrayBuffer>
    }

    export interface MsgFrameAckStatusFieldEvent {
      field: '$.ack.status'
      value: number
    }

    export function encode (obj: Partial<MsgFrame>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, MsgFrame.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MsgFrame>): MsgFrame {
      return decodeMessage(buf, MsgFrame.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MsgFrame>): Generator<MsgFrameEnvelopeIdFieldEvent | MsgFrameEnvelopePayloadFieldEvent | MsgFrameAckIdFieldEvent | MsgFrameAckStatusFieldEvent> {
      return streamMessage(buf, MsgFrame.codec(), opts)
    }
  }

  export interface PrekeyRequest {}

  export namespace PrekeyRequest {
    let _codec: Codec<PrekeyRequest>

    export const codec = (): Codec<PrekeyRequest> => {
      if (_codec == null) {
        _codec = message<PrekeyRequest>((obj, w, opts = {}) => {
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

    export function encode (obj: Partial<PrekeyRequest>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, PrekeyRequest.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyRequest>): PrekeyRequest {
      return decodeMessage(buf, PrekeyRequest.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyRequest>): Generator<{}> {
      return streamMessage(buf, PrekeyRequest.codec(), opts)
    }
  }

  export interface PrekeyResponse {
    oneTimePrekeyId?: number
    oneTimePrekey?: Uint8Array<ArrayBuffer>
  }

  export namespace PrekeyResponse {
    let _codec: Codec<PrekeyResponse>

    export const codec = (): Codec<PrekeyResponse> => {
      if (_codec == null) {
        _codec = message<PrekeyResponse>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if (obj.oneTimePrekeyId != null) {
            w.uint32(8)
            w.uint32(obj.oneTimePrekeyId)
          }

          if (obj.oneTimePrekey != null) {
            w.uint32(18)
            w.bytes(obj.oneTimePrekey)
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
              case 1: {
                obj.oneTimePrekeyId = reader.uint32()
                break
              }
              case 2: {
                obj.oneTimePrekey = reader.bytes()
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
                  field: `${prefix}.oneTimePrekeyId`,
                  value: reader.uint32()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.oneTimePrekey`,
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

    export interface PrekeyResponseOneTimePrekeyIdFieldEvent {
      field: '$.oneTimePrekeyId'
      value: number
    }

    export interface PrekeyResponseOneTimePrekeyFieldEvent {
      field: '$.oneTimePrekey'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<PrekeyResponse>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, PrekeyResponse.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyResponse>): PrekeyResponse {
      return decodeMessage(buf, PrekeyResponse.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PrekeyResponse>): Generator<PrekeyResponseOneTimePrekeyIdFieldEvent | PrekeyResponseOneTimePrekeyFieldEvent> {
      return streamMessage(buf, PrekeyResponse.codec(), opts)
    }
  }

  export interface LinkRequest {
    secret: Uint8Array<ArrayBuffer>
    identityKey: Uint8Array<ArrayBuffer>
  }

  export namespace LinkRequest {
    let _codec: Codec<LinkRequest>

    export const codec = (): Codec<LinkRequest> => {
      if (_codec == null) {
        _codec = message<LinkRequest>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.secret != null && obj.secret.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.secret)
          }

          if ((obj.identityKey != null && obj.identityKey.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.identityKey)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            secret: uint8ArrayAlloc(0),
            identityKey: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.secret = reader.bytes()
                break
              }
              case 2: {
                obj.identityKey = reader.bytes()
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
                  field: `${prefix}.secret`,
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

    export interface LinkRequestSecretFieldEvent {
      field: '$.secret'
      value: Uint8Array<ArrayBuffer>
    }

    export interface LinkRequestIdentityKeyFieldEvent {
      field: '$.identityKey'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<LinkRequest>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, LinkRequest.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkRequest>): LinkRequest {
      return decodeMessage(buf, LinkRequest.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkRequest>): Generator<LinkRequestSecretFieldEvent | LinkRequestIdentityKeyFieldEvent> {
      return streamMessage(buf, LinkRequest.codec(), opts)
    }
  }

  export interface LinkResponse {
    accountKey: Uint8Array<ArrayBuffer>
    certificate: Uint8Array<ArrayBuffer>
    error: string
  }

  export namespace LinkResponse {
    let _codec: Codec<LinkResponse>

    export const codec = (): Codec<LinkResponse> => {
      if (_codec == null) {
        _codec = message<LinkResponse>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.accountKey != null && obj.accountKey.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.accountKey)
          }

          if ((obj.certificate != null && obj.certificate.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.certificate)
          }

          if ((obj.error != null && obj.error !== '')) {
            w.uint32(26)
            w.string(obj.error)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            accountKey: uint8ArrayAlloc(0),
            certificate: uint8ArrayAlloc(0),
            error: ''
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
                obj.certificate = reader.bytes()
                break
              }
              case 3: {
                obj.error = reader.string()
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
                  field: `${prefix}.accountKey`,
                  value: reader.bytes()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.certificate`,
                  value: reader.bytes()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.error`,
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

    export interface LinkResponseAccountKeyFieldEvent {
      field: '$.accountKey'
      value: Uint8Array<ArrayBuffer>
    }

    export interface LinkResponseCertificateFieldEvent {
      field: '$.certificate'
      value: Uint8Array<ArrayBuffer>
    }

    export interface LinkResponseErrorFieldEvent {
      field: '$.error'
      value: string
    }

    export function encode (obj: Partial<LinkResponse>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, LinkResponse.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkResponse>): LinkResponse {
      return decodeMessage(buf, LinkResponse.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkResponse>): Generator<LinkResponseAccountKeyFieldEvent | LinkResponseCertificateFieldEvent | LinkResponseErrorFieldEvent> {
      return streamMessage(buf, LinkResponse.codec(), opts)
    }
  }

  let _codec: Codec<delivery>

  export const codec = (): Codec<delivery> => {
    if (_codec == null) {
      _codec = message<delivery>((obj, w, opts = {}) => {
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

  export function encode (obj: Partial<delivery>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, delivery.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<delivery>): delivery {
    return decodeMessage(buf, delivery.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<delivery>): Generator<{}> {
    return streamMessage(buf, delivery.codec(), opts)
  }
}
