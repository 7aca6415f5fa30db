/**
 * runTransaction / startTransaction: snapshot isolation with first-writer-wins, as in the cloud's
 * MongoDB: reads see the transaction's snapshot, a write to a document another transaction holds
 * (or committed after the snapshot) is refused at the write; retries by `server/lib/data.ts`.
 */
import { TransactionManager, docKey } from '../../localcloud/db/transactions'
import { isTransactionConflict, transaction } from '../../server/lib/data'
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
    transaction(lc.db, async (t: { collection(name: string): any }) => {
      const attempt = ++attempts
      const { data } = await t.collection('acct').doc('shared').get()
      if (attempt <= 2) await bothRead() // first attempts both read n=0 before either writes
      await t.collection('acct').doc('shared').update({ data: { n: data.n + 1 } })
      return data.n
    })
  await Promise.all([bump(), bump()])
  expect((await lc.db.collection('acct').doc('shared').get()).data.n).toBe(2)
  expect(attempts).toBeGreaterThanOrEqual(3) // the second writer was refused and tried again
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

test('a plain write to a document a transaction wrote makes its commit conflict', async () => {
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

test('transaction() retries past a conflicting plain write and ends consistent', async () => {
  await lc.db.collection('acct').add({ data: { _id: 'retry', n: 10 } })
  let attempts = 0
  await transaction(lc.db, async (t: { collection(name: string): any }) => {
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
    transaction(lc.db, async (t: { collection(name: string): any }) => {
      const a = (await t.collection('acct').doc(from).get()).data
      const b = (await t.collection('acct').doc(to).get()).data
      await t.collection('acct').doc(from).update({ data: { bal: a.bal - 1 } })
      await t.collection('acct').doc(to).update({ data: { bal: b.bal + 1 } })
    })
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

test('a write to a document another open transaction wrote is refused at the write, as the cloud does', async () => {
  await lc.db.collection('acct').add({ data: { _id: 'held', n: 0 } })
  const first = await lc.db.startTransaction()
  await first.collection('acct').doc('held').update({ data: { n: 1 } })
  const second = await lc.db.startTransaction()
  expect((await second.collection('acct').doc('held').get()).data.n).toBe(0) // the committed state
  const err = await errorOf(second.collection('acct').doc('held').update({ data: { n: 2 } }))
  expect(err.errCode).toBe(-501001) // how the SDK surfaces a failed write inside a transaction
  expect(isTransactionConflict(err)).toBe(true)
  // The loser is finished: its commit reports the conflict too (so runTransaction would retry it).
  expect(await errorOf(second.commit())).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
  await first.commit()
  expect((await lc.db.collection('acct').doc('held').get()).data.n).toBe(1)
})

test('a write to a document committed by another after this transaction\'s snapshot is refused at the write', async () => {
  await lc.db.collection('acct').add({ data: [{ _id: 'snapA', n: 0 }, { _id: 'snapB', n: 0 }] })
  const t = await lc.db.startTransaction()
  await t.collection('acct').doc('snapA').get() // the snapshot is taken here
  await lc.db.runTransaction(async (other: { collection(name: string): any }) => {
    await other.collection('acct').doc('snapB').update({ data: { n: 5 } })
  })
  const err = await errorOf(t.collection('acct').doc('snapB').update({ data: { n: 1 } }))
  expect(isTransactionConflict(err)).toBe(true)
  await t.rollback()
  expect((await lc.db.collection('acct').doc('snapB').get()).data.n).toBe(5)
})

test('a runTransaction whose write is refused throws the conflict; transaction() retries it once the holder is done', async () => {
  await lc.db.collection('acct').add({ data: { _id: 'queue', n: 0 } })
  const holder = await lc.db.startTransaction()
  await holder.collection('acct').doc('queue').update({ data: { n: lc.db.command.inc(1) } })
  const sdkOnly = await errorOf(
    lc.db.runTransaction(async (t: { collection(name: string): any }) => {
      await t.collection('acct').doc('queue').update({ data: { n: lc.db.command.inc(10) } })
    })
  )
  expect(isTransactionConflict(sdkOnly)).toBe(true) // the SDK retries only a conflicting COMMIT
  let attempts = 0
  const ours = transaction(lc.db, async (t: { collection(name: string): any }) => {
    attempts++
    await t.collection('acct').doc('queue').update({ data: { n: lc.db.command.inc(100) } })
  })
  await new Promise((r) => setTimeout(r, 30))
  await holder.commit()
  await ours
  expect(attempts).toBeGreaterThan(1)
  expect((await lc.db.collection('acct').doc('queue').get()).data.n).toBe(101)
})

test('reads inside a transaction see its snapshot, not later commits of others', async () => {
  await lc.db.collection('acct').add({ data: [{ _id: 'view1', n: 1, tag: 'view' }, { _id: 'view2', n: 2, tag: 'view' }] })
  const t = await lc.db.startTransaction()
  expect((await t.collection('acct').doc('view1').get()).data.n).toBe(1)
  await lc.db.collection('acct').doc('view1').update({ data: { n: 100 } })
  await lc.db.collection('acct').doc('view2').remove()
  await lc.db.collection('acct').add({ data: { _id: 'view3', n: 3, tag: 'view' } })
  expect((await t.collection('acct').doc('view1').get()).data.n).toBe(1)
  expect((await t.collection('acct').doc('view2').get()).data.n).toBe(2)
  await expect(t.collection('acct').doc('view3').get()).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') })
  const seen = (await t.collection('acct').where({ tag: 'view' }).orderBy('_id', 'asc').get()).data
  expect(seen.map((d: { _id: string; n: number }) => [d._id, d.n])).toEqual([['view1', 1], ['view2', 2]])
  // Its own writes are layered over the snapshot.
  await t.collection('acct').add({ data: { _id: 'view4', n: 4, tag: 'view' } })
  expect((await t.collection('acct').where({ tag: 'view', n: lc.db.command.lt(5) }).get()).data.map((d: { _id: string }) => d._id).sort()).toEqual(['view1', 'view2', 'view4'])
  // Reading documents others changed is no conflict (snapshot isolation): the commit succeeds.
  await t.commit()
  expect((await lc.db.collection('acct').where({ tag: 'view' }).count()).total).toBe(3)
  expect((await lc.db.collection('acct').doc('view1').get()).data.n).toBe(100)
})

test('a document written by someone else after startTransaction but before the transaction reads it does not fail the commit', async () => {
  await lc.db.collection('acct').add({ data: { _id: 'early', n: 0 } })
  const t = await lc.db.startTransaction()
  await lc.db.collection('acct').doc('early').update({ data: { n: lc.db.command.inc(1) } })
  const { data } = await t.collection('acct').doc('early').get()
  expect(data.n).toBe(1)
  await t.collection('acct').doc('early').update({ data: { n: data.n + 10 } })
  await t.commit()
  expect((await lc.db.collection('acct').doc('early').get()).data.n).toBe(11)
})

test('under load, runTransaction does not fail because of writes made between its start and its first read', async () => {
  await lc.db.collection('acct').add({ data: { _id: 'busy', n: 0 } })
  let stop = false
  // Plain increments keep landing on the document, never while a transaction holds it.
  const writer = (async () => {
    while (!stop) await lc.db.collection('acct').doc('busy').update({ data: { plain: lc.db.command.inc(1) } })
  })()
  let attempts = 0
  for (let i = 0; i < 10; i++) {
    await lc.db.runTransaction(async (t: { collection(name: string): any }) => {
      attempts++
      await new Promise((r) => setTimeout(r, 5)) // plain writes land after startTransaction
      const { data } = await t.collection('acct').doc('busy').get()
      await t.collection('acct').doc('log').set({ data: { seen: data.plain } })
    }, 1)
  }
  stop = true
  await writer
  expect(attempts).toBe(10)
})

test('history of versions is forgotten once no open transaction can read it', () => {
  const m = new TransactionManager()
  const t1 = m.begin()
  m.snapshotOf(t1)
  for (let i = 0; i <= 1000; i++) m.noteWrite('c', `k${i}`, { _id: `k${i}`, v: 0 })
  const t2 = m.begin()
  m.snapshotOf(t2)
  m.end(t1) // t2's snapshot is after all those writes: none of their old versions can be read
  expect(m.historySize).toBe(0)
  m.noteWrite('c', 'k5', { _id: 'k5', v: 1 })
  expect(m.versionAt('c', docKey('c', 'k5'), m.snapshotOf(t2))).toEqual({ changed: true, doc: { _id: 'k5', v: 1 } })
  m.end(t2)
  expect(m.historySize).toBe(0)
})
