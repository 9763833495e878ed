/**
 * Progress on stderr: a bar redrawn in place with `\r` when stderr is a
 * terminal, otherwise (CI, a pipe, a test) one plain line at most every few
 * seconds and at each phase change, so logs stay readable.
 */

const BAR_WIDTH = 30
const LINE_INTERVAL_MS = 5_000

export class Progress {
  readonly #tty: boolean
  readonly #enabled: boolean
  #phase = ''
  #lastLine = 0
  #drawn = false

  constructor (options: { enabled?: boolean, tty?: boolean } = {}) {
    this.#enabled = options.enabled ?? true
    this.#tty = options.tty ?? process.stderr.isTTY
  }

  /** Reports `done` of `total` in `phase`, with an optional note (e.g. "12 offline"). */
  update (phase: string, done: number, total: number, note = ''): void {
    if (!this.#enabled) return
    const fraction = total <= 0 ? 1 : Math.min(1, done / total)
    const text = `${phase} ${done}/${total}${note === '' ? '' : `  ${note}`}`
    if (this.#tty) {
      const filled = Math.round(fraction * BAR_WIDTH)
      process.stderr.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${text}`)
      this.#drawn = true
      return
    }
    const now = Date.now()
    if (phase !== this.#phase || now - this.#lastLine >= LINE_INTERVAL_MS) {
      process.stderr.write(`sim: ${text}\n`)
      this.#lastLine = now
    }
    this.#phase = phase
  }

  /** A line of its own (ends the bar's line first). */
  note (text: string): void {
    if (!this.#enabled) return
    this.done()
    process.stderr.write(`sim: ${text}\n`)
  }

  done (): void {
    if (this.#tty && this.#drawn) process.stderr.write('\n')
    this.#drawn = false
  }
}
