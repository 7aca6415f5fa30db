/** Local emulator of the WeChat cloud database, backed by SQLite. See README.md. */
import { LocalDatabase, LocalDatabaseOptions } from './database'

export { LocalDatabase, newDocId } from './database'
export type { LocalDatabaseOptions, ModifySpec, ModifyResult } from './database'
export { createDatabaseHandler, startDatabaseServer } from './server'
export type { DatabaseHandler, DatabaseServer } from './server'
export { handleAction } from './wire'
export type { WireReply } from './wire'
export { DbError } from './errors'
export type { DbErrorCode } from './errors'
export * as limits from './limits'
export type { Doc } from './codec'

export function createLocalDatabase(options: LocalDatabaseOptions): LocalDatabase {
  return new LocalDatabase(options)
}
