/**
 * Aggregation pipelines. A leading `$match` (when SQL is exact) followed by `$group` with simple
 * accumulators, or by `$count`, runs as one SQL statement; otherwise SQL narrows the input and
 * mingo runs the stages. `$lookup` (localField/foreignField) prefetches only candidate documents.
 */
import { Doc } from './codec'
import { requestFailed } from './errors'
import { FieldKinds, KIND } from './kinds'
import { newAggregator } from './mingo'
import { sqlJsonPath, valuesAtPath } from './paths'
import { SqlPart, translateFilter } from './query'
import { CollectionTable } from './store'
import { TableResolver, planFind } from './views'

export type Stage = Record<string, unknown>

const MAX_LOOKUP_PREFETCH_VALUES = 1000

export function runAggregate(tables: TableResolver, collection: string, stages: Stage[]): Doc[] {
  for (const stage of stages) {
    if (Object.keys(stage).length !== 1 || !Object.keys(stage)[0].startsWith('$')) {
      throw requestFailed(`invalid pipeline stage: ${JSON.stringify(stage)}`)
    }
  }
  const table = tables(collection, false)
  let input: Doc[] = []
  let rest = stages
  if (table) {
    const first = stages[0]?.$match as Doc | undefined
    const where = translateFilter(first, table.kinds)
    const consumed = first && where.exact ? 1 : 0
    const pushed = where.exact ? pushDown(table, where, stages[consumed]) : undefined
    if (pushed) {
      input = pushed
      rest = stages.slice(consumed + 1)
    } else {
      input = table.select(where, 'rid ASC')
      rest = stages.slice(consumed)
    }
  }
  return runStages(tables, input, rest)
}

function runStages(tables: TableResolver, input: Doc[], stages: Stage[]): Doc[] {
  const loadAll = (name: string): Doc[] => {
    const t = tables(name, false)
    return t ? planFind(t, {}) : []
  }
  let docs = input
  let segment: Stage[] = []
  const flush = (): void => {
    if (segment.length === 0) return
    try {
      docs = newAggregator(segment, loadAll).run(docs) as Doc[]
    } catch (e) {
      throw requestFailed(`aggregate failed: ${(e as Error).message}`)
    }
    segment = []
  }
  for (const stage of stages) {
    if ('$lookup' in stage) {
      flush()
      docs = lookup(tables, docs, stage.$lookup as Doc, loadAll)
    } else if ('$count' in stage && typeof stage.$count === 'string') {
      // MongoDB's definition; unlike mingo's $count it yields no row for empty input.
      segment.push({ $group: { _id: null, [stage.$count]: { $sum: 1 } } }, { $project: { _id: 0 } })
    } else {
      segment.push(stage)
    }
  }
  flush()
  return docs
}

function lookup(tables: TableResolver, docs: Doc[], spec: Doc, loadAll: (name: string) => Doc[]): Doc[] {
  const { from, localField, foreignField, pipeline } = spec
  let resolver = loadAll
  if (typeof from === 'string' && typeof localField === 'string' && typeof foreignField === 'string' && pipeline === undefined) {
    const values = new Map<string, unknown>()
    for (const d of docs) {
      for (const v of valuesAtPath(d, localField)) {
        for (const x of Array.isArray(v) ? [...v, v] : [v]) values.set(JSON.stringify(x ?? null) ?? String(x), x ?? null)
      }
    }
    if (values.size <= MAX_LOOKUP_PREFETCH_VALUES) {
      const t = tables(from, false)
      const candidates = t ? planFind(t, { filter: { [foreignField]: { $in: [...values.values()] } } }) : []
      resolver = () => candidates
    }
  }
  try {
    return newAggregator([{ $lookup: spec }], resolver).run(docs) as Doc[]
  } catch (e) {
    throw requestFailed(`aggregate failed: ${(e as Error).message}`)
  }
}

interface KeyColumn {
  name: string | null
  expr: string
  missingExpr: string
  decode: (v: unknown) => unknown
}

/** `$group`/`$count` right after an exact `$match`, as SQL; undefined when not expressible. */
function pushDown(table: CollectionTable, where: SqlPart, stage: Stage | undefined): Doc[] | undefined {
  if (!stage) return undefined
  if (typeof stage.$count === 'string') {
    const n = table.count(where)
    return n > 0 ? [{ [stage.$count]: n }] : []
  }
  if (!stage.$group || typeof stage.$group !== 'object') return undefined
  const spec = stage.$group as Doc
  const keys = groupKeys(spec._id, table.kinds)
  if (!keys) return undefined
  const accs: { name: string; sql: string }[] = []
  for (const [name, acc] of Object.entries(spec)) {
    if (name === '_id') continue
    const sql = accumulatorSql(acc, table.kinds)
    if (!sql) return undefined
    accs.push({ name, sql })
  }
  const compound = keys.length > 0 && keys[0].name !== null
  const select = [
    ...keys.map((k, i) => `${k.expr} AS k${i}`),
    ...(compound ? keys.map((k, i) => `${k.missingExpr} AS m${i}`) : []),
    'COUNT(*) AS n__',
    ...accs.map((a, i) => `${a.sql} AS a${i}`)
  ]
  const groupBy = [...keys.map((_k, i) => `k${i}`), ...(compound ? keys.map((_k, i) => `m${i}`) : [])]
  const sql = `SELECT ${select.join(', ')} FROM $table WHERE ${where.sql}${groupBy.length ? ` GROUP BY ${groupBy.join(', ')}` : ''}`
  const rows = table.query(sql, where.params)
  const constantId = Array.isArray(keys) && keys.length === 0 ? spec._id : undefined
  return rows
    .filter((r) => (r.n__ as number) > 0)
    .map((r) => {
      let id: unknown = constantId ?? null
      if (keys.length === 1 && keys[0].name === null) id = keys[0].decode(r.k0)
      else if (compound) {
        const obj: Doc = {}
        keys.forEach((k, i) => {
          // MongoDB leaves a missing field out of a compound group key.
          if (!r[`m${i}`]) obj[k.name as string] = k.decode(r[`k${i}`])
        })
        id = obj
      }
      const out: Doc = { _id: id }
      accs.forEach((a, i) => (out[a.name] = r[`a${i}`] ?? null))
      return out
    })
}

/** SQL columns for a group key: [] for a constant key, one unnamed column for '$field', named ones for an object. */
function groupKeys(id: unknown, kinds: FieldKinds): KeyColumn[] | undefined {
  if (id === null || typeof id === 'number' || typeof id === 'boolean' || (typeof id === 'string' && !id.startsWith('$'))) return []
  if (typeof id === 'string') {
    const col = keyColumn(null, id.slice(1), kinds)
    return col ? [col] : undefined
  }
  if (id && typeof id === 'object' && !Array.isArray(id)) {
    const cols: KeyColumn[] = []
    for (const [name, expr] of Object.entries(id as Doc)) {
      if (typeof expr !== 'string' || !expr.startsWith('$') || name.startsWith('$')) return undefined
      const col = keyColumn(name, expr.slice(1), kinds)
      if (!col) return undefined
      cols.push(col)
    }
    return cols.length ? cols : undefined
  }
  return undefined
}

function keyColumn(name: string | null, path: string, kinds: FieldKinds): KeyColumn | undefined {
  const jp = sqlJsonPath(path)
  if (!jp || path.startsWith('$') || kinds.crossesArray(path)) return undefined
  const k = kinds.of(path)
  const missingExpr = `json_type(doc, '${jp}') IS NULL`
  if ((k & ~(KIND.NULL | KIND.DATE)) === 0 && (k & KIND.DATE) !== 0) {
    return { name, expr: `json_extract(doc, '${jp}."$date"')`, missingExpr, decode: (v) => (v === null ? null : new Date(v as number)) }
  }
  if ((k & ~(KIND.NULL | KIND.NUMBER | KIND.STRING | KIND.BOOL)) !== 0) return undefined
  // json_extract gives 1/0 for booleans: only decodable when the field never held numbers.
  if ((k & KIND.BOOL) !== 0 && (k & KIND.NUMBER) !== 0) return undefined
  const decode = (k & KIND.BOOL) !== 0 ? (v: unknown) => (typeof v === 'number' ? v === 1 : v) : (v: unknown) => v
  return { name, expr: `json_extract(doc, '${jp}')`, missingExpr, decode }
}

function accumulatorSql(acc: unknown, kinds: FieldKinds): string | undefined {
  if (!acc || typeof acc !== 'object' || Array.isArray(acc)) return undefined
  const entries = Object.entries(acc as Doc)
  if (entries.length !== 1) return undefined
  const [op, arg] = entries[0]
  if (op === '$sum' && typeof arg === 'number' && Number.isFinite(arg)) return `COUNT(*) * ${arg}`
  if (typeof arg !== 'string' || !arg.startsWith('$') || arg.startsWith('$$')) return undefined
  const path = arg.slice(1)
  const jp = sqlJsonPath(path)
  if (!jp) return undefined
  // Only numbers count, as in MongoDB ($sum/$avg ignore strings, nulls, arrays, missing).
  const numeric = `CASE WHEN json_type(doc, '${jp}') IN ('integer', 'real') THEN json_extract(doc, '${jp}') END`
  switch (op) {
    case '$sum':
      return `COALESCE(SUM(${numeric}), 0)`
    case '$avg':
      return `AVG(${numeric})`
    case '$min':
    case '$max':
      // Mixed types compare by BSON order, which SQL cannot do: numbers (and nulls) only.
      if (kinds.crossesArray(path) || (kinds.of(path) & ~(KIND.NULL | KIND.NUMBER)) !== 0) return undefined
      return `${op === '$min' ? 'MIN' : 'MAX'}(${numeric})`
    default:
      return undefined
  }
}
