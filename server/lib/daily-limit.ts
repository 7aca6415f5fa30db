/**
 * Per-person daily limits, one document per person, action and China day in `rate_limits`
 * (`<action>:<openid>:<day>`, `{ count, day }`, plus what the caller adds, e.g. the person's `town`):
 * tomorrow's calls count on a new document.
 */
import { chinaDay } from './china-day'
import { COLLECTIONS } from './collections'
import { findById, isDuplicateKey, type Db, type TransactionScope } from './data'

const LIMITS = COLLECTIONS.rateLimits

interface LimitDoc {
  _id: string
  count: number
  day: string
}

/** Fields stored on the day's document besides the count (e.g. `town`, so a town's limits can be told apart). */
export type LimitFields = Record<string, string | null>

export const dailyLimitId = (action: string, openid: string, day: string = chinaDay()): string => `${action}:${openid}:${day}`

/**
 * Takes one from today's allowance, or answers false at the limit. One conditional, atomic increment
 * (`count < limit` and `+1` in one update): concurrent calls and retries can never pass the limit,
 * and a call refused at the limit writes nothing.
 */
export async function takeOne(db: Db, action: string, openid: string, limit: number, fields: LimitFields = {}): Promise<boolean> {
  const _ = db.command
  const day = chinaDay()
  const id = dailyLimitId(action, openid, day)
  const limits = db.collection(LIMITS)
  const take = async () => {
    const res = (await limits.where({ _id: id, count: _.lt(limit) }).update({ data: { count: _.inc(1) } })) as { stats?: { updated?: number } }
    return (res.stats?.updated ?? 0) === 1
  }
  if (await take()) return true
  // The day's first call makes the counter; if another call made it meanwhile, count on it.
  try {
    await limits.add({ data: { ...fields, _id: id, count: 1, day } })
    return true
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
    return take()
  }
}

/** Takes up to `wanted` (one at a time, so at most limit + 1 requests); answers how many it got. */
export async function takeUpTo(db: Db, action: string, openid: string, limit: number, wanted: number, fields: LimitFields = {}): Promise<number> {
  let taken = 0
  while (taken < wanted && (await takeOne(db, action, openid, limit, fields))) taken++
  return taken
}

/**
 * Inside a transaction: takes `n` at once, all or none. Answers what is left today when `n` would pass
 * the limit (the caller refuses, and the transaction writes nothing); null once taken. Two
 * transactions taking from one counter conflict on its document, and the loser's retry sees the
 * winner's count.
 */
export async function takeInTransaction(tx: TransactionScope, action: string, openid: string, limit: number, n: number, fields: LimitFields = {}): Promise<number | null> {
  const day = chinaDay()
  const id = dailyLimitId(action, openid, day)
  const count = (await findById<LimitDoc>(tx, LIMITS, id))?.count ?? 0
  if (count + n > limit) return Math.max(0, limit - count)
  await tx.collection(LIMITS).doc(id).set({ data: { ...fields, count: count + n, day } })
  return null
}
