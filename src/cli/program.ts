/**
 * The command-line grammar: every command, its arguments and flags, and the
 * lazy import of its module in commands/. Flag values stay strings until
 * options.ts parses them (no auto-casting). Commander never exits or prints
 * errors itself (exitOverride, silent outputError): main.ts does both.
 */
import { Command } from 'commander'
import { addBusinessCommands } from './program-business.ts'
import { addGroupCommands } from './program-groups.ts'
import { addDeviceCommands } from './program-devices.ts'
import { common, context } from './grammar.ts'
import type { CommonFlags } from './grammar.ts'
import type { Output } from './output.ts'
import { parseIntegerFlag, parseLogLevel, parseMultiaddrs, parseSecondsFlag, readPassphrase } from './options.ts'
import { usageError } from './errors.ts'

interface PassphraseFlags extends CommonFlags { passphraseFile?: string }
interface StartFlags extends PassphraseFlags { listen: string[], bootstrap: string[], apiPort?: string, mdns?: boolean, allowLoopback?: boolean, logLevel?: string }
interface SendFlags extends CommonFlags { wait?: boolean, timeout?: string }
interface MessagesFlags extends CommonFlags { peer?: string, follow?: boolean }
interface ContactsAddFlags extends CommonFlags { name?: string }
interface InviteFlags extends CommonFlags { name?: string, qr?: boolean }

const collect = (value: string, previous: string[]): string[] => [...previous, value]

const ENV_HELP = `
Environment:
  KABAR_HOME        data directory when --data is not given (default ~/.kabar)
  KABAR_PASSPHRASE  passphrase of the data directory (init, start), unless --passphrase-file is given

Exit status: 0 success, 1 runtime error (e.g. no node running), 2 usage error.`

function addressCommand (program: Command, name: string, description: string, run: (dataDir: string, address: string, out: Output) => Promise<void>): void {
  common(program.command(`${name} <address|name>`).description(description))
    .action(async (address: string, _flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      await run(dataDir, address, out)
    })
}

export function buildProgram (version: string): Command {
  const program = new Command('kabar')
    .description('kabar: a peer-to-peer, end-to-end encrypted messaging node')
    .version(version, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .addHelpText('after', ENV_HELP)

  common(program.command('init').description('create the data directory and this account\'s identity'))
    .option('--passphrase-file <file>', 'read the data directory passphrase from a file')
    .action(async (_flags: unknown, cmd: Command) => {
      const { flags, dataDir, out } = context<PassphraseFlags>(cmd)
      const passphrase = await readPassphrase(flags.passphraseFile)
      const { init } = await import('./commands/init.ts')
      await init({ dataDir, ...(passphrase === undefined ? {} : { passphrase }) }, out)
    })

  common(program.command('start').description('run the node in the foreground until Ctrl+C'))
    .option('--passphrase-file <file>', 'read the data directory passphrase from a file')
    .option('--listen <multiaddr>', 'address to listen on (repeatable)', collect, [])
    .option('--bootstrap <multiaddr>', 'peer to join the network through, with /p2p/<id> (repeatable)', collect, [])
    .option('--api-port <port>', 'port of the local API (0 = any free port)')
    .option('--mdns', 'find peers on the local network with mDNS')
    .option('--allow-loopback', 'exempt 127.0.0.0/8 and ::1 from the per-host connection limits (simulations and tests only)')
    .option('--log-level <level>', 'structured logs on stderr from this level up: debug, info, warn, error (default info)')
    .action(async (_flags: unknown, cmd: Command) => {
      const { flags, dataDir, out } = context<StartFlags>(cmd)
      const logLevel = flags.logLevel === undefined ? undefined : parseLogLevel(flags.logLevel)
      const listen = await parseMultiaddrs('--listen', flags.listen)
      const bootstrap = await parseMultiaddrs('--bootstrap', flags.bootstrap)
      const apiPort = flags.apiPort === undefined ? undefined : parseIntegerFlag('--api-port', flags.apiPort, 0, 65535)
      const passphrase = await readPassphrase(flags.passphraseFile)
      const { start } = await import('./commands/start.ts')
      await start({ dataDir, listen, bootstrap, mdns: flags.mdns === true, allowLoopback: flags.allowLoopback === true, ...(apiPort === undefined ? {} : { apiPort }), ...(passphrase === undefined ? {} : { passphrase }), ...(logLevel === undefined ? {} : { logLevel }) }, out)
    })

  common(program.command('send <to> <text>').description('send a message through the running node: <to> is an address or a contact\'s name, <text> "-" reads the text from stdin'))
    .option('--wait', 'wait until every recipient device has acknowledged it')
    .option('--timeout <seconds>', 'with --wait: give up (exit 1) after this long (default 60)')
    .action(async (address: string, text: string, _flags: unknown, cmd: Command) => {
      const { flags, dataDir, out } = context<SendFlags>(cmd)
      if (flags.timeout !== undefined && flags.wait !== true) throw usageError('--timeout needs --wait')
      const timeoutSeconds = flags.timeout === undefined ? undefined : parseSecondsFlag('--timeout', flags.timeout)
      const { send } = await import('./commands/send.ts')
      await send({ dataDir, to: address, text, wait: flags.wait === true, ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }) }, out)
    })

  common(program.command('messages').description('print the message log, oldest first'))
    .option('--peer <address|name>', 'only the conversation with this address or contact')
    .option('--follow', 'keep printing new messages until Ctrl+C')
    .action(async (_flags: unknown, cmd: Command) => {
      const { flags, dataDir, out } = context<MessagesFlags>(cmd)
      const { messages } = await import('./commands/messages.ts')
      await messages({ dataDir, follow: flags.follow === true, ...(flags.peer === undefined ? {} : { peer: flags.peer }) }, out)
    })

  const contacts = program.command('contacts').description('manage contacts')
  common(contacts.command('add <address|invite>').description('add a contact (or rename one); with an invite link, also join the network through its node'))
    .option('--name <name>', 'a local name for the contact, usable wherever an address is')
    .action(async (address: string, _flags: unknown, cmd: Command) => {
      const { flags, dataDir, out } = context<ContactsAddFlags>(cmd)
      const { contactsAdd } = await import('./commands/contacts.ts')
      await contactsAdd({ dataDir, address, ...(flags.name === undefined ? {} : { name: flags.name }) }, out)
    })
  common(contacts.command('remove <address|name>').description('remove a contact (the conversation stays)'))
    .action(async (contact: string, _flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { contactsRemove } = await import('./commands/contacts.ts')
      await contactsRemove({ dataDir, contact }, out)
    })
  common(contacts.command('list').description('list contacts'))
    .action(async (_flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { contactsList } = await import('./commands/contacts.ts')
      await contactsList({ dataDir }, out)
    })

  common(program.command('invite').description('print an invite link: whoever adds it gets you as a contact and joins the network through your node'))
    .option('--name <name>', 'the name the invite suggests for you')
    .option('--qr', 'also draw the link as a QR code in the terminal')
    .action(async (_flags: unknown, cmd: Command) => {
      const { flags, dataDir, out } = context<InviteFlags>(cmd)
      const { invite } = await import('./commands/invite.ts')
      await invite({ dataDir, qr: flags.qr === true, ...(flags.name === undefined ? {} : { name: flags.name }) }, out)
    })

  addressCommand(program, 'lookup', 'show what the DHT holds for an address', async (dataDir, address, out) => {
    const { lookup } = await import('./commands/lookup.ts')
    await lookup({ dataDir, address }, out)
  })
  addressCommand(program, 'safety-number', 'show the safety number to compare with a contact', async (dataDir, address, out) => {
    const { safetyNumber } = await import('./commands/safety-number.ts')
    await safetyNumber({ dataDir, address }, out)
  })
  addressCommand(program, 'verify', 'mark a contact verified after comparing safety numbers', async (dataDir, address, out) => {
    const { verify } = await import('./commands/verify.ts')
    await verify({ dataDir, address }, out)
  })

  common(program.command('open').description('print a one-time login link for the web page of the running node'))
    .action(async (_flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { open } = await import('./commands/open.ts')
      await open({ dataDir }, out)
    })

  common(program.command('status').description('show the running node\'s state'))
    .action(async (_flags: unknown, cmd: Command) => {
      const { dataDir, out } = context(cmd)
      const { status } = await import('./commands/status.ts')
      await status({ dataDir }, out)
    })

  addGroupCommands(program)
  addDeviceCommands(program)
  addBusinessCommands(program)
  return program
}
