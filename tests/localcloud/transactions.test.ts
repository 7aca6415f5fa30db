/** runTransaction / startTransaction: private write sets, conflicts detected at commit, retries. */
import { TransactionManager } from '../../localcloud/db/transactions'
import { LocalCloud, errorOf, postJson, startLocalCloud } from './helpers'

let lc: LocalCloud

beforeAll(async () => {
  lc = await startLocalCloud()
  await lc.db.createCollection('acct')
})
afterAll(() => lc.close())

/** Resolves when `n` parties have arrived, so two transactions interleave deterministically. */
function barrier(n: number): () => Promise<void> {
  let arrived = 0
  let release: () => void = () => undefined
  const all = new Promise<void>((r) => (release = r))
  return () => {
    if (++arrived === n) release()
    return all
  }
}

test('two concurrent transactions incrementing one document: both applied exactly once (+2)', async () => {
  await lc.db.collection('acct').add({ data: { _id: 'shared', n: 0 } })
  const bothRead = barrier(2)
  let attempts = 0
  const bump = (): Promise<unknown> =>
    lc.db.runTransaction(async (t: { collection(name: string): any }) => {
      const attempt = ++attempts
      const { data } = await t.collection('acct').doc('shared').get()
      if (attempt <= 2) await bothRead() // first attempts both read n=0 before either writes
      await t.collection('acct').doc('shared').update({ data: { n: data.n + 1 } })
      return data.n
    })
  await Promise.all([bump(), bump()])
  expect((await lc.db.collection('acct').doc('shared').get()).data.n).toBe(2)
  expect(attempts).toBe(3) // exactly one commit conflicted and was retried
})

test('a transaction that throws leaves nothing written', async () => {
  await lc.db.collection('acct').add({ data: { _id: 'stable', n: 1 } })
  const err = await errorOf(
    lc.db.runTransaction(async (t: { collection(name: string): any }) => {
      await t.collection('acct').doc('stable').update({ data: { n: 100 } })
      await t.collection('acct').add({ data: { _id: 'phantom', n: 1 } })
      await t.collection('acct').doc('other').set({ data: { n: 1 } })
      throw new Error('business rule failed')
    })
  )
  expect(err.message).toBe('business rule failed')
  expect((await lc.db.collection('acct').doc('stable').get()).data.n).toBe(1)
  expect((await lc.db.collection('acct').where({ _id: lc.db.command.in(['phantom', 'other']) }).count()).total).toBe(0)
})

test('rollback() with a custom reason: nothing written, the reason is thrown', async () => {
  const reason = await errorOf(
    lc.db.runTransaction(async (t: { collection(name: string): any; rollback(r: unknown): Promise<void> }) => {
      await t.collection('acct').add({ data: { _id: 'rolled' } })
      await t.rollback('nope')
    })
  )
  expect(reason).toBe('nope')
  expect((await lc.db.collection('acct').where({ _id: 'rolled' }).count()).total).toBe(0)
})

test('reads inside a transaction see its own writes; others do not until commit', async () => {
  const t = await lc.db.startTransaction()
  await t.collection('acct').add({ data: { _id: 'mine', n: 1, tag: 'own' } })
  await t.collection('acct').doc('mine').update({ data: { n: lc.db.command.inc(1) } })
  expect((await t.collection('acct').doc('mine').get()).data.n).toBe(2)
  expect((await t.collection('acct').where({ tag: 'own' }).get()).data.map((d: { _id: string }) => d._id)).toEqual(['mine'])
  expect((await lc.db.collection('acct').where({ _id: 'mine' }).count()).total).toBe(0)
  await t.collection('acct').doc('mine').remove()
  await t.collection('acct').add({ data: { _id: 'mine2', n: 7 } })
  await t.commit()
  expect((await lc.db.collection('acct').where({ _id: 'mine' }).count()).total).toBe(0)
  expect((await lc.db.collection('acct').doc('mine2').get()).data.n).toBe(7)
})

test('a plain write after a transaction read makes its commit conflict', async () => {
  await lc.db.collection('acct').add({ data: { _id: 'race', n: 0 } })
  const start = await postJson(lc.server.url, { action: 'database.startTransaction' })
  const transactionId = start.transactionId as string
  expect(transactionId).toMatch(/^[0-9a-f]{32}$/)
  await postJson(lc.server.url, { action: 'database.getDocument', collectionName: 'acct', query: '{"_id":"race"}', queryType: 'DOC', transactionId })
  await postJson(lc.server.url, { action: 'database.modifyDocument', collectionName: 'acct', query: '{"_id":"race"}', queryType: 'DOC', transactionId, data: '{"$set":{"n":5}}', merge: true })
  await lc.db.collection('acct').doc('race').update({ data: { n: lc.db.command.inc(1) } })
  const commit = await postJson(lc.server.url, { action: 'database.commitTransaction', transactionId })
  expect(commit.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect((await lc.db.collection('acct').doc('race').get()).data.n).toBe(1)
  // The conflicted transaction is gone; aborting it again is harmless.
  expect((await postJson(lc.server.url, { action: 'database.abortTransaction', transactionId })).code).toBeUndefined()
})

test('runTransaction retries past a conflicting plain write and ends consistent', async () => {
  await lc.db.collection('acct').add({ data: { _id: 'retry', n: 10 } })
  let attempts = 0
  await lc.db.runTransaction(async (t: { collection(name: string): any }) => {
    attempts++
    const { data } = await t.collection('acct').doc('retry').get()
    if (attempts === 1) await lc.db.collection('acct').doc('retry').update({ data: { n: lc.db.command.inc(5) } })
    await t.collection('acct').doc('retry').update({ data: { n: data.n * 2 } })
  })
  expect(attempts).toBe(2)
  expect((await lc.db.collection('acct').doc('retry').get()).data.n).toBe(30)
})

test('many concurrent transfers keep the total constant', async () => {
  await lc.db.collection('acct').add({ data: [{ _id: 'A', bal: 100 }, { _id: 'B', bal: 100 }] })
  const transfer = (from: string, to: string): Promise<unknown> =>
    lc.db.runTransaction(async (t: { collection(name: string): any }) => {
      const a = (await t.collection('acct').doc(from).get()).data
      const b = (await t.collection('acct').doc(to).get()).data
      await t.collection('acct').doc(from).update({ data: { bal: a.bal - 1 } })
      await t.collection('acct').doc(to).update({ data: { bal: b.bal + 1 } })
    }, 30)
  await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? transfer('A', 'B') : transfer('B', 'A'))))
  const a = (await lc.db.collection('acct').doc('A').get()).data.bal
  const b = (await lc.db.collection('acct').doc('B').get()).data.bal
  expect(a + b).toBe(200)
  expect(a).toBe(100)
})

test('a duplicate insert inside a transaction fails at once', async () => {
  await lc.db.collection('acct').add({ data: { _id: 'taken' } })
  const err = await errorOf(
    lc.db.runTransaction(async (t: { collection(name: string): any }) => {
      await t.collection('acct').add({ data: { _id: 'taken' } })
    })
  )
  expect(String((err as { errMsg?: string }).errMsg ?? err.message)).toContain('E11000')
})

test('write times are forgotten once no open transaction can conflict on them', () => {
  const m = new TransactionManager()
  const t1 = m.begin()
  for (let i = 0; i <= 10_000; i++) m.noteWrite(`k${i}`)
  const t2 = m.begin()
  m.touch(t2, 'k5')
  m.end(t1) // t2 started after all those writes: none of them can conflict with it
  expect(m.trackedWrites).toBe(0)
  expect(m.conflictOf(t2)).toBeUndefined()
  m.noteWrite('k5')
  expect(m.conflictOf(t2)).toBe('k5')
  m.end(t2)
  expect(m.trackedWrites).toBe(0)
})
