/**
 * The invite dialog: this node's invite link (to copy and send) and its QR
 * code (to scan from a phone's camera), and adding a contact from someone
 * else's invite. The QR code is an SVG the API draws (GET /v1/invite/qr.svg),
 * shown as an <img>: no markup of ours is parsed into the page.
 */
import type { InviteView, JoinResult } from '../../node/types.ts'
import { request } from './api.ts'
import { byId, h, replace } from './dom.ts'

export const INVITE_PREFIX = 'kabar-invite:'

/** Opens the invite dialog with a fresh link and its QR code. */
export async function showInvite (announce: (text: string) => void): Promise<void> {
  const dialog = byId<HTMLDialogElement>('invite')
  const body = byId('invite-body')
  replace(body, 'Loading…')
  if (!dialog.open) dialog.showModal()
  try {
    const invite = await request<InviteView>('GET', '/invite')
    const link = h('textarea', { id: 'invite-link', class: 'mono invite-link', readonly: true, rows: 4, 'aria-label': 'Your invite link', 'data-testid': 'invite-link' })
    link.value = invite.link
    replace(body,
      h('p', {}, 'Send this link to someone, or let them scan the code. When they add it (Add a contact, or `kabar contacts add`), you are in each other\'s contacts and their node joins the network through yours.'),
      h('img', { src: `/v1/invite/qr.svg?t=${Date.now()}`, alt: 'QR code of your invite link', class: 'invite-qr', width: 260, height: 260, 'data-testid': 'invite-qr' }),
      link,
      h('button', {
        type: 'button',
        onclick: () => {
          void navigator.clipboard?.writeText(invite.link).then(() => { announce('Your invite link was copied.') }, () => { link.select() })
        }
      }, 'Copy the link'),
      h('p', { class: 'muted small' }, `It names your address and ${invite.addrs.length} address${invite.addrs.length === 1 ? '' : 'es'} of your node; it holds no secret.`))
  } catch (err) {
    replace(body, h('p', { class: 'error' }, `Could not make an invite: ${err instanceof Error ? err.message : String(err)}`))
  }
}

/** Adds the contact an invite names; the sentence to announce says whether the network was joined through it. */
export async function addFromInvite (link: string, name: string): Promise<{ result: JoinResult, said: string }> {
  const result = await request<JoinResult>('POST', '/contacts', name.length > 0 ? { invite: link, name } : { invite: link })
  const who = result.contact.name ?? `${result.contact.address.slice(0, 12)}…`
  const said = result.connected
    ? `Added ${who}. Your node is connected to the network through their invite.`
    : `Added ${who}. Their node did not answer; messages to them wait until a path is found.`
  return { result, said }
}
