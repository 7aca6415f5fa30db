/** Registering contacts: the documents and their counters in one transaction, once per number. */
import type { Contact } from '../../../src/core/contact'
import { audit, type AuditEntry } from '../../lib/audit'
import { COLLECTIONS } from '../../lib/collections'
import { findById, isDuplicateKey, isTransactionConflict, pause, transaction, type Db } from '../../lib/data'
import { isAdmin, type Identity } from '../../lib/roles'
import { bumpHolder, bumpVillage, createCounter, MissingCounter, withCounters } from './counters'
import { contactFields, contactIdOf, mayHold, type ContactDoc } from './model'

export const CONTACTS = COLLECTIONS.contacts

export type Registration =
  | { kind: 'stored'; id: string }
  /** The same cadre registered the same person with this number before (a retry, a double tap). */
  | { kind: 'again'; id: string }
  /** Someone registered the number already; only as much of where as `takenMessage` tells (see conflictAnswers). */
  | { kind: 'taken'; id: string; holder: ContactDoc }

/** Where a number is held: the town and village of the household that has it. */
export type Holder = Pick<ContactDoc, 'town' | 'village'>

/** Rounds of the whole transaction after the SDK's own immediate retries lost to busy counters. */
const CONFLICT_ROUNDS = 6

/** What a cadre hears of a taken number once today's whole-number budget is spent: nothing about where. */
export const TAKEN_NOWHERE = '该号码已被登记'

/**
 * Why a number cannot be registered in `town`, as the caller may hear it. Held in the same town: its
 * admins and a cadre of the holding village learn the village, a cadre of another village only that
 * it is elsewhere (otherwise any cadre could find where any number lives, 7,000 numbers an import).
 * Held in another town: only a county admin learns the town and village; the town's own people hear
 * 其他乡镇 (one number once in the county, nobody sees another town's households). A cadre whose
 * budget of whole-number lookups is spent (`told` false) hears only that it is taken.
 */
export function takenMessage(holder: Holder, who: Identity, town: string, told = true): string {
  if (who.role === 'admin') return holder.town !== town ? `该号码已在${holder.town}${holder.village}登记` : `该号码已在${holder.village}登记`
  if (!told) return TAKEN_NOWHERE
  if (holder.town !== town) return '该号码已在其他乡镇登记'
  if (isAdmin(who) || holder.village === who.village) return `该号码已在${holder.village}登记`
  return '该号码已在其他村(社区)登记'
}

/**
 * The registration is the caller's own again (a retry, the same sheet imported again), not a conflict
 * between people: a cadre's if they hold it now (`owner` in their town and village; `createdBy` gives
 * no power), an admin's (town or county) if they registered it.
 */
export function isCallersOwn(holder: Pick<ContactDoc, 'town' | 'village' | 'owner' | 'createdBy'>, who: Identity): boolean {
  return who.role === 'cadre' ? mayHold(holder, who) : isAdmin(who) && holder.createdBy === who.openid
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

/** What a conflict's audit entry needs of the household that holds the number. */
export type ConflictHolder = Pick<ContactDoc, '_id' | 'town' | 'village' | 'owner' | 'createdBy' | 'responsible' | 'phoneMasked'>

export interface ConflictAttempt {
  /** The household that holds the number, as just read. */
  holder: ConflictHolder
  /** The village the caller tried to register the number in. */
  village: string
}

/** The fields of a holder recordConflicts and conflictAnswers read. */
export const HOLDER_FIELDS = { town: true, village: true, owner: true, createdBy: true, responsible: true, phoneMasked: true } as const

/** Audit entries written at once. */
const AUDIT_PARALLEL = 20
/** Conflict entries one call (one import) writes at most; the rest are counted in one summary entry. */
export const CONFLICT_ENTRIES_MAX = 100
export const CONFLICT_SUMMARY_ACTION = 'contacts.conflictSummary'

/** How an attempt's author is named in the conflicts view. */
function attemptByOf(who: Identity): string {
  if (who.role === 'admin') return '管理员'
  if (who.role === 'townAdmin') return '乡镇管理员'
  return who.name ?? ''
}

/**
 * Writes one `contacts.conflict` audit entry per attempt (in `town`) that met a number someone else
 * holds, for the admins' view of conflicts: the first CONFLICT_ENTRIES_MAX, then one
 * `contacts.conflictSummary` with the count, so a 7,000-row sheet of taken numbers cannot flood the
 * trail. The caller's own registrations met again (`skipOwn`: an import of rows they hold) are no
 * conflict between people. `max` is what is left of the caller's cap (an import records in two
 * steps); answers how many entries it wrote.
 */
export async function recordConflicts(
  db: Db,
  who: Identity,
  town: string,
  source: ConflictSource,
  attempts: ConflictAttempt[],
  skipOwn = false,
  max = CONFLICT_ENTRIES_MAX
): Promise<number> {
  const entries: AuditEntry[] = []
  for (const { holder, village } of attempts) {
    if (skipOwn && isCallersOwn(holder, who)) continue
    const detail: ConflictDetail = {
      source,
      phoneMasked: holder.phoneMasked,
      holderTown: holder.town,
      holderVillage: holder.village,
      holderCreatedBy: holder.createdBy,
      holderResponsible: holder.responsible,
      attemptTown: town,
      attemptVillage: village,
      attemptBy: attemptByOf(who)
    }
    entries.push({ actor: who.openid, action: CONFLICT_ACTION, target: holder._id, town, detail: { ...detail } })
  }
  const written = entries.slice(0, Math.max(0, max))
  for (let i = 0; i < written.length; i += AUDIT_PARALLEL) {
    await Promise.all(written.slice(i, i + AUDIT_PARALLEL).map((entry) => audit(db, db, entry)))
  }
  if (entries.length > written.length) {
    await audit(db, db, { actor: who.openid, action: CONFLICT_SUMMARY_ACTION, town, detail: { source, conflicts: entries.length, recorded: written.length } })
  }
  return written.length
}

function classify(existing: ContactDoc, who: Identity, town: string, contact: Contact, registrationId?: string): Registration {
  // The very registration the caller sent before (its answer was lost, or the offline outbox sends
  // it again): theirs, even if they edited the household meanwhile.
  const resent = registrationId !== undefined && existing.registrationId === registrationId && existing.createdBy === who.openid
  const same = resent || (isCallersOwn(existing, who) && existing.town === town && existing.village === contact.village && existing.name === contact.name)
  return same ? { kind: 'again', id: existing._id } : { kind: 'taken', id: existing._id, holder: existing }
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

function newDoc(secret: string, who: Identity, town: string, year: number, contact: Contact, source: ContactDoc['source'], registrationId?: string): ContactDoc {
  return {
    ...(registrationId ? { registrationId } : {}),
    _id: contactIdOf(secret, contact.phone),
    town,
    year,
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
 * Nothing of a refused registration is written but its conflict's audit entry (left to the caller
 * when `recordConflict` is false: an import records its conflicts together). An admin's form
 * registration is audited in the same transaction as the contact (a cadre's shows in their counter).
 */
export async function registerContact(
  db: Db,
  secret: string,
  who: Identity,
  town: string,
  year: number,
  contact: Contact,
  source: ContactDoc['source'],
  recordConflict = true,
  registrationId?: string
): Promise<Registration> {
  const doc = newDoc(secret, who, town, year, contact, source, registrationId)
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
          const outcome = classify(existing, who, town, contact, registrationId)
          if (outcome.kind === 'taken' && recordConflict) await recordConflicts(db, who, town, source === 'import' ? 'import' : 'register', [{ holder: existing, village: contact.village }])
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
 * If one was registered meanwhile (or the counters stay contended), each is registered on its own;
 * the conflicts met then are the caller's to record.
 */
export async function registerBatch(db: Db, secret: string, who: Identity, town: string, year: number, contacts: Contact[], source: ContactDoc['source']): Promise<Registration[]> {
  const docs = contacts.map((c) => newDoc(secret, who, town, year, c, source))
  try {
    await withCounters(db, () => addWithCounters(db, who, town, docs))
    return docs.map((d) => ({ kind: 'stored', id: d._id }))
  } catch (error) {
    if (!isDuplicateKey(error) && !isTransactionConflict(error)) throw error
    const outcomes: Registration[] = []
    for (const c of contacts) outcomes.push(await registerContact(db, secret, who, town, year, c, source, false))
    return outcomes
  }
}
