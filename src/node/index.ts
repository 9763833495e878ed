/**
 * @packageDocumentation
 * The node layer: KabarNode (one person's node) and the types the API and
 * CLI share. The daemon behind `kabar start` lives in cli/daemon.ts.
 *
 * @example
 * ```ts
 * const node = await KabarNode.create({ dataDir: '/tmp/alice', listen: ['/ip4/127.0.0.1/tcp/0'] })
 * await node.start()
 * await node.send('12D3KooW…', 'hello')
 * ```
 */
export { KabarNode } from './kabar-node.ts'
export type { NodeInit } from './config.ts'
export type * from './types.ts'
