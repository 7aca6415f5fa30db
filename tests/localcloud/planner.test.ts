/**
 * Differential test of the query planner: whatever SQL decides (exactly or as a prefilter) must
 * equal mingo run over every document. Random documents mix numbers (incl. 0/1), booleans,
 * strings that look like JSON, nulls, missing fields, Dates, objects and arrays.
 */
import fs from 'fs'
import { Aggregator, Query } from 'mingo'
import { LocalDatabase } from '../../localcloud/db'
import { CollectionTable } from '../../localcloud/db/store'
import { sortDocs } from '../../localcloud/db/query'
import { tempDir } from './helpers'

// eslint-disable-next-line @typescript-eslint/no-var-requires
const context = (require('mingo/init/context') as { default: () => unknown }).default()
type Doc = Record<string, unknown>

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const rand = rng(12345)
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]
const dates = [new Date(0), new Date(1e12), new Date(1.5e12), new Date(-1e10)]
const scalars: unknown[] = [0, 1, 2, -1, 1.5, 10, true, false, null, '', 'a', 'b', 'B', '{x', '[1]', '10', ...dates]

function makeDoc(i: number, withComposites: boolean): Doc {
  const d: Doc = { _id: i % 7 === 0 ? i : `id${i}`, b: Math.floor(rand() * 20), s: pick(['x', 'y', 'z', 'xy']), f: pick([0, 1, 2, true, false]) }
  const r = rand()
  if (r < 0.85) d.a = pick(scalars)
  else if (withComposites && r < 0.92) d.a = [pick(scalars), pick(scalars)]
  else if (withComposites) d.a = { k: pick(scalars) }
  if (rand() < 0.7) d.n = { x: pick(scalars), y: rand() < 0.5 ? pick(dates) : undefined }
  if (rand() < 0.3) delete d.s
  return JSON.parse(JSON.stringify(d), (_k, v) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v) : v))
}

function makeFilter(depth = 0): Doc {
  const field = pick(['a', 'b', 's', 'f', 'n.x', 'n.y', 'missing', '_id'])
  const value = (): unknown => (field === 'b' ? Math.floor(rand() * 22) - 1 : field === 's' ? pick(['x', 'y', 'xy', 'w']) : field === 'f' ? pick([0, 1, 2, true, false]) : field === '_id' ? pick(['id1', 'id5', 7, 14, 'id9']) : pick(scalars))
  const r = rand()
  if (depth < 2 && r < 0.12) return { $or: [makeFilter(depth + 1), makeFilter(depth + 1)] }
  if (depth < 2 && r < 0.2) return { $and: [makeFilter(depth + 1), makeFilter(depth + 1)] }
  const op = pick(['eq', 'eq', '$eq', '$in', '$gt', '$gte', '$lt', '$lte', '$exists', '$ne', '$nin', 'range', '$regex'])
  if (op === 'eq') return { [field]: value() }
  if (op === '$in' || op === '$nin') return { [field]: { [op]: [value(), value(), value()] } }
  if (op === '$exists') return { [field]: { $exists: rand() < 0.5 } }
  if (op === 'range') return { [field]: { $gte: value(), $lt: value() } }
  if (op === '$regex') return { [field]: /^[ax]/ }
  return { [field]: { [op]: value() } }
}

let db: LocalDatabase
let dir: string
const collections: Record<string, Doc[]> = {}

beforeAll(() => {
  dir = tempDir()
  db = new LocalDatabase({ dataDir: dir })
  for (const [name, composites] of [['scalar', false], ['mixed', true], ['indexed', false]] as const) {
    const docs = Array.from({ length: 250 }, (_, i) => makeDoc(i, composites))
    db.insert(name, docs)
    collections[name] = docs
  }
  db.ensureIndex('indexed', ['a'])
  db.ensureIndex('indexed', ['b'])
})
afterAll(() => {
  db.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const reference = (name: string, filter: Doc): Doc[] => {
  const q = new Query(filter, { context } as never)
  return collections[name].filter((d) => q.test(d))
}

test.each(['scalar', 'mixed', 'indexed'])('find and count agree with mingo (%s)', (name) => {
  for (let i = 0; i < 100; i++) {
    const filter = makeFilter()
    const expected = reference(name, filter).map((d) => d._id)
    const label = JSON.stringify(filter)
    expect([label, db.find(name, { filter }).map((d) => d._id)]).toEqual([label, expected])
    expect([label, db.count(name, filter)]).toEqual([label, expected.length])
  }
})

test.each(['scalar', 'mixed', 'indexed'])('ordered pages agree with a stable BSON-order sort (%s)', (name) => {
  for (let i = 0; i < 60; i++) {
    const filter = rand() < 0.5 ? {} : makeFilter()
    const order: Record<string, number> = pick<Record<string, number>>([{ f: 1, b: -1 }, { b: 1 }, { b: -1, s: 1 }, { s: -1, b: 1 }, { a: 1 }, { 'n.x': -1 }, { 'n.y': 1, _id: -1 }, { _id: 1 }])
    const skip = Math.floor(rand() * 30)
    const limit = 1 + Math.floor(rand() * 50)
    const expected = sortDocs(reference(name, filter), order).slice(skip, skip + limit).map((d) => d._id)
    const label = JSON.stringify({ filter, order, skip, limit })
    expect([label, db.find(name, { filter, order, skip, limit }).map((d) => d._id)]).toEqual([label, expected])
  }
})

test('match + group agrees with mingo, and simple cases run as one SQL statement', () => {
  const spy = jest.spyOn(CollectionTable.prototype, 'query')
  const canon = (rows: Doc[]): string[] => rows.map((r) => JSON.stringify(r)).sort()
  for (const name of ['scalar', 'mixed', 'indexed']) {
    for (let i = 0; i < 30; i++) {
      const match = makeFilter()
      const key = pick(['$s', '$b', '$n.y', null, { s: '$s', b: '$b' }, '$a', '$f', { f: '$f' }])
      const pipeline = [{ $match: match }, { $group: { _id: key, n: { $sum: 1 }, t: { $sum: '$b' }, av: { $avg: '$b' }, mn: { $min: '$b' } } }]
      const expected = new Aggregator(pipeline, { context } as never).run(collections[name]) as Doc[]
      expect([JSON.stringify(pipeline), canon(db.aggregate(name, pipeline))]).toEqual([JSON.stringify(pipeline), canon(expected)])
    }
  }
  spy.mockClear()
  db.aggregate('indexed', [{ $match: { b: { $gte: 5 } } }, { $group: { _id: '$s', n: { $sum: 1 } } }])
  expect(spy).toHaveBeenCalledTimes(1)
  spy.mockRestore()
})
