/**
 * Value conversions: the SDK's EJSON strings ↔ plain JS values, and JS documents ↔ the JSON text
 * kept in SQLite (Dates become `{"$date": <ms>}` so SQL can compare them as numbers).
 */
import { BSONRegExp, EJSON } from 'bson'

export type Doc = Record<string, unknown>

/** EJSON text from the SDK → JS values (Date, RegExp, numbers); `db.serverDate()` → a Date now. */
export function parseWire(text: string, now: number): unknown {
  return fromBson(EJSON.parse(text, { relaxed: true }), now)
}

/** Same as parseWire for a value that may be absent or already an object. */
export function parseWireValue(value: unknown, now: number): unknown {
  if (value === undefined || value === null || value === '') return undefined
  return typeof value === 'string' ? parseWire(value, now) : fromBson(value, now)
}

/** Converts bson's classes to plain JS ones so mingo and our code see ordinary values. */
export function fromBson(value: unknown, now: number): unknown {
  if (value === null || typeof value !== 'object') return value
  if (isDate(value) || isRegExp(value)) return value
  if (Array.isArray(value)) return value.map((v) => fromBson(v, now))
  if (value instanceof BSONRegExp) return toJsRegExp(value.pattern, value.options)
  const bsontype = (value as { _bsontype?: string })._bsontype
  if (bsontype === 'Int32' || bsontype === 'Double') return (value as { valueOf(): number }).valueOf()
  if (bsontype === 'Long') {
    const n = (value as { toNumber(): number }).toNumber()
    return Number.isSafeInteger(n) ? n : value
  }
  if (bsontype) return value
  const obj = value as Doc
  const keys = Object.keys(obj)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = obj.$tcb_server_date as { offset?: unknown } | null
    const offset = Number(fromBson(spec?.offset, now)) || 0
    return new Date(now + offset)
  }
  const out: Doc = {}
  for (const k of keys) out[k] = fromBson(obj[k], now)
  return out
}

/** Mongo regex options → JS flags; `x` (extended) has no JS equivalent and is dropped. */
export function toJsRegExp(pattern: string, options: string): RegExp {
  const flags = [...new Set(options.split(''))].filter((f) => 'imsu'.includes(f)).join('')
  return new RegExp(pattern, flags)
}

/** A document as the SDK expects it in `data.list` (relaxed EJSON keeps numbers plain). */
export function stringifyWire(value: unknown): string {
  return EJSON.stringify(value as Doc, { relaxed: true })
}

/** JSON text stored in SQLite. */
export function encodeStored(doc: unknown): string {
  // A replacer costs a JS call per value: skip it for documents made of JSON values only.
  return hasSpecial(doc) ? JSON.stringify(doc, storedReplacer) : JSON.stringify(doc)
}

function hasSpecial(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value)
  if (value === null || typeof value !== 'object') return false
  if (Array.isArray(value)) return value.some(hasSpecial)
  if (!isPlainObject(value)) return true
  for (const k in value) if (hasSpecial((value as Doc)[k])) return true
  return false
}

function storedReplacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // `this[key]` is the value before toJSON ran (Date.toJSON would give an ISO string).
  const raw = this[key]
  if (isDate(raw)) return { $date: raw.getTime() }
  if (isRegExp(raw)) return { $regularExpression: { pattern: raw.source, options: raw.flags } }
  if (typeof raw === 'number' && !Number.isFinite(raw)) return { $numberDouble: String(raw) }
  if (raw !== null && typeof raw === 'object' && (raw as { _bsontype?: string })._bsontype) {
    return EJSON.serialize(raw, { relaxed: false })
  }
  return value
}

export function decodeStored(text: string): Doc {
  // Only documents holding a Date (or another special value) need the slower reviver.
  return text.includes('"$') ? JSON.parse(text, storedReviver) : JSON.parse(text)
}

function storedReviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const obj = value as Doc
  const keys = Object.keys(obj)
  if (keys.length !== 1 || keys[0][0] !== '$') return value
  const k = keys[0]
  if (k === '$date' && typeof obj.$date === 'number') return new Date(obj.$date)
  if (k === '$regularExpression') {
    const r = obj.$regularExpression as { pattern: string; options: string }
    return new RegExp(r.pattern, r.options)
  }
  if (k === '$numberDouble') return Number(obj.$numberDouble)
  return fromBson(EJSON.deserialize(obj, { relaxed: true }), Date.now())
}

/** Stable text of a value, used for equality of array elements ($addToSet, $pullAll). */
export const valueKey = (value: unknown): string => encodeStored([value])

// Realm-independent type checks: under jest, values may come from another realm (vm context),
// where `instanceof Date` and `=== Object.prototype` give false.
const tag = (v: unknown): string => Object.prototype.toString.call(v)

export const isDate = (v: unknown): v is Date => tag(v) === '[object Date]'

export const isRegExp = (v: unknown): v is RegExp => tag(v) === '[object RegExp]'

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object' || tag(value) !== '[object Object]') return false
  const proto = Object.getPrototypeOf(value)
  return proto === null || Object.getPrototypeOf(proto) === null
}

/** Deep copy of document values (plain objects, arrays, Dates, RegExps; others shared). */
export function clone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(clone) as unknown as T
  if (isDate(value)) return new Date(value.getTime()) as unknown as T
  if (isRegExp(value)) return new RegExp(value.source, value.flags) as unknown as T
  if (!isPlainObject(value)) return value
  const out: Doc = {}
  for (const k of Object.keys(value)) out[k] = clone((value as Doc)[k])
  return out as T
}
