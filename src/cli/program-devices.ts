/**
 * The grammar of `kabar devices …`: a person's own devices (a laptop, a
 * phone, an always-on mailbox). The same node calls as `kabar business
 * add-device | devices | remove-device`, which stay as aliases; `kabar link
 * CODE` runs on the new device.
 */
import type { Command } from 'commander'
import { KabarError } from '../errors.ts'
import { common, context } from './grammar.ts'
import type { CommonFlags } from './grammar.ts'

interface DeviceFlags extends CommonFlags { role: string, label: string }

/** A person's own device roles; a business's agents and processors are added with `business add-device`. */
const OWN_ROLES = ['linked', 'mailbox'] as const

export function addDeviceCommands (program: Command): void {
  const devices = program.command('devices').description('your own devices: link a laptop, a phone or an always-on mailbox to this account')
  common(devices.command('add').description('make a one-time link code for a new device; run `kabar link CODE` on it'))
    .option('--role <role>', `the device's role: ${OWN_ROLES.join(' or ')} (a mailbox holds ciphertext for your devices while they are off)`, 'linked')
    .requiredOption('--label <name>', 'a name for the device, e.g. "laptop"')
    .action(async (_flags: unknown, cmd: Command) => {
      const { flags, dataDir, out } = context<DeviceFlags>(cmd)
      const role = OWN_ROLES.find((r) => r === flags.role)
      if (role === undefined) throw new KabarError('BAD_REQUEST', `--role must be one of ${OWN_ROLES.map((r) => JSON.stringify(r)).join(', ')}`)
      const { addDevice } = await import('./commands/business.ts')
      await addDevice({ dataDir, role, label: flags.label }, out)
    })
  common(devices.command('list').description('list this account\'s devices, as published'))
    .action(async (_flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { devices: list } = await import('./commands/business.ts')
      await list({ dataDir }, out)
    })
  common(devices.command('remove <device>').description('remove a device (its address): it receives nothing sent afterwards'))
    .action(async (peerId: string, _flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { removeDevice } = await import('./commands/business.ts')
      await removeDevice({ dataDir, peerId }, out)
    })
}
