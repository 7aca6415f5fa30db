/** Registering contacts: the documents and their counters in one transaction, once per number. */
import type { Contact } from '../../../src/core/contact'
import { COLLECTIONS } from '../../lib/collections'
import { findById, isDuplicateKey, isTransactionConflict, transaction, type Db } from '../../lib/data'
import type { Identity } from '../../lib/roles'
import { bump, CADRE_COUNTERS, createCounter, MissingCounter, VILLAGE_COUNTERS, withCounters } from './counters'
import { contactFields, contactIdOf, type ContactDoc } from './model'

export const CONTACTS = COLLECTIONS.contacts

export type Registration =
  | { kind: 'stored'; id: string }
  /** The same cadre registered the same person with this number before (a retry, a double tap). */
  | { kind: 'again'; id: string }
  /** Someone registered the number already; only its village may be told. */
  | { kind: 'taken'; id: string; village: string }

/** Rounds of the whole transaction after the SDK's own immediate retries lost to busy counters. */
const CONFLICT_ROUNDS = 6

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const takenMessage = (village: string): string => `该号码已在${village}登记`

function classify(existing: ContactDoc, who: Identity, contact: Contact): Registration {
  const same = existing.createdBy === who.openid && existing.village === contact.village && existing.name === contact.name
  return same ? { kind: 'again', id: existing._id } : { kind: 'taken', id: existing._id, village: existing.village }
}

let lastCreated = 0

/**
 * Now, but never the same millisecond twice in this instance: contacts registered together (an
 * import's batch) keep the sheet's order in lists and exports, which sort by createdAt.
 */
function creationTime(): Date {
  lastCreated = Math.max(Date.now(), lastCreated + 1)
  return new Date(lastCreated)
}

function newDoc(secret: string, who: Identity, contact: Contact, source: ContactDoc['source']): ContactDoc {
  return {
    _id: contactIdOf(secret, contact.phone),
    ...contactFields(contact),
    createdBy: who.openid,
    createdByRole: who.role === 'admin' ? 'admin' : 'cadre',
    createdAt: creationTime(),
    source
  }
}

/**
 * Adds the documents with `add` under their deterministic ids (not `set`: a second writer must fail,
 * not overwrite) and raises each village's counter and the cadre's by as many, all in one transaction.
 */
async function addWithCounters(db: Db, who: Identity, docs: ContactDoc[]): Promise<void> {
  const perVillage = new Map<string, number>()
  for (const d of docs) perVillage.set(d.village, (perVillage.get(d.village) ?? 0) + 1)
  await transaction(db, async (tx) => {
    for (const doc of docs) await tx.collection(CONTACTS).add({ data: doc })
    if (who.role === 'cadre') await bump(tx, db, CADRE_COUNTERS, who.openid, docs.length)
    // The village counter is the one many cadres share: touched last, just before the commit, so
    // the window in which another registration can make this one conflict is as short as it gets.
    for (const [village, n] of perVillage) await bump(tx, db, VILLAGE_COUNTERS, village, n)
  })
}

/**
 * One contact and its counters in one transaction. Two registrations of one number racing end with
 * one stored: the other's `add` meets the duplicate, or its commit conflicts and its retry does.
 * Nothing of a refused registration is written.
 */
export async function registerContact(db: Db, secret: string, who: Identity, contact: Contact, source: ContactDoc['source']): Promise<Registration> {
  const doc = newDoc(secret, who, contact, source)
  for (let attempt = 1; ; attempt++) {
    try {
      await addWithCounters(db, who, [doc])
      return { kind: 'stored', id: doc._id }
    } catch (error) {
      if (isDuplicateKey(error)) {
        const existing = await findById<ContactDoc>(db, CONTACTS, doc._id)
        if (existing) return classify(existing, who, contact)
        // Removed again in between: try once more.
        if (attempt < CONFLICT_ROUNDS) continue
      }
      // Many cadres of one village registering at once all increment its counter; the SDK retries a
      // lost commit at once, which under load loses again: back off with jitter, then try again.
      if (isTransactionConflict(error) && attempt < CONFLICT_ROUNDS) {
        await pause(attempt * (10 + Math.random() * 40))
        continue
      }
      // The first registration of a village or a cadre: make the counter, then do it all again.
      if (error instanceof MissingCounter && attempt < CONFLICT_ROUNDS) {
        await createCounter(db, error.collection, error.id)
        continue
      }
      throw error
    }
  }
}

/**
 * Several contacts known to be new, with their counters, in one transaction: all of them or none.
 * If one was registered meanwhile (or the counters stay contended), each is registered on its own.
 */
export async function registerBatch(db: Db, secret: string, who: Identity, contacts: Contact[], source: ContactDoc['source']): Promise<Registration[]> {
  const docs = contacts.map((c) => newDoc(secret, who, c, source))
  try {
    await withCounters(db, () => addWithCounters(db, who, docs))
    return docs.map((d) => ({ kind: 'stored', id: d._id }))
  } catch (error) {
    if (!isDuplicateKey(error) && !isTransactionConflict(error)) throw error
    const outcomes: Registration[] = []
    for (const c of contacts) outcomes.push(await registerContact(db, secret, who, c, source))
    return outcomes
  }
}
