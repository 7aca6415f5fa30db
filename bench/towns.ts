// towns.ranking (the county's view) with 30 towns and 600 villages, and 100,000 contacts with their
// counters, through the gateway's HTTP route (POST /api/towns) as the app calls it; then the daily
// timer's round of every town and of the county. The ranking reads the units and the counters in
// pages, never the contacts.
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { startLocalCloud } from '../localcloud/start'
import { DEFAULT_TOWN, seedContent, unitKey } from '../src/core/towns'
import { VILLAGES } from '../src/core/villages'
import { ms, summarize } from './support/latency'

const TOWNS = 30
const VILLAGES_IN_COUNTY = 600
const CONTACTS = 100_000
const CALLS = 50
const ROUNDS = 3

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'pingan-bench-towns-'))
  const cloud = await startLocalCloud({ dataDir, timers: false })
  const db = cloud.service.db
  try {
    const started = performance.now()
    // The default town has its 23 villages; 29 more towns share the other 577.
    const villages: { town: string; name: string; quota: number }[] = VILLAGES.map((v) => ({ town: DEFAULT_TOWN, name: v.name, quota: v.quota }))
    const others = VILLAGES_IN_COUNTY - villages.length
    for (let t = 1; t < TOWNS; t++) {
      const town = `第${t}镇`
      db.insert('towns', { _id: town, name: town, order: t, ...seedContent(), createdAt: new Date(), createdBy: 'bench', updatedAt: null })
      const count = Math.floor((others * t) / (TOWNS - 1)) - Math.floor((others * (t - 1)) / (TOWNS - 1))
      const units = Array.from({ length: count }, (_, i) => ({ town, name: `村${i + 1}`, quota: 150 + ((t * 37 + i * 53) % 250) }))
      db.insert('villages', units.map((u, i) => ({ _id: unitKey(u.town, u.name), ...u, order: i, type: '村/社区', active: true })))
      villages.push(...units)
    }
    // Contacts spread unevenly over the villages, each with its town; the counters are a recount.
    const batch = 20_000
    for (let done = 0; done < CONTACTS; done += batch) {
      db.insert(
        'contacts',
        Array.from({ length: batch }, (_, i) => {
          const k = done + i
          const v = villages[(k * 7919) % villages.length]
          return { town: v.town, village: v.name, name: `居民${k}`, phone: String(13000000000 + k), createdBy: `cadre-${k % 900}` }
        })
      )
    }
    const counts = db.aggregate('contacts', [{ $group: { _id: { town: '$town', village: '$village' }, n: { $sum: 1 } } }])
    db.insert(
      'village_counters',
      counts.map((c) => {
        const { town, village } = c._id as { town: string; village: string }
        return { _id: unitKey(town, village), town, village, registered: c.n }
      })
    )
    console.log(
      `seeded ${TOWNS} towns, ${db.count('villages')} villages, ${db.count('contacts')} contacts, ${db.count('village_counters')} counters in ${((performance.now() - started) / 1000).toFixed(1)} s`
    )

    const post = async () => {
      const res = await fetch(`${cloud.url}/api/towns`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': 'local-admin' }, body: '{"action":"ranking"}' })
      const body = (await res.json()) as { ok: boolean; data: { rows: unknown[]; total: { registered: number } } }
      if (!body.ok || body.data.rows.length !== TOWNS || body.data.total.registered !== CONTACTS) throw new Error(`towns.ranking answered ${JSON.stringify(body).slice(0, 200)}`)
    }
    const latencies: number[] = []
    for (let i = 0; i < CALLS + 5; i++) {
      const t = performance.now()
      await post()
      if (i >= 5) latencies.push(performance.now() - t)
    }
    const s = summarize(latencies)
    console.log(`towns.ranking, ${TOWNS} towns / ${VILLAGES_IN_COUNTY} villages, through POST /api/towns: median ${ms(s.median)}  p99 ${ms(s.p99)}  (${s.n} calls)`)

    const rounds: number[] = []
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now()
      const res = (await cloud.gateway.runner.invoke({ name: 'stats', event: { Type: 'Timer', TriggerName: 'dailySnapshot' }, openid: '', source: 'wx_trigger' })) as { ok: boolean; data: { towns: number } }
      if (!res.ok || res.data.towns !== TOWNS) throw new Error(`the timer answered ${JSON.stringify(res).slice(0, 200)}`)
      rounds.push(performance.now() - t)
    }
    const r = summarize(rounds)
    console.log(`the daily round (stats timer): ${TOWNS} town rounds, ${VILLAGES_IN_COUNTY} village_stats, the county round and ${TOWNS} town_stats: median ${ms(r.median)} (${r.n} runs)`)
  } finally {
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
