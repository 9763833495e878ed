/**
 * The bare node:crypto calls of one alternating 1 KiB message, made in the
 * order the ratchet makes them and with no kabar code in between: the
 * sender's chain step (2 HMAC) and GCM seal, then the receiver's DH ratchet
 * step (import the sender's new public key from JWK, agree, import a new
 * private key from JWK and read its public key, agree again, two root KDFs of
 * 3 HMAC each), its chain step and GCM open. Timed in turn with the real
 * session loop, it shows what the session code adds once the calls' own
 * interleaving costs (cache, allocation, GC of native objects) are counted,
 * which a floor of separately timed calls leaves out.
 */
import { createCipheriv, createDecipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import type { RandomSource } from '../src/crypto/index.ts'

const NONCE = new Uint8Array(12)
const ONE = Uint8Array.of(1)
const TWO = Uint8Array.of(2)
const INFO = new TextEncoder().encode('kabar/v1/ratchet-root')
const PLACEHOLDER_X = Buffer.alloc(32).toString('base64url')

const hmac = (key: Uint8Array, data: Uint8Array): Buffer => createHmac('sha256', key).update(data).digest()

function rootKdf (rootKey: Uint8Array, dh: Uint8Array): [Buffer, Buffer] {
  const prk = hmac(rootKey, dh)
  const t1 = createHmac('sha256', prk).update(INFO).update(ONE).digest()
  return [t1, createHmac('sha256', prk).update(t1).update(INFO).update(TWO).digest()]
}

interface Pair { key: KeyObject, publicKey: Buffer }

function keygen (random: RandomSource): Pair {
  const d = Buffer.from(random(32)).toString('base64url')
  const key = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d, x: PLACEHOLDER_X }, format: 'jwk' })
  return { key, publicKey: Buffer.from(String(key.export({ format: 'jwk' }).x), 'base64url') }
}

/** One call = one alternating message's bare primitive calls; the sides take turns as in the session loop. */
export function rawAlternatingMessage (random: RandomSource, plaintext: Uint8Array, associatedData: Uint8Array): () => void {
  const sides = [keygen(random), keygen(random)]
  let rootKey: Uint8Array = random(32)
  let chainKey: Uint8Array = random(32)
  let turn = 0
  return () => {
    const to = 1 - (turn & 1)
    const sender = sides[turn & 1]
    const receiver = sides[to]
    turn++
    const messageKey = hmac(chainKey, ONE)
    chainKey = hmac(chainKey, TWO)
    const cipher = createCipheriv('aes-256-gcm', messageKey, NONCE)
    cipher.setAAD(associatedData)
    cipher.setAAD(sender.publicKey)
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])

    const theirs = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: sender.publicKey.toString('base64url') }, format: 'jwk' })
    const [rk, receivingChain] = rootKdf(rootKey, diffieHellman({ privateKey: receiver.key, publicKey: theirs }))
    const fresh = keygen(random)
    rootKey = rootKdf(rk, diffieHellman({ privateKey: fresh.key, publicKey: theirs }))[0]
    sides[to] = fresh
    const receivedKey = hmac(receivingChain, ONE)
    hmac(receivingChain, TWO)
    const decipher = createDecipheriv('aes-256-gcm', messageKey, NONCE)
    decipher.setAAD(associatedData)
    decipher.setAAD(sender.publicKey)
    decipher.setAuthTag(sealed.subarray(sealed.length - 16))
    decipher.update(sealed.subarray(0, sealed.length - 16))
    decipher.final()
    receivedKey.fill(0)
  }
}
