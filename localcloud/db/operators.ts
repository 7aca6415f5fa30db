/**
 * Operators where mingo differs from the cloud's MongoDB, or lacks one the SDK can send. They are
 * layered over mingo's own (ours win), so every filter, `$match`, `$project`… sees the same ones.
 * Geo operators are refused: the emulator has no geo index, and a silently wrong answer is worse.
 */
import { ObjectId } from 'bson'
import type { Context } from 'mingo'
import { requestFailed } from './errors'

type Options = unknown
type Expression = (obj: Record<string, unknown>, expr: unknown, options: Options) => unknown
type QueryOperator = (selector: string, value: unknown, options: Options) => (obj: Record<string, unknown>) => boolean
type PipelineOperator = (collection: unknown, expr: unknown, options: Options) => unknown

// Loaded with require: `moduleResolution: node` cannot type the package's subpath exports.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { computeValue } = require('mingo/core') as { computeValue: (obj: unknown, expr: unknown, op: string | null, options?: Options) => unknown }
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { $dayOfYear, $dayOfWeek } = require('mingo/operators/expression') as Record<string, Expression>

const fail = (message: string): never => {
  throw requestFailed(message)
}

/** MongoDB's $week (strftime %U): weeks start on Sunday; days before the year's first Sunday are week 0. */
const $week: Expression = (obj, expr, options) => {
  const day = $dayOfYear(obj, expr, options) // 1..366, in the expression's timezone
  const dow = $dayOfWeek(obj, expr, options) // 1 = Sunday
  if (day === null || dow === null || day === undefined || dow === undefined) return null
  return Math.floor(((day as number) - 1 + 7 - ((dow as number) - 1)) / 7)
}

const args = (name: string, obj: Record<string, unknown>, expr: unknown, options: Options): unknown[] => {
  const values = computeValue(obj, expr, null, options)
  return Array.isArray(values) ? values : fail(`${name} needs an array of arguments`)
}

const nonNegativeInt = (name: string, what: string, v: unknown): number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fail(`${name}: ${what} must be a non-negative integer`)

/** Index in code points (not UTF-16 units) of the first match within [start, end), or -1. */
const $indexOfCP: Expression = (obj, expr, options) => {
  const [s, sub, start, end] = args('$indexOfCP', obj, expr, options)
  if (s === null || s === undefined) return null
  if (typeof s !== 'string') return fail('$indexOfCP requires a string as the first argument')
  if (typeof sub !== 'string') return fail('$indexOfCP requires a string as the second argument')
  const text = Array.from(s)
  const needle = Array.from(sub)
  const from = start === undefined ? 0 : nonNegativeInt('$indexOfCP', 'starting index', start)
  const to = Math.min(text.length, end === undefined ? text.length : nonNegativeInt('$indexOfCP', 'ending index', end))
  for (let i = from; i + needle.length <= to; i++) {
    if (needle.every((c, j) => text[i + j] === c)) return i
  }
  return -1
}

const isContinuation = (byte: number | undefined): boolean => byte !== undefined && (byte & 0xc0) === 0x80

/** Substring by UTF-8 byte offsets; an offset inside a character is an error, as in MongoDB. */
const $substrBytes: Expression = (obj, expr, options) => {
  const [s, index, count] = args('$substrBytes', obj, expr, options)
  const text = s === null || s === undefined ? '' : typeof s === 'string' ? s : typeof s === 'number' ? String(s) : fail('$substrBytes requires a string')
  const bytes = Buffer.from(text, 'utf8')
  const start = nonNegativeInt('$substrBytes', 'starting index', index)
  if (typeof count !== 'number' || !Number.isInteger(count)) return fail('$substrBytes: length must be an integer')
  if (start >= bytes.length) return ''
  if (isContinuation(bytes[start])) return fail('$substrBytes: Invalid range, starting index is a UTF-8 continuation byte.')
  const end = count < 0 ? bytes.length : Math.min(bytes.length, start + count)
  if (isContinuation(bytes[end])) return fail('$substrBytes: Invalid range, ending index is in the middle of a UTF-8 character.')
  return bytes.toString('utf8', start, end)
}

const $toObjectId: Expression = (obj, expr, options) => {
  const v = computeValue(obj, expr, null, options)
  if (v === null || v === undefined) return null
  if ((v as { _bsontype?: string })._bsontype === 'ObjectId') return v
  if (typeof v === 'string' && /^[0-9a-fA-F]{24}$/.test(v)) return new ObjectId(v)
  return fail(`Failed to parse objectId '${String(v)}' in $convert with no onError value`)
}

const geoRefused = (name: string) => (): never =>
  fail(`${name} is not supported by the local database (no geo queries or indexes); the cloud would need a geo index on the field`)

const GEO_QUERY = ['$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$within']

/** Merges our operators over mingo's defaults (Context.merge: the second argument's are added, ours kept). */
export function withCloudOperators(defaults: Context, ContextClass: { init(ops: object): Context; merge(a: Context, b: Context): Context }): Context {
  const ours = ContextClass.init({
    expression: { $week, $indexOfCP, $substrBytes, $toObjectId },
    query: Object.fromEntries(GEO_QUERY.map((op) => [op, geoRefused(`geo query operator ${op}`) as QueryOperator])),
    pipeline: { $geoNear: geoRefused('aggregation stage $geoNear') as PipelineOperator }
  })
  return ContextClass.merge(ours, defaults)
}
