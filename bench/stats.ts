// stats.villages latency with 10,000, 100,000 and 1,000,000 contacts in the local database.
// It reads the villages and their counters, never the contacts, so it must stay flat.
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { startLocalCloud } from '../localcloud/start'
import { DEFAULT_TOWN, unitKey } from '../src/core/towns'
import { VILLAGE_NAMES } from '../src/core/villages'
import { ms, summarize } from './support/latency'

const SIZES = [10_000, 100_000, 1_000_000]
const CALLS = 50
const BATCH = 50_000

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'pingan-bench-stats-'))
  const cloud = await startLocalCloud({ dataDir, timers: false })
  const db = cloud.service.db
  const medians: number[] = []
  let stored = 0
  try {
    for (const size of SIZES) {
      // Contacts straight into the database in large transactions, counters kept equal to them.
      const started = performance.now()
      while (stored < size) {
        const n = Math.min(BATCH, size - stored)
        db.insert(
          'contacts',
          Array.from({ length: n }, (_, i) => {
            const k = stored + i
            return { town: DEFAULT_TOWN, village: VILLAGE_NAMES[k % VILLAGE_NAMES.length], name: `居民${k}`, phone: String(13000000000 + k), createdBy: `cadre-${k % 200}` }
          })
        )
        stored += n
      }
      for (const v of VILLAGE_NAMES) {
        const registered = db.count('contacts', { village: v })
        db.modify('village_counters', { filter: { _id: unitKey(DEFAULT_TOWN, v) }, update: { $set: { town: DEFAULT_TOWN, village: v, registered } }, multi: false, merge: true, upsert: true }, Date.now())
      }
      const seeded = ((performance.now() - started) / 1000).toFixed(1)
      const latencies: number[] = []
      for (let i = 0; i < CALLS + 5; i++) {
        const t = performance.now()
        const res = (await cloud.call('stats', { action: 'villages' }, 'local-admin')) as { ok: boolean; data: { total: { registered: number } } }
        if (!res.ok || res.data.total.registered !== size) throw new Error(`stats.villages answered ${JSON.stringify(res).slice(0, 200)}`)
        if (i >= 5) latencies.push(performance.now() - t)
      }
      const s = summarize(latencies)
      medians.push(s.median)
      console.log(`stats.villages with ${String(size).padStart(9)} contacts: median ${ms(s.median)}  p99 ${ms(s.p99)}  (seeded in ${seeded} s)`)
    }
    console.log(`  largest ÷ smallest median: ${(medians[medians.length - 1] / medians[0]).toFixed(2)} (aim: under 2)`)
  } finally {
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
