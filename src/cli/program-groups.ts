/** The grammar of `kabar group …` (commands/group.ts does the work). */
import type { Command } from 'commander'
import { common, context } from './grammar.ts'
import type { GroupAction } from './commands/group.ts'

export function addGroupCommands (program: Command): void {
  const groups = program.command('group').description('groups: end-to-end encrypted, membership signed by admins')
  const run = async (cmd: Command, action: GroupAction): Promise<void> => {
    const { dataDir, out } = context(cmd)
    const { group } = await import('./commands/group.ts')
    await group({ dataDir, action }, out)
  }
  common(groups.command('create <name> [members...]').description('create a group with members (addresses or contact names); you are its first admin'))
    .action(async (name: string, members: string[], _f: unknown, cmd: Command) => { await run(cmd, { kind: 'create', name, members }) })
  common(groups.command('add <group> <members...>').description('add members (admins only)'))
    .action(async (group: string, members: string[], _f: unknown, cmd: Command) => { await run(cmd, { kind: 'add', group, members }) })
  common(groups.command('remove <group> <members...>').description('remove members (admins only); every remaining sender rotates its key'))
    .action(async (group: string, members: string[], _f: unknown, cmd: Command) => { await run(cmd, { kind: 'remove', group, members }) })
  common(groups.command('admin <group> <member>').description('make a member an admin (--drop: no longer an admin)'))
    .option('--drop', 'drop the member\'s admin right instead')
    .action(async (group: string, member: string, _f: unknown, cmd: Command) => { await run(cmd, { kind: 'admin', group, member, admin: cmd.opts<{ drop?: boolean }>().drop !== true }) })
  common(groups.command('leave <group>').description('leave a group'))
    .action(async (group: string, _f: unknown, cmd: Command) => { await run(cmd, { kind: 'leave', group }) })
  common(groups.command('list').description('list your groups'))
    .action(async (_f: unknown, cmd: Command) => { await run(cmd, { kind: 'list' }) })
  common(groups.command('show <group>').description('show a group: members, their safety-number state, what is missing'))
    .action(async (group: string, _f: unknown, cmd: Command) => { await run(cmd, { kind: 'show', group }) })
  common(groups.command('send <group> <text>').description('send a message to a group'))
    .action(async (group: string, text: string, _f: unknown, cmd: Command) => { await run(cmd, { kind: 'send', group, text }) })
  common(groups.command('messages <group>').description('print a group\'s messages, each sender\'s in order, and what is still missing'))
    .action(async (group: string, _f: unknown, cmd: Command) => { await run(cmd, { kind: 'messages', group }) })
}
