/**
 * A tiny element builder. Text always goes in as text nodes (never HTML), so
 * nothing a peer writes can become markup; the CSP forbids inline script and
 * style besides.
 */
export type Child = Node | string | number | null | undefined | false
type Attr = string | number | boolean | null | undefined
type Handler = (event: Event) => void

/** `h('button', { class: 'x', onclick: fn, 'aria-label': 'Send' }, 'Send')`. */
export function h<K extends keyof HTMLElementTagNameMap> (tag: K, attrs: Record<string, Attr | Handler> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value)
    else if (value === true) el.setAttribute(name, '')
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(name, String(value))
  }
  append(el, children)
  return el
}

export function append (el: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    el.append(child instanceof Node ? child : String(child))
  }
}

/**
 * A sentence whose `backticked` parts are commands (the node's summaries say
 * "add one with `kabar trust add-verifier`"): those parts as <code>, the rest
 * as text, and no backtick shown.
 */
export function withCode (text: string): Child[] {
  return text.split('`').map((part, i) => i % 2 === 1 ? h('code', {}, part) : part).filter((c) => c !== '')
}

/** Replaces an element's children. */
export function replace (el: Element, ...children: Child[]): void {
  el.replaceChildren()
  append(el, children)
}

/** The element with `id`, or an error naming it (the page's skeleton is in index.html). */
export function byId<T extends HTMLElement = HTMLElement> (id: string): T {
  const el = document.getElementById(id)
  if (el === null) throw new Error(`#${id} is missing from index.html`)
  return el as T
}

/** `12D3KooWAbCd…wxyz`: enough to tell addresses apart at a glance. */
export function shortAddress (address: string): string {
  return address.length > 20 ? `${address.slice(0, 12)}…${address.slice(-6)}` : address
}

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })
const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' })

export function formatTime (ms: number): string {
  const d = new Date(ms)
  return new Date().toDateString() === d.toDateString() ? time.format(d) : `${day.format(d)}, ${time.format(d)}`
}

export function formatDate (ms: number): string {
  return day.format(new Date(ms))
}
