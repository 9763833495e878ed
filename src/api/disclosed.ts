/**
 * "The disclosure is complete by construction" (DESIGN.md, consent-bound
 * disclosure): the business node sends webhooks only to processors its
 * published profile names, at the host that profile gives, and accepts API
 * tokens only for readers the profile lists. These checks run when a webhook
 * or token is added and again on every delivery and request, so a name
 * dropped from a later profile loses access at once.
 */
import { KabarError } from '../errors.ts'
import type { BusinessProfileView, ProcessorView } from '../node/types.ts'

export type ReaderRole = 'agent' | 'processor'

/** `value` as a reader role, or BAD_REQUEST naming `field`. */
export function parseReaderRole (value: unknown, field = 'role'): ReaderRole {
  if (value !== 'agent' && value !== 'processor') throw new KabarError('BAD_REQUEST', `${field} must be "agent" or "processor"`)
  return value
}

/** Host names that never leave the machine: http is allowed to them (tests, a processor on the same host). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export function isLoopbackHost (host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase())
}

function undisclosed (message: string): KabarError {
  return new KabarError('UNDISCLOSED', message)
}

function noProfile (): KabarError {
  return undisclosed('this node publishes no business profile: publish one that names the processor or reader first (kabar business publish)')
}

/** The processor of that name in the profile; UNDISCLOSED when there is none. */
export function disclosedProcessor (profile: BusinessProfileView | undefined, name: string): ProcessorView {
  if (profile === undefined) throw noProfile()
  const processor = profile.processors.find((p) => p.name === name)
  if (processor === undefined) throw undisclosed(`processor ${JSON.stringify(name)} is not named in the published business profile (version ${profile.version})`)
  return processor
}

/**
 * Checks that `url` may receive webhooks for `processor` under `profile`:
 * the processor is named there and the URL's host is its disclosed
 * `endpoint`. Returns the processor; UNDISCLOSED otherwise.
 */
export function checkWebhookDisclosed (profile: BusinessProfileView | undefined, processor: string, url: string): ProcessorView {
  const named = disclosedProcessor(profile, processor)
  const host = new URL(url).hostname.toLowerCase()
  if (host !== named.endpoint.toLowerCase()) {
    throw undisclosed(`webhook host ${JSON.stringify(host)} is not the endpoint processor ${JSON.stringify(processor)} discloses (${JSON.stringify(named.endpoint)})`)
  }
  return named
}

/**
 * Checks that the profile lists `name` as a reader with `role`: agents in
 * `apiReaders` with role agent; processors in `processors` by name, or in
 * `apiReaders` with role processor. UNDISCLOSED otherwise.
 */
export function checkReaderDisclosed (profile: BusinessProfileView | undefined, name: string, role: ReaderRole): void {
  if (profile === undefined) throw noProfile()
  if (profile.apiReaders.some((r) => r.name === name && r.role === role)) return
  if (role === 'processor' && profile.processors.some((p) => p.name === name)) return
  throw undisclosed(`${role} ${JSON.stringify(name)} is not listed in the published business profile (version ${profile.version}): add it to ${role === 'agent' ? 'apiReaders' : 'processors or apiReaders'} and publish first`)
}
