/**
 * Closing a campaign through the real functions on the local cloud: 2023 with 1,200 seeded households
 * (past the 1,000-document read limit) and some registered, visited, exported and left in an upload;
 * concerns with a callback number; survey responses; inspection rounds. Closing keeps the rankings
 * (a final round, village_stats, town_stats, earlier rounds) and the anonymous figures, deletes the
 * personal data, refuses writes for the year, and is idempotent. Then 2026: a new version with a
 * question shown only after one answer of Q14, enforced by survey.submit; figures per version; and a
 * close interrupted midway, finished by running it again.
 */
import { closeConfirmation } from '../../src/core/campaigns'
import { contactImportPrefix } from '../../src/core/contract'
import type { Answers } from '../../src/core/questionnaire'
import { DEFAULT_TOWN, unitKey } from '../../src/core/towns'
import { makeCadre, mobile, uploadTo } from '../fixtures/contact-sheets'
import { form2026, uploadQuestionnaire, workbookOf } from '../fixtures/xlsform'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { seedHouseholds } from '../support/visits-seed'

const ADMIN = 'local-admin'
const CADRE = 'close-cadre'
const SEEDED = 1200
/** Answers to the 2023 questionnaire, every visible question answered (Q14 = 2 比较满意). */
const VALID: Answers = { Q1: [1], Q3: [4], Q4: [1, 3], Q5: [2], Q7: [1], Q8: [2], Q9: [1], Q10: [1], Q11: [1], Q12: [13], Q13: [12], Q14: [2] }

let cloud: TestCloud
let serial = 0
const sid = () => `close-${++serial}-${Date.now().toString(36)}`
const call = (fn: string, event: object, openid: string) => cloud.call(fn, event, openid)
const must = async (fn: string, event: object, openid: string) => {
  const res = await call(fn, event, openid)
  if (!res.ok) throw new Error(`${fn}.${(event as { action: string }).action}: ${JSON.stringify(res)}`)
  return res.data
}
const practice = (answers: Answers, openid: string, extra: object = {}) => call('survey', { action: 'submit', submissionId: sid(), mode: 'practice', answers, ...extra }, openid)
const db = () => cloud.service.db

beforeAll(async () => {
  cloud = await startTestCloud()
  await makeCadre(cloud, CADRE, '云集', '张三')
}, 60_000)
afterAll(async () => {
  await cloud.close()
})

describe('closing 2023', () => {
  let registered: string[]
  let concernWithCallback: string
  let concernWithout: string
  let leftUpload: string
  let exportFile: string
  let rankingBefore: { village: string; registered: number; rank: number }[]
  let responsesBefore: string

  beforeAll(async () => {
    // 1,200 households stored before years existed (no `year`: they are 2023's), 300 of them visited.
    seedHouseholds(db(), { town: DEFAULT_TOWN, village: '云集', count: SEEDED, block: 41, ownerOf: (i) => (i < 600 ? CADRE : null), visitOf: (i) => (i < 300 ? { letter: true, card: true, explained: i % 2 === 0 } : null) })
    registered = []
    for (let i = 0; i < 3; i++) registered.push((await must('contacts', { action: 'register', name: `新登记${i}`, phone: mobile(42, i), consent: true }, CADRE)).id)
    for (const id of registered) await must('visits', { action: 'record', visitId: sid(), contactId: id, letter: true, card: false, explained: true }, CADRE)
    concernWithCallback = (await must('concerns', { action: 'submit', submissionId: sid(), category: '民生实事', text: '路灯坏了', callback: { phone: mobile(43, 1) } }, 'close-resident-1')).id
    concernWithout = (await must('concerns', { action: 'submit', submissionId: sid(), category: '治安问题', text: '夜里有人飙车' }, 'close-resident-2')).id
    await must('survey', { action: 'submit', submissionId: sid(), mode: 'practice', answers: VALID }, 'close-resident-1')
    await must('survey', { action: 'submit', submissionId: sid(), mode: 'interview', outcome: 'completed', answers: VALID }, CADRE)
    // A sheet exported, and an upload a killed import left behind (its path handed out and used).
    exportFile = (await must('contacts', { action: 'exportXlsx', town: DEFAULT_TOWN }, ADMIN)).fileID
    const { cloudPath } = await must('contacts', { action: 'prepareImport' }, CADRE)
    expect(cloudPath.startsWith(contactImportPrefix(CADRE))).toBe(true)
    leftUpload = await uploadTo(cloud, cloudPath, Buffer.from('a sheet of numbers'))
    // An inspection round by the county admin: the town's and the county's.
    await must('stats', { action: 'snapshot', town: DEFAULT_TOWN }, ADMIN)
    rankingBefore = (await must('stats', { action: 'villages', town: DEFAULT_TOWN }, ADMIN)).rows
    responsesBefore = JSON.stringify(db().find('survey_responses'))
  }, 120_000)

  it('new documents of the work carry the year', () => {
    for (const id of registered) expect(db().get('contacts', id)).toMatchObject({ year: 2023 })
    expect(db().find('visits').every((v) => v.year === 2023)).toBe(true)
    expect(db().get('concerns', concernWithCallback)).toMatchObject({ year: 2023, callback: { phone: mobile(43, 1) } })
    expect(db().find('survey_responses').map((r) => [r.year, r.version])).toEqual([
      [2023, '2023'],
      [2023, '2023']
    ])
  })

  it('removes the households (past 1,000), their visits, callback numbers and sheets; keeps rankings and figures', async () => {
    const yunji = rankingBefore.find((r) => r.village === '云集')!
    expect(yunji.registered).toBe(SEEDED + registered.length)
    const roundsBefore = db().find('stat_snapshots').length
    const concerns = db().find('concerns').length

    const res = await call('campaigns', { action: 'close', year: 2023, confirm: closeConfirmation(2023) }, ADMIN)
    expect(res).toEqual({ ok: true, data: { year: 2023, status: 'closed', removed: { contacts: SEEDED + 3, visits: 3, callbacks: 1, files: 2 } } })

    // Personal data: gone.
    expect(cloud.count('contacts')).toBe(0)
    expect(cloud.count('visits')).toBe(0)
    expect(db().get('concerns', concernWithCallback)).toMatchObject({ callback: null, text: '路灯坏了' })
    expect(cloud.service.storage.has(exportFile)).toBe(false)
    expect(cloud.service.storage.has(leftUpload)).toBe(false)
    for (const folder of ['contact-imports', 'contact-exports']) expect(cloud.count('stored_files', { folder })).toBe(0)
    // The counters follow the households (they equal a recount: 0).
    expect(db().get('village_counters', unitKey(DEFAULT_TOWN, '云集'))).toMatchObject({ registered: 0 })
    expect(db().get('visit_counters', unitKey(DEFAULT_TOWN, '云集'))).toMatchObject({ visited: 0 })

    // Figures and rankings: kept. The final round has the year's standing as it was.
    expect(db().find('concerns')).toHaveLength(concerns)
    expect(JSON.stringify(db().find('survey_responses'))).toBe(responsesBefore)
    const rounds = db().find('stat_snapshots')
    expect(rounds.length).toBeGreaterThanOrEqual(roundsBefore)
    const final = rounds.find((r) => r.scope === 'town' && r.takenBy === 'close')!
    expect(final).toMatchObject({ year: 2023, town: DEFAULT_TOWN })
    expect((final.rows as typeof rankingBefore).map((r) => [r.village, r.registered, r.rank])).toEqual(rankingBefore.map((r) => [r.village, r.registered, r.rank]))
    expect(rounds.find((r) => r.scope === 'county' && r.takenBy === 'close')).toMatchObject({ year: 2023 })
    expect(db().get('village_stats', unitKey(DEFAULT_TOWN, '云集'))).toMatchObject({ registered: SEEDED + 3, rank: yunji.rank })
    expect(db().get('town_stats', DEFAULT_TOWN)).toMatchObject({ registered: SEEDED + 3 })
    expect(db().find('audit_log', { filter: { action: 'campaigns.close' } })).toEqual([
      expect.objectContaining({ actor: ADMIN, target: '2023', detail: expect.objectContaining({ removed: { contacts: SEEDED + 3, visits: 3, callbacks: 1, files: 2 } }) })
    ])
    // The privacy notice now says when it was deleted.
    const current = await must('campaigns', { action: 'current' }, 'close-resident-3')
    expect(current).toMatchObject({ year: 2023, status: 'closed' })
    expect(current.deletionNotice).toMatch(/^2023年测评已于\d{4}年\d{1,2}月\d{1,2}日关闭，登记的居民电话号码等个人信息已删除。$/)
  })

  it('is read-only now: every write for 2023 is refused, nothing written; the timer takes no round', async () => {
    const refused = { ok: false, code: 'CONFLICT', message: '2023年测评已关闭,不能再登记或修改;请等待县综治办开始新的测评年度' }
    const before = JSON.stringify([db().find('contacts'), db().find('survey_responses'), db().find('concerns'), db().find('stat_snapshots'), db().find('visits')])
    expect(await call('contacts', { action: 'register', name: '迟到的', phone: mobile(42, 50), consent: true }, CADRE)).toEqual(refused)
    expect(await practice(VALID, 'close-resident-4')).toEqual(refused)
    expect(await call('concerns', { action: 'reply', town: DEFAULT_TOWN, id: concernWithout, text: '已处理' }, ADMIN)).toEqual(refused)
    expect(await call('concerns', { action: 'submit', submissionId: sid(), category: '其他', text: '还有一件事' }, 'close-resident-5')).toEqual(refused)
    expect(await call('stats', { action: 'snapshot', town: DEFAULT_TOWN }, ADMIN)).toEqual(refused)
    const timer = await cloud.gateway.runner.invoke({ name: 'stats', event: { Type: 'Timer', TriggerName: 'dailySnapshot' }, openid: '', source: 'wx_trigger' })
    expect(timer).toMatchObject({ ok: true, data: { towns: 0, villages: 0 } })
    expect(JSON.stringify([db().find('contacts'), db().find('survey_responses'), db().find('concerns'), db().find('stat_snapshots'), db().find('visits')])).toBe(before)
    // Its phases are no longer edited.
    const phases = (await must('campaigns', { action: 'list' }, ADMIN)).campaigns[0].phases.map((p: { key: string; start: string; end: string }) => ({ key: p.key, start: p.start, end: p.end }))
    expect(await call('campaigns', { action: 'savePhases', year: 2023, phases, endsOn: '2023-11-15' }, ADMIN)).toEqual(refused)
  })

  it('closing again changes nothing and answers the same counts', async () => {
    const before = JSON.stringify([db().find('campaigns'), cloud.count('audit_log')])
    expect(await call('campaigns', { action: 'close', year: 2023, confirm: closeConfirmation(2023) }, ADMIN)).toEqual({
      ok: true,
      data: { year: 2023, status: 'closed', removed: { contacts: SEEDED + 3, visits: 3, callbacks: 1, files: 2 } }
    })
    expect(JSON.stringify([db().find('campaigns'), cloud.count('audit_log')])).toBe(before)
  })
})

describe('2026: a new version, enforced by survey.submit', () => {
  beforeAll(async () => {
    const imported = await must('campaigns', { action: 'importQuestionnaire', fileID: await uploadQuestionnaire(cloud, ADMIN, await workbookOf(form2026())) }, ADMIN)
    expect(imported).toMatchObject({ version: '2026-1', status: 'draft', created: true })
    expect(imported.questions.map((q: { id: string }) => q.id)).toEqual(Array.from({ length: 15 }, (_, i) => `Q${i + 1}`))
    expect(imported.questionnaire.relevance.Q15).toEqual({ q: 'Q14', anyOf: [4] })
  })

  it('create: a year after the last, with a known version; it becomes current and its version published', async () => {
    expect(await call('campaigns', { action: 'create', year: 2023, name: '重复', questionnaireVersion: '2026-1' }, ADMIN)).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await call('campaigns', { action: 'create', year: 2026, name: '2026年测评', questionnaireVersion: 'nope-9' }, ADMIN)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(cloud.count('campaigns')).toBe(1)
    expect(await must('campaigns', { action: 'create', year: 2026, name: '2026年公众安全感和满意度测评', questionnaireVersion: '2026-1' }, ADMIN)).toEqual({ year: 2026 })
    const current = await must('campaigns', { action: 'current' }, 'r-2026-0')
    expect(current).toMatchObject({ year: 2026, status: 'current', questionnaireVersion: '2026-1', endsOn: '2026-11-15' })
    expect(current.phases[0]).toMatchObject({ key: 'mobilize', start: '2026-08-14', end: '2026-08-31' })
    expect(current.questionnaire.questions).toHaveLength(15)
    expect(db().get('questionnaires', '2026-1')).toMatchObject({ status: 'published' })
    expect((await must('campaigns', { action: 'list' }, ADMIN)).campaigns.map((c: { year: number; status: string }) => [c.year, c.status])).toEqual([
      [2026, 'current'],
      [2023, 'closed']
    ])
  })

  it('Q15 only after Q14 (4): answered when hidden refused, missing when shown refused, nothing stored', async () => {
    const before = cloud.count('survey_responses')
    const hidden = await practice({ ...VALID, Q15: [1] }, 'r-2026-1')
    expect(hidden).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '根据前面的回答，第15题不用作答(answers.Q15)' })
    const missing = await practice({ ...VALID, Q14: [4] }, 'r-2026-2')
    expect(missing).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '第15题还没有作答(answers.Q15)' })
    expect(missing.issues).toEqual([{ path: ['answers', 'Q15'], message: '第15题还没有作答' }])
    const otherText = await practice({ ...VALID, Q14: [4], Q15: [4] }, 'r-2026-3')
    expect(otherText).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('第15题选了“其他”') })
    expect(await practice(VALID, 'r-2026-4', { version: 'x-9' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '没有问卷版本“x-9”,请更新问卷后重新作答' })
    expect(cloud.count('survey_responses')).toBe(before)
  })

  it('accepted against its version (the current one by default), stored with it and the year; a phone still on 2023 is stored as 2023', async () => {
    expect(await practice({ ...VALID, Q14: [4], Q15: [2] }, 'r-2026-5', { version: '2026-1' })).toMatchObject({ ok: true, data: { stored: true, version: '2026-1' } })
    expect(await practice({ ...VALID, Q14: [4], Q15: [4] }, 'r-2026-6', { others: { Q15: '不讲道理' } })).toMatchObject({ ok: true, data: { version: '2026-1' } })
    expect(await practice(VALID, 'r-2026-7', { version: '2023' })).toMatchObject({ ok: true, data: { version: '2023' } })
    const of2026 = db().find('survey_responses', { filter: { year: 2026 } })
    expect(of2026.map((r) => r.version).sort()).toEqual(['2023', '2026-1', '2026-1'])
    expect(of2026.find((r) => (r.answers as Answers).Q15?.[0] === 2)).toMatchObject({ town: DEFAULT_TOWN, year: 2026, version: '2026-1' })
  })

  it('indicators never mix versions (nor years): the current year and version by default, others on request', async () => {
    const now = await must('stats', { action: 'indicators', town: DEFAULT_TOWN, mode: 'practice' }, ADMIN)
    expect(now).toMatchObject({ year: 2026, version: '2026-1', responses: 2 })
    // Q14 answered (4) 不满意 by both: 0 of 2 satisfied.
    expect(now.lawEnforcementSatisfaction).toEqual({ rate: 0, favourable: 0, sampleSize: 2 })
    // 2026's answers to 2023: the one sent from a phone still on 2023 (Q14 = 2 比较满意).
    const old = await must('stats', { action: 'indicators', town: DEFAULT_TOWN, mode: 'practice', version: '2023' }, ADMIN)
    expect(old).toMatchObject({ year: 2026, version: '2023', responses: 1 })
    expect(old.lawEnforcementSatisfaction).toEqual({ rate: 1, favourable: 1, sampleSize: 1 })
    expect(old.distributions.map((d: { questionId: string; number: number }) => [d.questionId, d.number])).toEqual([['Q2', 2], ['Q4', 4], ['Q12', 12], ['Q13', 13]])
    // The closed year's figures stay readable: its version by default.
    const closed = await must('stats', { action: 'indicators', town: DEFAULT_TOWN, mode: 'practice', year: 2023 }, ADMIN)
    expect(closed).toMatchObject({ year: 2023, version: '2023', responses: 1 })
    expect(await must('stats', { action: 'indicators', town: DEFAULT_TOWN, mode: 'interview', year: 2023 }, ADMIN)).toMatchObject({ responses: 1, outcomes: { completed: 1 } })
  })

  it('the new year registers, with its year; its rounds start afresh', async () => {
    const { id } = await must('contacts', { action: 'register', name: '新年住户', phone: mobile(44, 1), consent: true }, CADRE)
    expect(db().get('contacts', id)).toMatchObject({ year: 2026 })
    expect((await must('stats', { action: 'rounds', town: DEFAULT_TOWN }, ADMIN)).rounds).toEqual([])
    expect((await must('stats', { action: 'villages', town: DEFAULT_TOWN }, ADMIN)).previousRound).toBeNull()
  })

  it('a close cut short midway is finished by running it again; its counts add up', async () => {
    seedHouseholds(db(), { town: DEFAULT_TOWN, village: '新塘站', count: 1500, block: 45 })
    for (const c of db().find('contacts', { filter: { village: '新塘站' } })) db().modify('contacts', { filter: { _id: c._id }, update: { $set: { year: 2026 } }, multi: false, merge: true, upsert: false }, Date.now())
    // As a killed run leaves it: closing, its final round taken, 700 households deleted and counted.
    const victims = db().find('contacts', { filter: { village: '新塘站' } }).slice(0, 700).map((c) => c._id)
    db().removeDocs('contacts', { _id: { $in: victims } }, true)
    db().modify('campaigns', { filter: { _id: '2026' }, update: { $set: { status: 'closing', finalRound: '2026-10-31', 'removed.contacts': 700 } }, multi: false, merge: true, upsert: false }, Date.now())
    db().modify('settings', { filter: { _id: 'campaign-current' }, update: { $set: { status: 'closing' } }, multi: false, merge: true, upsert: false }, Date.now())
    expect(await practice(VALID, 'r-2026-8')).toMatchObject({ ok: false, code: 'CONFLICT' })
    const res = await call('campaigns', { action: 'close', year: 2026, confirm: closeConfirmation(2026) }, ADMIN)
    expect(res).toEqual({ ok: true, data: { year: 2026, status: 'closed', removed: { contacts: 1500 + 1, visits: 0, callbacks: 0, files: 0 } } })
    expect(cloud.count('contacts')).toBe(0)
    // The final round was not taken again over the half-deleted households.
    expect(db().find('stat_snapshots').filter((r) => r.year === 2026)).toEqual([])
  })
})
