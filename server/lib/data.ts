import type { Db, TransactionScope } from './db-types'

/**
 * A small typed face over the SDK's database, where its own types say `any`.
 * Everything goes through the real SDK calls; this only names the shapes.
 */
export type { Db, TransactionScope }
type Queryable = Db | TransactionScope

export interface Stored {
  _id: string
}

/** The cloud answers at most this many documents to one `get()` with a limit. */
export const MAX_READ = 1000
/** ...and this many without one. */
export const DEFAULT_READ = 100

function isMissing(error: unknown): boolean {
  const message = String((error as { errMsg?: string; message?: string })?.errMsg ?? (error as Error)?.message ?? '')
  return /does not exist|not exist|document.*not found|cannot find document/i.test(message)
}

/** A document by id, or null: the SDK throws for a missing document, which is not an error here. */
export async function findById<T extends Stored>(on: Queryable, collection: string, id: string): Promise<T | null> {
  try {
    const res = await on.collection(collection).doc(id).get()
    return (res.data as T | undefined) ?? null
  } catch (error) {
    if (isMissing(error)) return null
    throw error
  }
}

/** A duplicate `_id` or unique key: the SDK surfaces it only through the message. */
export function isDuplicateKey(error: unknown): boolean {
  const message = String((error as { errMsg?: string; message?: string })?.errMsg ?? (error as Error)?.message ?? '')
  return /E11000|duplicate key|DUPLICATE_WRITE/i.test(message)
}

/** Exact number of documents matching a filter (a count, never the length of a capped read). */
export async function countWhere(db: Db, collection: string, where: object = {}): Promise<number> {
  const res = await db.collection(collection).where(where).count()
  return res.total
}

export interface PageQuery {
  where?: object
  orderBy?: [string, 'asc' | 'desc'][]
  page: number
  pageSize: number
}

/** One page of a list plus the exact total, so pages can page through any number of documents. */
export async function readPage<T extends Stored>(db: Db, collection: string, q: PageQuery): Promise<{ items: T[]; total: number }> {
  let query = db.collection(collection).where(q.where ?? {})
  for (const [field, dir] of q.orderBy ?? []) query = query.orderBy(field, dir)
  const [res, total] = await Promise.all([
    query.skip(q.page * q.pageSize).limit(Math.min(q.pageSize, MAX_READ)).get(),
    countWhere(db, collection, q.where ?? {})
  ])
  return { items: res.data as T[], total }
}

/** Every document matching a filter, read in pages of the cloud's maximum: for small, bounded sets. */
export async function readAll<T extends Stored>(db: Db, collection: string, where: object = {}, orderBy: [string, 'asc' | 'desc'] = ['_id', 'asc']): Promise<T[]> {
  const all: T[] = []
  for (let skip = 0; ; skip += MAX_READ) {
    const res = await db.collection(collection).where(where).orderBy(orderBy[0], orderBy[1]).skip(skip).limit(MAX_READ).get()
    all.push(...(res.data as T[]))
    if (res.data.length < MAX_READ) return all
  }
}

/**
 * Attempts before a contended transaction gives up. As in the cloud, a write to a document another
 * open transaction holds is refused at the write, and the SDK's runTransaction retries only a
 * conflicting commit: such a refusal is retried here, after a short jittered pause (the holder is
 * usually a few milliseconds from its commit).
 */
const TRANSACTION_ATTEMPTS = 10
/** Retries of a conflicting commit the SDK makes at once, inside each attempt. */
const COMMIT_RETRIES = 3

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Runs `fn` as one transaction: all of its writes land, or none. A Refusal thrown inside aborts it. */
export async function transaction<T>(db: Db, fn: (tx: TransactionScope) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.runTransaction(fn, COMMIT_RETRIES)
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= TRANSACTION_ATTEMPTS) throw error
      await pause(Math.min(2 ** attempt, 64) * (1 + Math.random()))
    }
  }
}

/**
 * A transaction that lost a race: a conflicting commit (`code`), or a refused write, which the SDK
 * surfaces as errCode -501001 with the database's message (MongoDB's WriteConflict) in errMsg.
 */
export function isTransactionConflict(error: unknown): boolean {
  const e = error as { code?: string; errMsg?: string; message?: string }
  if (e?.code === 'DATABASE_TRANSACTION_CONFLICT') return true
  return /TRANSACTION_CONFLICT|transaction conflict|WriteConflict/i.test(`${String(e?.errMsg ?? '')} ${String(e?.message ?? '')}`)
}
