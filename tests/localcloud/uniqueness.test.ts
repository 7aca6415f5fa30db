/** Duplicate `_id` and unique indexes: rejected with E11000 / DATABASE_DUPLICATE_WRITE, nothing written. */
import fs from 'fs'
import { LocalDatabase, createLocalDatabase } from '../../localcloud/db'
import { LocalCloud, errorOf, postJson, startLocalCloud } from './helpers'

let lc: LocalCloud

beforeAll(async () => {
  lc = await startLocalCloud()
  await lc.db.createCollection('items')
  lc.server.db.ensureUniqueIndex('users', ['openid'])
  lc.server.db.ensureUniqueIndex('answers', ['openid', 'survey'])
})
afterAll(() => lc.close())

test('duplicate _id is rejected with E11000 and code DATABASE_DUPLICATE_WRITE', async () => {
  await lc.db.collection('items').add({ data: { _id: 'one', v: 1 } })
  const err = await errorOf(lc.db.collection('items').add({ data: { _id: 'one', v: 2 } }))
  expect(err.errMsg).toContain('E11000 duplicate key')
  expect(err.errCode).toBe(-501001) // the SDK's code for DATABASE_DUPLICATE_WRITE
  expect((await lc.db.collection('items').doc('one').get()).data.v).toBe(1)
  const reply = await postJson(lc.server.url, { action: 'database.insertDocument', collectionName: 'items', data: ['{"_id":"one"}'] })
  expect(reply).toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE', message: expect.stringContaining('E11000 duplicate key') })
})

test('a batch add with one duplicate writes nothing', async () => {
  const before = (await lc.db.collection('items').count()).total
  const err = await errorOf(lc.db.collection('items').add({ data: [{ _id: 'b1' }, { _id: 'b2' }, { _id: 'b1' }] }))
  expect(err.errMsg).toContain('E11000')
  expect((await lc.db.collection('items').count()).total).toBe(before)
})

test('unique index: duplicate insert rejected, nothing written', async () => {
  await lc.db.collection('users').add({ data: { openid: 'o1', name: 'a' } })
  const err = await errorOf(lc.db.collection('users').add({ data: { openid: 'o1', name: 'b' } }))
  expect(err.errMsg).toContain('E11000 duplicate key error collection: users index: openid_1 dup key: { openid: "o1" }')
  expect((await lc.db.collection('users').where({ openid: 'o1' }).count()).total).toBe(1)
})

test('unique index: update and set that would duplicate are rejected and change nothing', async () => {
  await lc.db.collection('users').add({ data: { _id: 'u2', openid: 'o2' } })
  await lc.db.collection('users').add({ data: { _id: 'u3', openid: 'o3' } })
  const e1 = await errorOf(lc.db.collection('users').doc('u3').update({ data: { openid: 'o2' } }))
  expect(e1.errMsg).toContain('E11000')
  const e2 = await errorOf(lc.db.collection('users').doc('u3').set({ data: { openid: 'o2', x: 1 } }))
  expect(e2.errMsg).toContain('E11000')
  const e3 = await errorOf(lc.db.collection('users').where({ openid: lc.db.command.in(['o2', 'o3']) }).update({ data: { openid: 'same' } }))
  expect(e3.errMsg).toContain('E11000')
  expect((await lc.db.collection('users').doc('u3').get()).data).toEqual({ _id: 'u3', openid: 'o3' })
  expect((await lc.db.collection('users').doc('u2').get()).data).toEqual({ _id: 'u2', openid: 'o2' })
})

test('unique index: like MongoDB, a second document without the field collides (null = missing)', async () => {
  await lc.db.collection('users').add({ data: { _id: 'nofield1' } })
  const err = await errorOf(lc.db.collection('users').add({ data: { _id: 'nofield2' } }))
  expect(err.errMsg).toContain('E11000')
  const err2 = await errorOf(lc.db.collection('users').add({ data: { _id: 'nullfield', openid: null } }))
  expect(err2.errMsg).toContain('E11000')
})

test('compound unique index', async () => {
  await lc.db.collection('answers').add({ data: { openid: 'o1', survey: 's1' } })
  await lc.db.collection('answers').add({ data: { openid: 'o1', survey: 's2' } })
  await lc.db.collection('answers').add({ data: { openid: 'o2', survey: 's1' } })
  const err = await errorOf(lc.db.collection('answers').add({ data: { openid: 'o1', survey: 's2' } }))
  expect(err.errMsg).toContain('index: openid_1_survey_1')
  expect((await lc.db.collection('answers').count()).total).toBe(3)
})

test('ensureUniqueIndex refuses existing duplicates; indexes survive reopening', () => {
  const dir = lc.dataDir + '-reopen'
  let db: LocalDatabase = createLocalDatabase({ dataDir: dir })
  db.insert('dups', [{ k: 1 }, { k: 1 }])
  expect(() => db.ensureUniqueIndex('dups', ['k'])).toThrow(/E11000/)
  db.insert('kept', [{ k: 1 }])
  db.ensureUniqueIndex('kept', ['k'])
  db.close()
  db = createLocalDatabase({ dataDir: dir })
  expect(() => db.insert('kept', [{ k: 1 }])).toThrow(/E11000 duplicate key error collection: kept index: k_1/)
  expect(db.count('kept')).toBe(1)
  db.close()
  fs.rmSync(dir, { recursive: true, force: true })
})
