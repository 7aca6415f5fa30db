/**
 * The action dispatcher speaking wx-server-sdk 4.0.2's wire format (captured from the unchanged
 * SDK): JSON bodies with `action`, EJSON strings for queries/data/stages; replies carry `data`
 * on success or a string `code` + `message` on failure (always HTTP 200, as the SDK expects).
 */
import crypto from 'crypto'
import { Doc, isPlainObject, parseWire, parseWireValue, stringifyWire } from './codec'
import { DbError, invalidParam } from './errors'
import { LocalDatabase } from './database'
import { aggregateRowCap, clampAggregateStages, clampGetLimit, clampOffset } from './limits'
import { Stage } from './aggregate'

export interface WireReply {
  requestId: string
  data?: unknown
  transactionId?: string
  code?: string
  message?: string
}

type Body = Record<string, unknown>

const requestPrefix = crypto.randomBytes(4).toString('hex')
let requestCount = 0
const newRequestId = (): string => `${requestPrefix}${(++requestCount).toString(16).padStart(8, '0')}`

/** Answers one SDK request. Synchronous: each request is atomic with respect to the others. */
export function handleAction(db: LocalDatabase, body: Body): WireReply {
  const requestId = newRequestId()
  try {
    return { requestId, ...dispatch(db, body, Date.now()) }
  } catch (e) {
    if (e instanceof DbError) return { requestId, code: e.code, message: e.message }
    return { requestId, code: 'DATABASE_REQUEST_FAILED', message: (e as Error)?.message ?? String(e) }
  }
}

function collectionOf(body: Body): string {
  const name = body.collectionName
  if (typeof name !== 'string' || name === '') throw invalidParam('collectionName is required')
  return name
}

function objectParam(value: unknown, now: number, what: string): Doc | undefined {
  const parsed = parseWireValue(value, now)
  if (parsed === undefined) return undefined
  if (!isPlainObject(parsed)) throw invalidParam(`${what} must be an object`)
  return parsed
}

/**
 * A query. wx-server-sdk 4.0.2 sends a combined command inside `elemMatch` (`_.gt(5).and(_.lt(8))`)
 * as its own object `{operator, operands, fieldName}` instead of MongoDB syntax; read as an element
 * equality it would silently match nothing, so it is refused with the form that works.
 */
function queryParam(value: unknown, now: number): Doc | undefined {
  const query = objectParam(value, now, 'query')
  if (query) refuseUnencodedCommands(query, '')
  return query
}

const isUnencodedCommand = (v: Doc): boolean =>
  typeof v.operator === 'string' && Array.isArray(v.operands) && Object.keys(v).every((k) => k === 'operator' || k === 'operands' || k === 'fieldName')

function refuseUnencodedCommands(value: unknown, path: string): void {
  if (Array.isArray(value)) value.forEach((v, i) => refuseUnencodedCommands(v, `${path}.${i}`))
  if (!isPlainObject(value)) return
  if (isUnencodedCommand(value)) {
    throw invalidParam(
      `the query holds a command the SDK did not encode ({operator: '${String(value.operator)}', operands, fieldName} at ${path.slice(1)}); ` +
        'inside elemMatch write the conditions as one operator object, e.g. _.elemMatch({ $gt: 5, $lt: 8 })'
    )
  }
  for (const [k, v] of Object.entries(value)) refuseUnencodedCommands(v, `${path}.${k}`)
}

function dispatch(db: LocalDatabase, body: Body, now: number): Omit<WireReply, 'requestId'> {
  const txId = body.transactionId
  switch (body.action) {
    case 'database.insertDocument': {
      const raw = body.data
      if (!Array.isArray(raw) || raw.length === 0) throw invalidParam('data must be a non-empty array')
      const docs = raw.map((d) => objectParam(d, now, 'document') ?? {})
      return { data: { insertedIds: db.insertDocs(collectionOf(body), docs, txId) } }
    }
    case 'database.getDocument': {
      const byId = body.queryType === 'DOC'
      const docs = db.findDocs(
        collectionOf(body),
        {
          filter: queryParam(body.query, now),
          order: objectParam(body.order, now, 'order') as Record<string, number> | undefined,
          skip: byId ? 0 : clampOffset(body.offset),
          limit: byId ? 1 : clampGetLimit(body.limit),
          projection: objectParam(body.projection, now, 'projection')
        },
        txId
      )
      return { data: { list: docs.map(stringifyWire) } }
    }
    case 'database.calculateDocument':
      return { data: { total: db.countDocs(collectionOf(body), queryParam(body.query, now)) } }
    case 'database.modifyDocument': {
      const update = objectParam(body.data, now, 'data')
      if (!update) throw invalidParam('data is required')
      const result = db.modify(
        collectionOf(body),
        {
          filter: queryParam(body.query, now) ?? {},
          update,
          multi: body.queryType !== 'DOC' && body.multi !== false,
          merge: body.merge !== false,
          upsert: body.upsert === true
        },
        now,
        txId
      )
      // `upsert_id` only when a document was created: the SDK reports created = upsert_id ? 1 : 0.
      return { data: result.upsertedId === undefined ? { updated: result.updated } : { updated: result.updated, upsert_id: result.upsertedId } }
    }
    case 'database.modifyAndReturnDoc': {
      const update = objectParam(body.data, now, 'data')
      if (!update) throw invalidParam('data is required')
      const r = db.modifyAndReturn(collectionOf(body), queryParam(body.query, now) ?? {}, update, now, txId)
      return { data: { updated: r.updated, doc: r.doc ? stringifyWire(r.doc) : null } }
    }
    case 'database.removeDocument': {
      const multi = body.queryType !== 'DOC' && body.multi !== false
      return { data: { deleted: db.removeDocs(collectionOf(body), queryParam(body.query, now) ?? {}, multi, txId) } }
    }
    case 'database.aggregateDocuments': {
      if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array')
      const parsed: Stage[] = body.stages.map((s: unknown) => {
        const { stageKey, stageValue } = (s ?? {}) as { stageKey?: unknown; stageValue?: unknown }
        if (typeof stageKey !== 'string') throw invalidParam('stageKey must be a string')
        return { [stageKey]: typeof stageValue === 'string' ? parseWire(stageValue, now) : stageValue }
      })
      const { stages, hasLimit } = clampAggregateStages(parsed)
      const rows = db.aggregate(collectionOf(body), stages)
      return { data: { list: rows.slice(0, aggregateRowCap(hasLimit)).map(stringifyWire) } }
    }
    case 'database.addCollection': {
      const name = collectionOf(body)
      if (!db.ensureCollection(name)) throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `Table exist: ${name}`)
      return { data: {} }
    }
    case 'database.startTransaction':
      return { transactionId: db.startTransaction() }
    case 'database.commitTransaction':
      db.commitTransaction(txId)
      return {}
    case 'database.abortTransaction':
      db.abortTransaction(txId)
      return {}
    default:
      throw new DbError('INVALID_ACTION', `action not supported by the local database: ${String(body.action)}`)
  }
}
