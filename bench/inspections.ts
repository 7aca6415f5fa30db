// 督查 at a town of 60 units (56 villages with 150 households each, a quarter visited, 20 completed mock
// interviews each, and 4 other units) over 10 rounds, through the gateway's HTTP route (POST
// /api/inspections) as the app calls it: openRound (the 60 units' figures read from the counters and
// the interviews, frozen in one transaction), score per unit, closeRound, then `ranking` of the last
// round (10 rounds of scores read, ranked, the plan's lists), of the villages apart, and `history`.
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { startLocalCloud } from '../localcloud/start'
import { DEFAULT_SHEET } from '../src/core/inspections'
import { seedHouseholds } from '../tests/support/visits-seed'
import { ms, summarize } from './support/latency'

const TOWN = '基准镇'
const VILLAGES = 56
const OTHERS = [
  { name: '基准中学', type: '学校' },
  { name: '基准卫生院', type: '医院' },
  { name: '基准派出所', type: '站所' },
  { name: '基准司法所', type: '站所' }
]
const ROUNDS = 10
const HOUSEHOLDS = 150
const INTERVIEWS = 20
const CALLS = 30
const ADMIN = 'local-admin'
const INSPECTOR = 'bench-inspector'

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'pingan-bench-inspections-'))
  const cloud = await startLocalCloud({ dataDir, timers: false })
  const db = cloud.service.db
  const post = async (event: object, openid: string) => {
    const res = await fetch(`${cloud.url}/api/inspections`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': openid }, body: JSON.stringify(event) })
    const body = (await res.json()) as { ok: boolean; data: any } // eslint-disable-line @typescript-eslint/no-explicit-any
    if (!body.ok) throw new Error(`inspections.${(event as { action: string }).action} answered ${JSON.stringify(body).slice(0, 300)}`)
    return body.data
  }
  try {
    const started = performance.now()
    const villages = Array.from({ length: VILLAGES }, (_, i) => `基准${i + 1}村`)
    const made = await cloud.call('towns', { action: 'create', name: TOWN, units: villages.map((name) => ({ name, quota: 200 })) }, ADMIN)
    if (!made.ok) throw new Error(JSON.stringify(made))
    for (const u of OTHERS) await post({ action: 'saveUnit', town: TOWN, name: u.name, type: u.type }, ADMIN)
    await post({ action: 'saveSchedule', town: TOWN, schedule: { auto: false, start: '2026-09-01', end: '2026-10-31', everyDays: 10 } }, ADMIN)
    villages.forEach((village, vi) => {
      seedHouseholds(db, { town: TOWN, village, count: HOUSEHOLDS, block: vi, visitOf: (i) => (i % 4 === 0 ? { letter: true, card: i % 8 === 0, explained: true } : null) })
      db.insert(
        'survey_responses',
        Array.from({ length: INTERVIEWS }, (_, i) => ({
          _id: `bench-${vi}-${i}`,
          mode: 'interview',
          town: TOWN,
          village,
          outcome: 'completed',
          answers: { Q1: [1 + (i % 4)], Q11: [1 + (i % 5)], Q14: [1 + ((i + vi) % 5)] },
          others: {},
          respondent: null,
          cadre: 'bench',
          day: '2026-09-01',
          submittedAt: new Date()
        }))
      )
    })
    const invite = await cloud.call('user', { action: 'createInvite', role: 'inspector', town: TOWN }, ADMIN)
    await cloud.call('user', { action: 'redeemInvite', code: invite.data.code, name: '基准督查员' }, INSPECTOR)
    const units = [...villages, ...OTHERS.map((u) => u.name)]
    console.log(`seeded ${TOWN}: ${units.length} units, ${db.count('contacts')} households, ${db.count('survey_responses')} interviews in ${((performance.now() - started) / 1000).toFixed(1)} s`)

    const entered = DEFAULT_SHEET.filter((i) => i.kind === 'entered')
    const opens: number[] = []
    const closes: number[] = []
    const scores: number[] = []
    let last = ''
    for (let r = 0; r < ROUNDS; r++) {
      let t = performance.now()
      last = (await post({ action: 'openRound', town: TOWN }, ADMIN)).round
      opens.push(performance.now() - t)
      for (const [ui, unit] of units.entries()) {
        const village = ui < VILLAGES
        // Scores that move between rounds, with ties, and a problem now and then.
        const items = entered.filter((i) => village || !i.types).map((i) => ({ id: i.id, points: Math.max(0, i.points - ((ui * 7 + r * 3) % 5)) }))
        t = performance.now()
        await post({ action: 'score', round: last, unit, items, ...(ui % 9 === r % 9 ? { problems: [{ text: '横幅数量不足', dueDays: 5 }] } : {}) }, INSPECTOR)
        scores.push(performance.now() - t)
      }
      if (r < ROUNDS - 1) {
        t = performance.now()
        await post({ action: 'closeRound', round: last }, ADMIN)
        closes.push(performance.now() - t)
      }
    }
    const line = (label: string, samples: number[]) => {
      const s = summarize(samples)
      console.log(`${label}: median ${ms(s.median)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (${s.n} calls)`)
    }
    line(`inspections.openRound, ${units.length} units (figures frozen)`, opens)
    line(`inspections.score, one unit`, scores)
    line(`inspections.closeRound (tasks carried over)`, closes)

    const timed = async (label: string, event: object, openid: string) => {
      const samples: number[] = []
      for (let i = 0; i < CALLS + 3; i++) {
        const t = performance.now()
        const data = await post(event, openid)
        if (i >= 3) samples.push(performance.now() - t)
        if (i === 0 && 'rows' in data && data.rows.length === 0) throw new Error('empty ranking')
      }
      line(label, samples)
    }
    await timed(`inspections.ranking of round ${ROUNDS}, ${units.length} units × ${ROUNDS} rounds`, { action: 'ranking', round: last }, INSPECTOR)
    await timed(`inspections.ranking of round ${ROUNDS}, villages apart`, { action: 'ranking', round: last, type: '村/社区' }, INSPECTOR)
    await timed(`inspections.history, ${units.length} units × ${ROUNDS} rounds`, { action: 'history', town: TOWN }, ADMIN)
    console.log(`stored: ${db.count('inspection_scores')} score documents, ${db.count('inspection_tasks')} tasks`)
  } finally {
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
