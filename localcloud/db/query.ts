/**
 * Filters: evaluation in JS (mingo, the reference semantics) and translation of the simple parts
 * to SQL over the stored JSON. A translation is always a superset of the true matches; when it
 * is also `exact`, SQL alone decides (count, LIMIT/OFFSET, aggregation pushdown) without JS.
 */
import { Doc, isDate, isPlainObject } from './codec'
import { FieldKinds, KIND } from './kinds'
import { newQuery } from './mingo'
import { sqlJsonPath, valuesAtPath } from './paths'
import { bsonCompare } from './compare'
import { requestFailed } from './errors'

export type Filter = Doc
export type Order = Record<string, number>

export interface SqlPart {
  sql: string
  params: (string | number)[]
  exact: boolean
}

const ANY: SqlPart = { sql: '1', params: [], exact: false }
const ALL_EXACT: SqlPart = { sql: '1', params: [], exact: true }
const NONE: SqlPart = { sql: '0', params: [], exact: true }

/** A predicate with MongoDB semantics for one request. */
export function compileFilter(filter: Filter | undefined): (doc: Doc) => boolean {
  if (!filter || Object.keys(filter).length === 0) return () => true
  try {
    const q = newQuery(filter)
    return (doc) => q.test(doc)
  } catch (e) {
    throw requestFailed(`invalid query: ${(e as Error).message}`)
  }
}

/** SQL WHERE (superset, maybe exact) for `filter`, given what the collection's fields have held. */
export function translateFilter(filter: Filter | undefined, kinds: FieldKinds): SqlPart {
  if (!filter) return ALL_EXACT
  return translateObject(filter, kinds)
}

function and(parts: SqlPart[]): SqlPart {
  const kept = parts.filter((p) => p.sql !== '1')
  const exact = parts.every((p) => p.exact)
  if (kept.length === 0) return { sql: '1', params: [], exact }
  if (kept.some((p) => p.sql === '0' && p.exact)) return NONE
  return {
    sql: kept.map((p) => (kept.length > 1 ? `(${p.sql})` : p.sql)).join(' AND '),
    params: kept.flatMap((p) => p.params),
    exact
  }
}

function or(parts: SqlPart[]): SqlPart {
  if (parts.length === 0) return NONE
  // An unrestricted branch makes the whole $or unrestricted; exact only if that branch was.
  if (parts.some((p) => p.sql === '1')) return { sql: '1', params: [], exact: parts.some((p) => p.sql === '1' && p.exact) }
  return {
    sql: parts.map((p) => `(${p.sql})`).join(' OR '),
    params: parts.flatMap((p) => p.params),
    exact: parts.every((p) => p.exact)
  }
}

function translateObject(filter: Filter, kinds: FieldKinds): SqlPart {
  const parts: SqlPart[] = []
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(cond)) parts.push(and(cond.map((c) => translateObject(c as Filter, kinds))))
    else if (key === '$or' && Array.isArray(cond)) parts.push(or(cond.map((c) => translateObject(c as Filter, kinds))))
    else if (key.startsWith('$')) parts.push(ANY)
    else parts.push(translateField(key, cond, kinds))
  }
  return and(parts)
}

interface FieldCtx {
  /** SQL expression of the value (json_extract or the id column). */
  expr: string
  /** SQL expression of a stored Date's milliseconds. */
  dateExpr: string
  /** `json_type(...)` expression, or null for the id column. */
  typeExpr: string | null
  kinds: number
  isId: boolean
}

function fieldCtx(path: string, kinds: FieldKinds): FieldCtx | null {
  if (path === '_id') return { expr: 'id', dateExpr: 'NULL', typeExpr: null, kinds: KIND.STRING | KIND.NUMBER, isId: true }
  const jp = sqlJsonPath(path)
  if (!jp || kinds.crossesArray(path)) return null
  return {
    expr: `json_extract(doc, '${jp}')`,
    dateExpr: `json_extract(doc, '${jp}."$date"')`,
    typeExpr: `json_type(doc, '${jp}')`,
    kinds: kinds.of(path),
    isId: false
  }
}

const isOperatorObject = (v: unknown): v is Doc =>
  isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'))

function translateField(path: string, cond: unknown, kinds: FieldKinds): SqlPart {
  const f = fieldCtx(path, kinds)
  if (!f) return ANY
  if (!isOperatorObject(cond)) return eq(f, cond)
  const parts: SqlPart[] = []
  for (const [op, v] of Object.entries(cond)) {
    switch (op) {
      case '$eq':
        parts.push(eq(f, v))
        break
      case '$in':
        parts.push(Array.isArray(v) ? inList(f, v) : ANY)
        break
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        parts.push(range(f, op, v))
        break
      case '$exists':
        if (f.typeExpr) parts.push({ sql: `${f.typeExpr} IS ${v ? 'NOT ' : ''}NULL`, params: [], exact: true })
        else parts.push(v ? ALL_EXACT : NONE)
        break
      default:
        parts.push(ANY)
    }
  }
  return and(parts)
}

const looksLikeJsonText = (s: string): boolean => s.startsWith('{') || s.startsWith('[')

function eq(f: FieldCtx, v: unknown): SqlPart {
  if (v === null) return f.isId ? NONE : { sql: `${f.expr} IS NULL`, params: [], exact: true }
  if (typeof v === 'string') {
    // Only an object's JSON text could equal a string starting with { or [.
    return { sql: `${f.expr} = ?`, params: [v], exact: f.isId || !looksLikeJsonText(v) }
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return ANY
    // json_extract turns true/false into 1/0.
    const boolClash = (v === 0 || v === 1) && (f.kinds & KIND.BOOL) !== 0
    return { sql: `${f.expr} = ?`, params: [v], exact: !boolClash }
  }
  if (typeof v === 'boolean') {
    if (!f.typeExpr) return NONE
    return { sql: `${f.expr} = ${v ? 1 : 0} AND ${f.typeExpr} = '${v}'`, params: [], exact: true }
  }
  if (isDate(v) && !f.isId) return { sql: `${f.dateExpr} = ?`, params: [v.getTime()], exact: true }
  return ANY
}

function inList(f: FieldCtx, values: unknown[]): SqlPart {
  const simple = values.filter((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) as (string | number)[]
  const rest = values.filter((v) => !simple.includes(v as string | number))
  const parts: SqlPart[] = rest.map((v) => eq(f, v))
  if (simple.length > 0) {
    const boolClash = (f.kinds & KIND.BOOL) !== 0 && simple.some((v) => v === 0 || v === 1)
    const jsonish = !f.isId && simple.some((v) => typeof v === 'string' && looksLikeJsonText(v))
    parts.unshift({ sql: `${f.expr} IN (${simple.map(() => '?').join(', ')})`, params: simple, exact: !boolClash && !jsonish })
  }
  return or(parts)
}

const SQL_OP: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }

function range(f: FieldCtx, op: string, v: unknown): SqlPart {
  const sqlOp = SQL_OP[op]
  const upward = op === '$gt' || op === '$gte'
  if (typeof v === 'number' && Number.isFinite(v)) {
    // In SQLite every number sorts below every text: `< ''` keeps the range on numbers.
    const sql = upward ? `${f.expr} ${sqlOp} ? AND ${f.expr} < ''` : `${f.expr} ${sqlOp} ?`
    const test = (x: number): boolean => (op === '$gt' ? x > v : op === '$gte' ? x >= v : op === '$lt' ? x < v : x <= v)
    const boolClash = (f.kinds & KIND.BOOL) !== 0 && (test(0) || test(1))
    return { sql, params: [v], exact: !boolClash }
  }
  if (typeof v === 'string') {
    const sql = upward ? `${f.expr} ${sqlOp} ?` : `${f.expr} ${sqlOp} ? AND ${f.expr} >= ''`
    // Objects and Dates are stored as JSON text, which would fall inside string ranges.
    const exact = f.isId || (f.kinds & (KIND.OBJECT | KIND.DATE | KIND.OTHER)) === 0
    return { sql, params: [v], exact }
  }
  if (isDate(v) && !f.isId) return { sql: `${f.dateExpr} ${sqlOp} ?`, params: [v.getTime()], exact: true }
  return ANY
}

/** SQL ORDER BY giving the same order as MongoDB, or null when only JS can sort these values. */
export function translateOrder(order: Order | undefined, kinds: FieldKinds): string | null {
  const keys = order ? Object.entries(order) : []
  const terms: string[] = []
  for (const [path, dir] of keys) {
    const direction = Number(dir) < 0 ? 'DESC' : 'ASC'
    const f = fieldCtx(path, kinds)
    if (!f) return null
    // null < numbers < strings holds in SQLite too; booleans, objects and mixed dates do not.
    if (f.isId || (f.kinds & ~(KIND.NULL | KIND.NUMBER | KIND.STRING)) === 0) terms.push(`${f.expr} ${direction}`)
    else if ((f.kinds & ~(KIND.NULL | KIND.DATE)) === 0) terms.push(`${f.dateExpr} ${direction}`)
    else return null
  }
  terms.push('rid ASC')
  return terms.join(', ')
}

/** Stable JS sort with MongoDB's order (arrays sort by their smallest/largest element). */
export function sortDocs(docs: Doc[], order: Order | undefined): Doc[] {
  const keys = order ? Object.entries(order).map(([p, d]) => [p, Number(d) < 0 ? -1 : 1] as const) : []
  if (keys.length === 0) return docs
  const sortKey = (doc: Doc, path: string, dir: number): unknown => {
    const values = valuesAtPath(doc, path).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]))
    if (values.length <= 1) return values[0]
    return values.reduce((best, v) => (bsonCompare(v, best) * dir < 0 ? v : best))
  }
  const withKeys = docs.map((doc) => ({ doc, k: keys.map(([p, d]) => sortKey(doc, p, d)) }))
  withKeys.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const c = bsonCompare(a.k[i], b.k[i])
      if (c !== 0) return c * keys[i][1]
    }
    return 0
  })
  return withKeys.map((x) => x.doc)
}
