import type { IncomingMessage, ServerResponse } from 'http'
import { createLocalDatabase, handleAction, type LocalDatabase } from './db'
import type { RequestHandler } from './gateway/gateway'
import { BodyTooLarge, parseJsonLimited, readBody } from './read-body'
import { checkSignature, type ServiceCredentials } from './service-auth'
import { isLocalHost } from './local-host'
import { LocalStorage, storageDirOf } from './storage'

/** Unique indexes the real environment has too (set in the console, see README). */
export const UNIQUE_INDEXES: { collection: string; fields: string[] }[] = []

/**
 * Plain indexes for the queries the functions make; the real environment should have them too
 * (console → 数据库 → 索引管理), they only change speed.
 */
export const INDEXES: { collection: string; fields: string[] }[] = [
  /** Every list of a town's households, newest first (a county admin's is one town at a time). */
  { collection: 'contacts', fields: ['town', 'village', 'createdAt'] },
  /** heldWhere (a cadre's own households, releases on revoke/move), searches by 尾号 and by full name. */
  { collection: 'contacts', fields: ['town', 'village', 'owner'] },
  { collection: 'contacts', fields: ['town', 'phoneLast4'] },
  { collection: 'contacts', fields: ['town', 'name'] },
  { collection: 'contacts', fields: ['phoneDigits'] },
  /** A town's units and counters (lists, rankings, the county's table). */
  { collection: 'villages', fields: ['town'] },
  { collection: 'village_counters', fields: ['town'] },
  /** Households by visit status (未走访/未完成/已完成). */
  { collection: 'contacts', fields: ['town', 'village', 'visit.complete'] },
  /** The concerns queue (overdue first), a resident's own, the median reply time, the overdue timer. */
  { collection: 'concerns', fields: ['town', 'village', 'overdue', 'createdAt'] },
  { collection: 'concerns', fields: ['respondent', 'createdAt'] },
  { collection: 'concerns', fields: ['town', 'village', 'replyHours'] },
  { collection: 'concerns', fields: ['status', 'dueAt'] },
  /** The conflicts view (newest first) and other audit lookups by action. */
  { collection: 'audit_log', fields: ['action', 'at'] },
  /** The daily sweep of old uploads, and emptying a folder. */
  { collection: 'stored_files', fields: ['folder', 'at'] },
  /** 督查: a town's rounds of a campaign year, a round's units (and one unit's score), a campaign's scores. */
  { collection: 'inspection_rounds', fields: ['town', 'year'] },
  { collection: 'inspection_scores', fields: ['round', 'village'] },
  { collection: 'inspection_scores', fields: ['town', 'year'] },
  /** 整改 tasks: a unit's list by status, the town's waiting ones, those a round checked (上轮整改验收率). */
  { collection: 'inspection_tasks', fields: ['town', 'village', 'status', 'createdAt'] },
  { collection: 'inspection_tasks', fields: ['town', 'status'] },
  { collection: 'inspection_tasks', fields: ['town', 'checkedIn'] },
  /** Closing a campaign: its households, visits and concerns by year; indicators of one questionnaire version. */
  { collection: 'contacts', fields: ['year'] },
  { collection: 'visits', fields: ['year'] },
  { collection: 'concerns', fields: ['year', 'callback'] },
  { collection: 'survey_responses', fields: ['town', 'mode', 'version'] }
]

/** Bodies above this are refused (a 16 MB document plus EJSON overhead fits). */
const MAX_BODY_BYTES = 64 * 1024 * 1024
/** The SDK's bodies are flat (queries and data travel as EJSON strings); anything deeper is no SDK's. */
const MAX_BODY_DEPTH = 64

/** Who may use the service: requests signed with the functions' key, as JSON, to a local address (isLocalHost). */
export interface ServiceGuard {
  credentials: ServiceCredentials
}

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

/**
 * With a guard (the gateway), only the functions' SDK is answered; without one (tests that mount the
 * service on their own server), anyone is.
 */
export function openService(dataDir: string, options: { guard?: ServiceGuard } = {}): Service {
  const db = createLocalDatabase({ dataDir })
  const storage = new LocalStorage(storageDirOf(dataDir))

  const guard = options.guard
  /**
   * One route for everything the SDK sends: JSON POSTs dispatched on their `action` prefix
   * (`storage.` or `database.`), and the storage byte routes (upload PUTs, download GETs), which carry
   * their own proof (a one-time upload token, a signed expiring download URL) and so also serve browsers.
   */
  const handler: RequestHandler = (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://local').pathname
    const mount = pathname.replace(/\/storage\/.*$/, '')
    if (storage.ownsRoute(pathname, mount)) return storage.handleBytes(req, res, mount)
    if (guard) {
      const refusal = refuseOutsider(req)
      if (refusal) {
        req.resume()
        return send(res, refusal.status, { code: refusal.code, message: refusal.message })
      }
    }
    readJson(req, res, (body) => {
      const unsigned = guard && checkSignature({ method: req.method ?? '', url: req.url ?? '/', headers: req.headers, body }, guard.credentials)
      if (unsigned) return send(res, 401, { code: 'SIGN_PARAM_INVALID', message: `只有云函数可以访问本地云数据库(${unsigned})` })
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

/** Checks that need no body: a POST of JSON, addressed to this host (a DNS-rebinding page names another). */
function refuseOutsider(req: IncomingMessage): { status: number; code: string; message: string } | undefined {
  if (req.method !== 'POST') return { status: 405, code: 'INVALID_PARAM', message: '请使用 POST' }
  if (!isLocalHost(req)) return { status: 403, code: 'PERMISSION_DENIED', message: '主机名不对' }
  const type = String(req.headers['content-type'] ?? '').toLowerCase()
  if (!/^application\/json\s*(;|$)/.test(type)) return { status: 415, code: 'INVALID_PARAM', message: '只接受 application/json' }
  return undefined
}

/** Reads a JSON object body; answers 413/400 itself (in the SDK's error shape) when it is not one. */
function readJson(req: IncomingMessage, res: ServerResponse, then: (body: Record<string, unknown>) => void): void {
  readBody(req, MAX_BODY_BYTES).then(
    (bytes) => {
      let body: unknown
      try {
        body = parseJsonLimited(bytes.toString('utf8'), MAX_BODY_DEPTH)
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
