// visits.progress at 10,000 and 100,000 households (the default town's 23 villages, a quarter of the
// households visited), through the gateway's HTTP route (POST /api/visits) as the app calls it: a town
// admin's every-village view, a town admin's one village with its cadres' rows, a cadre's own view.
// The village rows come from the counters only, so they stay flat as households grow; a cadre's row
// is four count queries over the households they hold.
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { startLocalCloud } from '../localcloud/start'
import { DEFAULT_TOWN } from '../src/core/towns'
import { VILLAGES } from '../src/core/villages'
import { seedHouseholds } from '../tests/support/visits-seed'
import { ms, summarize } from './support/latency'

const SIZES = [10_000, 100_000]
const CALLS = 50
/** Cadres per village, holding two thirds of its households between them. */
const CADRES_PER_VILLAGE = 5
const ADMIN = 'bench-town-admin'

async function runAt(households: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pingan-bench-visits-'))
  const cloud = await startLocalCloud({ dataDir, timers: false })
  const db = cloud.service.db
  try {
    const started = performance.now()
    const setup = await cloud.call('setup', { action: 'init' }, 'local-admin')
    if (!setup.ok) throw new Error(JSON.stringify(setup))
    db.insert('users', { _id: ADMIN, role: 'townAdmin', town: DEFAULT_TOWN, village: null, name: '镇管理员', invite: 'BENCH', since: new Date(), revokedAt: null })
    const per = Math.floor(households / VILLAGES.length)
    let firstCadre = ''
    VILLAGES.forEach((v, vi) => {
      const count = vi === VILLAGES.length - 1 ? households - per * (VILLAGES.length - 1) : per
      const cadres = Array.from({ length: CADRES_PER_VILLAGE }, (_, c) => `bench-cadre-${vi}-${c}`)
      for (const openid of cadres) db.insert('users', { _id: openid, role: 'cadre', town: DEFAULT_TOWN, village: v.name, name: openid, invite: 'BENCH', since: new Date(), revokedAt: null })
      if (!firstCadre) firstCadre = cadres[0]
      seedHouseholds(db, {
        town: DEFAULT_TOWN,
        village: v.name,
        count,
        block: vi,
        ownerOf: (i) => (i % 3 === 2 ? null : cadres[i % CADRES_PER_VILLAGE]),
        visitOf: (i) => (i % 4 === 0 ? { letter: i % 8 === 0, card: i % 12 === 0, explained: true } : null)
      })
    })
    console.log(`seeded ${db.count('contacts')} households in ${VILLAGES.length} villages, ${db.count('visit_counters')} visit counters in ${((performance.now() - started) / 1000).toFixed(1)} s`)

    const views: [string, string, object][] = [
      ['a town admin, every village', ADMIN, {}],
      ['a town admin, one village + its cadres', ADMIN, { village: VILLAGES[0].name }],
      ['a cadre, their village + their row', firstCadre, {}]
    ]
    for (const [label, openid, event] of views) {
      const post = async () => {
        const res = await fetch(`${cloud.url}/api/visits`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': openid }, body: JSON.stringify({ action: 'progress', ...event }) })
        const body = (await res.json()) as { ok: boolean; data: { total: { households: number; visited: number } } }
        if (!body.ok || body.data.total.visited === 0) throw new Error(`visits.progress answered ${JSON.stringify(body).slice(0, 200)}`)
      }
      const latencies: number[] = []
      for (let i = 0; i < CALLS + 5; i++) {
        const t = performance.now()
        await post()
        if (i >= 5) latencies.push(performance.now() - t)
      }
      const s = summarize(latencies)
      console.log(`visits.progress at ${households.toLocaleString('en')} households, ${label}: median ${ms(s.median)}  p99 ${ms(s.p99)}  (${s.n} calls)`)
    }
  } finally {
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function main() {
  for (const size of SIZES) await runAt(size)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
