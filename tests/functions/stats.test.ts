import { TOTAL_QUOTA, VILLAGES } from '../../src/core/villages'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
})
afterAll(async () => {
  await cloud.close()
})

const stats = (event: object, openid = ADMIN) => cloud.call('stats', event, openid)

/**
 * Registers contacts straight into the local database (fast enough for tens of thousands) and sets
 * the maintained counters from an aggregation over them, as the contacts function keeps them.
 */
function seedContacts(perVillage: Map<string, number>, cadreOf: (village: string, i: number) => string): void {
  const db = cloud.service.db
  db.ensureCollection('contacts')
  db.ensureCollection('village_counters')
  db.ensureCollection('cadre_counters')
  let serial = 0
  for (const [village, n] of perVillage) {
    const docs = Array.from({ length: n }, (_, i) => ({ village, createdBy: cadreOf(village, i), phone: String(13000000000 + serial++) }))
    db.insert('contacts', docs)
  }
  const byVillage = db.aggregate('contacts', [{ $group: { _id: '$village', n: { $sum: 1 } } }])
  for (const row of byVillage) db.modify('village_counters', { filter: { _id: row._id }, update: { $set: { village: row._id, registered: row.n } }, multi: false, merge: true, upsert: true }, Date.now())
  const byCadre = db.aggregate('contacts', [{ $group: { _id: '$createdBy', village: { $first: '$village' }, n: { $sum: 1 } } }])
  for (const row of byCadre) {
    db.modify('cadre_counters', { filter: { _id: row._id }, update: { $set: { openid: row._id, name: `干部${row._id}`, village: row.village, registered: row.n } }, multi: false, merge: true, upsert: true }, Date.now())
  }
}

describe('at the start of the campaign', () => {
  it('every village has its 附件3 quota, nothing registered, nobody flagged', async () => {
    const res = await stats({ action: 'villages' })
    expect(res.ok).toBe(true)
    expect(res.data.total).toEqual({ quota: TOTAL_QUOTA, registered: 0, rate: 0 })
    expect(res.data.rows.map((r: { village: string; quota: number }) => [r.village, r.quota])).toEqual(VILLAGES.map((v) => [v.name, v.quota]))
    expect(res.data.rows.every((r: { rank: number; flag: null }) => r.rank === 1 && r.flag === null)).toBe(true)
    expect(res.data.previousRound).toBeNull()
  })
})

describe('with more than 35,000 contacts', () => {
  const perVillage = new Map(VILLAGES.map((v, i) => [v.name as string, 1500 + i * 17]))
  // 云集 gets none, to check a village with no contacts.
  perVillage.set('云集', 0)
  beforeAll(() => {
    seedContacts(perVillage, (village, i) => `${village}-cadre-${i % 4}`)
  }, 60_000)

  it('every figure equals a recount, none capped by the read limits', async () => {
    const expectedTotal = [...perVillage.values()].reduce((a, b) => a + b, 0)
    expect(expectedTotal).toBeGreaterThan(35_000)
    expect(cloud.count('contacts')).toBe(expectedTotal)
    const res = await stats({ action: 'villages' })
    expect(res.data.total.registered).toBe(expectedTotal)
    expect(res.data.total.quota).toBe(TOTAL_QUOTA)
    for (const row of res.data.rows) {
      expect(row.registered).toBe(cloud.count('contacts', { village: row.village }))
      expect(row.rate).toBeCloseTo(row.registered / row.quota, 12)
    }
    const yunji = res.data.rows.find((r: { village: string }) => r.village === '云集')
    expect(yunji).toMatchObject({ registered: 0, rate: 0, rank: 23, flag: 'bottom' })
    // Rates pass 100% (1,500+ against quotas of 200–350) and rank strictly by rate.
    const rates = res.data.rows.map((r: { rate: number }) => r.rate)
    expect(rates.filter((r: number) => r > 1)).toHaveLength(22)
    expect([...rates].sort((a, b) => b - a)).toEqual(rates)
    expect(res.data.rows.filter((r: { flag: string }) => r.flag === 'top')).toHaveLength(5)
    expect(res.data.rows.filter((r: { flag: string }) => r.flag === 'bottom')).toHaveLength(3)
  })

  it('per-cadre counts of a village add up to the village', async () => {
    const res = await stats({ action: 'cadres', village: '新塘站' })
    expect(res.data.rows).toHaveLength(4)
    expect(res.data.rows.reduce((s: number, r: { registered: number }) => s + r.registered, 0)).toBe(perVillage.get('新塘站'))
  })

  it('ties share a rank: two villages with the same rate', async () => {
    // 毛塘 and 响鼓岭 both have quota 200; give them equal registrations.
    cloud.service.update('village_counters', '毛塘', { registered: 3000 })
    cloud.service.update('village_counters', '响鼓岭', { registered: 3000 })
    const rows = (await stats({ action: 'villages' })).data.rows
    const a = rows.find((r: { village: string }) => r.village === '毛塘')
    const b = rows.find((r: { village: string }) => r.village === '响鼓岭')
    expect(a.rank).toBe(b.rank)
    expect(rows[rows.indexOf(a) + 2].rank).toBe(a.rank + 2)
  })

  it('a quota edited mid-campaign changes the rate and the rank, and is audited', async () => {
    const before = (await stats({ action: 'villages' })).data.rows.find((r: { village: string }) => r.village === '东屋')
    const audits = cloud.count('audit_log', { action: 'stats.setQuota' })
    const res = await stats({ action: 'setQuota', village: '东屋', quota: 10_000 })
    expect(res).toEqual({ ok: true, data: { village: '东屋', quota: 10_000, previous: 350 } })
    const after = (await stats({ action: 'villages' })).data.rows.find((r: { village: string }) => r.village === '东屋')
    expect(after.rate).toBeCloseTo(before.registered / 10_000, 12)
    expect(after.rank).toBeGreaterThan(before.rank)
    expect(cloud.count('audit_log', { action: 'stats.setQuota' })).toBe(audits + 1)
    expect((await stats({ action: 'villages' })).data.total.quota).toBe(TOTAL_QUOTA - 350 + 10_000)
  })
})

describe('inspection rounds', () => {
  it('the timer writes a snapshot with no user; a second one the same day replaces it', async () => {
    const timer = () => cloud.gateway.runner.invoke({ name: 'stats', event: { Type: 'Timer', TriggerName: 'dailySnapshot' }, openid: '', source: 'wx_trigger' }) as Promise<any> // eslint-disable-line @typescript-eslint/no-explicit-any
    const first = await timer()
    expect(first.ok).toBe(true)
    expect(first.data.villages).toBe(23)
    expect(cloud.count('stat_snapshots')).toBe(1)
    expect(cloud.count('village_stats')).toBe(23)
    await timer()
    expect(cloud.count('stat_snapshots')).toBe(1)
    expect(cloud.count('village_stats')).toBe(23)
    const [snapshot] = cloud.service.db.find('stat_snapshots', {})
    expect(snapshot).toMatchObject({ _id: first.data.day, takenBy: 'timer' })
  })

  it('a client cannot pass itself off as the timer', async () => {
    const res = await cloud.call('stats', { Type: 'Timer', TriggerName: 'dailySnapshot' }, 'resident-1')
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(await stats({ action: 'snapshot' }, 'resident-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('the ranking shows the change since the previous round; rounds list the history', async () => {
    cloud.service.update('village_counters', '新桥', { registered: 9999 })
    const res = await stats({ action: 'villages' })
    const xinqiao = res.data.rows.find((r: { village: string }) => r.village === '新桥')
    expect(res.data.previousRound).toMatchObject({ takenBy: 'timer' })
    expect(xinqiao.change.registered).toBe(9999 - (1500 + 21 * 17))
    expect(xinqiao.change.rank).toBeGreaterThan(0)
    const rounds = await stats({ action: 'rounds', village: '新桥' })
    expect(rounds.data.rounds).toHaveLength(1)
    expect(rounds.data.rounds[0].rows).toEqual([expect.objectContaining({ village: '新桥', registered: 1500 + 21 * 17 })])
  })
})

describe('indicators', () => {
  const VALID = { Q1: [1], Q3: [4], Q4: [1, 3], Q5: [2], Q7: [1], Q8: [2], Q9: [1], Q10: [1], Q11: [1], Q12: [13], Q13: [12], Q14: [5] }
  let n = 0
  const submit = (openid: string, fields: object) => cloud.call('survey', { action: 'submit', submissionId: `ind-${++n}-xxxxxxxx`, answers: VALID, ...fields }, openid)

  it('practice and interview figures are separate; only completed interviews count', async () => {
    expect((await submit('p1', { mode: 'practice', village: '普贤', answers: { ...VALID, Q1: [3], Q2: [7, 1] } })).ok).toBe(true)
    expect((await submit('p2', { mode: 'practice', village: '普贤' })).ok).toBe(true)
    expect((await submit('p3', { mode: 'practice', village: '普贤', answers: { ...VALID, Q11: [4] } })).ok).toBe(true)
    const invite = await cloud.call('user', { action: 'createInvite', village: '普贤' }, ADMIN)
    await cloud.call('user', { action: 'redeemInvite', code: invite.data.code, name: '周干部' }, 'cadre-puxian')
    expect((await submit('cadre-puxian', { mode: 'interview', outcome: 'completed' })).ok).toBe(true)
    expect((await submit('cadre-puxian', { mode: 'interview', outcome: 'refused', answers: {} })).ok).toBe(true)
    expect((await submit('cadre-puxian', { mode: 'interview', outcome: 'hungUp', answers: { Q1: [4] } })).ok).toBe(true)

    const practice = (await stats({ action: 'indicators', mode: 'practice', village: '普贤' })).data
    expect(practice.responses).toBe(3)
    expect(practice.safety).toEqual({ rate: 2 / 3, favourable: 2, sampleSize: 3 })
    expect(practice.crackdownSatisfaction).toEqual({ rate: 2 / 3, favourable: 2, sampleSize: 3 })
    // Q14 = 不了解/不清楚 everywhere: out of the denominator by default, in it on request.
    expect(practice.lawEnforcementSatisfaction).toEqual({ rate: null, favourable: 0, sampleSize: 0 })
    const withUnknown = (await stats({ action: 'indicators', mode: 'practice', village: '普贤', excludeUnknown: false })).data
    expect(withUnknown.lawEnforcementSatisfaction).toEqual({ rate: 0, favourable: 0, sampleSize: 3 })
    const q2 = practice.distributions.find((d: { questionId: string }) => d.questionId === 'Q2')
    expect(q2.asked).toBe(1)
    expect(q2.options.filter((o: { count: number }) => o.count === 1).map((o: { value: number }) => o.value)).toEqual([1, 7])
    expect(practice.outcomes).toBeNull()

    const interview = (await stats({ action: 'indicators', mode: 'interview', village: '普贤' })).data
    expect(interview.responses).toBe(1)
    expect(interview.outcomes).toEqual({ unreached: 0, refused: 1, hungUp: 1, completed: 1 })
    expect(interview.safety).toEqual({ rate: 1, favourable: 1, sampleSize: 1 })
  })

  it('is for admins only', async () => {
    expect(await stats({ action: 'indicators', mode: 'practice' }, 'cadre-puxian')).toEqual({ ok: false, code: 'FORBIDDEN', message: '只有管理员可以进行此操作' })
  })
})

describe('a cadre sees their own village', () => {
  it('with its quota, registrations, rate and their own count', async () => {
    const invite = await cloud.call('user', { action: 'createInvite', village: '新塘站' }, ADMIN)
    await cloud.call('user', { action: 'redeemInvite', code: invite.data.code, name: '新塘站-cadre-1' }, '新塘站-cadre-1')
    const res = await stats({ action: 'myVillage' }, '新塘站-cadre-1')
    expect(res.ok).toBe(true)
    expect(res.data).toMatchObject({ village: '新塘站', quota: 260, registered: cloud.count('contacts', { village: '新塘站' }) })
    // Their own count is what they hold now: a new binding starts at 0, then counts their registrations.
    expect(res.data.mine).toBe(0)
    expect((await cloud.call('contacts', { action: 'register', name: '新住户', phone: '13912345678', consent: true }, '新塘站-cadre-1')).ok).toBe(true)
    const after = await stats({ action: 'myVillage' }, '新塘站-cadre-1')
    expect(after.data.mine).toBe(1)
    expect(after.data.mine).toBe(cloud.count('contacts', { owner: '新塘站-cadre-1', village: '新塘站' }))
    expect(await stats({ action: 'myVillage' }, 'resident-2')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('export of the ranking', () => {
  it('writes an .xlsx in rank order with the total, downloadable, audited; admins only', async () => {
    const ExcelJS = require('exceljs')
    const audits = cloud.count('audit_log', { action: 'stats.exportRanking' })
    const res = await stats({ action: 'exportRanking' })
    expect(res.ok).toBe(true)
    expect(res.data.rows).toBe(23)
    const download = await fetch(res.data.tempFileURL)
    expect(download.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await download.arrayBuffer()))
    const sheet = workbook.worksheets[0]
    expect(sheet.getRow(1).getCell(1).value).toBe('云集街道综治民调电话号码收集完成情况排名')
    expect(sheet.getRow(3).values.slice(1)).toEqual(['排名', '村(社区)', '任务数', '已登记', '完成率', '标记'])
    const ranking = (await stats({ action: 'villages' })).data
    ranking.rows.forEach((r: { rank: number; village: string; quota: number; registered: number }, i: number) => {
      expect(sheet.getRow(4 + i).values.slice(1, 5)).toEqual([r.rank, r.village, r.quota, r.registered])
    })
    expect(sheet.getRow(27).values.slice(1, 5)).toEqual(['合计', '', ranking.total.quota, ranking.total.registered])
    expect(cloud.count('audit_log', { action: 'stats.exportRanking' })).toBe(audits + 1)
    expect(await stats({ action: 'exportRanking' }, 'cadre-puxian')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})
