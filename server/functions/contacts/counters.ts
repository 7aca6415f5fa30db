/**
 * village_counters/<town>/<village>: how many contacts each village of each town has;
 * cadre_counters/<openid>: how many households each cadre holds (`owner`) in the village they are
 * bound to now. Changed only inside the transaction that adds, removes, moves or hands over the
 * contact (or binds, moves or revokes the cadre), so a count is never read off a capped `get()` and
 * always equals a recount.
 */
import { DEFAULT_TOWN, unitKey } from '../../../src/core/towns'
import { COLLECTIONS } from '../../lib/collections'
import { countWhere, findById, isDuplicateKey, type Db, type TransactionScope } from '../../lib/data'
import { refuse } from '../../lib/refusal'
import { USERS, type UserDoc } from '../../lib/roles'
import type { CadreCounterDoc, ContactDoc, VillageCounterDoc } from './model'

export const VILLAGE_COUNTERS = COLLECTIONS.villageCounters
export const CADRE_COUNTERS = COLLECTIONS.cadreCounters

/** The id of a village's counter: the unit's key, since village names repeat across towns. */
export const villageCounterId = (town: string, village: string): string => unitKey(town, village)

/** The town and village a counter id names (neither name may hold '/'; an id without one is the default town's). */
function unitOfCounterId(id: string): { town: string; village: string } {
  const cut = id.indexOf('/')
  return cut < 0 ? { town: DEFAULT_TOWN, village: id } : { town: id.slice(0, cut), village: id.slice(cut + 1) }
}

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
    fresh = { ...unitOfCounterId(id), registered: 0 }
  } else if (collection === COLLECTIONS.visitCounters) {
    // A unit's visit counter (visits/model.ts): no tick is counted before it exists.
    fresh = { ...unitOfCounterId(id), visited: 0, letter: 0, card: 0, explained: 0 }
  } else {
    const user = await findById<UserDoc>(db, USERS, id)
    if (!user) throw new Error(`no user ${id} for a cadre counter`)
    // A revoked cadre's counter counts in no village: a registration racing the revocation is refused.
    fresh = { openid: id, name: user.name, town: user.town, village: user.revokedAt ? null : user.village, registered: 0 }
  }
  try {
    await db.collection(collection).add({ data: { _id: id, ...fresh } })
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

/** Adds `by` to the counter of `village` of `town` inside the caller's transaction. */
export async function bumpVillage(tx: TransactionScope, db: Db, town: string, village: string, by: number): Promise<void> {
  await bump(tx, db, VILLAGE_COUNTERS, villageCounterId(town, village), by)
}

/**
 * Adds `by` to what cadre `openid` holds in `village` of `town`, inside the caller's transaction. The
 * counter is read first: it carries the cadre's current town and village (moved with each binding,
 * in the binding's transaction), so a registration that raced a move or a revocation conflicts with
 * it, or is refused, instead of counting in a village the cadre has left.
 */
export async function bumpHolder(tx: TransactionScope, db: Db, openid: string, town: string, village: string, by: number): Promise<void> {
  const counter = await findById<CadreCounterDoc>(tx, CADRE_COUNTERS, openid)
  if (!counter) throw new MissingCounter(CADRE_COUNTERS, openid)
  if (counter.village !== village || counter.town !== town) refuse('FORBIDDEN', '您的干部身份刚刚变更,请刷新后重试')
  await tx.collection(CADRE_COUNTERS).doc(openid).update({ data: { registered: db.command.inc(by) } })
}

/**
 * The household `doc` stops being held by its owner (removed, moved to another village, handed to
 * someone else): their counter drops, if it counted it (their current town and village are the household's).
 */
export async function dropHolder(tx: TransactionScope, db: Db, doc: Pick<ContactDoc, 'owner' | 'town' | 'village'>, by = 1): Promise<void> {
  if (!doc.owner) return
  const counter = await findById<CadreCounterDoc>(tx, CADRE_COUNTERS, doc.owner)
  if (counter && counter.village === doc.village && counter.town === doc.town) {
    await tx.collection(CADRE_COUNTERS).doc(doc.owner).update({ data: { registered: db.command.inc(-by) } })
  }
}

/** What a cadre counter should say: the households its cadre holds in the village they are bound to now. */
async function cadreTruth(db: Db, contacts: string, c: CadreCounterDoc): Promise<Pick<CadreCounterDoc, 'town' | 'village' | 'registered'>> {
  const user = await findById<UserDoc>(db, USERS, c._id)
  const town = user?.town ?? null
  const village = user && !user.revokedAt ? user.village : null
  return { town, village, registered: village ? await countWhere(db, contacts, { owner: c._id, town, village }) : 0 }
}

/** What a village counter should say: its town's contacts in that village. */
async function villageTruth(db: Db, contacts: string, c: VillageCounterDoc): Promise<Pick<VillageCounterDoc, 'town' | 'village' | 'registered'>> {
  const { town, village } = unitOfCounterId(c._id)
  return { town, village, registered: await countWhere(db, contacts, { town, village }) }
}

/**
 * Sets every counter (of `town`, or of every town) to an exact count of the contacts it counts
 * (after a purge, normally 0). Counters are read page by page, each count is a count query, never a
 * capped read.
 */
export async function recountAll(db: Db, contacts: string, town?: string): Promise<void> {
  for (const collection of [VILLAGE_COUNTERS, CADRE_COUNTERS]) {
    const where = town === undefined ? {} : { town }
    for (let skip = 0; ; skip += 1000) {
      const page = (await db.collection(collection).where(where).orderBy('_id', 'asc').skip(skip).limit(1000).get()).data as unknown as (VillageCounterDoc & CadreCounterDoc)[]
      for (const counter of page) {
        const truth = collection === VILLAGE_COUNTERS ? await villageTruth(db, contacts, counter) : await cadreTruth(db, contacts, counter)
        if (Object.entries(truth).some(([k, v]) => counter[k as keyof typeof counter] !== v)) {
          await db.collection(collection).doc(counter._id).update({ data: truth })
        }
      }
      if (page.length < 1000) break
    }
  }
}
