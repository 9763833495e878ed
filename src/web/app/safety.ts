/**
 * The safety-number dialog: the 60 digits two people compare, and marking
 * the contact verified once they match (which pins its account key).
 */
import type { Contact } from '../../node/types.ts'
import { request, seg } from './api.ts'
import { byId, h, replace } from './dom.ts'
import { describeError } from './session.ts'
import { acknowledgeKeyChange, displayName, pendingKeyChange } from './state.ts'
import type { PageState } from './state.ts'
import { safetyDigits } from './views.ts'

export async function openSafetyNumber (state: PageState, peer: string, onVerified: (name: string) => void): Promise<void> {
  const dialog = byId<HTMLDialogElement>('safety')
  const name = displayName(state, peer)
  byId('safety-intro').textContent = `Compare these numbers with ${name}, in person or on a call. If they match on both screens, your conversation is end-to-end encrypted with ${name} and nobody else.`
  replace(byId('safety-digits'), 'Loading…')
  const verifyButton = byId<HTMLButtonElement>('safety-verify')
  const stateLine = byId('safety-state')
  const renderState = (): void => {
    const verified = state.contacts.get(peer)?.verified === true && pendingKeyChange(state, peer) === undefined
    stateLine.textContent = verified ? `✔ You have verified ${name}.` : `${name} is not verified yet.`
    verifyButton.hidden = verified
  }
  renderState()
  verifyButton.onclick = () => {
    void (async () => {
      try {
        const contact = await request<Contact>('POST', `/contacts/${seg(peer)}/verify`)
        state.contacts.set(peer, { ...state.contacts.get(peer), ...contact })
        acknowledgeKeyChange(state, peer)
        renderState()
        onVerified(name)
      } catch (err) {
        stateLine.textContent = `Could not verify: ${describeError(err)}`
      }
    })()
  }
  if (!dialog.open) dialog.showModal()
  try {
    const { safetyNumber } = await request<{ safetyNumber: string }>('GET', `/peers/${seg(peer)}/safety-number`)
    replace(byId('safety-digits'), ...safetyDigits(safetyNumber))
  } catch (err) {
    replace(byId('safety-digits'), h('span', { class: 'error' }, `Unavailable: ${describeError(err)}`))
  }
}
