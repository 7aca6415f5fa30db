import { randomBytes } from 'crypto'
import { COLLECTIONS } from './collections'
import { findById, isDuplicateKey, type Db } from './data'

const KEY_DOC = 'respondent-key'
let cached: string | undefined

/**
 * The environment's secret for keyed hashes of OPENIDs: made once (by setup, or by the first call
 * that needs it) and kept in the database, so no console setting is needed and no OPENID is stored in clear.
 */
export async function respondentSecret(db: Db): Promise<string> {
  if (cached) return cached
  const existing = await findById<{ _id: string; value: string }>(db, COLLECTIONS.settings, KEY_DOC)
  if (existing) return (cached = existing.value)
  try {
    await db.collection(COLLECTIONS.settings).add({ data: { _id: KEY_DOC, value: randomBytes(32).toString('hex') } })
  } catch (error) {
    // Another instance made it first: theirs is the one.
    if (!isDuplicateKey(error)) throw error
  }
  const made = await findById<{ _id: string; value: string }>(db, COLLECTIONS.settings, KEY_DOC)
  return (cached = made!.value)
}
