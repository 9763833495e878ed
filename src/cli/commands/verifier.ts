/**
 * `kabar verifier attest|revoke` (this account vouching for a business) and
 * `kabar trust …` (which verifiers this user believes, and how many must
 * agree). The attestation prints alone on stdout, base64, ready for the
 * business's profile file.
 */
import { ApiClient } from '../../api/client.ts'
import { addressOnly, resolvePeer } from '../peers.ts'
import { usageError } from '../errors.ts'
import { formatTime } from '../format.ts'
import { formatTrust } from '../format-business.ts'
import type { Output } from '../output.ts'

export interface AttestOptions {
  dataDir: string
  business: string
  legalName: string
  domain: string
  scope?: string
  days: number
}

export async function attest (options: AttestOptions, out: Output): Promise<void> {
  addressOnly(options.business)
  const client = await ApiClient.fromDataDir(options.dataDir)
  const business = await resolvePeer(client, options.business)
  const issued = await client.attest({ business, legalName: options.legalName, domain: options.domain, days: options.days, ...(options.scope === undefined ? {} : { scope: options.scope }) })
  out.notice(`attestation ${issued.view.id}: ${issued.view.legalName} (${issued.view.domain}) is ${business}, until ${formatTime(issued.view.expires)}. Give the business this line for its profile's "attestations":`)
  out.result(issued, (r) => r.attestation)
}

export async function revoke (options: { dataDir: string, id: string }, out: Output): Promise<void> {
  if (!/^[0-9a-f]{64}$/.test(options.id)) throw usageError(`the attestation id must be 64 lowercase hex characters, got "${options.id.slice(0, 64)}"`)
  const client = await ApiClient.fromDataDir(options.dataDir)
  await client.revokeAttestation(options.id)
  out.result({ revoked: options.id }, (r) => `revoked attestation ${r.revoked}; the account record is republished`)
}

export async function trustList (options: { dataDir: string }, out: Output): Promise<void> {
  const client = await ApiClient.fromDataDir(options.dataDir)
  out.result(await client.trust(), formatTrust)
}

export async function trustAdd (options: { dataDir: string, address: string, label?: string }, out: Output): Promise<void> {
  addressOnly(options.address)
  const client = await ApiClient.fromDataDir(options.dataDir)
  const address = await resolvePeer(client, options.address)
  out.result(await client.addVerifier(address, options.label), formatTrust)
}

export async function trustRemove (options: { dataDir: string, address: string }, out: Output): Promise<void> {
  addressOnly(options.address)
  const client = await ApiClient.fromDataDir(options.dataDir)
  const address = await resolvePeer(client, options.address)
  out.result(await client.removeVerifier(address), formatTrust)
}

export async function trustThreshold (options: { dataDir: string, threshold: number }, out: Output): Promise<void> {
  const client = await ApiClient.fromDataDir(options.dataDir)
  out.result(await client.setTrustThreshold(options.threshold), formatTrust)
}
