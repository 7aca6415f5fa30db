/** The real cloud's read limits, through the unchanged wx-server-sdk. */
import { LocalCloud, postJson, startLocalCloud } from './helpers'

let lc: LocalCloud

beforeAll(async () => {
  lc = await startLocalCloud()
  lc.server.db.insert('c150', Array.from({ length: 150 }, (_, n) => ({ n })))
  lc.server.db.insert('c1500', Array.from({ length: 1500 }, (_, n) => ({ n, g: n % 30 })))
})
afterAll(() => lc.close())

test('get() without limit returns 100 documents', async () => {
  const res = await lc.db.collection('c150').get()
  expect(res.data).toHaveLength(100)
})

test('limit(1000) of 1500 returns 1000; a larger limit is clamped to 1000', async () => {
  expect((await lc.db.collection('c1500').limit(1000).get()).data).toHaveLength(1000)
  expect((await lc.db.collection('c1500').limit(5000).get()).data).toHaveLength(1000)
  expect((await lc.db.collection('c150').limit(1000).get()).data).toHaveLength(150)
})

test('a limit above 1000 sent directly is clamped by the server', async () => {
  const reply = await postJson(lc.server.url, { action: 'database.getDocument', collectionName: 'c1500', queryType: 'WHERE', limit: 5000 })
  expect((reply.data as { list: unknown[] }).list).toHaveLength(1000)
  const noLimit = await postJson(lc.server.url, { action: 'database.getDocument', collectionName: 'c1500', queryType: 'WHERE' })
  expect((noLimit.data as { list: unknown[] }).list).toHaveLength(100)
})

test('skip paging reads all 1500 exactly once (natural order and orderBy)', async () => {
  for (const ordered of [false, true]) {
    const seen = new Set<unknown>()
    for (let page = 0; ; page++) {
      let q = lc.db.collection('c1500').skip(page * 100).limit(100)
      if (ordered) q = lc.db.collection('c1500').orderBy('n', 'desc').skip(page * 100).limit(100)
      const { data } = await q.get()
      if (data.length === 0) break
      for (const d of data) seen.add(d._id)
    }
    expect(seen.size).toBe(1500)
  }
  // A page size of 1000 plus skip also covers everything.
  const a = await lc.db.collection('c1500').limit(1000).get()
  const b = await lc.db.collection('c1500').skip(1000).limit(1000).get()
  expect(new Set([...a.data, ...b.data].map((d) => d._id)).size).toBe(1500)
})

test('aggregate returns 20 rows without $limit, more with one', async () => {
  const _ = lc.db.command
  const grouped = await lc.db.collection('c1500').aggregate().group({ _id: '$g', n: _.aggregate.sum(1) }).end()
  expect(grouped.list).toHaveLength(20) // 30 groups exist
  const limited = await lc.db.collection('c1500').aggregate().group({ _id: '$g', n: _.aggregate.sum(1) }).limit(100).end()
  expect(limited.list).toHaveLength(30)
  const raw = await lc.db.collection('c1500').aggregate().match({ n: _.gte(0) }).end()
  expect(raw.list).toHaveLength(20)
})

test('aggregate $limit is capped at 10,000', async () => {
  lc.server.db.insert('c10k', Array.from({ length: 10050 }, (_, n) => ({ n })))
  const res = await lc.db.collection('c10k').aggregate().project({ n: 1 }).limit(20000).end()
  expect(res.list).toHaveLength(10000)
})
