/**
 * What a visit leaves behind: the household's ticks on its contact doc (`visit`), one `visits` doc per
 * recorded visit, and per unit `visit_counters/<unitKey>`, changed only in the transaction that
 * changes a household's ticks (a visit, a removal, a move), so the figures always equal a recount.
 */
import { VISIT_FLAGS, type VisitFlag } from '../../../src/core/contract'
import { unitKey } from '../../../src/core/towns'
import { COLLECTIONS } from '../../lib/collections'
import { countWhere, type Db, type Stored, type TransactionScope } from '../../lib/data'
import { MissingCounter } from '../contacts/counters'

export const VISITS = COLLECTIONS.visits
export const VISIT_COUNTERS = COLLECTIONS.visitCounters

/** A household's visit state, on its contact doc; absent = never visited. Ticks only ever turn on. */
export interface VisitState {
  visited: true
  letter: boolean
  card: boolean
  explained: boolean
  /** All three ticked: what `households` filters 已完成 on. */
  complete: boolean
  lastVisitAt: Date
  /** How many visits were recorded. */
  visits: number
}

/** One recorded visit; `_id` keyedHash(secret, 'visit', by, visitId). */
export interface VisitDoc extends Stored {
  town: string
  /** The campaign's year (absent: 2023); closing it deletes the visit records with the households. */
  year?: number
  village: string
  contactId: string
  by: string
  byRole: 'cadre' | 'townAdmin' | 'admin'
  letter: boolean
  card: boolean
  explained: boolean
  note?: string
  at: Date
}

export interface VisitCounterDoc extends Stored, Record<VisitFlag, number> {
  town: string
  village: string
}

export type FlagCounts = Record<VisitFlag, number>
export const NO_VISITS: FlagCounts = { visited: 0, letter: 0, card: 0, explained: 0 }

/** 1 for each flag the state has ticked, 0 otherwise (all 0 for a household never visited). */
export function flagsOf(visit: VisitState | undefined | null): FlagCounts {
  if (!visit) return { ...NO_VISITS }
  return { visited: 1, letter: visit.letter ? 1 : 0, card: visit.card ? 1 : 0, explained: visit.explained ? 1 : 0 }
}

/**
 * Adds `by` (times each flag's delta) to the unit's visit counter, inside the caller's transaction;
 * a missing counter throws MissingCounter (withCounters makes it at 0 and retries).
 */
export async function bumpVisits(tx: TransactionScope, db: Db, town: string, village: string, delta: FlagCounts, by = 1): Promise<void> {
  const inc = Object.fromEntries(VISIT_FLAGS.filter((f) => delta[f] !== 0).map((f) => [f, db.command.inc(delta[f] * by)]))
  if (Object.keys(inc).length === 0) return
  const id = unitKey(town, village)
  const res = (await tx.collection(VISIT_COUNTERS).doc(id).update({ data: inc })) as { stats?: { updated?: number }; updated?: number }
  if (!(res.stats?.updated ?? res.updated)) throw new MissingCounter(VISIT_COUNTERS, id)
}

/** The household (removed, or leaving its village) takes its ticks out of its unit's counter. */
export async function dropVisits(tx: TransactionScope, db: Db, doc: { town: string; village: string; visit?: VisitState | null }): Promise<void> {
  await bumpVisits(tx, db, doc.town, doc.village, flagsOf(doc.visit), -1)
}

/** The contacts a flag counts, within `scope` (a unit, or a cadre's households of it). */
export const flagWhere = (scope: object, flag: VisitFlag): object => ({ ...scope, [`visit.${flag}`]: true })

/** Exact counts of each flag among the contacts of `scope`: count queries, never a capped read. */
export async function countFlags(db: Db, contacts: string, scope: object): Promise<FlagCounts> {
  const counts = await Promise.all(VISIT_FLAGS.map((f) => countWhere(db, contacts, flagWhere(scope, f))))
  return Object.fromEntries(VISIT_FLAGS.map((f, i) => [f, counts[i]])) as FlagCounts
}

/**
 * Sets every visit counter (of `town`, or of every town) to an exact count of its unit's contacts
 * (after a purge, 0). Counters are read page by page, each figure is a count query.
 */
export async function recountVisits(db: Db, contacts: string, town?: string): Promise<void> {
  const where = town === undefined ? {} : { town }
  for (let skip = 0; ; skip += 1000) {
    const page = (await db.collection(VISIT_COUNTERS).where(where).orderBy('_id', 'asc').skip(skip).limit(1000).get()).data as unknown as VisitCounterDoc[]
    for (const counter of page) {
      const truth = await countFlags(db, contacts, { town: counter.town, village: counter.village })
      if (VISIT_FLAGS.some((f) => counter[f] !== truth[f])) await db.collection(VISIT_COUNTERS).doc(counter._id).update({ data: truth })
    }
    if (page.length < 1000) break
  }
}
