/**
 * SIGINT / SIGTERM for the long-running commands (`start`, `messages
 * --follow`): while a handler is installed the default "die at once" is
 * replaced, so the command can stop cleanly and return to main.ts.
 */

const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']

/** Calls `handler` on every SIGINT/SIGTERM until the returned function is called. */
export function onStopSignal (handler: (signal: NodeJS.Signals) => void): () => void {
  for (const signal of STOP_SIGNALS) process.on(signal, handler)
  return () => {
    for (const signal of STOP_SIGNALS) process.off(signal, handler)
  }
}
