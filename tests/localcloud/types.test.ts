/** Value types through the SDK: serverDate, Date round-trip, numbers, null, booleans, nesting. */
import { LocalCloud, postJson, startLocalCloud } from './helpers'

let lc: LocalCloud

beforeAll(async () => {
  lc = await startLocalCloud()
  await lc.db.createCollection('t')
})
afterAll(() => lc.close())

test('db.serverDate() is stored as a Date set by the server', async () => {
  const before = Date.now()
  await lc.db.collection('t').add({ data: { _id: 'sd', at: lc.db.serverDate(), later: lc.db.serverDate({ offset: 60_000 }) } })
  const after = Date.now()
  const { data } = await lc.db.collection('t').doc('sd').get()
  expect(data.at).toBeInstanceOf(Date)
  expect(data.at.getTime()).toBeGreaterThanOrEqual(before)
  expect(data.at.getTime()).toBeLessThanOrEqual(after)
  expect(data.later.getTime() - data.at.getTime()).toBe(60_000)
  // serverDate in an update and in a query
  await lc.db.collection('t').doc('sd').update({ data: { touched: lc.db.serverDate() } })
  const q = await lc.db.collection('t').where({ touched: lc.db.command.lte(lc.db.serverDate()) }).count()
  expect(q.total).toBe(1)
  const stored = lc.server.db.get('t', 'sd') as { touched: unknown }
  expect(stored.touched).toBeInstanceOf(Date)
})

test('Dates round-trip to the millisecond, nested and in arrays, and compare in queries', async () => {
  const d1 = new Date('2023-05-06T07:08:09.123Z')
  const d2 = new Date('1969-12-31T23:59:59.999Z')
  await lc.db.collection('t').add({ data: { _id: 'dates', d1, nested: { d2 }, list: [d1, { d2 }] } })
  const { data } = await lc.db.collection('t').doc('dates').get()
  expect(data.d1).toEqual(d1)
  expect(data.nested.d2).toEqual(d2)
  expect(data.list[0]).toEqual(d1)
  expect(data.list[1].d2).toEqual(d2)
  const _ = lc.db.command
  expect((await lc.db.collection('t').where({ d1: _.gt(new Date('2023-01-01')) }).count()).total).toBe(1)
  expect((await lc.db.collection('t').where({ d1: _.lt(new Date('2023-01-01')) }).count()).total).toBe(0)
  expect((await lc.db.collection('t').where({ d1 }).count()).total).toBe(1)
  expect((await lc.db.collection('t').where({ 'nested.d2': _.lt(new Date(0)) }).count()).total).toBe(1)
})

test('orderBy on a Date field', async () => {
  await lc.db.createCollection('events')
  const base = Date.UTC(2024, 0, 1)
  await lc.db.collection('events').add({ data: [3, 1, 2].map((i) => ({ _id: `e${i}`, at: new Date(base + i * 1000) })) })
  const { data } = await lc.db.collection('events').orderBy('at', 'desc').get()
  expect(data.map((d: { _id: string }) => d._id)).toEqual(['e3', 'e2', 'e1'])
})

test('numbers, null, booleans, strings and nesting keep their types', async () => {
  const doc = { _id: 'mix', int: 7, neg: -3, float: 1.25, big: 2 ** 40, zero: 0, t: true, f: false, nil: null, s: '', emoji: '安全 ✓', arr: [1, 'a', null, { x: [true] }], obj: { a: { b: { c: 1 } } } }
  await lc.db.collection('t').add({ data: doc })
  expect((await lc.db.collection('t').doc('mix').get()).data).toEqual(doc)
  const _ = lc.db.command
  // true is not 1, false is not 0
  expect((await lc.db.collection('t').where({ _id: 'mix', t: 1 }).count()).total).toBe(0)
  expect((await lc.db.collection('t').where({ _id: 'mix', zero: false }).count()).total).toBe(0)
  expect((await lc.db.collection('t').where({ _id: 'mix', float: _.gt(1.2).and(_.lt(1.3)) }).count()).total).toBe(1)
})

test('numeric document ids', async () => {
  await lc.db.collection('t').add({ data: { _id: 42, v: 'n' } })
  await lc.db.collection('t').add({ data: { _id: '42', v: 's' } })
  expect((await lc.db.collection('t').doc(42).get()).data.v).toBe('n')
  expect((await lc.db.collection('t').doc('42').get()).data.v).toBe('s')
})

test('an ObjectId in any field but _id round-trips as an ObjectId (EJSON $oid): stored, returned, compared, updated', async () => {
  const hex = '5f1b2c3d4e5f6a7b8c9d0e1f'
  const oid = `{"$oid":"${hex}"}`
  const wire = (body: Record<string, unknown>): Promise<Record<string, unknown>> => postJson(lc.server.url, { collectionName: 't', ...body })
  const put = await wire({ action: 'database.insertDocument', data: [`{"_id":"oid1","ref":${oid},"deep":{"list":[${oid},1]}}`] })
  expect(put.code).toBeUndefined()
  const got = (await wire({ action: 'database.getDocument', query: '{"_id":"oid1"}', queryType: 'DOC' })) as { data: { list: string[] } }
  expect(JSON.parse(got.data.list[0])).toEqual({ _id: 'oid1', ref: { $oid: hex }, deep: { list: [{ $oid: hex }, 1] } })
  // An ObjectId equals only the same ObjectId (not its hex string, not {}).
  const count = async (query: string): Promise<unknown> => ((await wire({ action: 'database.calculateDocument', query })) as { data: { total: number } }).data.total
  expect(await count(`{"ref":${oid}}`)).toBe(1)
  expect(await count(`{"deep.list":${oid}}`)).toBe(1)
  expect(await count(`{"ref":"${hex}"}`)).toBe(0)
  expect(await count('{"ref":{}}')).toBe(0)
  const upd = await wire({ action: 'database.modifyDocument', query: '{"_id":"oid1"}', queryType: 'DOC', data: `{"$set":{"other":${oid}}}`, merge: true })
  expect(upd.data).toEqual({ updated: 1 })
  // Through the SDK: an ObjectId made by the SDK's own constructor is stored as one, and aggregation hands it back.
  const sdkDb = lc.db._db as { ObjectId(o: { id: string }): unknown }
  await lc.db.collection('t').add({ data: { _id: 'oid2', ref: sdkDb.ObjectId({ id: hex }) } })
  const stored = lc.server.db.get('t', 'oid2') as { ref: { toHexString(): string; _bsontype: string } }
  expect(stored.ref._bsontype).toBe('ObjectId')
  expect(stored.ref.toHexString()).toBe(hex)
  const { list } = await lc.db.collection('t').aggregate().match({ _id: lc.db.command.in(['oid1', 'oid2']) }).sort({ _id: 1 }).end()
  expect(list.map((d: { ref: { toHexString(): string } }) => d.ref.toHexString())).toEqual([hex, hex])
  expect(list[0].other.toHexString()).toBe(hex)
  // Inside a transaction, with array operators, and made by $toObjectId.
  await lc.db.runTransaction(async (t: { collection(name: string): any }) => {
    await t.collection('t').add({ data: { _id: 'oid3', ref: sdkDb.ObjectId({ id: hex }) } })
    await t.collection('t').doc('oid2').update({ data: { refs: lc.db.command.push([sdkDb.ObjectId({ id: hex })]) } })
  })
  expect((lc.server.db.get('t', 'oid3') as { ref: { toHexString(): string } }).ref.toHexString()).toBe(hex)
  expect((lc.server.db.get('t', 'oid2') as { refs: { toHexString(): string }[] }).refs[0].toHexString()).toBe(hex)
  const made = await lc.db.collection('t').aggregate().match({ _id: 'oid3' }).project({ h: { $toObjectId: hex } }).end()
  expect(made.list[0].h.toHexString()).toBe(hex)
})
