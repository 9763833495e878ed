/** Small helpers the route tables share (apart from routes.ts, so they import without a cycle). */
import type { ReaderRole } from '../disclosed.ts'
import type { RouteContext, RouteResult } from '../routes.ts'

export const ok = (body: unknown): RouteResult => ({ status: 200, body })
export const created = (body: unknown): RouteResult => ({ status: 201, body })
export const noContent = (): RouteResult => ({ status: 204, body: undefined })
export const param = (ctx: RouteContext, i: number): string => ctx.params[i] ?? ''

/** Agents and processors, with their own tokens: they read and answer conversations, nothing else. */
export const READERS: readonly ReaderRole[] = ['agent', 'processor']
