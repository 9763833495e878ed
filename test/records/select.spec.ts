/**
 * Selection and the kad-dht maps: the highest sequence wins, invalid and
 * expired records lose, ties go to the first; the maps have kad-dht's shapes
 * and read the clock when they run.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { SelectFn, ValidateFn } from '@libp2p/kad-dht'
import { MAX_CLOCK_SKEW, accountKey, dhtSelectors, dhtValidators, prekeyKey, selectAccountRecord, selectPrekeyRecord } from '../../src/records/index.ts'
import { flipBit } from '../utils/session.ts'
import { DAY, EXPIRED, INVALID, MISMATCH, NOW, businessProfile, certify, device, invalid, prekeyRecordOf, soloAccount } from './helpers.ts'

const alice = device('alice')
const key = accountKey(alice.identity.public.signingKey)
const pkey = prekeyKey(alice.identity.public.signingKey)

describe('records: selection', () => {
  it('the highest seq wins wherever it is; an older sequence loses', () => {
    const v1 = soloAccount(alice, { seq: 1 })
    const v5 = soloAccount(alice, { seq: 5 })
    const v3 = soloAccount(alice, { seq: 3 })
    assert.equal(selectAccountRecord(key, [v1, v5, v3]), 1)
    assert.equal(selectAccountRecord(key, [v5, v1]), 0)
    assert.equal(selectAccountRecord(key, [v3, v1, v5], NOW), 2)
    const p1 = prekeyRecordOf(alice, { seq: 10 })
    const p2 = prekeyRecordOf(alice, { seq: 11 })
    assert.equal(selectPrekeyRecord(pkey, [p1, p2]), 1)
    assert.equal(selectPrekeyRecord(pkey, [p2, p1], NOW), 0)
  })

  it('ties go to the first', () => {
    const solo = [certify(alice.identity.signing, alice, 'primary', 'my laptop')]
    const a = soloAccount(alice, { seq: 4, business: businessProfile(solo, { displayName: 'A' }) })
    const b = soloAccount(alice, { seq: 4, business: businessProfile(solo, { displayName: 'B' }) })
    assert.equal(selectAccountRecord(key, [a, b]), 0)
    assert.equal(selectAccountRecord(key, [b, a]), 0)
  })

  it('an invalid record loses even with a higher seq: bad signature, wrong signer, wrong kind', () => {
    const good = soloAccount(alice, { seq: 1 })
    const forged = soloAccount(alice, { seq: 99 })
    const bad = flipBit(forged, forged.length * 8 - 1)
    const stranger = soloAccount(device('mallory'), { seq: 100 })
    const values = [bad, stranger, prekeyRecordOf(alice, { seq: 101 }), good, new Uint8Array(3)]
    assert.equal(selectAccountRecord(key, values), 3)
  })

  it('with a clock, an expired record loses to an older live one', () => {
    const oldLive = soloAccount(alice, { seq: 1, expires: NOW + 10 * DAY })
    const newExpired = soloAccount(alice, { seq: 2, expires: NOW + DAY })
    const later = NOW + 2 * DAY
    assert.equal(selectAccountRecord(key, [oldLive, newExpired]), 1, 'without a clock expiry is not judged')
    assert.equal(selectAccountRecord(key, [oldLive, newExpired], later), 0)
  })

  it('throws when no record is valid, or none is given', () => {
    assert.throws(() => selectAccountRecord(key, []), invalid(/no valid record among 0/))
    assert.throws(() => selectPrekeyRecord(pkey, [new Uint8Array(1), soloAccount(alice)]), invalid(/no valid record among 2/))
    assert.throws(() => selectAccountRecord(key, 'x' as unknown as Uint8Array[]), TypeError)
    assert.throws(() => selectAccountRecord(key, [null as unknown as Uint8Array]), TypeError)
  })
})

describe('records: kad-dht validators and selectors', () => {
  it('have the shapes of kad-dht ValidateFn and SelectFn, one per namespace', () => {
    const validators: Record<string, ValidateFn> = dhtValidators(() => NOW)
    const selectors: Record<string, SelectFn> = dhtSelectors(() => NOW)
    assert.deepEqual(Object.keys(validators).sort(), ['kabar-account', 'kabar-prekey'])
    assert.deepEqual(Object.keys(selectors).sort(), ['kabar-account', 'kabar-prekey'])
  })

  it('validate asynchronously: resolve for a good record, reject with the reason otherwise', async () => {
    const validators = dhtValidators(() => NOW)
    const account = validators['kabar-account']
    const prekey = validators['kabar-prekey']
    await account(key, soloAccount(alice))
    await prekey(pkey, prekeyRecordOf(alice))
    await assert.rejects(account(key, soloAccount(device('mallory'))), MISMATCH)
    await assert.rejects(prekey(pkey, new Uint8Array(5)), INVALID)
    await assert.rejects(account(pkey, soloAccount(alice)), invalid(/not an account record key/))
  })

  it('read the clock each time they run', async () => {
    let now = NOW
    const validators = dhtValidators(() => now)
    const selectors = dhtSelectors(() => now)
    const short = soloAccount(alice, { seq: 2, expires: NOW + DAY })
    const long = soloAccount(alice, { seq: 1 })
    await validators['kabar-account'](key, short)
    assert.equal(selectors['kabar-account'](key, [long, short]), 1)
    now = NOW + DAY + MAX_CLOCK_SKEW
    await assert.rejects(validators['kabar-account'](key, short), EXPIRED)
    assert.equal(selectors['kabar-account'](key, [long, short]), 0)
    assert.equal(selectors['kabar-prekey'](pkey, [prekeyRecordOf(alice, { seq: 1 }), prekeyRecordOf(alice, { seq: 2 })]), 1)
  })
})
