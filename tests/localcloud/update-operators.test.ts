/** Writes: add/set/update/remove by id and by query, every update command, atomic inc. */
import { LocalCloud, postJson, startLocalCloud } from './helpers'

let lc: LocalCloud

beforeAll(async () => {
  lc = await startLocalCloud()
  await lc.db.createCollection('u')
})
afterAll(() => lc.close())

async function docAfter(id: string, data: Record<string, unknown>, update: Record<string, unknown>): Promise<Record<string, unknown>> {
  await lc.db.collection('u').add({ data: { _id: id, ...data } })
  await lc.db.collection('u').doc(id).update({ data: update })
  return (await lc.db.collection('u').doc(id).get()).data as Record<string, unknown>
}

test('add with auto id gives 32 hex characters; add with a given id keeps it', async () => {
  const r = await lc.db.collection('u').add({ data: { a: 1 } })
  expect(r._id).toMatch(/^[0-9a-f]{32}$/)
  const r2 = await lc.db.collection('u').add({ data: { _id: 'given', a: 1 } })
  expect(r2._id).toBe('given')
})

test('set, inc, mul, min, max, rename, remove', async () => {
  const _ = lc.db.command
  const d = await docAfter('ops1', { a: 1, b: 2, c: 10, d: 10, e: 'x', f: 1, g: 3 }, {
    a: _.set({ nested: true }),
    b: _.inc(3),
    c: _.mul(2.5),
    d: _.min(4),
    e: _.rename('renamed'),
    f: _.remove(),
    g: _.max(9),
    fresh: _.inc(2)
  })
  expect(d).toEqual({ _id: 'ops1', a: { nested: true }, b: 5, c: 25, d: 4, g: 9, renamed: 'x', fresh: 2 })
})

test('min/max leave the value when it already satisfies them', async () => {
  const _ = lc.db.command
  const d = await docAfter('ops2', { lo: 1, hi: 9 }, { lo: _.min(5), hi: _.max(5) })
  expect(d).toMatchObject({ lo: 1, hi: 9 })
})

test('push (single, many, position), pull (value and condition), pullAll, addToSet, pop/shift', async () => {
  const _ = lc.db.command
  const d = await docAfter('arr1', { p: [1], q: [1, 2], r: [1, 5, 8, 2], s: [1, 2, 3, 2], t: ['a'], u: [1, 2, 3], v: [1, 2, 3] }, {
    p: _.push([2, 3]),
    q: _.push({ each: [0], position: 0 }),
    r: _.pull(_.gt(4)),
    s: _.pullAll([2, 3]),
    t: _.addToSet('a'),
    u: _.pop(),
    v: _.shift(),
    w: _.push(['new'])
  })
  expect(d).toMatchObject({ p: [1, 2, 3], q: [0, 1, 2], r: [1, 2], s: [1], t: ['a'], u: [1, 2], v: [2, 3], w: ['new'] })
  const d2 = await docAfter('arr2', { t: ['a'], objs: [{ k: 1 }, { k: 2 }], vals: [3, 4] }, {
    t: _.addToSet({ $each: ['a', 'b', 'b'] }), // wx docs: $each, passed through as is
    objs: _.pull({ k: 1 }),
    vals: _.pull(3)
  })
  expect(d2).toMatchObject({ t: ['a', 'b'], objs: [{ k: 2 }], vals: [4] })
})

test('dotted paths: nested objects in update data only touch the given leaves', async () => {
  const _ = lc.db.command
  const d = await docAfter('dot1', { n: { x: 1, y: 2, deep: { z: 1 } }, list: [{ a: 1 }, { a: 2 }] }, {
    n: { x: 10, deep: { w: _.inc(1) } },
    'list.1.a': 20,
    'brand.new.path': 'ok'
  })
  expect(d).toEqual({ _id: 'dot1', n: { x: 10, y: 2, deep: { z: 1, w: 1 } }, list: [{ a: 1 }, { a: 20 }], brand: { new: { path: 'ok' } } })
})

test('inc on a string fails and changes nothing', async () => {
  const _ = lc.db.command
  await lc.db.collection('u').add({ data: { _id: 'bad', s: 'text' } })
  await expect(lc.db.collection('u').doc('bad').update({ data: { s: _.inc(1) } })).rejects.toMatchObject({ errMsg: expect.stringContaining('non-numeric') })
  expect((await lc.db.collection('u').doc('bad').get()).data).toEqual({ _id: 'bad', s: 'text' })
})

test('doc().set replaces the whole document or creates it', async () => {
  await lc.db.collection('u').add({ data: { _id: 'rep', a: 1, b: 2 } })
  const r = await lc.db.collection('u').doc('rep').set({ data: { c: 3 } })
  expect(r.stats).toEqual({ updated: 1, created: 0 })
  expect((await lc.db.collection('u').doc('rep').get()).data).toEqual({ _id: 'rep', c: 3 })
  const created = await lc.db.collection('u').doc('newdoc').set({ data: { z: 1 } })
  expect(created.stats).toEqual({ updated: 0, created: 1 })
  expect((await lc.db.collection('u').doc('newdoc').get()).data).toEqual({ _id: 'newdoc', z: 1 })
})

test('update of a missing document reports 0 updated, not an error', async () => {
  const r = await lc.db.collection('u').doc('missing').update({ data: { a: 1 } })
  expect(r.stats.updated).toBe(0)
})

test('where().update() updates every match; where().remove() removes every match', async () => {
  const _ = lc.db.command
  await lc.db.collection('u').add({ data: [{ grp: 'w', n: 1 }, { grp: 'w', n: 2 }, { grp: 'w', n: 3 }, { grp: 'other', n: 1 }] })
  const up = await lc.db.collection('u').where({ grp: 'w', n: _.gte(2) }).update({ data: { hit: true, n: _.inc(10) } })
  expect(up.stats.updated).toBe(2)
  const { data } = await lc.db.collection('u').where({ grp: 'w' }).orderBy('n', 'asc').get()
  expect(data.map((d: Record<string, unknown>) => [d.n, d.hit])).toEqual([[1, undefined], [12, true], [13, true]])
  const rm = await lc.db.collection('u').where({ grp: 'w' }).remove()
  expect(rm.stats.removed).toBe(3)
  expect((await lc.db.collection('u').where({ grp: 'other' }).count()).total).toBe(1)
})

test('doc().remove()', async () => {
  await lc.db.collection('u').add({ data: { _id: 'gone' } })
  expect((await lc.db.collection('u').doc('gone').remove()).stats.removed).toBe(1)
  expect((await lc.db.collection('u').doc('gone').remove()).stats.removed).toBe(0)
})

test('50 concurrent inc through the SDK end at exactly 50', async () => {
  const _ = lc.db.command
  await lc.db.collection('u').add({ data: { _id: 'counter', n: 0 } })
  await Promise.all(Array.from({ length: 50 }, () => lc.db.collection('u').doc('counter').update({ data: { n: _.inc(1) } })))
  expect((await lc.db.collection('u').doc('counter').get()).data.n).toBe(50)
})

test('database.modifyAndReturnDoc (updateAndReturn of @cloudbase/database) returns the updated document', async () => {
  await lc.db.collection('u').add({ data: { _id: 'rad', n: 1 } })
  const reply = await postJson(lc.server.url, { action: 'database.modifyAndReturnDoc', collectionName: 'u', queryType: 'WHERE', query: '{"_id":"rad"}', data: '{"$inc":{"n":{"$numberInt":"2"}}}' })
  expect(reply.data).toEqual({ updated: 1, doc: '{"_id":"rad","n":3}' })
})

test('an update that changes nothing still counts the matched document (the cloud reports matched, not modified)', async () => {
  await lc.db.collection('u').add({ data: { _id: 'same', n: 1, tags: ['a'] } })
  expect((await lc.db.collection('u').doc('same').update({ data: { n: 1 } })).stats.updated).toBe(1)
  expect((await lc.db.collection('u').doc('same').update({ data: { tags: lc.db.command.addToSet('a') } })).stats.updated).toBe(1)
  expect((await lc.db.collection('u').doc('same').set({ data: { n: 1, tags: ['a'] } })).stats).toEqual({ updated: 1, created: 0 })
  await lc.db.collection('u').add({ data: { _id: 'same2', n: 1, tags: ['b'] } })
  expect((await lc.db.collection('u').where({ _id: lc.db.command.in(['same', 'same2']) }).update({ data: { n: 1 } })).stats.updated).toBe(2)
  expect((await lc.db.collection('u').doc('nobody').update({ data: { n: 1 } })).stats.updated).toBe(0)
  const t = await lc.db.startTransaction()
  expect((await t.collection('u').doc('same').update({ data: { n: 1 } })).stats.updated).toBe(1)
  await t.commit()
})
