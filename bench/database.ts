/**
 * Benchmark of the emulator through the unchanged SDK (numbers go into README.md):
 *   npm run bench -- database   (or: node --import tsx bench/database.ts [--docs 100000] [--concurrency 1] [--big 1000000])
 * `--docs`: adds made one document per SDK call (`--concurrency` calls in flight; 1 = strictly
 * one after the other), then group-by count and counts through the SDK. `--big`: also seeds that
 * many documents with the admin API and measures counts/aggregations on them.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import { startDatabaseServer } from '../localcloud/db/server'
import { LocalDatabase } from '../localcloud/db/database'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6

async function timed<T>(label: string, fn: () => Promise<T> | T, repeat = 1): Promise<T> {
  const times: number[] = []
  let result: T | undefined
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint()
    result = await fn()
    times.push(ms(t0))
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)]
  console.log(`${label}: ${median.toFixed(1)} ms${repeat > 1 ? ` (median of ${repeat})` : ''}`)
  return result as T
}

const doc = (i: number): Record<string, unknown> => ({ district: `d${i % 10}`, score: i % 100, openid: `o${i}`, done: i % 3 === 0 })

async function main(): Promise<void> {
  const docs = arg('--docs', 100_000)
  const concurrency = arg('--concurrency', 16)
  const big = arg('--big', 0)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-bench-'))
  const server = await startDatabaseServer({ dataDir })
  server.db.ensureCollection('bench')
  process.env.TENCENTCLOUD = 'true'
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk')
  cloud.init({ env: 'local', serviceUrl: server.url, secretId: 'x', secretKey: 'x' })
  const db = cloud.database()
  const $ = db.command.aggregate
  console.log(`node ${process.version}, ${os.cpus().length} cpus, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`)

  let next = 0
  const t0 = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < docs) {
        const i = next++
        await db.collection('bench').add({ data: { ...doc(i), at: db.serverDate() } })
      }
    })
  )
  const total = ms(t0)
  console.log(`${docs} adds via SDK, concurrency ${concurrency}: ${(total / 1000).toFixed(1)} s, ${(total / docs).toFixed(3)} ms/add, ${Math.round((docs / total) * 1000)} adds/s`)

  const groupBy = (): Promise<unknown> => db.collection('bench').aggregate().group({ _id: '$district', n: $.sum(1) }).sort({ _id: 1 }).limit(100).end()
  const groups = (await timed(`group-by count via SDK aggregate (${docs} docs)`, groupBy, 5)) as { list: unknown[] }
  console.log(`  -> ${groups.list.length} groups`)
  await timed('match+group via SDK aggregate', () => db.collection('bench').aggregate().match({ done: true }).group({ _id: '$district', avg: $.avg('$score') }).limit(100).end(), 5)
  await timed('count({district}) via SDK, no index', () => db.collection('bench').where({ district: 'd3' }).count(), 5)
  server.db.ensureIndex('bench', ['district'])
  await timed('count({district}) via SDK, indexed', () => db.collection('bench').where({ district: 'd3' }).count(), 5)
  await timed('get where+orderBy+limit(100) via SDK', () => db.collection('bench').where({ district: 'd3' }).orderBy('score', 'desc').limit(100).get(), 5)

  if (big > 0) {
    const bulk = server.db
    await timed(`admin insert ${big} docs (batches of 10,000, one SQLite transaction each)`, () => {
      for (let at = 0; at < big; at += 10_000) {
        bulk.insert('big', Array.from({ length: Math.min(10_000, big - at) }, (_, k) => doc(at + k)))
      }
    })
    await timed('count({district}) via SDK, 1 field, no index', () => db.collection('big').where({ district: 'd3' }).count(), 3)
    await timed('ensureIndex(big, [district])', () => bulk.ensureIndex('big', ['district']))
    await timed('count({district}) via SDK, indexed', () => db.collection('big').where({ district: 'd3' }).count(), 5)
    await timed('count({district, done}) via SDK (index + filter)', () => db.collection('big').where({ district: 'd3', done: true }).count(), 5)
    await timed(`group-by count via SDK aggregate (${big} docs, SQL)`, () => db.collection('big').aggregate().group({ _id: '$district', n: $.sum(1) }).limit(100).end(), 3)
    await timed('get where(indexed)+limit(100) via SDK', () => db.collection('big').where({ district: 'd7' }).limit(100).get(), 5)
    await timed('get where+orderBy(unindexed)+limit(100) via SDK', () => db.collection('big').where({ district: 'd7' }).orderBy('score', 'desc').limit(100).get(), 3)
    await timed('aggregate forced through JS (unwind-free $addFields first), 1 group', () =>
      db.collection('big').aggregate().match({ district: 'd1' }).addFields({ k: 1 }).group({ _id: '$k', n: $.sum(1) }).end()
    )
  }
  const size = fs.readdirSync(dataDir).reduce((s, f) => s + fs.statSync(path.join(dataDir, f)).size, 0)
  await server.close()
  await timed('reopen + count(bench)', () => {
    const reopened = new LocalDatabase({ dataDir })
    const n = reopened.count('bench')
    reopened.close()
    return n
  })
  console.log(`data folder: ${(size / 1e6).toFixed(1)} MB; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
  fs.rmSync(dataDir, { recursive: true, force: true })
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
