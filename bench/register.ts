// contacts.register through the gateway (POST /api/contacts with x-openid), 20 cadres at once:
// median and p99 latency and throughput, first with 20 villages (no shared counter), then with one
// village (all 20 raise the same village counter). A local cloud in a temporary folder, loopback only.
import { mkdtempSync, rmSync } from 'fs'
import { Agent, request } from 'http'
import { tmpdir } from 'os'
import { join } from 'path'
import { VILLAGES } from '../src/core/villages'
import { startLocalCloud, type LocalCloud } from '../localcloud/start'
import { summarize } from './support/latency'

const CADRES = 20
const PER_CADRE = 30
/** The whole run stops here whatever happens. */
const TIME_LIMIT_MS = 180_000

const agent = new Agent({ keepAlive: true, maxSockets: 64 })

function post(url: string, event: object, openid: string): Promise<{ ok: boolean; code?: string }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(event)
    const req = request(
      `${url}/api/contacts`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-openid': openid, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = ''
        res.on('data', (c) => (text += c))
        res.on('end', () => {
          try {
            resolve(JSON.parse(text))
          } catch (error) {
            reject(error)
          }
        })
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

async function makeCadre(cloud: LocalCloud, openid: string, village: string): Promise<void> {
  const invite = await cloud.call('user', { action: 'createInvite', village, maxUses: 1 }, 'local-admin')
  const res = await cloud.call('user', { action: 'redeemInvite', code: invite.data.code, name: `干部${openid}` }, openid)
  if (!res.ok) throw new Error(JSON.stringify(res))
}

async function scenario(cloud: LocalCloud, label: string, villageOf: (i: number) => string, block: number, deadline: number, count = CADRES): Promise<void> {
  const cadres = Array.from({ length: count }, (_, i) => `bench-${block}-${i}`)
  for (const [i, c] of cadres.entries()) await makeCadre(cloud, c, villageOf(i))
  const latencies: number[] = []
  const failures = new Map<string, number>()
  const started = performance.now()
  await Promise.all(
    cadres.map(async (openid, c) => {
      for (let k = 0; k < PER_CADRE && Date.now() < deadline; k++) {
        // 1 + block + cadre + serial: distinct valid mobile numbers (139…).
        const phone = `139${String(block).padStart(2, '0')}${String(c).padStart(2, '0')}${String(k).padStart(4, '0')}`
        const t = performance.now()
        const res = await post(cloud.url, { action: 'register', name: `居民${c}-${k}`, phone, consent: true }, openid)
        latencies.push(performance.now() - t)
        if (!res.ok) failures.set(res.code ?? '?', (failures.get(res.code ?? '?') ?? 0) + 1)
      }
    })
  )
  const seconds = (performance.now() - started) / 1000
  const figures = summarize(latencies)
  const failed = [...failures].map(([code, n]) => `${code} ${n}`).join(', ') || 'none'
  console.log(
    `  ${label.padEnd(34)} ${String(latencies.length).padStart(5)} calls  median ${figures.median.toFixed(1)} ms  p99 ${figures.p99.toFixed(1)} ms  ${(latencies.length / seconds).toFixed(0)} registrations/s  failed: ${failed}`
  )
}

/** Counters against a recount, read straight from the local database. */
function drift(cloud: LocalCloud): number {
  const db = cloud.service.db
  let off = 0
  // The rule of tests/fixtures counterDrift: a village counter counts its town's village; a cadre counter
  // the households the cadre holds in the town and village it names.
  for (const c of db.find('village_counters')) if (db.count('contacts', { town: c.town, village: c.village }) !== c.registered) off++
  for (const c of db.find('cadre_counters')) if ((c.village ? db.count('contacts', { owner: c._id, town: c.town, village: c.village }) : 0) !== c.registered) off++
  return off
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pingan-bench-register-'))
  const cloud = await startLocalCloud({ dataDir, host: '127.0.0.1', port: 0 })
  const deadline = Date.now() + TIME_LIMIT_MS
  try {
    console.log(`contacts.register: ${CADRES} cadres at once, ${PER_CADRE} registrations each, through POST /api/contacts`)
    // Warm-up: every worker loads the function once.
    await makeCadre(cloud, 'bench-warm', '云集')
    await Promise.all(Array.from({ length: 12 }, (_, i) => post(cloud.url, { action: 'list' }, 'bench-warm').then(() => i)))
    await scenario(cloud, 'one cadre alone (latency floor)', () => '新桥', 3, deadline, 1)
    await scenario(cloud, '20 villages, one cadre each', (i) => VILLAGES[i].name, 1, deadline)
    await scenario(cloud, 'one village, 20 cadres', () => '东屋', 2, deadline)
    const off = drift(cloud)
    console.log(`  counters against a recount: ${off === 0 ? 'all equal' : `${off} differ`}`)
    if (Date.now() > deadline) console.log(`  (stopped at the ${TIME_LIMIT_MS / 1000} s limit)`)
  } finally {
    agent.destroy()
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
