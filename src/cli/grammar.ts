/**
 * Pieces every command's grammar shares: the --data and --json flags, and
 * resolving them into the data directory and an Output.
 */
import type { Command } from 'commander'
import { createOutput } from './output.ts'
import type { Output } from './output.ts'
import { resolveDataDir } from './options.ts'

export interface CommonFlags { data?: string, json?: boolean }

/** Adds --data and --json, which every command takes. */
export function common (cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'data directory (default: $KABAR_HOME, else ~/.kabar)')
    .option('--json', 'machine-readable JSON output')
}

/** The command's own flags, the resolved data directory and an Output for its --json choice. */
export function context<T extends CommonFlags> (cmd: Command): { flags: T, dataDir: string, out: Output } {
  const flags = cmd.opts<T>()
  return { flags, dataDir: resolveDataDir(flags.data), out: createOutput({ json: flags.json === true }) }
}
