/**
 * village_counters/<village> and cadre_counters/<openid>: how many contacts each village and each cadre
 * has registered, changed only inside the transaction that adds or removes the contact, so a count is
 * never read off a capped `get()` and always equals a recount.
 */
import { COLLECTIONS } from '../../lib/collections'
import { countWhere, findById, isDuplicateKey, type Db, type TransactionScope } from '../../lib/data'
import { USERS, type UserDoc } from '../../lib/roles'
import type { CadreCounterDoc, VillageCounterDoc } from './model'

export const VILLAGE_COUNTERS = COLLECTIONS.villageCounters
export const CADRE_COUNTERS = COLLECTIONS.cadreCounters

/** A counter that should exist did not: the transaction is abandoned, the counter made, the work retried. */
export class MissingCounter extends Error {
  constructor(readonly collection: string, readonly id: string) {
    super(`counter ${collection}/${id} does not exist`)
  }
}

/**
 * Makes a missing counter at 0, outside any transaction (0 is true before anything is counted in it).
 * Only after a transaction met it missing, so a refused registration (a duplicate number is refused
 * before any counter is touched) leaves no counter behind.
 */
export async function createCounter(db: Db, collection: string, id: string): Promise<void> {
  let fresh: object
  if (collection === VILLAGE_COUNTERS) {
    fresh = { village: id }
  } else {
    const user = await findById<UserDoc>(db, USERS, id)
    if (!user) throw new Error(`no user ${id} for a cadre counter`)
    fresh = { openid: id, name: user.name, village: user.village }
  }
  try {
    await db.collection(collection).add({ data: { _id: id, ...fresh, registered: 0 } })
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
  }
}

/** Runs `work` (a transaction bumping counters), making any counter it finds missing and trying again. */
export async function withCounters<T>(db: Db, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      if (!(error instanceof MissingCounter) || attempt >= 3) throw error
      await createCounter(db, error.collection, error.id)
    }
  }
}

/** Adds `by` to a counter inside the caller's transaction; the counter must exist. */
export async function bump(tx: TransactionScope, db: Db, collection: string, id: string, by: number): Promise<void> {
  const res = (await tx.collection(collection).doc(id).update({ data: { registered: db.command.inc(by) } })) as {
    stats?: { updated?: number }
    updated?: number
  }
  if (!(res.stats?.updated ?? res.updated)) throw new MissingCounter(collection, id)
}

/**
 * Sets every counter to an exact count of the contacts it counts (after a purge, normally 0).
 * Counters are read page by page, each count is a count query, never a capped read.
 */
export async function recountAll(db: Db, contacts: string): Promise<void> {
  for (const [collection, countOf] of [
    [VILLAGE_COUNTERS, (c: VillageCounterDoc) => countWhere(db, contacts, { village: c._id })],
    [CADRE_COUNTERS, (c: CadreCounterDoc) => countWhere(db, contacts, { createdBy: c._id, createdByRole: 'cadre' })]
  ] as [string, (c: VillageCounterDoc & CadreCounterDoc) => Promise<number>][]) {
    for (let skip = 0; ; skip += 1000) {
      const page = (await db.collection(collection).orderBy('_id', 'asc').skip(skip).limit(1000).get()).data as unknown as (VillageCounterDoc & CadreCounterDoc)[]
      for (const counter of page) {
        const registered = await countOf(counter)
        if (registered !== counter.registered) await db.collection(collection).doc(counter._id).update({ data: { registered } })
      }
      if (page.length < 1000) break
    }
  }
}
