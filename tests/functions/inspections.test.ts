/**
 * 督查 through the real SDK on the local cloud: three rounds ranked by the plan's rules (ties, a unit
 * added in round 2, a school ranked apart), 整改 tasks from one round to the next, who may do what,
 * bad input, a double opening, the circular, the timer. Figures at opening: inspections-figures.test.ts.
 */
import type { SheetItem } from '../../src/core/contract'
import { DEFAULT_SHEET } from '../../src/core/inspections'
import { DEFAULT_TOWN, unitKey } from '../../src/core/towns'
import { COLLECTIONS } from '../../server/lib/collections'
import { makeCadre, makeTownAdmin, mobile, readSheet } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
/** The ranking town: nine villages, a school, one village added before round 2; one entered item of 100 points. */
const T = '督查镇'
/** The 整改 town: three villages, the default sheet. */
const U = '整改镇'
const TA_T = 'ins-ta-t'
const TA_U = 'ins-ta-u'
const INS_T = 'ins-inspector-t'
const INS_U = 'ins-inspector-u'
const INS_A = 'ins-inspector-default'
const CADRE_EAST = 'ins-cadre-east'
const CADRE_WEST = 'ins-cadre-west'
const CADRE_SCHOOL = 'ins-cadre-school'

const [A, B, C, D, E, F, G, H, I] = ['一村', '二村', '三村', '四村', '五村', '六村', '七村', '八村', '九村']
const J = '十村'
const S = '镇中学'
const ONE_ITEM: SheetItem[] = [{ id: 'work', name: '工作落实', points: 100, kind: 'entered' }]

let cloud: TestCloud
const call = (event: object, openid: string) => cloud.call('inspections', event, openid)
async function must(event: object, openid: string) {
  const res = await call(event, openid)
  if (!res.ok) throw new Error(`${(event as { action: string }).action} failed: ${JSON.stringify(res)}`)
  return res.data
}
const written = () => Object.values(COLLECTIONS).map((c) => `${c}:${cloud.count(c)}`).join(' ')
const timer = () => cloud.gateway.runner.invoke({ name: 'inspections', event: { Type: 'Timer', TriggerName: 'dailyRound' }, openid: '', source: 'wx_trigger' }) as Promise<any> // eslint-disable-line @typescript-eslint/no-explicit-any
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

async function makeInspector(openid: string, town: string, by: string) {
  const invite = await cloud.call('user', { action: 'createInvite', role: 'inspector', ...(by === ADMIN ? { town } : {}), maxUses: 1 }, by)
  if (!invite.ok) throw new Error(JSON.stringify(invite))
  const res = await cloud.call('user', { action: 'redeemInvite', code: invite.data.code, name: `督查员${openid.slice(-1)}` }, openid)
  if (!res.ok) throw new Error(JSON.stringify(res))
}

/** Every entered item of the default sheet that applies to a village, at `points` of its maximum. */
const villageEntries = (share = 1) => DEFAULT_SHEET.filter((i) => i.kind === 'entered').map((i) => ({ id: i.id, points: Math.round(i.points * share * 2) / 2 }))

beforeAll(async () => {
  cloud = await startTestCloud()
  for (const [town, villages] of [
    [T, [A, B, C, D, E, F, G, H, I]],
    [U, ['东村', '西村', '南村']]
  ] as const) {
    const res = await cloud.call('towns', { action: 'create', name: town, units: villages.map((name) => ({ name, quota: 10 })) }, ADMIN)
    if (!res.ok) throw new Error(JSON.stringify(res))
  }
  await makeTownAdmin(cloud, TA_T, T, '督查镇管理员')
  await makeTownAdmin(cloud, TA_U, U, '整改镇管理员')
  // A town admin invites inspectors of their own town; a county admin names the town.
  await makeInspector(INS_T, T, TA_T)
  await makeInspector(INS_U, U, ADMIN)
  await makeInspector(INS_A, DEFAULT_TOWN, ADMIN)
  await must({ action: 'saveUnit', town: T, name: S, type: '学校' }, TA_T)
  await must({ action: 'saveSheet', town: T, items: ONE_ITEM }, TA_T)
  await makeCadre(cloud, CADRE_EAST, '东村', '东村干部', TA_U, U)
  await makeCadre(cloud, CADRE_WEST, '西村', '西村干部', TA_U, U)
  // A cadre may be bound to a unit that is not a village (any active unit of the town).
  await makeCadre(cloud, CADRE_SCHOOL, S, '学校干部', TA_T, T)
  // No timer round in the middle of a test: only the timer test switches a schedule on.
  for (const town of [DEFAULT_TOWN, T, U]) await must({ action: 'saveSchedule', town, schedule: { auto: false, start: '2026-09-01', end: '2026-10-31', everyDays: 10 } }, ADMIN)
}, 120_000)
afterAll(async () => {
  await cloud.close()
})

describe('units and people', () => {
  it('the default town has its 23 villages and the plan’s four other units, with their kinds and no quota', async () => {
    const res = await must({ action: 'units' }, ADMIN)
    expect(res.units).toHaveLength(27)
    expect(res.units.slice(23)).toEqual([
      { name: '云集联合学校', type: '学校', active: true, quota: 0, order: 23 },
      { name: '云集派出所', type: '站所', active: true, quota: 0, order: 24 },
      { name: '云集司法所', type: '站所', active: true, quota: 0, order: 25 },
      { name: '第六人民医院', type: '医院', active: true, quota: 0, order: 26 }
    ])
    expect(res.units.slice(0, 23).every((u: { type: string; quota: number }) => u.type === '村/社区' && u.quota > 0)).toBe(true)
    // Renamed, then init again: the seed does not bring the old name back.
    await must({ action: 'saveUnit', name: '云集司法所', rename: '云集镇司法所' }, ADMIN)
    expect((await cloud.call('setup', { action: 'init' }, ADMIN)).data.villagesCreated).toBe(0)
    const names = (await must({ action: 'units' }, ADMIN)).units.map((u: { name: string }) => u.name)
    expect(names).toContain('云集镇司法所')
    expect(names).not.toContain('云集司法所')
  })

  it('an inspector is who the invite says, of their town only', async () => {
    expect((await cloud.call('user', { action: 'whoami' }, INS_T)).data).toEqual({ openid: INS_T, role: 'inspector', town: T, name: '督查员t' })
    expect((await cloud.call('user', { action: 'listCadres', town: T, role: 'inspector' }, TA_T)).data.cadres.map((c: { openid: string }) => c.openid)).toEqual([INS_T])
    // A town admin cannot make inspectors of another town; an inspector invite names no unit.
    expect(await cloud.call('user', { action: 'createInvite', role: 'inspector', town: U }, TA_T)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await cloud.call('user', { action: 'createInvite', role: 'inspector', town: T, village: A }, ADMIN)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(await cloud.call('user', { action: 'createInvite', role: 'inspector' }, ADMIN)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请选择督查员所属的乡镇(街道)' })
    expect(await call({ action: 'units', town: U }, INS_T)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await call({ action: 'units' }, INS_T)).data.town).toBe(T)
  })

  it('an inspector manages nothing: not units, the sheet, the schedule, rounds, households, concerns, visits or people', async () => {
    const before = written()
    for (const event of [
      { action: 'saveUnit', name: '新单位', type: '企业' },
      { action: 'saveUnit', name: A, active: false },
      { action: 'saveSheet', items: ONE_ITEM },
      { action: 'saveSchedule', schedule: { auto: true, start: '2026-09-01', end: '2026-10-31', everyDays: 10 } },
      { action: 'openRound' }
    ]) {
      expect({ event, res: await call(event, INS_T) }).toMatchObject({ res: { ok: false, code: 'FORBIDDEN' } })
    }
    for (const [fn, event] of [
      ['contacts', { action: 'list' }],
      ['contacts', { action: 'register', village: A, name: '住户', phone: mobile(60, 1), consent: true, responsible: '某' }],
      ['concerns', { action: 'list' }],
      ['visits', { action: 'progress' }],
      ['stats', { action: 'villages' }],
      ['user', { action: 'createInvite', village: A }],
      ['towns', { action: 'saveUnit', name: A, quota: 20 }]
    ] as const) {
      expect({ fn, event, res: await cloud.call(fn, event, INS_T) }).toMatchObject({ res: { ok: false, code: 'FORBIDDEN' } })
    }
    // Mock-survey calls are the cadres': an inspector judges their results.
    const interview = { action: 'submit', submissionId: 'ins-interview-0001', mode: 'interview', village: A, outcome: 'unreached', answers: {} }
    expect(await cloud.call('survey', interview, INS_T)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(written()).toBe(before)
  })

  it('a cadre of a school has no households: registration, import choice and visits are refused, saying why', async () => {
    const before = written()
    const reg = await cloud.call('contacts', { action: 'register', name: '住户', phone: mobile(60, 2), consent: true }, CADRE_SCHOOL)
    expect(reg).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: `${S}是学校,没有电话台账任务,不登记住户、不记录走访` })
    expect(await cloud.call('visits', { action: 'progress' }, CADRE_SCHOOL)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(await cloud.call('visits', { action: 'households' }, CADRE_SCHOOL)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    // An admin cannot put households there either.
    expect(await cloud.call('contacts', { action: 'register', town: T, village: S, responsible: '某', name: '住户', phone: mobile(60, 3), consent: true }, TA_T)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    // A unit of another kind has no quota: giving one is refused.
    expect(await cloud.call('towns', { action: 'saveUnit', town: T, name: S, quota: 10 }, TA_T)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: `${S}是学校,只有村(社区)有电话任务数` })
    expect(await call({ action: 'saveUnit', town: T, name: '镇医院', type: '医院', quota: 5 }, TA_T)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(await call({ action: 'saveUnit', town: T, name: S, type: '村/社区' }, TA_T)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: `${S}为村(社区),请同时填写电话任务数` })
    expect(written()).toBe(before)
  })
})

describe('three rounds ranked by the plan’s rules', () => {
  const rounds: string[] = []
  const scoreAll = async (round: string, scores: Record<string, number>) => {
    for (const [unit, points] of Object.entries(scores)) await must({ action: 'score', round, unit, items: [{ id: 'work', points }] }, INS_T)
  }
  const ranks = (rows: { unit: string; rank: number | null; flag: string | null }[]) => rows.map((r) => [r.unit, r.rank, r.flag])

  beforeAll(async () => {
    rounds.push((await must({ action: 'openRound' }, TA_T)).round)
    await scoreAll(rounds[0], { [A]: 95, [B]: 90, [C]: 90, [D]: 85, [E]: 80, [F]: 70, [G]: 60, [H]: 50, [I]: 40 })
    await must({ action: 'closeRound', round: rounds[0] }, TA_T)
    // 十村 joins before round 2.
    await must({ action: 'saveUnit', name: J, type: '村/社区', quota: 10 }, TA_T)
    rounds.push((await must({ action: 'openRound' }, TA_T)).round)
    await scoreAll(rounds[1], { [A]: 92, [B]: 88, [C]: 70, [D]: 85, [E]: 85, [F]: 60, [G]: 50, [H]: 65, [I]: 30, [J]: 99 })
    await must({ action: 'closeRound', round: rounds[1] }, TA_T)
    rounds.push((await must({ action: 'openRound' }, TA_T)).round)
    await scoreAll(rounds[2], { [S]: 100, [J]: 97, [C]: 95, [A]: 90, [B]: 85, [D]: 80, [F]: 80, [E]: 60, [H]: 60, [G]: 40, [I]: 40 })
  }, 120_000)

  it('round 1: ties share a rank, top 5 and bottom 3; the unscored school has no rank and no flag', async () => {
    const res = await must({ action: 'ranking', round: rounds[0] }, INS_T)
    expect(res.round).toMatchObject({ number: 1, status: 'closed', units: 10, scored: 9 })
    expect(ranks(res.rows)).toEqual([
      [A, 1, 'top'], [B, 2, 'top'], [C, 2, 'top'], [D, 4, 'top'], [E, 5, 'top'], [F, 6, null], [G, 7, 'bottom'], [H, 8, 'bottom'], [I, 9, 'bottom'], [S, null, null]
    ])
    expect(res.rows[0]).toMatchObject({ score: 95, items: { work: 95 }, change: null })
    expect(res).toMatchObject({ everyRoundTop: [A, B, C, D, E], bottomThreeInARow: [], roundsCounted: 1 })
  })

  it('round 2: the unit added in round 2 is ranked, judged from round 2, and the change of rank shows', async () => {
    const res = await must({ action: 'ranking', round: rounds[1] }, TA_T)
    expect(ranks(res.rows)).toEqual([
      [J, 1, 'top'], [A, 2, 'top'], [B, 3, 'top'], [D, 4, 'top'], [E, 4, 'top'], [C, 6, null], [H, 7, null], [F, 8, 'bottom'], [G, 9, 'bottom'], [I, 10, 'bottom'], [S, null, null]
    ])
    expect(res.rows.find((r: { unit: string }) => r.unit === A).change).toBe(-1)
    expect(res.rows.find((r: { unit: string }) => r.unit === J).change).toBeNull()
    expect(res).toMatchObject({ everyRoundTop: [J, A, B, D, E], bottomThreeInARow: [], roundsCounted: 2 })
  })

  it('round 3: every-round top 5 and three-in-a-row bottom 3 exactly, all units and villages apart', async () => {
    const all = await must({ action: 'ranking', round: rounds[2] }, TA_T)
    expect(all.round).toMatchObject({ number: 3, status: 'open', units: 11, scored: 11 })
    expect(ranks(all.rows)).toEqual([
      [S, 1, 'top'], [J, 2, 'top'], [C, 3, 'top'], [A, 4, 'top'], [B, 5, 'top'], [D, 6, null], [F, 6, null], [E, 8, 'bottom'], [H, 8, 'bottom'], [G, 10, 'bottom'], [I, 10, 'bottom']
    ])
    // The school was in rounds 1 and 2 unscored: not top every time. 四村 is 6th this time.
    expect(all).toMatchObject({ everyRoundTop: [J, A, B], bottomThreeInARow: [G, I], roundsCounted: 3 })
    const villages = await must({ action: 'ranking', round: rounds[2], type: '村/社区' }, TA_T)
    expect(ranks(villages.rows)).toEqual([
      [J, 1, 'top'], [C, 2, 'top'], [A, 3, 'top'], [B, 4, 'top'], [D, 5, 'top'], [F, 5, 'top'], [E, 7, 'bottom'], [H, 7, 'bottom'], [G, 9, 'bottom'], [I, 9, 'bottom']
    ])
    // 八村 was bottom in rounds 1 and 3 but not 2; 六村 in 2 only.
    expect(villages).toMatchObject({ everyRoundTop: [J, A, B, D], bottomThreeInARow: [G, I] })
    expect(villages.rows.find((r: { unit: string }) => r.unit === C).change).toBe(4)
    // Round 1's ranking still counts round 1 only.
    expect((await must({ action: 'ranking', round: rounds[0] }, TA_T)).roundsCounted).toBe(1)
  })

  it('history gives each unit’s scores and ranks per round; a cadre sees only their own unit’s', async () => {
    const res = await must({ action: 'history', type: '村/社区' }, TA_T)
    expect(res.rounds.map((r: { number: number; status: string }) => [r.number, r.status])).toEqual([[1, 'closed'], [2, 'closed'], [3, 'open']])
    expect(res.units.find((u: { unit: string }) => u.unit === A)).toEqual({ unit: A, type: '村/社区', scores: [95, 92, 90], ranks: [1, 2, 3] })
    expect(res.units.find((u: { unit: string }) => u.unit === J)).toEqual({ unit: J, type: '村/社区', scores: [null, 99, 97], ranks: [null, 1, 1] })
    expect(res.units.map((u: { unit: string }) => u.unit)).not.toContain(S)
    const mine = await must({ action: 'history' }, CADRE_SCHOOL)
    expect(mine.units).toEqual([{ unit: S, type: '学校', scores: [null, null, 100], ranks: [null, null, 1] }])
    expect(await call({ action: 'history', unit: A }, CADRE_SCHOOL)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // A cadre neither scores nor reads the whole ranking.
    expect(await call({ action: 'score', round: rounds[2], unit: S, items: [{ id: 'work', points: 100 }] }, CADRE_SCHOOL)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call({ action: 'ranking', round: rounds[2] }, CADRE_SCHOOL)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('the circular: an xlsx of the round in the admin’s own export folder, registered and audited; another town’s inspector and admin get nothing', async () => {
    expect(await call({ action: 'exportCircular', round: rounds[2] }, INS_T)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call({ action: 'exportCircular', round: rounds[2] }, TA_U)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call({ action: 'ranking', round: rounds[2] }, INS_U)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const res = await must({ action: 'exportCircular', round: rounds[2], type: '村/社区' }, TA_T)
    expect(res.fileID).toMatch(new RegExp(`/inspection-exports/${TA_T}/\\d{4}-3-\\d+\\.xlsx$`))
    expect(cloud.count('stored_files', { fileID: res.fileID })).toBe(1)
    expect(cloud.count('audit_log', { action: 'inspections.exportCircular', actor: TA_T, target: res.fileID, town: T })).toBe(1)
    const sheet = await readSheet(Buffer.from(await (await fetch(encodeURI(res.tempFileURL))).arrayBuffer()))
    expect(sheet.getRow(1).getCell(1).text).toBe(`${T}综治民调第3轮督查情况通报(村/社区)`)
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => sheet.getRow(3).getCell(c).text)).toEqual(['排名', '单位', '类型', '得分', '工作落实(100分)', '标记', '未整改问题'])
    expect([1, 2, 3, 4, 5, 6].map((c) => sheet.getRow(4).getCell(c).text)).toEqual(['1', J, '村/社区', '97', '97', '前五'])
    expect(sheet.getRow(13).getCell(2).text).toBe(I)
    const text = sheet.getSheetValues().flat().map(String).join('|')
    expect(text).toContain(`每次督查均排在前五(共3轮,优先考虑评先评优):${J}、${A}、${B}、${D}`)
    expect(text).toContain(`连续三次排名后三位(不得评先评优):${G}、${I}`)
  })

  it('a closed round refuses scores, saying so; closing again changes nothing', async () => {
    const before = written()
    const res = await call({ action: 'score', round: rounds[0], unit: A, items: [{ id: 'work', points: 100 }] }, INS_T)
    expect(res).toMatchObject({ ok: false, code: 'CONFLICT', message: '第1轮督查已结束,不能再评分' })
    expect((await call({ action: 'closeRound', round: rounds[0] }, TA_T)).ok).toBe(true)
    expect(written()).toBe(before)
  })
})

describe('整改 tasks from one round to the next', () => {
  const rounds: string[] = []
  const taskIds = async (openid: string, event: object = {}) => (await must({ action: 'tasks', ...event }, openid)).tasks

  it('problems become tasks with a deadline; scoring again replaces them without duplicates', async () => {
    rounds.push((await must({ action: 'openRound' }, TA_U)).round)
    const problems = [
      { text: '横幅数量不足2幅', dueDays: 3 },
      { text: '巡逻点无人值守', dueDays: 5 }
    ]
    const res = await must({ action: 'score', round: rounds[0], unit: '东村', items: villageEntries(0.5), problems }, INS_U)
    expect(res).toEqual({ round: rounds[0], unit: '东村', score: expect.any(Number) })
    const first = await taskIds(INS_U, { unit: '东村' })
    expect(first.map((t: { text: string; status: string; roundNumber: number }) => [t.text, t.status, t.roundNumber])).toEqual(expect.arrayContaining([
      ['横幅数量不足2幅', 'open', 1],
      ['巡逻点无人值守', 'open', 1]
    ]))
    expect(first).toHaveLength(2)
    // Due by the end of the China day three days on.
    const due = first.find((t: { text: string }) => t.text === '横幅数量不足2幅').dueAt
    const day = new Date(Date.parse(`${today()}T00:00:00+08:00`) + 4 * 86_400_000).toISOString()
    expect(due).toBe(day)
    // The same scoring again (a retry, a double tap): the same two tasks.
    await must({ action: 'score', round: rounds[0], unit: '东村', items: villageEntries(0.5), problems }, INS_U)
    expect((await taskIds(INS_U, { unit: '东村' })).map((t: { id: string }) => t.id).sort()).toEqual(first.map((t: { id: string }) => t.id).sort())
    // Corrected: the first problem kept, the second replaced.
    await must({ action: 'score', round: rounds[0], unit: '东村', items: villageEntries(0.5), problems: [problems[0], { text: '标语张贴不足5幅', dueDays: 2 }] }, INS_U)
    expect((await taskIds(INS_U, { unit: '东村' })).map((t: { text: string }) => t.text).sort()).toEqual(['标语张贴不足5幅', '横幅数量不足2幅'])
    expect(cloud.count('inspection_tasks', { town: U })).toBe(2)
    expect(cloud.count('audit_log', { action: 'inspections.score', town: U })).toBe(3)
  })

  it('a cadre sees only their unit’s tasks, marks one done; another unit’s cadre cannot', async () => {
    const mine = await taskIds(CADRE_EAST)
    expect(mine.map((t: { unit: string }) => t.unit)).toEqual(['东村', '东村'])
    expect(await taskIds(CADRE_WEST)).toEqual([])
    expect(await call({ action: 'tasks', unit: '东村' }, CADRE_WEST)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const banner = mine.find((t: { text: string }) => t.text === '横幅数量不足2幅')
    const before = written()
    expect(await call({ action: 'completeTask', id: banner.id, note: '已补挂' }, CADRE_WEST)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call({ action: 'completeTask', id: banner.id, note: '已补挂' }, INS_U)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(written()).toBe(before)
    expect(await must({ action: 'completeTask', id: banner.id, note: '已补挂横幅3幅' }, CADRE_EAST)).toEqual({ id: banner.id, status: 'done' })
    // Verified only by a later round's inspector.
    expect(await call({ action: 'verifyTask', id: banner.id, fixed: true }, INS_U)).toMatchObject({ ok: false, code: 'CONFLICT', message: '本轮发现的问题由下一轮督查验收' })
  })

  it('a task past its deadline and not done is flagged overdue', async () => {
    const slogan = (await taskIds(CADRE_EAST)).find((t: { text: string }) => t.text === '标语张贴不足5幅')
    cloud.service.db.modify('inspection_tasks', { filter: { _id: slogan.id }, update: { $set: { dueAt: new Date(Date.now() - 60_000) } }, multi: false, merge: true, upsert: false }, Date.now())
    const now = await taskIds(CADRE_EAST)
    expect(now.map((t: { text: string; status: string; overdue: boolean }) => [t.text, t.status, t.overdue]).sort()).toEqual([
      ['标语张贴不足5幅', 'open', true],
      ['横幅数量不足2幅', 'done', false]
    ])
  })

  it('the next round’s inspector verifies a fixed task and carries an unfixed one over (督导补火)', async () => {
    await must({ action: 'closeRound', round: rounds[0] }, TA_U)
    rounds.push((await must({ action: 'openRound' }, TA_U)).round)
    const tasks = await taskIds(INS_U, { unit: '东村' })
    const banner = tasks.find((t: { text: string }) => t.text === '横幅数量不足2幅')
    const slogan = tasks.find((t: { text: string }) => t.text === '标语张贴不足5幅')
    expect((await must({ action: 'round', round: rounds[1] }, INS_U)).units.find((u: { unit: string }) => u.unit === '东村')).toMatchObject({ toVerify: 2, openTasks: 2 })
    expect(await must({ action: 'verifyTask', id: banner.id, fixed: true }, INS_U)).toEqual({ id: banner.id, status: 'verified' })
    expect(await must({ action: 'verifyTask', id: slogan.id, fixed: false }, INS_U)).toEqual({ id: slogan.id, status: 'carried' })
    // Again (a retry): the same answers, nothing new; the other answer is refused.
    const count = cloud.count('inspection_tasks')
    expect(await must({ action: 'verifyTask', id: slogan.id, fixed: false }, INS_U)).toEqual({ id: slogan.id, status: 'carried' })
    expect(await must({ action: 'verifyTask', id: banner.id, fixed: true }, INS_U)).toEqual({ id: banner.id, status: 'verified' })
    expect(await call({ action: 'verifyTask', id: banner.id, fixed: false }, INS_U)).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(cloud.count('inspection_tasks')).toBe(count)
    const after = await taskIds(CADRE_EAST)
    const carried = after.find((t: { id: string }) => t.id === slogan.id)
    const fresh = after.find((t: { id: string }) => t.id === carried.carriedTo)
    expect(fresh).toMatchObject({ text: '标语张贴不足5幅', status: 'open', round: rounds[1], roundNumber: 2, overdue: false })
    expect(after.find((t: { id: string }) => t.id === banner.id)).toMatchObject({ status: 'verified', note: '已补挂横幅3幅' })
    expect(await taskIds(CADRE_EAST, { status: 'open' })).toEqual([fresh])
    // A carried task is finished: its cadre works on the new one.
    expect(await call({ action: 'completeTask', id: slogan.id, note: '补贴了' }, CADRE_EAST)).toMatchObject({ ok: false, code: 'CONFLICT' })
  })

  it('closing carries what the round did not verify; the next round opens with last round’s 整改 rate frozen', async () => {
    await must({ action: 'score', round: rounds[1], unit: '西村', items: villageEntries(1), problems: [{ text: '未召开屋场恳谈会', dueDays: 7 }] }, INS_U)
    await must({ action: 'closeRound', round: rounds[1] }, TA_U)
    // Round 2's own tasks wait for round 3.
    expect(cloud.count('inspection_tasks', { town: U, status: 'carried' })).toBe(1)
    rounds.push((await must({ action: 'openRound' }, TA_U)).round)
    const round = await must({ action: 'round', round: rounds[2] }, INS_U)
    const east = round.units.find((u: { unit: string }) => u.unit === '东村')
    const west = round.units.find((u: { unit: string }) => u.unit === '西村')
    // Round 2 checked two of 东村's tasks and verified one: 50%, 3 of the item's 6 points.
    expect(east.rates.tasksVerified).toBe(0.5)
    expect(east.items.tasks).toBe(3)
    expect(west.rates.tasksVerified).toBeNull()
    expect(west.items.tasks).toBeNull()
    expect(east).toMatchObject({ toVerify: 1, score: null })
    // Nobody verifies in round 3: closing carries both waiting tasks into it.
    await must({ action: 'closeRound', round: rounds[2] }, TA_U)
    const open = await taskIds(INS_U, { status: 'open' })
    expect(open.map((t: { unit: string; roundNumber: number; text: string }) => [t.unit, t.roundNumber, t.text]).sort()).toEqual([
      ['东村', 3, '标语张贴不足5幅'],
      ['西村', 3, '未召开屋场恳谈会']
    ])
    expect(cloud.count('inspection_tasks', { town: U, status: 'carried' })).toBe(3)
  })

  it('a double tap on 开启 opens one round; the other taps are refused', async () => {
    const res = await Promise.all(Array.from({ length: 5 }, () => call({ action: 'openRound', town: U }, TA_U)))
    expect(res.filter((r) => r.ok)).toHaveLength(1)
    expect(res.filter((r) => !r.ok).map((r) => r.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT'])
    expect(cloud.count('inspection_rounds', { town: U })).toBe(4)
    expect(cloud.count('inspection_rounds', { town: U, status: 'open' })).toBe(1)
    rounds.push(res.find((r) => r.ok)!.data.round)
    expect(cloud.count('inspection_scores', { round: rounds[3] })).toBe(3)
    expect(await call({ action: 'openRound', town: U }, TA_U)).toMatchObject({ ok: false, code: 'CONFLICT', message: '本轮督查尚未结束,请先结束本轮再开启新一轮' })
  })

  it('bad input is refused in Chinese and writes nothing', async () => {
    const round = rounds[3]
    const before = written()
    const score = cloud.service.db.get('inspection_scores', `${round}/u0`)
    const entries = villageEntries(1)
    const cases: [object, string][] = [
      [{ action: 'score', round, unit: '东村', items: [{ id: 'banners', points: 9 }, ...entries.slice(1)] }, '“宣传横幅”最多8分'],
      [{ action: 'score', round, unit: '东村', items: [...entries, { id: 'visited', points: 6 }] }, '“入户走访率”来自开启时冻结的工作数据,不能录入'],
      [{ action: 'score', round, unit: '东村', items: entries.slice(1) }, '请为每个督查录入项打分,还缺:宣传横幅'],
      [{ action: 'score', round, unit: '北村', items: entries }, '北村不在第4轮督查的单位中(开启时未在册或已撤销)'],
      [{ action: 'score', round, unit: '东村', items: [{ id: 'banners', points: -1 }, ...entries.slice(1)] }, '得分不能为负数'],
      [{ action: 'score', round, unit: '东村', items: [{ id: 'banners', points: 2.3 }, ...entries.slice(1)] }, '得分应为整数或半分(如2.5)'],
      [{ action: 'score', round, unit: '东村', items: entries, problems: [{ text: '问题', dueDays: 0 }] }, '整改期限至少1天'],
      [{ action: 'score', round, unit: '东村', items: entries, problems: [{ text: '  ', dueDays: 3 }] }, '请填写发现的问题'],
      [{ action: 'score', round, unit: '东村', items: [{ ...entries[0], photos: ['cloud://env.bucket/contact-imports/x/a.jpg'] }, ...entries.slice(1)] }, '照片只能使用自己刚上传的'],
      [{ action: 'score', round: 'nope', unit: '东村', items: entries }, '没有这一轮督查'],
      [{ action: 'saveSheet', town: U, items: [...DEFAULT_SHEET, DEFAULT_SHEET[0]] }, '评分项编号“banners”重复'],
      [{ action: 'saveSheet', town: U, items: [{ id: 'x', name: '数据', points: 10, kind: 'figures' }] }, '“数据”来自工作数据,请选择数据来源'],
      [{ action: 'saveSheet', town: U, items: [{ id: 'x', name: '现场', points: 10, kind: 'entered', source: 'visited' }] }, '“现场”由督查员录入,不能选择工作数据来源'],
      [{ action: 'saveSheet', town: U, items: [{ id: 'X Y', name: '现场', points: 10, kind: 'entered' }] }, '评分项编号应为小写字母开头的字母、数字、-或_,最多32位'],
      [{ action: 'saveSheet', town: U, items: [] }, '评分细则至少要有一项'],
      [{ action: 'saveSchedule', town: U, schedule: { auto: true, start: '2026-10-31', end: '2026-09-01', everyDays: 10 } }, '开始日期不能晚于结束日期'],
      [{ action: 'saveUnit', town: U, name: '新校', type: '大学' }, '单位类型应为村/社区、学校、医院、站所、企业、街道部门之一'],
      [{ action: 'completeTask', id: 'nope', note: '' }, '请填写整改情况']
    ]
    for (const [event, message] of cases) {
      const openid = (event as { action: string }).action === 'score' ? INS_U : (event as { action: string }).action === 'completeTask' ? CADRE_EAST : TA_U
      const res = await call(event, openid)
      expect({ event, code: res.code, message: res.message ?? res.issues?.[0]?.message }).toEqual({ event, code: (event as { round?: string }).round === 'nope' ? 'NOT_FOUND' : 'INVALID_INPUT', message: expect.stringContaining(message) })
    }
    expect(written()).toBe(before)
    expect(cloud.service.db.get('inspection_scores', `${round}/u0`)).toEqual(score)
  })

  it('a sheet saved while a round is open is the next round’s; the open one keeps its own', async () => {
    await must({ action: 'saveSheet', town: U, items: ONE_ITEM }, TA_U)
    expect((await must({ action: 'sheet', town: U }, CADRE_EAST)).items).toEqual(ONE_ITEM)
    expect((await must({ action: 'round', round: rounds[3] }, INS_U)).items).toEqual(DEFAULT_SHEET)
    expect((await call({ action: 'score', round: rounds[3], unit: '东村', items: [{ id: 'work', points: 50 }] }, INS_U)).message).toContain('评分细则中没有“work”这一项')
    await must({ action: 'closeRound', round: rounds[3] }, TA_U)
    const next = (await must({ action: 'openRound', town: U }, TA_U)).round
    expect((await must({ action: 'round', round: next }, INS_U)).items).toEqual(ONE_ITEM)
    await must({ action: 'closeRound', round: next }, TA_U)
  })

  it('a renamed unit keeps its scores and tasks under its new name', async () => {
    await must({ action: 'saveUnit', town: U, name: '东村', rename: '东岸村' }, TA_U)
    const history = await must({ action: 'history', town: U, unit: '东岸村' }, INS_U)
    expect(history.units).toEqual([{ unit: '东岸村', type: '村/社区', scores: [expect.any(Number), null, null, null, null], ranks: [1, null, null, null, null] }])
    expect(cloud.count('inspection_tasks', { town: U, village: '东村' })).toBe(0)
    // Two found in round 1 (one verified, one carried), the carried one carried on at each close (rounds 3, 4, 5).
    expect((await must({ action: 'tasks', town: U, unit: '东岸村' }, INS_U)).tasks).toHaveLength(6)
    // Its cadre follows the unit and still sees them.
    expect(new Set((await taskIds(CADRE_EAST)).map((t: { unit: string }) => t.unit))).toEqual(new Set(['东岸村']))
    expect(cloud.service.db.get('inspection_scores', `${rounds[0]}/u0`)).toMatchObject({ village: '东岸村' })
    expect(cloud.service.db.get('villages', unitKey(U, '东岸村'))).toMatchObject({ type: '村/社区' })
  })
})

describe('the daily timer', () => {
  const V = '定时镇'
  beforeAll(async () => {
    const res = await cloud.call('towns', { action: 'create', name: V, units: [{ name: '甲村', quota: 5 }] }, ADMIN)
    if (!res.ok) throw new Error(JSON.stringify(res))
  })

  it('opens a round on a scheduled day once, and the next due round closes the open one first', async () => {
    // Not scheduled (the default is September and October, every 10 days): nothing, unless today is one.
    await must({ action: 'saveSchedule', town: V, schedule: { auto: true, start: today(), end: '2099-12-31', everyDays: 10 } }, ADMIN)
    const first = await timer()
    expect(first.ok).toBe(true)
    expect(first.data.opened).toEqual([{ town: V, round: expect.stringMatching(new RegExp(`^${V}/\\d{4}-1$`)), number: 1 }])
    expect((await timer()).data).toMatchObject({ opened: [], closed: [] })
    expect(cloud.count('inspection_rounds', { town: V })).toBe(1)
    expect(cloud.service.db.get('inspection_rounds', first.data.opened[0].round)).toMatchObject({ openedBy: 'timer', openedByName: '定时' })
    // The next scheduled day (as if ten days had passed): the open round is closed, the next one opened.
    cloud.service.db.modify('inspection_settings', { filter: { _id: V }, update: { $set: { lastOpenedDay: '2000-01-01' } }, multi: false, merge: true, upsert: false }, Date.now())
    const next = await timer()
    expect(next.data).toMatchObject({ closed: [first.data.opened[0].round], opened: [{ town: V, number: 2 }] })
    expect(cloud.count('inspection_rounds', { town: V, status: 'open' })).toBe(1)
    // Not a scheduled day: nothing.
    await must({ action: 'saveSchedule', town: V, schedule: { auto: true, start: '2000-01-02', end: '2000-01-03', everyDays: 1 } }, ADMIN)
    cloud.service.db.modify('inspection_settings', { filter: { _id: V }, update: { $set: { lastOpenedDay: '2000-01-01' } }, multi: false, merge: true, upsert: false }, Date.now())
    expect((await timer()).data).toMatchObject({ opened: [], closed: [] })
    // Only the timer (or a county admin by hand) runs it.
    expect(await call({ action: 'autoOpen' }, TA_U)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})
