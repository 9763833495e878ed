/**
 * The grammar of the business commands: `business …`, `link`, `verifier …`
 * and `trust …`. Flag values stay strings until checked here or in the
 * command module (usage errors, exit 2); each command module is imported
 * only when its command runs.
 */
import type { Command } from 'commander'
import { parseReaderRole } from '../api/disclosed.ts'
import { KabarError } from '../errors.ts'
import { MAX_ATTESTATION_DAYS, MAX_TRUSTED_VERIFIERS } from '../node/constants.ts'
import { common, context } from './grammar.ts'
import type { CommonFlags } from './grammar.ts'
import { parseIntegerFlag } from './options.ts'

interface PublishFlags extends CommonFlags { profile: string }
interface DeviceFlags extends CommonFlags { role: string, label: string }
interface TokenFlags extends CommonFlags { name: string, role: string }
interface WebhookFlags extends CommonFlags { processor: string, url: string }
interface AttestFlags extends CommonFlags { business: string, legalName: string, domain: string, scope?: string, days: string }
interface LabelFlags extends CommonFlags { label?: string }

const DEVICE_ROLES = ['agent', 'processor', 'linked', 'mailbox'] as const

/** Checks a flag against a set of values, naming the flag in the usage error. */
function oneOf<T extends string> (flag: string, value: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new KabarError('BAD_REQUEST', `${flag} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`)
  return value as T
}

export function addBusinessCommands (program: Command): void {
  const business = program.command('business').description('run a business: its profile, devices, reader tokens and webhooks')

  common(business.command('publish').description('publish (a new version of) the business profile from a JSON file'))
    .requiredOption('--profile <file>', 'the BusinessProfileInput JSON (see docs/CLI.md)')
    .action(async (_flags: unknown, cmd: Command) => {
      const { flags, dataDir, out } = context<PublishFlags>(cmd)
      const { publish } = await import('./commands/business.ts')
      await publish({ dataDir, profile: flags.profile }, out)
    })
  common(business.command('profile').description('show the published business profile'))
    .action(async (_flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { profile } = await import('./commands/business.ts')
      await profile({ dataDir }, out)
    })
  common(business.command('add-device').description('make a one-time link code for a new device of this account'))
    .requiredOption('--role <role>', `the device's role: ${DEVICE_ROLES.join(', ')}`)
    .requiredOption('--label <name>', 'a name shown to customers, e.g. "Dewi (support)"')
    .action(async (_flags: unknown, cmd: Command) => {
      const { flags, dataDir, out } = context<DeviceFlags>(cmd)
      const role = oneOf('--role', flags.role, DEVICE_ROLES)
      const { addDevice } = await import('./commands/business.ts')
      await addDevice({ dataDir, role, label: flags.label }, out)
    })
  common(business.command('remove-device <peerId>').description('remove a device: it reads nothing sent afterwards'))
    .action(async (peerId: string, _flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { removeDevice } = await import('./commands/business.ts')
      await removeDevice({ dataDir, peerId }, out)
    })
  common(business.command('devices').description('list this account\'s devices, as published'))
    .action(async (_flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { devices } = await import('./commands/business.ts')
      await devices({ dataDir }, out)
    })
  common(business.command('accept <business>').description('accept a business\'s changed disclosure; held messages are then sent'))
    .action(async (address: string, _flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { accept } = await import('./commands/business.ts')
      await accept({ dataDir, business: address }, out)
    })

  const token = business.command('token').description('API tokens for agents and processors the profile lists')
  common(token.command('add').description('make a token (shown once) for a reader the published profile lists'))
    .requiredOption('--name <name>', 'the reader\'s name, as in the profile')
    .requiredOption('--role <role>', 'agent or processor')
    .action(async (_flags: unknown, cmd: Command) => {
      const { flags, dataDir, out } = context<TokenFlags>(cmd)
      const role = parseReaderRole(flags.role, '--role')
      const { tokenAdd } = await import('./commands/business.ts')
      await tokenAdd({ dataDir, name: flags.name, role }, out)
    })
  common(token.command('list').description('list reader tokens (names and roles, never the tokens)'))
    .action(async (_flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { tokenList } = await import('./commands/business.ts')
      await tokenList({ dataDir }, out)
    })
  common(token.command('remove <name>').description('revoke a reader\'s token at once'))
    .action(async (name: string, _flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { tokenRemove } = await import('./commands/business.ts')
      await tokenRemove({ dataDir, name }, out)
    })

  const webhook = business.command('webhook').description('webhooks to processors the profile names')
  common(webhook.command('add').description('POST new messages to a processor (its signing secret is shown once)'))
    .requiredOption('--processor <name>', 'the processor\'s name, as in the profile')
    .requiredOption('--url <url>', 'https URL on the processor\'s disclosed endpoint')
    .action(async (_flags: unknown, cmd: Command) => {
      const { flags, dataDir, out } = context<WebhookFlags>(cmd)
      const { webhookAdd } = await import('./commands/business.ts')
      await webhookAdd({ dataDir, processor: flags.processor, url: flags.url }, out)
    })
  common(webhook.command('list').description('list webhooks with their queue and state'))
    .action(async (_flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { webhookList } = await import('./commands/business.ts')
      await webhookList({ dataDir }, out)
    })
  common(webhook.command('remove <processor>').description('stop sending to a processor'))
    .action(async (processor: string, _flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { webhookRemove } = await import('./commands/business.ts')
      await webhookRemove({ dataDir, processor }, out)
    })

  common(program.command('link <code>').description('make this node a device of the account that gave the code'))
    .action(async (code: string, _flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { link } = await import('./commands/business.ts')
      await link({ dataDir, code }, out)
    })

  const verifier = program.command('verifier').description('vouch for businesses as a verifier')
  common(verifier.command('attest').description('sign an attestation about a business (printed base64)'))
    .requiredOption('--business <address>', 'the business account')
    .requiredOption('--legal-name <name>', 'its legal name, as checked')
    .requiredOption('--domain <domain>', 'its domain, as checked')
    .option('--scope <scope>', 'what was checked, e.g. "kyc-basic"')
    .requiredOption('--days <n>', `validity in days (1 to ${MAX_ATTESTATION_DAYS})`)
    .action(async (_flags: unknown, cmd: Command) => {
      const { flags, dataDir, out } = context<AttestFlags>(cmd)
      const days = parseIntegerFlag('--days', flags.days, 1, MAX_ATTESTATION_DAYS)
      const { attest } = await import('./commands/verifier.ts')
      await attest({ dataDir, business: flags.business, legalName: flags.legalName, domain: flags.domain, days, ...(flags.scope === undefined ? {} : { scope: flags.scope }) }, out)
    })
  common(verifier.command('revoke <id>').description('revoke an attestation this account issued'))
    .action(async (id: string, _flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { revoke } = await import('./commands/verifier.ts')
      await revoke({ dataDir, id }, out)
    })

  const trust = program.command('trust').description('which verifiers you believe, and how many must agree')
  common(trust.command('list').description('show trusted verifiers and the threshold'))
    .action(async (_flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { trustList } = await import('./commands/verifier.ts')
      await trustList({ dataDir }, out)
    })
  common(trust.command('add-verifier <address>').description('trust a verifier\'s attestations'))
    .option('--label <label>', 'how to name this verifier')
    .action(async (address: string, _flags: unknown, cmd: Command) => {
      const { flags, dataDir, out } = context<LabelFlags>(cmd)
      const { trustAdd } = await import('./commands/verifier.ts')
      await trustAdd({ dataDir, address, ...(flags.label === undefined ? {} : { label: flags.label }) }, out)
    })
  common(trust.command('remove-verifier <address>').description('stop trusting a verifier'))
    .action(async (address: string, _flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { trustRemove } = await import('./commands/verifier.ts')
      await trustRemove({ dataDir, address }, out)
    })
  common(trust.command('threshold <k>').description(`how many trusted verifiers must vouch for a business (1 to ${MAX_TRUSTED_VERIFIERS})`))
    .action(async (k: string, _flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const threshold = parseIntegerFlag('threshold', k, 1, MAX_TRUSTED_VERIFIERS)
      const { trustThreshold } = await import('./commands/verifier.ts')
      await trustThreshold({ dataDir, threshold }, out)
    })
}
