import { createDatabaseHandler, createLocalDatabase, type LocalDatabase } from './db'
import type { RequestHandler } from './gateway/gateway'

/** Unique indexes the real environment has too (set in the console, see README). */
export const UNIQUE_INDEXES: { collection: string; fields: string[] }[] = []

/**
 * What answers the SDK's service requests locally: the database (and, later, file storage),
 * plus a direct face for first start and tests, which must not go through a function.
 */
export interface Service {
  handler: RequestHandler
  db: LocalDatabase
  ensureIndexes(): void
  count(collection: string, where?: object): number
  update(collection: string, id: string, fields: object): void
  close(): void
}

export function openService(dataDir: string): Service {
  const db = createLocalDatabase({ dataDir })
  const handler = createDatabaseHandler(db)
  return {
    handler,
    db,
    ensureIndexes() {
      for (const { collection, fields } of UNIQUE_INDEXES) {
        db.ensureCollection(collection)
        db.ensureUniqueIndex(collection, fields)
      }
    },
    count(collection, where) {
      return db.hasCollection(collection) ? db.count(collection, where as never) : 0
    },
    update(collection, id, fields) {
      db.modify(collection, { filter: { _id: id }, update: { $set: fields }, multi: false, merge: true, upsert: false }, Date.now())
    },
    close() {
      db.close()
    }
  }
}
