/**
 * Errors the emulator replies with. `code` is the string the real cloud puts in a failed reply;
 * wx-server-sdk maps it to a numeric errCode and keeps `message` inside errMsg.
 */
export type DbErrorCode =
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_REQUEST_FAILED'
  | 'INVALID_PARAM'
  | 'INVALID_ACTION'

export class DbError extends Error {
  constructor(readonly code: DbErrorCode, message: string) {
    super(message)
    this.name = 'DbError'
  }
}

export const invalidParam = (message: string): DbError => new DbError('INVALID_PARAM', message)

export const requestFailed = (message: string): DbError => new DbError('DATABASE_REQUEST_FAILED', message)

export const collectionNotExist = (name: string): DbError =>
  // Same wording as the cloud's ResourceNotFound answer, so logs look alike.
  new DbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`)

/** MongoDB's wording: callers recognise a duplicate by `E11000 duplicate key` in the message. */
export function duplicateKey(collection: string, index: string, key: Record<string, unknown>): DbError {
  const shown = Object.entries(key)
    .map(([k, v]) => `${k}: ${JSON.stringify(v === undefined ? null : v)}`)
    .join(', ')
  return new DbError(
    'DATABASE_DUPLICATE_WRITE',
    `E11000 duplicate key error collection: ${collection} index: ${index} dup key: { ${shown} }`
  )
}
