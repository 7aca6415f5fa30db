/**
 * concern_counters/<town>/<village>: each unit's concerns counted per campaign year, so a new year's
 * reply rate (the plan's 群众诉求 figure, the visits table, the inspections' figures) starts from its
 * own concerns, and a closed year's stays readable. `<town>/` counts the concerns that name no unit.
 *
 * One document per unit, kept in the transaction that changes a concern: its top-level counts are of
 * `year` (absent: the first year, as before years existed); the first change of a later year moves
 * them to `past[<year>]` and starts again from zero. A change to an earlier year's concern (the
 * overdue timer marks last year's unanswered ones) adds to that year's counts in `past`.
 */
import { FIRST_YEAR } from '../../src/core/campaigns'
import { unitKey } from '../../src/core/towns'
import { COLLECTIONS } from './collections'
import { findById, type Stored, type TransactionScope } from './data'

export const CONCERN_COUNTERS = COLLECTIONS.concernCounters

export interface ConcernCounts {
  raised: number
  replied: number
  closed: number
  overdue: number
}
export const NO_CONCERNS: ConcernCounts = { raised: 0, replied: 0, closed: 0, overdue: 0 }

export interface ConcernCounterDoc extends Stored, Partial<ConcernCounts> {
  town: string
  village: string
  /** The year the top-level counts are of (absent: FIRST_YEAR). */
  year?: number
  /** Earlier years' counts, by year. */
  past?: Record<string, Partial<ConcernCounts>>
}

const COUNT_KEYS = ['raised', 'replied', 'closed', 'overdue'] as const
const counts = (c: Partial<ConcernCounts> | undefined): ConcernCounts =>
  Object.fromEntries(COUNT_KEYS.map((k) => [k, c?.[k] ?? 0])) as unknown as ConcernCounts

/** A unit's counts for one campaign year (zero when it had no concern that year). */
export function countsOf(doc: ConcernCounterDoc | null | undefined, year: number): ConcernCounts {
  if (!doc) return { ...NO_CONCERNS }
  if ((doc.year ?? FIRST_YEAR) === year) return counts(doc)
  return counts(doc.past?.[String(year)])
}

const add = (c: ConcernCounts, delta: Partial<ConcernCounts>): ConcernCounts =>
  counts(Object.fromEntries(COUNT_KEYS.map((k) => [k, c[k] + (delta[k] ?? 0)])))

/** Adds `delta` to the counts of `year` of a unit, inside the transaction that changes the concern. */
export async function bumpConcernCounter(tx: TransactionScope, town: string, village: string, year: number, delta: Partial<ConcernCounts>): Promise<void> {
  const id = unitKey(town, village)
  const doc = await findById<ConcernCounterDoc>(tx, CONCERN_COUNTERS, id)
  const docYear = doc?.year ?? FIRST_YEAR
  const past = { ...(doc?.past ?? {}) }
  let top = counts(doc ?? undefined)
  let topYear = docYear
  if (!doc || year === docYear) top = add(top, delta)
  else if (year > docYear) {
    past[String(docYear)] = top
    top = add({ ...NO_CONCERNS }, delta)
    topYear = year
  } else past[String(year)] = add(counts(past[String(year)]), delta)
  if (!doc) topYear = year
  await tx.collection(CONCERN_COUNTERS).doc(id).set({ data: { town, village, year: topYear, ...top, past } })
}
