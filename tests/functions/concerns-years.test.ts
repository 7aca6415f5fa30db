/**
 * Concerns and mock calls counted per campaign year, through the real functions on the local cloud:
 * 2023's concerns (some answered, one left open) and a mock-survey interview, then 2023 closed and
 * 2026 begun with concerns of its own. The reply rate of the concerns page, the visits table and a
 * 督查 round's frozen figures are 2026's alone; 2023's stay readable; the overdue timer marking last
 * year's open concern changes 2023's figures, not 2026's.
 */
import { closeConfirmation } from '../../src/core/campaigns'
import type { Answers } from '../../src/core/questionnaire'
import { DEFAULT_TOWN, unitKey } from '../../src/core/towns'
import { makeCadre } from '../fixtures/contact-sheets'
import { form2026, uploadQuestionnaire, workbookOf } from '../fixtures/xlsform'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
const CADRE = 'years-cadre'
const VILLAGE = '新城'
/** Answers to the 2023 questionnaire, every visible question answered (Q1 = 1 很安全). */
const VALID: Answers = { Q1: [1], Q3: [4], Q4: [1, 3], Q5: [2], Q7: [1], Q8: [2], Q9: [1], Q10: [1], Q11: [1], Q12: [13], Q13: [12], Q14: [2] }

let cloud: TestCloud
let serial = 0
const sid = () => `years-${++serial}-${Date.now().toString(36)}`
const call = (fn: string, event: object, openid: string) => cloud.call(fn, event, openid)
const must = async (fn: string, event: object, openid: string) => {
  const res = await call(fn, event, openid)
  if (!res.ok) throw new Error(`${fn}.${(event as { action: string }).action}: ${JSON.stringify(res)}`)
  return res.data
}
const db = () => cloud.service.db
const raise = async (resident: string, text: string): Promise<string> =>
  (await must('concerns', { action: 'submit', submissionId: sid(), category: '民生实事', text, village: VILLAGE }, resident)).id
const reply = (id: string, text: string) => must('concerns', { action: 'reply', id, text }, CADRE)
const villageRow = (stats: { rows: { village: string }[] }) => stats.rows.find((r) => r.village === VILLAGE)
const overdueTimer = () =>
  cloud.gateway.runner.invoke({ name: 'concerns', event: { Type: 'Timer', TriggerName: 'dailyOverdue' }, openid: '', source: 'wx_trigger' }) as Promise<{ ok: boolean; data: { marked: number } }>

let leftOpen: string
let answered2023: string[]

beforeAll(async () => {
  cloud = await startTestCloud()
  await makeCadre(cloud, CADRE, VILLAGE, '新城干部')

  // 2023: three concerns, two answered (one of them after a week), one left open; one mock call.
  answered2023 = [await raise('y-r1', '村口路灯坏了'), await raise('y-r2', '垃圾清运不及时')]
  leftOpen = await raise('y-r3', '夜里有人飙车')
  for (const id of answered2023) await reply(id, '已安排处理')
  await must('survey', { action: 'submit', submissionId: sid(), mode: 'interview', outcome: 'completed', answers: VALID }, CADRE)
  expect(villageRow(await must('concerns', { action: 'stats' }, ADMIN))).toMatchObject({ raised: 3, replied: 2 })

  // 2023 closes; 2026 begins with its own questionnaire.
  await must('campaigns', { action: 'close', year: 2023, confirm: closeConfirmation(2023) }, ADMIN)
  await must('campaigns', { action: 'importQuestionnaire', fileID: await uploadQuestionnaire(cloud, ADMIN, await workbookOf(form2026())) }, ADMIN)
  await must('campaigns', { action: 'create', year: 2026, name: '2026年公众安全感和满意度测评', questionnaireVersion: '2026-1' }, ADMIN)

  // 2026: one concern, answered.
  await reply(await raise('y-r4', '小区门口积水'), '已疏通')
}, 120_000)
afterAll(async () => {
  await cloud.close()
})

describe('a new campaign year counts its own concerns', () => {
  it('the concerns page: 2026 by default, 2023 on asking, never the two added up', async () => {
    const now = await must('concerns', { action: 'stats' }, ADMIN)
    expect(now.year).toBe(2026)
    expect(villageRow(now)).toMatchObject({ raised: 1, replied: 1, replyRate: 1 })
    expect(now.total).toMatchObject({ raised: 1, replied: 1 })

    const then = await must('concerns', { action: 'stats', year: 2023 }, ADMIN)
    expect(then.year).toBe(2023)
    expect(villageRow(then)).toMatchObject({ raised: 3, replied: 2, closed: 0 })
    expect(then.total).toMatchObject({ raised: 3, replied: 2 })
    // The median reply time is over 2023's two replies only (2026's is not among them).
    expect(then.total.medianReplyHours).not.toBeNull()

    // A cadre sees their village's, the same way.
    expect((await must('concerns', { action: 'stats' }, CADRE)).rows).toEqual([expect.objectContaining({ village: VILLAGE, raised: 1, replied: 1 })])
  })

  it('the queue: 2026’s concerns by default; 2023’s (read-only) on asking', async () => {
    const now = await must('concerns', { action: 'list' }, CADRE)
    expect(now).toMatchObject({ year: 2026, total: 1 })
    expect(now.items.map((c: { text: string }) => c.text)).toEqual(['小区门口积水'])
    const then = await must('concerns', { action: 'list', year: 2023 }, CADRE)
    expect(then.total).toBe(3)
    expect(await call('concerns', { action: 'reply', id: leftOpen, text: '迟到的答复' }, CADRE)).toMatchObject({ ok: false, code: 'CONFLICT' })
    // A resident still sees every concern they raised, whichever year.
    expect((await must('concerns', { action: 'mine' }, 'y-r3')).items.map((c: { text: string }) => c.text)).toEqual(['夜里有人飙车'])
  })

  it('the visits table counts 2026’s concerns', async () => {
    const progress = await must('visits', { action: 'progress' }, ADMIN)
    expect(progress.rows.find((r: { village: string }) => r.village === VILLAGE)).toMatchObject({ concerns: 1, replied: 1 })
    expect(progress.total).toMatchObject({ concerns: 1, replied: 1 })
  })

  it('the overdue timer marking 2023’s open concern changes 2023’s figures only', async () => {
    db().modify('concerns', { filter: { _id: leftOpen }, update: { $set: { dueAt: new Date(Date.now() - 86_400_000) } }, multi: false, merge: true, upsert: false }, Date.now())
    expect((await overdueTimer()).data.marked).toBe(1)
    expect(villageRow(await must('concerns', { action: 'stats', year: 2023 }, ADMIN))).toMatchObject({ raised: 3, replied: 2, overdue: 1 })
    expect(villageRow(await must('concerns', { action: 'stats' }, ADMIN))).toMatchObject({ raised: 1, replied: 1, overdue: 0 })
    // One document per unit: 2026's counts on top, 2023's kept under past.
    expect(db().get('concern_counters', unitKey(DEFAULT_TOWN, VILLAGE))).toMatchObject({
      year: 2026,
      raised: 1,
      replied: 1,
      overdue: 0,
      past: { 2023: { raised: 3, replied: 2, closed: 0, overdue: 1 } }
    })
  })

  it('a 督查 round of 2026 freezes 2026’s reply rate, and no 2023 mock call in its figures', async () => {
    await must('inspections', { action: 'openRound' }, ADMIN)
    const [score] = db().find('inspection_scores').filter((s) => (s as { village: string }).village === VILLAGE) as { rates: Record<string, number | null> }[]
    // Added up with 2023's it would be 3 of 4 (0.75); 2023's interview would give a 安全感率 of 1.
    expect(score.rates.replied).toBe(1)
    expect(score.rates.safety).toBeNull()
  })
})
