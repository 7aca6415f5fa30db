/**
 * MongoDB's `$jsonSchema` query operator (draft 4 subset plus `bsonType`), as mingo's
 * `jsonSchemaValidator`. Numbers follow what the SDK sends: an integer within 32 bits is an `int`,
 * a larger one a `long`, anything else a `double` (the SDK's EJSON makes the same choice).
 * Unknown keywords are refused, as MongoDB does, rather than ignored.
 */
import { isDate, isPlainObject, isRegExp } from './codec'
import { requestFailed } from './errors'

type Schema = Record<string, unknown>
type Check = (value: unknown) => boolean

const INT32_MIN = -(2 ** 31)
const INT32_MAX = 2 ** 31 - 1

function bsonTypeOf(v: unknown): string[] {
  if (v === null) return ['null']
  if (typeof v === 'string') return ['string']
  if (typeof v === 'boolean') return ['bool']
  if (typeof v === 'number') {
    const kind = Number.isInteger(v) ? (v >= INT32_MIN && v <= INT32_MAX ? 'int' : 'long') : 'double'
    return [kind, 'number']
  }
  if (Array.isArray(v)) return ['array']
  if (isDate(v)) return ['date']
  if (isRegExp(v)) return ['regex']
  const bsontype = (v as { _bsontype?: string })?._bsontype
  if (bsontype === 'ObjectId') return ['objectId']
  if (bsontype === 'Binary') return ['binData']
  if (bsontype === 'Decimal128') return ['decimal', 'number']
  if (bsontype === 'Long') return ['long', 'number']
  if (isPlainObject(v)) return ['object']
  return []
}

/** JSON Schema's `type` (MongoDB refuses `integer`; `number` covers every numeric type). */
function jsonTypeOf(v: unknown): string[] {
  const bson = bsonTypeOf(v)
  if (bson.includes('number')) return ['number']
  return bson.map((t) => (t === 'bool' ? 'boolean' : t))
}

const BSON_TYPES = new Set(['double', 'string', 'object', 'array', 'binData', 'objectId', 'bool', 'date', 'null', 'regex', 'int', 'long', 'decimal', 'number', 'timestamp'])
const JSON_TYPES = new Set(['object', 'array', 'number', 'boolean', 'string', 'null'])

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v])

const typeCheck = (keyword: string, wanted: unknown, known: Set<string>, of: (v: unknown) => string[]): Check => {
  const names = list(wanted)
  for (const n of names) if (typeof n !== 'string' || !known.has(n)) throw requestFailed(`$jsonSchema: unknown ${keyword} ${String(n)}`)
  return (v) => of(v).some((t) => names.includes(t))
}

/** Value equality for `enum` (JSON-like values, Dates by time). */
function same(a: unknown, b: unknown): boolean {
  if (isDate(a) && isDate(b)) return a.getTime() === b.getTime()
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]))
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a)
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && same(a[k], b[k]))
  }
  return a === b
}

const numberArg = (keyword: string, v: unknown): number => {
  if (typeof v !== 'number') throw requestFailed(`$jsonSchema: ${keyword} must be a number`)
  return v
}

const IGNORED = new Set(['title', 'description'])

/** Compiles a schema into a predicate; keywords apply only to values of their kind, as in JSON Schema. */
export function compileSchema(schema: unknown): Check {
  if (!isPlainObject(schema)) throw requestFailed('$jsonSchema must be an object')
  const checks: Check[] = []
  const s = schema as Schema
  const onNumbers = (f: (n: number) => boolean): Check => (v) => typeof v !== 'number' || f(v)
  const onStrings = (f: (t: string) => boolean): Check => (v) => typeof v !== 'string' || f(v)
  const onArrays = (f: (a: unknown[]) => boolean): Check => (v) => !Array.isArray(v) || f(v)
  const onObjects = (f: (o: Record<string, unknown>) => boolean): Check => (v) => !isPlainObject(v) || f(v)
  for (const [keyword, arg] of Object.entries(s)) {
    switch (keyword) {
      case 'bsonType':
        checks.push(typeCheck(keyword, arg, BSON_TYPES, bsonTypeOf))
        break
      case 'type':
        checks.push(typeCheck(keyword, arg, JSON_TYPES, jsonTypeOf))
        break
      case 'enum': {
        if (!Array.isArray(arg)) throw requestFailed('$jsonSchema: enum must be an array')
        checks.push((v) => arg.some((x) => same(x, v)))
        break
      }
      case 'minimum': {
        const n = numberArg(keyword, arg)
        checks.push(onNumbers((v) => (s.exclusiveMinimum === true ? v > n : v >= n)))
        break
      }
      case 'maximum': {
        const n = numberArg(keyword, arg)
        checks.push(onNumbers((v) => (s.exclusiveMaximum === true ? v < n : v <= n)))
        break
      }
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        break // modifiers of minimum/maximum (draft 4)
      case 'multipleOf': {
        const n = numberArg(keyword, arg)
        checks.push(onNumbers((v) => Number.isInteger(v / n)))
        break
      }
      case 'minLength':
        checks.push(onStrings((v) => Array.from(v).length >= numberArg(keyword, arg)))
        break
      case 'maxLength':
        checks.push(onStrings((v) => Array.from(v).length <= numberArg(keyword, arg)))
        break
      case 'pattern': {
        if (typeof arg !== 'string') throw requestFailed('$jsonSchema: pattern must be a string')
        const re = new RegExp(arg, 'u')
        checks.push(onStrings((v) => re.test(v)))
        break
      }
      case 'minItems':
        checks.push(onArrays((v) => v.length >= numberArg(keyword, arg)))
        break
      case 'maxItems':
        checks.push(onArrays((v) => v.length <= numberArg(keyword, arg)))
        break
      case 'uniqueItems':
        if (arg === true) checks.push(onArrays((v) => v.every((x, i) => v.findIndex((y) => same(x, y)) === i)))
        break
      case 'items': {
        if (Array.isArray(arg)) {
          const each = arg.map(compileSchema)
          const extra = s.additionalItems
          const rest = isPlainObject(extra) ? compileSchema(extra) : extra === false ? () => false : () => true
          checks.push(onArrays((v) => v.every((x, i) => (i < each.length ? each[i](x) : rest(x)))))
        } else {
          const each = compileSchema(arg)
          checks.push(onArrays((v) => v.every(each)))
        }
        break
      }
      case 'additionalItems':
        break // read with items
      case 'required': {
        if (!Array.isArray(arg) || arg.some((k) => typeof k !== 'string')) throw requestFailed('$jsonSchema: required must be an array of strings')
        checks.push(onObjects((o) => arg.every((k) => o[k as string] !== undefined)))
        break
      }
      case 'minProperties':
        checks.push(onObjects((o) => Object.keys(o).length >= numberArg(keyword, arg)))
        break
      case 'maxProperties':
        checks.push(onObjects((o) => Object.keys(o).length <= numberArg(keyword, arg)))
        break
      case 'properties':
      case 'patternProperties':
      case 'additionalProperties':
        break // compiled together below
      case 'dependencies': {
        if (!isPlainObject(arg)) throw requestFailed('$jsonSchema: dependencies must be an object')
        const deps = Object.entries(arg).map(([k, d]) => {
          const check: Check = Array.isArray(d) ? (o) => d.every((x) => (o as Record<string, unknown>)[x as string] !== undefined) : compileSchema(d)
          return [k, check] as const
        })
        checks.push(onObjects((o) => deps.every(([k, check]) => o[k] === undefined || check(o))))
        break
      }
      case 'allOf':
      case 'anyOf':
      case 'oneOf': {
        if (!Array.isArray(arg) || arg.length === 0) throw requestFailed(`$jsonSchema: ${keyword} must be a non-empty array`)
        const subs = arg.map(compileSchema)
        if (keyword === 'allOf') checks.push((v) => subs.every((c) => c(v)))
        else if (keyword === 'anyOf') checks.push((v) => subs.some((c) => c(v)))
        else checks.push((v) => subs.filter((c) => c(v)).length === 1)
        break
      }
      case 'not': {
        const sub = compileSchema(arg)
        checks.push((v) => !sub(v))
        break
      }
      default:
        if (!IGNORED.has(keyword)) throw requestFailed(`$jsonSchema keyword '${keyword}' is not currently supported`)
    }
  }
  if (s.properties !== undefined || s.patternProperties !== undefined || s.additionalProperties !== undefined) {
    checks.push(onObjects(objectMembers(s)))
  }
  return (v) => checks.every((c) => c(v))
}

/** properties / patternProperties / additionalProperties, which decide together which keys are "additional". */
function objectMembers(s: Schema): (o: Record<string, unknown>) => boolean {
  if (s.properties !== undefined && !isPlainObject(s.properties)) throw requestFailed('$jsonSchema: properties must be an object')
  if (s.patternProperties !== undefined && !isPlainObject(s.patternProperties)) throw requestFailed('$jsonSchema: patternProperties must be an object')
  const props = Object.entries((s.properties ?? {}) as Schema).map(([k, sub]) => [k, compileSchema(sub)] as const)
  const patterns = Object.entries((s.patternProperties ?? {}) as Schema).map(([p, sub]) => [new RegExp(p, 'u'), compileSchema(sub)] as const)
  const extra = s.additionalProperties
  const additional: Check | undefined = extra === false ? () => false : isPlainObject(extra) ? compileSchema(extra) : undefined
  const named = new Set(props.map(([k]) => k))
  return (o) => {
    for (const [k, check] of props) if (o[k] !== undefined && !check(o[k])) return false
    for (const [key, value] of Object.entries(o)) {
      if (value === undefined) continue
      let matched = named.has(key)
      for (const [re, check] of patterns) {
        if (re.test(key)) {
          matched = true
          if (!check(value)) return false
        }
      }
      if (!matched && additional && !additional(value)) return false
    }
    return true
  }
}
