import { DEFAULT_TOWN, rankingSheetTitle, unitKey } from '../../src/core/towns'
import { TOTAL_QUOTA, VILLAGES } from '../../src/core/villages'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { seedPerson, seedTown, setVillageCounter } from '../support/towns-seed'

const ADMIN = 'local-admin'
const TOWN = DEFAULT_TOWN
/** The id of a village's docs in the default town. */
const key = (village: string) => unitKey(TOWN, village)
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
    const docs = Array.from({ length: n }, (_, i) => ({ town: TOWN, village, createdBy: cadreOf(village, i), phone: String(13000000000 + serial++) }))
    db.insert('contacts', docs)
  }
  const byVillage = db.aggregate('contacts', [{ $match: { town: TOWN } }, { $group: { _id: '$village', n: { $sum: 1 } } }])
  for (const row of byVillage) setVillageCounter(db, TOWN, String(row._id), Number(row.n))
  const byCadre = db.aggregate('contacts', [{ $match: { town: TOWN } }, { $group: { _id: '$createdBy', village: { $first: '$village' }, n: { $sum: 1 } } }])
  for (const row of byCadre) {
    db.modify('cadre_counters', { filter: { _id: row._id }, update: { $set: { openid: row._id, name: `干部${row._id}`, town: TOWN, village: row.village, registered: row.n } }, multi: false, merge: true, upsert: true }, Date.now())
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
    cloud.service.update('village_counters', key('毛塘'), { registered: 3000 })
    cloud.service.update('village_counters', key('响鼓岭'), { registered: 3000 })
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
    expect(res).toEqual({ ok: true, data: { town: TOWN, village: '东屋', quota: 10_000, previous: 350 } })
    expect(cloud.service.db.get('villages', key('东屋'))).toMatchObject({ town: TOWN, name: '东屋', quota: 10_000 })
    const after = (await stats({ action: 'villages' })).data.rows.find((r: { village: string }) => r.village === '东屋')
    expect(after.rate).toBeCloseTo(before.registered / 10_000, 12)
    expect(after.rank).toBeGreaterThan(before.rank)
    expect(cloud.count('audit_log', { action: 'stats.setQuota', town: TOWN, target: '东屋' })).toBe(audits + 1)
    expect((await stats({ action: 'villages' })).data.total.quota).toBe(TOTAL_QUOTA - 350 + 10_000)
  })
})

/** The daily timer's call: no user, SOURCE wx_trigger. */
const timer = () => cloud.gateway.runner.invoke({ name: 'stats', event: { Type: 'Timer', TriggerName: 'dailySnapshot' }, openid: '', source: 'wx_trigger' }) as Promise<any> // eslint-disable-line @typescript-eslint/no-explicit-any

describe('inspection rounds', () => {
  it('the timer writes a snapshot with no user (the town\'s and the county\'s); a second one the same day replaces it', async () => {
    const first = await timer()
    expect(first.ok).toBe(true)
    expect(first.data).toMatchObject({ towns: 1, villages: 23 })
    expect(cloud.count('stat_snapshots')).toBe(2)
    expect(cloud.count('village_stats')).toBe(23)
    expect(cloud.count('town_stats')).toBe(1)
    await timer()
    expect(cloud.count('stat_snapshots')).toBe(2)
    expect(cloud.count('village_stats')).toBe(23)
    const snapshot = cloud.service.db.get('stat_snapshots', `${TOWN}/${first.data.day}`)
    expect(snapshot).toMatchObject({ scope: 'town', town: TOWN, day: first.data.day, takenBy: 'timer' })
    expect(cloud.service.db.get('stat_snapshots', `county/${first.data.day}`)).toMatchObject({ scope: 'county', takenBy: 'timer', rows: [expect.objectContaining({ town: TOWN })] })
    expect(cloud.service.db.get('village_stats', key('新桥'))).toMatchObject({ town: TOWN, village: '新桥', day: first.data.day })
  })

  it('a client cannot pass itself off as the timer', async () => {
    const res = await cloud.call('stats', { Type: 'Timer', TriggerName: 'dailySnapshot' }, 'resident-1')
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(await stats({ action: 'snapshot' }, 'resident-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('the ranking shows the change since the previous round; rounds list the history', async () => {
    cloud.service.update('village_counters', key('新桥'), { registered: 9999 })
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
    expect(await cloud.call('contacts', { action: 'register', name: '新住户', phone: '13912345678', consent: true }, '新塘站-cadre-1')).toMatchObject({ ok: true })
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
    expect(sheet.getRow(1).getCell(1).value).toBe(rankingSheetTitle(TOWN, 2023))
    expect(sheet.getRow(2).getCell(1).value).toMatch(/^单位:云集街道 /)
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

describe('two towns, a 新城 in each', () => {
  const OTHER = '测试镇'
  const OTHER_ADMIN = 'town-admin-ceshi'
  const OTHER_CADRE = 'cadre-ceshi-xincheng'
  const VALID = { Q1: [1], Q3: [4], Q4: [1, 3], Q5: [2], Q7: [1], Q8: [2], Q9: [1], Q10: [1], Q11: [1], Q12: [13], Q13: [12], Q14: [5] }
  let n = 0
  const practice = (openid: string, fields: object) => cloud.call('survey', { action: 'submit', submissionId: `two-towns-${++n}-xxxx`, mode: 'practice', answers: VALID, ...fields }, openid)
  const row = (rows: { village: string }[], village: string) => rows.find((r) => r.village === village)

  beforeAll(() => {
    const db = cloud.service.db
    seedTown(db, OTHER, 1, [
      { name: '新城', quota: 100 },
      { name: '东村', quota: 50 },
      { name: '旧村', quota: 80, active: false }
    ])
    setVillageCounter(db, OTHER, '新城', 40)
    setVillageCounter(db, OTHER, '东村', 50)
    setVillageCounter(db, OTHER, '旧村', 70)
    seedPerson(db, OTHER_ADMIN, { role: 'townAdmin', town: OTHER })
    seedPerson(db, OTHER_CADRE, { role: 'cadre', town: OTHER, village: '新城', name: '测试干部' })
    db.insert('cadre_counters', { _id: OTHER_CADRE, openid: OTHER_CADRE, name: '测试干部', town: OTHER, village: '新城', registered: 7 })
  })

  it('each town ranks its own active villages; the other 新城 is untouched', async () => {
    const expected = {
      town: OTHER,
      rows: [
        { village: '东村', quota: 50, registered: 50, rate: 1, rank: 1, flag: 'top', change: null },
        { village: '新城', quota: 100, registered: 40, rate: 0.4, rank: 2, flag: 'bottom', change: null }
      ],
      total: { quota: 150, registered: 90, rate: 0.6 },
      previousRound: null
    }
    expect((await stats({ action: 'villages', town: OTHER })).data).toEqual(expected)
    // A town admin's event without a town acts on their own.
    expect((await stats({ action: 'villages' }, OTHER_ADMIN)).data).toEqual(expected)
    const home = (await stats({ action: 'villages' })).data
    expect(home.town).toBe(TOWN)
    expect(row(home.rows, '新城')).toMatchObject({ quota: 300, registered: cloud.count('contacts', { town: TOWN, village: '新城' }) })
    expect(home.rows).toHaveLength(23)
  })

  it('per-cadre counts and a cadre\'s own village are looked up within the town', async () => {
    expect((await stats({ action: 'cadres', village: '新城' }, OTHER_ADMIN)).data).toEqual({
      town: OTHER,
      village: '新城',
      rows: [{ openid: OTHER_CADRE, name: '测试干部', registered: 7 }]
    })
    const home = (await stats({ action: 'cadres', village: '新城' })).data
    expect(home.rows.map((r: { openid: string }) => r.openid)).not.toContain(OTHER_CADRE)
    expect((await stats({ action: 'myVillage' }, OTHER_CADRE)).data).toEqual({ town: OTHER, village: '新城', quota: 100, registered: 40, rate: 0.4, rank: 2, flag: 'bottom', mine: 7 })
    expect(await stats({ action: 'cadres', village: '普贤' }, OTHER_ADMIN)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: `普贤不在${OTHER}的任务分配表中` })
  })

  it('survey responses carry their town: indicators of the two 新城 never mix', async () => {
    for (let i = 0; i < 3; i++) expect((await practice(`ceshi-resident-${i}`, { town: OTHER, village: '新城' })).ok).toBe(true)
    expect((await practice('yunji-resident', { village: '新城', answers: { ...VALID, Q1: [4], Q2: [1] } })).ok).toBe(true)
    expect(cloud.count('survey_responses', { town: OTHER, village: '新城' })).toBe(3)
    const other = (await stats({ action: 'indicators', mode: 'practice', village: '新城' }, OTHER_ADMIN)).data
    expect(other).toMatchObject({ town: OTHER, village: '新城', responses: 3, safety: { rate: 1, favourable: 3, sampleSize: 3 } })
    const home = (await stats({ action: 'indicators', mode: 'practice', village: '新城' })).data
    expect(home).toMatchObject({ town: TOWN, responses: 1, safety: { rate: 0, favourable: 0, sampleSize: 1 } })
    // The whole town: its own responses only.
    expect((await stats({ action: 'indicators', mode: 'practice', town: OTHER })).data.responses).toBe(3)
  })

  it('a quota edit and the ranking circular are the town\'s own', async () => {
    const res = await stats({ action: 'setQuota', village: '新城', quota: 200 }, OTHER_ADMIN)
    expect(res).toEqual({ ok: true, data: { town: OTHER, village: '新城', quota: 200, previous: 100 } })
    expect(cloud.service.db.get('villages', unitKey(OTHER, '新城'))).toMatchObject({ quota: 200 })
    expect(cloud.service.db.get('villages', key('新城'))).toMatchObject({ quota: 300 })
    expect(cloud.count('audit_log', { action: 'stats.setQuota', town: OTHER, actor: OTHER_ADMIN })).toBe(1)
    expect(await stats({ action: 'setQuota', village: '旧城', quota: 5 }, OTHER_ADMIN)).toMatchObject({ ok: false, code: 'NOT_FOUND', message: `旧城不在${OTHER}的任务分配表中` })

    const ExcelJS = require('exceljs')
    const exported = await stats({ action: 'exportRanking' }, OTHER_ADMIN)
    expect(exported.data).toMatchObject({ town: OTHER, rows: 2 })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await (await fetch(exported.data.tempFileURL)).arrayBuffer()))
    const sheet = workbook.worksheets[0]
    expect(sheet.getRow(1).getCell(1).value).toBe('2023年测试镇综治民调电话任务完成情况通报')
    expect(sheet.getRow(2).getCell(1).value).toMatch(/^单位:测试镇 /)
    expect(sheet.getRow(4).values.slice(1, 5)).toEqual([1, '东村', 50, 50])
    expect(sheet.getRow(5).values.slice(1, 5)).toEqual([2, '新城', 200, 40])
    expect(cloud.count('audit_log', { action: 'stats.exportRanking', town: OTHER })).toBe(1)
  })

  it('a town admin is FORBIDDEN on another town\'s stats, for every action, and nothing is written', async () => {
    const events = [
      { action: 'villages' },
      { action: 'cadres', village: '新城' },
      { action: 'indicators', mode: 'practice' },
      { action: 'snapshot' },
      { action: 'rounds' },
      { action: 'exportRanking' },
      { action: 'setQuota', village: '新城', quota: 1 }
    ]
    const before = ['audit_log', 'stat_snapshots', 'stored_files'].map((c) => cloud.count(c))
    for (const event of events) {
      expect(await stats({ ...event, town: TOWN }, OTHER_ADMIN)).toEqual({ ok: false, code: 'FORBIDDEN', message: `您属于${OTHER},不能处理${TOWN}的事务` })
    }
    expect(await stats({ action: 'myVillage', town: TOWN }, OTHER_CADRE)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(['audit_log', 'stat_snapshots', 'stored_files'].map((c) => cloud.count(c))).toEqual(before)
    expect(cloud.service.db.get('villages', key('新城'))).toMatchObject({ quota: 300 })
    // A county admin names any town that exists.
    expect(await stats({ action: 'villages', town: '火星镇' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  it('a town admin\'s round is their town\'s; a county admin\'s is also the county\'s; the timer takes every town', async () => {
    const day = (await stats({ action: 'snapshot' }, OTHER_ADMIN)).data.day
    expect(cloud.service.db.get('stat_snapshots', `${OTHER}/${day}`)).toMatchObject({ scope: 'town', town: OTHER, takenBy: OTHER_ADMIN, total: { quota: 250, registered: 90 } })
    // The county's round is still the timer's, taken before this town existed.
    expect(cloud.service.db.get('stat_snapshots', `county/${day}`)).toMatchObject({ takenBy: 'timer', rows: [expect.objectContaining({ town: TOWN })] })
    const rounds = (await stats({ action: 'rounds' }, OTHER_ADMIN)).data
    expect(rounds).toMatchObject({ town: OTHER, rounds: [{ day, takenBy: OTHER_ADMIN, total: { quota: 250 } }] })

    const county = await stats({ action: 'snapshot', town: OTHER })
    expect(county.data).toMatchObject({ town: OTHER, villages: 2, county: { towns: 2 } })
    const round = cloud.service.db.get('stat_snapshots', `county/${day}`) as { takenBy: string; rows: { town: string }[] }
    expect(round.takenBy).toBe(ADMIN)
    expect(round.rows.map((r) => r.town).sort()).toEqual([OTHER, TOWN].sort())
    expect(cloud.service.db.get('town_stats', OTHER)).toMatchObject({ town: OTHER, quota: 250, registered: 90, day })

    const res = await timer()
    expect(res.data).toMatchObject({ towns: 2, villages: 25 })
    expect(cloud.service.db.get('stat_snapshots', `${OTHER}/${day}`)).toMatchObject({ takenBy: 'timer' })
    expect(cloud.service.db.get('village_stats', unitKey(OTHER, '新城'))).toMatchObject({ town: OTHER, village: '新城', quota: 200, registered: 40 })
    expect(cloud.service.db.get('village_stats', key('新城'))).toMatchObject({ town: TOWN, village: '新城', quota: 300 })
    expect(cloud.count('town_stats')).toBe(2)
  })
})
