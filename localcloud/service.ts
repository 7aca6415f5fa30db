import type { IncomingMessage, ServerResponse } from 'http'
import { createLocalDatabase, handleAction, type LocalDatabase } from './db'
import type { RequestHandler } from './gateway/gateway'
import { BodyTooLarge, readBody } from './read-body'
import { LocalStorage, storageDirOf } from './storage'

/** Unique indexes the real environment has too (set in the console, see README). */
export const UNIQUE_INDEXES: { collection: string; fields: string[] }[] = []

/**
 * Plain indexes for the queries the functions make; the real environment should have them too
 * (console → 数据库 → 索引管理), they only change speed.
 */
export const INDEXES: { collection: string; fields: string[] }[] = [
  { collection: 'contacts', fields: ['village', 'createdAt'] },
  { collection: 'contacts', fields: ['createdBy'] },
  { collection: 'contacts', fields: ['phoneDigits'] }
]

/** Bodies above this are refused (a 16 MB document plus EJSON overhead fits). */
const MAX_BODY_BYTES = 64 * 1024 * 1024

/**
 * What answers the SDK's service requests locally: the database and file storage, plus a direct
 * face for first start and tests, which must not go through a function.
 */
export interface Service {
  handler: RequestHandler
  db: LocalDatabase
  storage: LocalStorage
  ensureIndexes(): void
  count(collection: string, where?: object): number
  update(collection: string, id: string, fields: object): void
  close(): void
}

export function openService(dataDir: string): Service {
  const db = createLocalDatabase({ dataDir })
  const storage = new LocalStorage(storageDirOf(dataDir))

  /**
   * One route for everything the SDK sends: JSON POSTs dispatched on their `action` prefix
   * (`storage.` or `database.`), and the storage byte routes (upload PUTs, download GETs).
   */
  const handler: RequestHandler = (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://local').pathname
    const mount = pathname.replace(/\/storage\/.*$/, '')
    if (storage.ownsRoute(pathname, mount)) return storage.handleBytes(req, res, mount)
    readJson(req, res, (body) => {
      if (typeof body.action === 'string' && body.action.startsWith('storage.')) {
        return send(res, 200, storage.handleAction(body, `http://${req.headers.host ?? '127.0.0.1'}${pathname}`))
      }
      send(res, 200, handleAction(db, body))
    })
  }

  return {
    handler,
    db,
    storage,
    ensureIndexes() {
      for (const { collection, fields } of UNIQUE_INDEXES) {
        db.ensureCollection(collection)
        db.ensureUniqueIndex(collection, fields)
      }
      for (const { collection, fields } of INDEXES) db.ensureIndex(collection, fields)
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

/** Reads a JSON object body; answers 413/400 itself (in the SDK's error shape) when it is not one. */
function readJson(req: IncomingMessage, res: ServerResponse, then: (body: Record<string, unknown>) => void): void {
  readBody(req, MAX_BODY_BYTES).then(
    (bytes) => {
      let body: unknown
      try {
        body = JSON.parse(bytes.toString('utf8'))
      } catch {
        return send(res, 400, { code: 'INVALID_PARAM', message: 'body must be JSON' })
      }
      if (!body || typeof body !== 'object' || Array.isArray(body)) return send(res, 400, { code: 'INVALID_PARAM', message: 'body must be a JSON object' })
      then(body as Record<string, unknown>)
    },
    (error) => {
      if (error instanceof BodyTooLarge) send(res, 413, { code: 'INVALID_PARAM', message: 'request body too large' })
    }
  )
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}
