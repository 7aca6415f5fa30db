/** Registering contacts: the documents and their counters in one transaction, once per number. */
import type { Contact } from '../../../src/core/contact'
import { audit, type AuditEntry } from '../../lib/audit'
import { COLLECTIONS } from '../../lib/collections'
import { findById, isDuplicateKey, isTransactionConflict, transaction, type Db } from '../../lib/data'
import { isAdmin, type Identity } from '../../lib/roles'
import { bumpHolder, bumpVillage, createCounter, MissingCounter, withCounters } from './counters'
import { contactFields, contactIdOf, type ContactDoc } from './model'

export const CONTACTS = COLLECTIONS.contacts

export type Registration =
  | { kind: 'stored'; id: string }
  /** The same cadre registered the same person with this number before (a retry, a double tap). */
  | { kind: 'again'; id: string }
  /** Someone registered the number already; only as much of where as `takenMessage` tells. */
  | { kind: 'taken'; id: string; holder: Holder }

/** Where a number is held: the town and village of the household that has it. */
export interface Holder {
  town: string
  village: string
}

/** Rounds of the whole transaction after the SDK's own immediate retries lost to busy counters. */
const CONFLICT_ROUNDS = 6

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Why a number cannot be registered in `town`, as the caller may hear it. Held in the same town: its
 * admins and a cadre of the holding village learn the village, a cadre of another village only that
 * it is elsewhere (otherwise any cadre could find where any number lives, 7,000 numbers an import).
 * Held in another town: only a county admin learns the town and village; the town's own people hear
 * 其他乡镇 (one number once in the county, nobody sees another town's households).
 */
export function takenMessage(holder: Holder, who: Identity, town: string): string {
  if (holder.town !== town) return who.role === 'admin' ? `该号码已在${holder.town}${holder.village}登记` : '该号码已在其他乡镇登记'
  if (isAdmin(who) || holder.village === who.village) return `该号码已在${holder.village}登记`
  return '该号码已在其他村(社区)登记'
}

export const CONFLICT_ACTION = 'contacts.conflict'

/** How a conflict was met: the form, an edit to a new number, a row of a sheet. */
export type ConflictSource = 'register' | 'update' | 'import'

/**
 * What the audit trail keeps of a conflict: enough for an admin to settle it, no number, no
 * resident's name. The entry's top-level `town` is the attempt's; a town admin sees the conflicts
 * where either town is theirs.
 */
export interface ConflictDetail {
  source: ConflictSource
  phoneMasked: string
  holderTown: string
  holderVillage: string
  holderCreatedBy: string
  holderResponsible: string
  attemptTown: string
  attemptVillage: string
  attemptBy: string
}

export interface ConflictAttempt {
  /** The contact id the attempt met (the holder's document). */
  id: string
  /** The village the caller tried to register the number in. */
  village: string
}

/** Holders read per query when recording conflicts. */
const HOLDER_BATCH = 100
/** Audit entries written at once. */
const AUDIT_PARALLEL = 20

/** How an attempt's author is named in the conflicts view. */
function attemptByOf(who: Identity): string {
  if (who.role === 'admin') return '管理员'
  if (who.role === 'townAdmin') return '乡镇管理员'
  return who.name ?? ''
}

/**
 * Writes one `contacts.conflict` audit entry per attempt (in `town`) that met a number someone else
 * holds, for the admins' view of conflicts. Holders are read here (one query per hundred); an
 * attempt whose holder is gone meanwhile is no conflict any more. An import of rows the importer
 * registered before is the same import again, not a conflict between cadres: `skipOwn` leaves those out.
 */
export async function recordConflicts(db: Db, who: Identity, town: string, source: ConflictSource, attempts: ConflictAttempt[], skipOwn = false): Promise<void> {
  const _ = db.command
  const entries: AuditEntry[] = []
  for (let i = 0; i < attempts.length; i += HOLDER_BATCH) {
    const batch = attempts.slice(i, i + HOLDER_BATCH)
    const found = (await db
      .collection(CONTACTS)
      .where({ _id: _.in([...new Set(batch.map((a) => a.id))]) })
      .field({ town: true, village: true, createdBy: true, responsible: true, phoneMasked: true })
      .limit(HOLDER_BATCH)
      .get()).data as Pick<ContactDoc, '_id' | 'town' | 'village' | 'createdBy' | 'responsible' | 'phoneMasked'>[]
    const holders = new Map(found.map((d) => [d._id, d]))
    for (const a of batch) {
      const holder = holders.get(a.id)
      if (!holder || (skipOwn && holder.createdBy === who.openid)) continue
      const detail: ConflictDetail = {
        source,
        phoneMasked: holder.phoneMasked,
        holderTown: holder.town,
        holderVillage: holder.village,
        holderCreatedBy: holder.createdBy,
        holderResponsible: holder.responsible,
        attemptTown: town,
        attemptVillage: a.village,
        attemptBy: attemptByOf(who)
      }
      entries.push({ actor: who.openid, action: CONFLICT_ACTION, target: a.id, town, detail: { ...detail } })
    }
  }
  for (let i = 0; i < entries.length; i += AUDIT_PARALLEL) {
    await Promise.all(entries.slice(i, i + AUDIT_PARALLEL).map((entry) => audit(db, db, entry)))
  }
}

function classify(existing: ContactDoc, who: Identity, town: string, contact: Contact): Registration {
  // An admin's registration has no holder: their retry is recognised by who made it.
  const byCaller = existing.owner === who.openid || (isAdmin(who) && existing.createdBy === who.openid)
  const same = byCaller && existing.town === town && existing.village === contact.village && existing.name === contact.name
  return same ? { kind: 'again', id: existing._id } : { kind: 'taken', id: existing._id, holder: { town: existing.town, village: existing.village } }
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

function newDoc(secret: string, who: Identity, town: string, contact: Contact, source: ContactDoc['source']): ContactDoc {
  return {
    _id: contactIdOf(secret, contact.phone),
    town,
    ...contactFields(contact),
    // A cadre holds what they register; an admin's registration waits for a 包户责任人 of the village.
    owner: who.role === 'cadre' ? who.openid : null,
    createdBy: who.openid,
    createdByRole: who.role === 'admin' || who.role === 'townAdmin' ? who.role : 'cadre',
    createdAt: creationTime(),
    source
  }
}

/**
 * Adds the documents with `add` under their deterministic ids (not `set`: a second writer must fail,
 * not overwrite) and raises each village's counter and the cadre's by as many, all in one transaction.
 */
async function addWithCounters(db: Db, who: Identity, town: string, docs: ContactDoc[], entry?: AuditEntry): Promise<void> {
  const perVillage = new Map<string, number>()
  for (const d of docs) perVillage.set(d.village, (perVillage.get(d.village) ?? 0) + 1)
  await transaction(db, async (tx) => {
    for (const doc of docs) await tx.collection(CONTACTS).add({ data: doc })
    if (entry) await audit(tx, db, entry)
    if (who.role === 'cadre') await bumpHolder(tx, db, who.openid, town, who.village!, docs.length)
    // The village counter is the one many cadres share: touched last, just before the commit, so
    // the window in which another registration can make this one conflict is as short as it gets.
    for (const [village, n] of perVillage) await bumpVillage(tx, db, town, village, n)
  })
}

/**
 * One contact and its counters in one transaction. Two registrations of one number racing end with
 * one stored: the other's `add` meets the duplicate, or its commit conflicts and its retry does.
 * Nothing of a refused registration is written but its conflict's audit entry. An admin's form
 * registration is audited in the same transaction as the contact (a cadre's shows in their counter).
 */
export async function registerContact(db: Db, secret: string, who: Identity, town: string, contact: Contact, source: ContactDoc['source']): Promise<Registration> {
  const doc = newDoc(secret, who, town, contact, source)
  const entry: AuditEntry | undefined =
    isAdmin(who) && source === 'form'
      ? { actor: who.openid, action: 'contacts.register', target: doc._id, town, detail: { village: doc.village, phoneMasked: doc.phoneMasked, source } }
      : undefined
  for (let attempt = 1; ; attempt++) {
    try {
      await addWithCounters(db, who, town, [doc], entry)
      return { kind: 'stored', id: doc._id }
    } catch (error) {
      if (isDuplicateKey(error)) {
        const existing = await findById<ContactDoc>(db, CONTACTS, doc._id)
        if (existing) {
          const outcome = classify(existing, who, town, contact)
          if (outcome.kind === 'taken') await recordConflicts(db, who, town, source === 'import' ? 'import' : 'register', [{ id: existing._id, village: contact.village }])
          return outcome
        }
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
export async function registerBatch(db: Db, secret: string, who: Identity, town: string, contacts: Contact[], source: ContactDoc['source']): Promise<Registration[]> {
  const docs = contacts.map((c) => newDoc(secret, who, town, c, source))
  try {
    await withCounters(db, () => addWithCounters(db, who, town, docs))
    return docs.map((d) => ({ kind: 'stored', id: d._id }))
  } catch (error) {
    if (!isDuplicateKey(error) && !isTransactionConflict(error)) throw error
    const outcomes: Registration[] = []
    for (const c of contacts) outcomes.push(await registerContact(db, secret, who, town, c, source))
    return outcomes
  }
}
