/**
 * Contract on the request shapes wx-server-sdk 4.0.2 sends (the emulator depends on them; they are
 * internal to the SDK). If an SDK upgrade changes them, this file says where.
 */
import http from 'http'
import { AddressInfo } from 'net'
import fs from 'fs'
import { LocalDatabase, handleAction } from '../../localcloud/db'
import { CloudDb, loadSdk, tempDir } from './helpers'

type Body = Record<string, unknown>
let server: http.Server
let local: LocalDatabase
let db: CloudDb
let dir: string
const seen: Body[] = []

beforeAll(async () => {
  dir = tempDir()
  local = new LocalDatabase({ dataDir: dir })
  local.ensureCollection('c')
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as Body
      seen.push({ ...body, url: req.url })
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(handleAction(local, body)))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  db = loadSdk(`http://127.0.0.1:${(server.address() as AddressInfo).port}/tcb`).database()
})
afterAll(async () => {
  await new Promise<void>((r) => {
    server.close(() => r())
    server.closeAllConnections()
  })
  local.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

async function last(call: () => Promise<unknown>): Promise<Body> {
  seen.length = 0
  await call().catch(() => undefined)
  return seen[seen.length - 1]
}

test('POST ?env=…&seqId=… with action, envName', async () => {
  const body = await last(() => db.collection('c').get())
  expect(body.url).toMatch(/^\/tcb\?env=local&seqId=/)
  expect(body).toMatchObject({ action: 'database.getDocument', envName: 'local', collectionName: 'c', queryType: 'WHERE' })
})

test('get: limit 100 by default, clamped to 1000; order is ONE EJSON object in call order', async () => {
  expect((await last(() => db.collection('c').get())).limit).toBe(100)
  expect((await last(() => db.collection('c').limit(5000).get())).limit).toBe(1000)
  const b = await last(() => db.collection('c').orderBy('b', 'desc').orderBy('a', 'asc').skip(3).field({ a: true, b: false }).get())
  expect(b.order).toBe('{"b":{"$numberInt":"-1"},"a":{"$numberInt":"1"}}')
  expect(b.offset).toBe(3)
  expect(b.projection).toBe('{"a":{"$numberInt":"1"},"b":{"$numberInt":"0"}}')
})

test('query encodings: commands, regex, serverDate', async () => {
  const _ = db.command
  const b = await last(() => db.collection('c').where({ a: _.gt(1).and(_.lt(5)), r: db.RegExp({ regexp: '^x', options: 'i' }), n: { x: 1 }, t: _.lte(db.serverDate()) }).get())
  const q = JSON.parse(b.query as string)
  expect(q.$and).toEqual([{ a: { $gt: { $numberInt: '1' } } }, { a: { $lt: { $numberInt: '5' } } }])
  expect(q.r).toEqual({ $regularExpression: { pattern: '^x', options: 'i' } })
  expect(q['n.x']).toEqual({ $numberInt: '1' })
  expect(q.t).toEqual({ $lte: { $tcb_server_date: { offset: { $numberInt: '0' } } } })
})

test('writes: add, doc().update, doc().set, where().update, remove', async () => {
  const _ = db.command
  const add = await last(() => db.collection('c').add({ data: { _id: 'w', d: new Date(0) } }))
  expect(add).toMatchObject({ action: 'database.insertDocument', data: ['{"_id":"w","d":{"$date":{"$numberLong":"0"}}}'] })
  const upd = await last(() => db.collection('c').doc('w').update({ data: { n: { x: 1 }, c: _.inc(1), l: _.push(['a']), r: _.remove() } }))
  expect(upd).toMatchObject({ action: 'database.modifyDocument', queryType: 'DOC', merge: true, upsert: false, multi: false, query: '{"_id":"w"}' })
  expect(JSON.parse(upd.data as string)).toEqual({ $set: { 'n.x': { $numberInt: '1' } }, $inc: { c: { $numberInt: '1' } }, $push: { l: { $each: ['a'] } }, $unset: { r: '' } })
  const set = await last(() => db.collection('c').doc('w').set({ data: { a: 1 } }))
  expect(set).toMatchObject({ action: 'database.modifyDocument', queryType: 'DOC', merge: false, upsert: true, multi: false })
  const wupd = await last(() => db.collection('c').where({ a: 1 }).update({ data: { a: 2 } }))
  expect(wupd).toMatchObject({ queryType: 'WHERE', multi: true, merge: true, upsert: false })
  expect(await last(() => db.collection('c').where({ a: 2 }).remove())).toMatchObject({ action: 'database.removeDocument', queryType: 'WHERE', multi: true })
  expect(await last(() => db.collection('c').doc('w').remove())).toMatchObject({ action: 'database.removeDocument', queryType: 'DOC', multi: false })
})

test('count, aggregate stages, createCollection', async () => {
  expect(await last(() => db.collection('c').where({ a: 1 }).count())).toMatchObject({ action: 'database.calculateDocument', query: '{"a":{"$numberInt":"1"}}' })
  const agg = await last(() => db.collection('c').aggregate().match({ a: 1 }).limit(5).unwind('$l').end())
  expect(agg.stages).toEqual([
    { stageKey: '$match', stageValue: '{"a":{"$numberInt":"1"}}' },
    { stageKey: '$limit', stageValue: '5' },
    { stageKey: '$unwind', stageValue: '"$l"' }
  ])
  expect(await last(() => db.createCollection('c2'))).toMatchObject({ action: 'database.addCollection', collectionName: 'c2' })
})

test('transactions: doc ops, add and where().get carry the id; where().count does not', async () => {
  seen.length = 0
  await db.runTransaction(async (t: { collection(name: string): any }) => {
    await t.collection('c').add({ data: { _id: 'tx' } })
    await t.collection('c').doc('tx').get()
    await t.collection('c').where({ a: 1 }).get()
    await t.collection('c').where({ a: 1 }).count()
  })
  const actions = seen.map((b) => [b.action, typeof b.transactionId === 'string'])
  expect(actions).toEqual([
    ['database.startTransaction', false],
    ['database.insertDocument', true],
    ['database.getDocument', true],
    ['database.getDocument', true],
    ['database.calculateDocument', false],
    ['database.commitTransaction', true]
  ])
})
