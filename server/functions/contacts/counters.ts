/**
 * village_counters/<village>: how many contacts each village has; cadre_counters/<openid>: how many
 * households each cadre holds (`owner`) in the village they are bound to now. Changed only inside the
 * transaction that adds, removes, moves or hands over the contact (or binds, moves or revokes the
 * cadre), so a count is never read off a capped `get()` and always equals a recount.
 */
import { COLLECTIONS } from '../../lib/collections'
import { countWhere, findById, isDuplicateKey, type Db, type TransactionScope } from '../../lib/data'
import { refuse } from '../../lib/refusal'
import { USERS, type UserDoc } from '../../lib/roles'
import type { CadreCounterDoc, ContactDoc, VillageCounterDoc } from './model'

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
    // A revoked cadre's counter counts in no village: a registration racing the revocation is refused.
    fresh = { openid: id, name: user.name, village: user.revokedAt ? null : user.village }
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
 * Adds `by` to what cadre `openid` holds in `village`, inside the caller's transaction. The counter
 * is read first: it carries the cadre's current village (moved with each binding, in the binding's
 * transaction), so a registration that raced a move or a revocation conflicts with it, or is refused,
 * instead of counting in a village the cadre has left.
 */
export async function bumpHolder(tx: TransactionScope, db: Db, openid: string, village: string, by: number): Promise<void> {
  const counter = await findById<CadreCounterDoc>(tx, CADRE_COUNTERS, openid)
  if (!counter) throw new MissingCounter(CADRE_COUNTERS, openid)
  if (counter.village !== village) refuse('FORBIDDEN', '您的干部身份刚刚变更,请刷新后重试')
  await tx.collection(CADRE_COUNTERS).doc(openid).update({ data: { registered: db.command.inc(by) } })
}

/**
 * The household `doc` stops being held by its owner (removed, moved to another village, handed to
 * someone else): their counter drops, if it counted it (their current village is the household's).
 */
export async function dropHolder(tx: TransactionScope, db: Db, doc: Pick<ContactDoc, 'owner' | 'village'>, by = 1): Promise<void> {
  if (!doc.owner) return
  const counter = await findById<CadreCounterDoc>(tx, CADRE_COUNTERS, doc.owner)
  if (counter && counter.village === doc.village) {
    await tx.collection(CADRE_COUNTERS).doc(doc.owner).update({ data: { registered: db.command.inc(-by) } })
  }
}

/** What a cadre counter should say: the households its cadre holds in the village they are bound to now. */
async function cadreTruth(db: Db, contacts: string, c: CadreCounterDoc): Promise<{ village: CadreCounterDoc['village']; registered: number }> {
  const user = await findById<UserDoc>(db, USERS, c._id)
  const village = user && !user.revokedAt ? user.village : null
  return { village, registered: village ? await countWhere(db, contacts, { owner: c._id, village }) : 0 }
}

/**
 * Sets every counter to an exact count of the contacts it counts (after a purge, normally 0).
 * Counters are read page by page, each count is a count query, never a capped read.
 */
export async function recountAll(db: Db, contacts: string): Promise<void> {
  for (const collection of [VILLAGE_COUNTERS, CADRE_COUNTERS]) {
    for (let skip = 0; ; skip += 1000) {
      const page = (await db.collection(collection).orderBy('_id', 'asc').skip(skip).limit(1000).get()).data as unknown as (VillageCounterDoc & CadreCounterDoc)[]
      for (const counter of page) {
        const truth =
          collection === VILLAGE_COUNTERS
            ? { registered: await countWhere(db, contacts, { village: counter._id }) }
            : await cadreTruth(db, contacts, counter)
        if (Object.entries(truth).some(([k, v]) => counter[k as keyof typeof counter] !== v)) {
          await db.collection(collection).doc(counter._id).update({ data: truth })
        }
      }
      if (page.length < 1000) break
    }
  }
}
