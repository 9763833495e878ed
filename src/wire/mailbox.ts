/* eslint-disable require-yield */

import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface mailbox {}

export namespace mailbox {
  export interface Item {
    id: Uint8Array<ArrayBuffer>
    device: Uint8Array<ArrayBuffer>
    sender: Uint8Array<ArrayBuffer>
    payload: Uint8Array<ArrayBuffer>
    depositedAt: bigint
  }

  export namespace Item {
    let _codec: Codec<Item>

    export const codec = (): Codec<Item> => {
      if (_codec == null) {
        _codec = message<Item>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.id != null && obj.id.byteLength > 0)) {
            w.uint32(10)
            w.bytes(obj.id)
          }

          if ((obj.device != null && obj.device.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.device)
          }

          if ((obj.sender != null && obj.sender.byteLength > 0)) {
            w.uint32(26)
            w.bytes(obj.sender)
          }

          if ((obj.payload != null && obj.payload.byteLength > 0)) {
            w.uint32(34)
            w.bytes(obj.payload)
          }

          if ((obj.depositedAt != null && obj.depositedAt !== 0n)) {
            w.uint32(40)
            w.uint64(obj.depositedAt)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            id: uint8ArrayAlloc(0),
            device: uint8ArrayAlloc(0),
            sender: uint8ArrayAlloc(0),
            payload: uint8ArrayAlloc(0),
            depositedAt: 0n
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
                obj.device = reader.bytes()
                break
              }
              case 3: {
                obj.sender = reader.bytes()
                break
              }
              case 4: {
                obj.payload = reader.bytes()
                break
              }
              case 5: {
                obj.depositedAt = reader.uint64()
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
                  field: `${prefix}.device`,
                  value: reader.bytes()
                }
                break
              }
              case 3: {
                yield {
                  field: `${prefix}.sender`,
                  value: reader.bytes()
                }
                break
              }
              case 4: {
                yield {
                  field: `${prefix}.payload`,
                  value: reader.bytes()
                }
                break
              }
              case 5: {
                yield {
                  field: `${prefix}.depositedAt`,
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

    export interface ItemIdFieldEvent {
      field: '$.id'
      value: Uint8Array<ArrayBuffer>
    }

    export interface ItemDeviceFieldEvent {
      field: '$.device'
      value: Uint8Array<ArrayBuffer>
    }

    export interface ItemSenderFieldEvent {
      field: '$.sender'
      value: Uint8Array<ArrayBuffer>
    }

    export interface ItemPayloadFieldEvent {
      field: '$.payload'
      value: Uint8Array<ArrayBuffer>
    }

    export interface ItemDepositedAtFieldEvent {
      field: '$.depositedAt'
      value: bigint
    }

    export function encode (obj: Partial<Item>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, Item.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Item>): Item {
      return decodeMessage(buf, Item.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Item>): Generator<ItemIdFieldEvent | ItemDeviceFieldEvent | ItemSenderFieldEvent | ItemPayloadFieldEvent | ItemDepositedAtFieldEvent> {
      return streamMessage(buf, Item.codec(), opts)
    }
  }

  export interface Request {
    op: number
    items: mailbox.Item[]
    ids: Uint8Array<ArrayBuffer>[]
    limit: number
  }

  export namespace Request {
    let _codec: Codec<Request>

    export const codec = (): Codec<Request> => {
      if (_codec == null) {
        _codec = message<Request>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.op != null && obj.op !== 0)) {
            w.uint32(8)
            w.uint32(obj.op)
          }

          if (obj.items != null && obj.items.length > 0) {
            for (const value of obj.items) {
              w.uint32(18)
              mailbox.Item.codec().encode(value, w)
            }
          }

          if (obj.ids != null && obj.ids.length > 0) {
            for (const value of obj.ids) {
              w.uint32(26)
              w.bytes(value)
            }
          }

          if ((obj.limit != null && obj.limit !== 0)) {
            w.uint32(32)
            w.uint32(obj.limit)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            op: 0,
            items: [],
            ids: [],
            limit: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.op = reader.uint32()
                break
              }
              case 2: {
                if (opts.limits?.items != null && obj.items.length === opts.limits.items) {
                  throw new MaxLengthError('Decode error - repeated field "items" had too many elements')
                }

                obj.items.push(mailbox.Item.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.items$
                }))
                break
              }
              case 3: {
                if (opts.limits?.ids != null && obj.ids.length === opts.limits.ids) {
                  throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
                }

                obj.ids.push(reader.bytes())
                break
              }
              case 4: {
                obj.limit = reader.uint32()
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
            items: 0,
            ids: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.op`,
                  value: reader.uint32()
                }
                break
              }
              case 2: {
                if (opts.limits?.items != null && obj.items === opts.limits.items) {
                  throw new MaxLengthError('Streaming decode error - repeated field "items" had too many elements')
                }

                for (const evt of mailbox.Item.codec().stream(reader, reader.uint32(), `${prefix}.items[]`, {
                  limits: opts.limits?.items$
                })) {
                  yield {
                    ...evt,
                    index: obj.items
                  }
                }

                obj.items++

                break
              }
              case 3: {
                if (opts.limits?.ids != null && obj.ids === opts.limits.ids) {
                  throw new MaxLengthError('Streaming decode error - repeated field "ids" had too many elements')
                }

                yield {
                  field: `${prefix}.ids[]`,
                  index: obj.ids,
                  value: reader.bytes()
                }

                obj.ids++

                break
              }
              case 4: {
                yield {
                  field: `${prefix}.limit`,
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

    export interface RequestOpFieldEvent {
      field: '$.op'
      value: number
    }

    export interface RequestItemsIdFieldEvent {
      field: '$.items[].id'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface RequestItemsDeviceFieldEvent {
      field: '$.items[].device'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface RequestItemsSenderFieldEvent {
      field: '$.items[].sender'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface RequestItemsPayloadFieldEvent {
      field: '$.items[].payload'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface RequestItemsDepositedAtFieldEvent {
      field: '$.items[].depositedAt'
      value: bigint
      index: number
    }

    export interface RequestIdsFieldEvent {
      field: '$.ids[]'
      index: number
      value: Uint8Array<ArrayBuffer>
    }

    export interface RequestLimitFieldEvent {
      field: '$.limit'
      value: number
    }

    export function encode (obj: Partial<Request>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, Request.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Request>): Request {
      return decodeMessage(buf, Request.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Request>): Generator<RequestOpFieldEvent | RequestItemsIdFieldEvent | RequestItemsDeviceFieldEvent | RequestItemsSenderFieldEvent | RequestItemsPayloadFieldEvent | RequestItemsDepositedAtFieldEvent | RequestIdsFieldEvent | RequestLimitFieldEvent> {
      return streamMessage(buf, Request.codec(), opts)
    }
  }

  export interface DepositResult {
    id: Uint8Array<ArrayBuffer>
    status: number
    reason: string
    expiresAt: bigint
  }

  export namespace DepositResult {
    let _codec: Codec<DepositResult>

    export const codec = (): Codec<DepositResult> => {
      if (_codec == null) {
        _codec = message<DepositResult>((obj, w, opts = {}) => {
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

          if ((obj.reason != null && obj.reason !== '')) {
            w.uint32(26)
            w.string(obj.reason)
          }

          if ((obj.expiresAt != null && obj.expiresAt !== 0n)) {
            w.uint32(32)
            w.uint64(obj.expiresAt)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            id: uint8ArrayAlloc(0),
            status: 0,
            reason: '',
            expiresAt: 0n
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
              case 3: {
                obj.reason = reader.string()
                break
              }
              case 4: {
                obj.expiresAt = reader.uint64()
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
              case 3: {
                yield {
                  field: `${prefix}.reason`,
                  value: reader.string()
                }
                break
              }
              case 4: {
                yield {
                  field: `${prefix}.expiresAt`,
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

    export interface DepositResultIdFieldEvent {
      field: '$.id'
      value: Uint8Array<ArrayBuffer>
    }

    export interface DepositResultStatusFieldEvent {
      field: '$.status'
      value: number
    }

    export interface DepositResultReasonFieldEvent {
      field: '$.reason'
      value: string
    }

    export interface DepositResultExpiresAtFieldEvent {
      field: '$.expiresAt'
      value: bigint
    }

    export function encode (obj: Partial<DepositResult>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, DepositResult.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DepositResult>): DepositResult {
      return decodeMessage(buf, DepositResult.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DepositResult>): Generator<DepositResultIdFieldEvent | DepositResultStatusFieldEvent | DepositResultReasonFieldEvent | DepositResultExpiresAtFieldEvent> {
      return streamMessage(buf, DepositResult.codec(), opts)
    }
  }

  export interface Response {
    results: mailbox.DepositResult[]
    items: mailbox.Item[]
    more: boolean
    ids: Uint8Array<ArrayBuffer>[]
    error: string
  }

  export namespace Response {
    let _codec: Codec<Response>

    export const codec = (): Codec<Response> => {
      if (_codec == null) {
        _codec = message<Response>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if (obj.results != null && obj.results.length > 0) {
            for (const value of obj.results) {
              w.uint32(10)
              mailbox.DepositResult.codec().encode(value, w)
            }
          }

          if (obj.items != null && obj.items.length > 0) {
            for (const value of obj.items) {
              w.uint32(18)
              mailbox.Item.codec().encode(value, w)
            }
          }

          if ((obj.more != null && obj.more !== false)) {
            w.uint32(24)
            w.bool(obj.more)
          }

          if (obj.ids != null && obj.ids.length > 0) {
            for (const value of obj.ids) {
              w.uint32(34)
              w.bytes(value)
            }
          }

          if ((obj.error != null && obj.error !== '')) {
            w.uint32(42)
            w.string(obj.error)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            results: [],
            items: [],
            more: false,
            ids: [],
            error: ''
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                if (opts.limits?.results != null && obj.results.length === opts.limits.results) {
                  throw new MaxLengthError('Decode error - repeated field "results" had too many elements')
                }

                obj.results.push(mailbox.DepositResult.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.results$
                }))
                break
              }
              case 2: {
                if (opts.limits?.items != null && obj.items.length === opts.limits.items) {
                  throw new MaxLengthError('Decode error - repeated field "items" had too many elements')
                }

                obj.items.push(mailbox.Item.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.items$
                }))
                break
              }
              case 3: {
                obj.more = reader.bool()
                break
              }
              case 4: {
                if (opts.limits?.ids != null && obj.ids.length === opts.limits.ids) {
                  throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
                }

                obj.ids.push(reader.bytes())
                break
              }
              case 5: {
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
          const obj = {
            results: 0,
            items: 0,
            ids: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                if (opts.limits?.results != null && obj.results === opts.limits.results) {
                  throw new MaxLengthError('Streaming decode error - repeated field "results" had too many elements')
                }

                for (const evt of mailbox.DepositResult.codec().stream(reader, reader.uint32(), `${prefix}.results[]`, {
                  limits: opts.limits?.results$
                })) {
                  yield {
                    ...evt,
                    index: obj.results
                  }
                }

                obj.results++

                break
              }
              case 2: {
                if (opts.limits?.items != null && obj.items === opts.limits.items) {
                  throw new MaxLengthError('Streaming decode error - repeated field "items" had too many elements')
                }

                for (const evt of mailbox.Item.codec().stream(reader, reader.uint32(), `${prefix}.items[]`, {
                  limits: opts.limits?.items$
                })) {
                  yield {
                    ...evt,
                    index: obj.items
                  }
                }

                obj.items++

                break
              }
              case 3: {
                yield {
                  field: `${prefix}.more`,
                  value: reader.bool()
                }
                break
              }
              case 4: {
                if (opts.limits?.ids != null && obj.ids === opts.limits.ids) {
                  throw new MaxLengthError('Streaming decode error - repeated field "ids" had too many elements')
                }

                yield {
                  field: `${prefix}.ids[]`,
                  index: obj.ids,
                  value: reader.bytes()
                }

                obj.ids++

                break
              }
              case 5: {
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

    export interface ResponseResultsIdFieldEvent {
      field: '$.results[].id'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface ResponseResultsStatusFieldEvent {
      field: '$.results[].status'
      value: number
      index: number
    }

    export interface ResponseResultsReasonFieldEvent {
      field: '$.results[].reason'
      value: string
      index: number
    }

    export interface ResponseResultsExpiresAtFieldEvent {
      field: '$.results[].expiresAt'
      value: bigint
      index: number
    }

    export interface ResponseItemsIdFieldEvent {
      field: '$.items[].id'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface ResponseItemsDeviceFieldEvent {
      field: '$.items[].device'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface ResponseItemsSenderFieldEvent {
      field: '$.items[].sender'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface ResponseItemsPayloadFieldEvent {
      field: '$.items[].payload'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export interface ResponseItemsDepositedAtFieldEvent {
      field: '$.items[].depositedAt'
      value: bigint
      index: number
    }

    export interface ResponseMoreFieldEvent {
      field: '$.more'
      value: boolean
    }

    export interface ResponseIdsFieldEvent {
      field: '$.ids[]'
      index: number
      value: Uint8Array<ArrayBuffer>
    }

    export interface ResponseErrorFieldEvent {
      field: '$.error'
      value: string
    }

    export function encode (obj: Partial<Response>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, Response.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Response>): Response {
      return decodeMessage(buf, Response.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Response>): Generator<ResponseResultsIdFieldEvent | ResponseResultsStatusFieldEvent | ResponseResultsReasonFieldEvent | ResponseResultsExpiresAtFieldEvent | ResponseItemsIdFieldEvent | ResponseItemsDeviceFieldEvent | ResponseItemsSenderFieldEvent | ResponseItemsPayloadFieldEvent | ResponseItemsDepositedAtFieldEvent | ResponseMoreFieldEvent | ResponseIdsFieldEvent | ResponseErrorFieldEvent> {
      return streamMessage(buf, Response.codec(), opts)
    }
  }

  let _codec: Codec<mailbox>

  export const codec = (): Codec<mailbox> => {
    if (_codec == null) {
      _codec = message<mailbox>((obj, w, opts = {}) => {
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

  export function encode (obj: Partial<mailbox>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, mailbox.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<mailbox>): mailbox {
    return decodeMessage(buf, mailbox.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<mailbox>): Generator<{}> {
    return streamMessage(buf, mailbox.codec(), opts)
  }
}
