// 100,000 inserts through the unchanged wx-server-sdk into the local cloud database, then a group-by count.
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { startDatabaseServer } from '../localcloud/db'
import { VILLAGE_NAMES } from '../src/core/villages'
import { ms, runConcurrent, summarize } from './stats-util'

const DOCS = 100_000
const CONCURRENCY = 16

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'pingan-bench-db-'))
  const server = await startDatabaseServer({ dataDir, autoCreateCollections: false })
  server.db.ensureCollection('bench_contacts')
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: server.url })
  process.env.TENCENTCLOUD_SECRETID = 'local'
  process.env.TENCENTCLOUD_SECRETKEY = 'local'
  process.env.TENCENTCLOUD = 'true'
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  const db = cloud.database()
  const $ = db.command.aggregate
  try {
    const started = performance.now()
    const latencies = await runConcurrent(DOCS, CONCURRENCY, async (i) => {
      await db.collection('bench_contacts').add({
        data: { village: VILLAGE_NAMES[i % VILLAGE_NAMES.length], phone: String(13800000000 + i), registeredAt: new Date() }
      })
    })
    const seconds = (performance.now() - started) / 1000
    const s = summarize(latencies)
    console.log(`database: ${DOCS} inserts via the SDK, ${CONCURRENCY} in flight: ${seconds.toFixed(1)} s, ${(DOCS / seconds).toFixed(0)} inserts/s, median ${ms(s.median)}, p99 ${ms(s.p99)}`)

    for (let round = 1; round <= 3; round++) {
      const t = performance.now()
      const res = await db.collection('bench_contacts').aggregate().group({ _id: '$village', n: $.sum(1) }).sort({ _id: 1 }).limit(100).end()
      const total = res.list.reduce((sum: number, row: { n: number }) => sum + row.n, 0)
      console.log(`  group-by count over ${total} docs into ${res.list.length} villages: ${ms(performance.now() - t)} (run ${round})`)
    }
    const t = performance.now()
    const { total } = await db.collection('bench_contacts').where({ village: '云集' }).count()
    console.log(`  count where village = 云集 (${total}): ${ms(performance.now() - t)}`)
  } finally {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
