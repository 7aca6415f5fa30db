import type { Answers } from '../../src/core/questionnaire'
import { PRACTICE_PER_DAY } from '../../src/core/contract'
import { DEFAULT_TOWN } from '../../src/core/towns'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { seedPerson, seedTown } from '../support/towns-seed'

const ADMIN = 'local-admin'
const RESPONSES = 'survey_responses'
let cloud: TestCloud
let serial = 0

beforeAll(async () => {
  cloud = await startTestCloud()
})
afterAll(async () => {
  await cloud.close()
})

/** A complete, consistent answer set: Q1=安全 skips Q2, Q5=没有 skips Q6, Q7=有 asks Q8. */
const VALID: Answers = {
  Q1: [1], Q3: [4], Q4: [1, 3], Q5: [2], Q7: [1], Q8: [2], Q9: [1], Q10: [1], Q11: [1], Q12: [13], Q13: [12], Q14: [2]
}
const newId = () => `test-submission-${++serial}-${Date.now()}`
const survey = (event: object, openid: string) => cloud.call('survey', { action: 'submit', ...event }, openid)
const practice = (fields: object, openid = `resident-${serial}`) =>
  survey({ submissionId: newId(), mode: 'practice', answers: VALID, ...fields }, openid)

describe('practice submissions', () => {
  it('stores a consistent response without the resident in clear', async () => {
    const res = await practice({ village: '新塘站' }, 'resident-clear')
    expect(res).toEqual({ ok: true, data: { submissionId: expect.any(String), stored: true, version: '2023' } })
    const [doc] = cloud.service.db.find(RESPONSES, { filter: { village: '新塘站' } })
    expect(doc).toMatchObject({ mode: 'practice', town: DEFAULT_TOWN, village: '新塘站', outcome: null, answers: VALID, cadre: null })
    expect(doc.respondent).toMatch(/^[0-9a-f]{32}$/)
    expect(JSON.stringify(doc)).not.toContain('resident-clear')
  })

  it('"不愿透露" stores no village', async () => {
    const res = await practice({ village: '不愿透露' }, 'resident-private')
    expect(res.ok).toBe(true)
    expect(cloud.count(RESPONSES, { village: null, mode: 'practice' })).toBeGreaterThanOrEqual(1)
  })

  it('the same submission sent twice, or ten times at once, is stored once', async () => {
    const event = { submissionId: newId(), mode: 'practice', answers: VALID, village: '古塘' }
    const before = cloud.count(RESPONSES)
    const first = await survey(event, 'resident-retry')
    const again = await survey(event, 'resident-retry')
    expect(first.data.stored).toBe(true)
    expect(again).toEqual({ ok: true, data: { submissionId: event.submissionId, stored: false, version: '2023' } })
    const taps = { ...event, submissionId: newId() }
    const answers = await Promise.all(Array.from({ length: 10 }, () => survey(taps, 'resident-retry')))
    expect(answers.every((a) => a.ok)).toBe(true)
    expect(answers.filter((a) => a.data.stored)).toHaveLength(1)
    expect(cloud.count(RESPONSES) - before).toBe(2)
  })

  it('allows a family\'s practice runs a day per person (10), then RATE_LIMITED, writing nothing', async () => {
    const person = 'resident-eager'
    expect(PRACTICE_PER_DAY).toBe(10)
    for (let i = 0; i < PRACTICE_PER_DAY; i++) expect((await practice({}, person)).ok).toBe(true)
    const before = cloud.count(RESPONSES)
    expect(await practice({}, person)).toEqual({ ok: false, code: 'RATE_LIMITED', message: '今天已提交10次练习,请明天再来' })
    expect(cloud.count(RESPONSES)).toBe(before)
    // Someone else is not affected.
    expect((await practice({}, 'resident-other')).ok).toBe(true)
  })

  it('practiceAllowance says what is left today before the first question, the same count submit enforces', async () => {
    const person = 'resident-allowance'
    const allowance = () => cloud.call('survey', { action: 'practiceAllowance' }, person)
    expect(await allowance()).toEqual({ ok: true, data: { limit: 10, used: 0, left: 10 } })
    const before = cloud.count('rate_limits')
    await allowance()
    // Asking writes nothing.
    expect(cloud.count('rate_limits')).toBe(before)
    for (let i = 0; i < 3; i++) expect((await practice({}, person)).ok).toBe(true)
    // A retry of a stored submission takes nothing.
    const event = { submissionId: newId(), mode: 'practice', answers: VALID }
    await survey(event, person)
    await survey(event, person)
    expect(await allowance()).toEqual({ ok: true, data: { limit: 10, used: 4, left: 6 } })
    for (let i = 0; i < 6; i++) expect((await practice({}, person)).ok).toBe(true)
    expect(await allowance()).toEqual({ ok: true, data: { limit: 10, used: 10, left: 0 } })
    expect((await practice({}, person)).ok).toBe(false)
    // Another person (another WeChat account) has their own allowance.
    expect((await cloud.call('survey', { action: 'practiceAllowance' }, 'resident-fresh')).data.left).toBe(10)
  })
})

describe('answers inconsistent with the questionnaire are refused with a precise message, nothing stored', () => {
  const without = (id: keyof Answers): Answers => {
    const copy = { ...VALID }
    delete copy[id]
    return copy
  }
  const cases: [string, object, string][] = [
    ['a visible question unanswered', { answers: without('Q3') }, '第3题还没有作答(answers.Q3)'],
    ['the last question unanswered', { answers: without('Q14') }, '第14题还没有作答(answers.Q14)'],
    ['an empty list is no answer', { answers: { ...VALID, Q11: [] } }, '第11题还没有作答(answers.Q11)'],
    ['Q2 answered although Q1=安全 skips it', { answers: { ...VALID, Q2: [1] } }, '根据前面的回答，第2题不用作答(answers.Q2)'],
    ['Q6 answered although Q5=没有 skips it', { answers: { ...VALID, Q6: [3] } }, '根据前面的回答，第6题不用作答(answers.Q6)'],
    ['Q8 answered although Q7=没有 skips it', { answers: { ...VALID, Q7: [2] } }, '根据前面的回答，第8题不用作答(answers.Q8)'],
    ['Q8 answered although Q6=反映了,没人管 skips it', { answers: { ...VALID, Q5: [1], Q6: [1] } }, '根据前面的回答，第8题不用作答(answers.Q8)'],
    ['Q10 answered although Q9=不了解 skips it', { answers: { ...VALID, Q9: [3] } }, '根据前面的回答，第10题不用作答(answers.Q10)'],
    ['Q2 missing when Q1=不安全 asks it', { answers: { ...VALID, Q1: [4] } }, '第2题还没有作答(answers.Q2)'],
    ['Q6 missing when Q5=有 asks it', { answers: { ...VALID, Q5: [1] } }, '第6题还没有作答(answers.Q6)'],
    ['an option the question does not have', { answers: { ...VALID, Q3: [5] } }, '第3题没有选项5(answers.Q3)'],
    ['option 0', { answers: { ...VALID, Q3: [0] } }, '选项应为正整数(answers.Q3.0)'],
    ['a fractional option', { answers: { ...VALID, Q3: [1.5] } }, '选项应为整数(answers.Q3.0)'],
    ['a text instead of an option', { answers: { ...VALID, Q3: ['担心'] } }, '选项应为数字(answers.Q3.0)'],
    ['two options on a single-choice question', { answers: { ...VALID, Q1: [1, 2] } }, '第1题是单选题，只能选一项(answers.Q1)'],
    ['the same option twice', { answers: { ...VALID, Q4: [1, 1] } }, '第4题重复选择了选项1(answers.Q4)'],
    ['"无" combined with a named force', { answers: { ...VALID, Q12: [13, 2] } }, '第12题选了“无”，不能再选其他选项(answers.Q12)'],
    ['"不了解/不清楚" combined with a field', { answers: { ...VALID, Q13: [1, 12] } }, '第13题选了“不了解/不清楚”，不能再选其他选项(answers.Q13)'],
    ['"其他" without its text', { answers: { ...VALID, Q4: [6] } }, '第4题选了“其他”，请注明具体内容(others.Q4)'],
    ['"其他" with a text over 50 characters', { answers: { ...VALID, Q4: [6] }, others: { Q4: '很'.repeat(51) } }, '第4题“其他”的说明不能超过50个字(others.Q4)'],
    ['a text for "其他" that was not chosen', { others: { Q4: '路灯' } }, '第4题没有选“其他”，不用填写说明(others.Q4)'],
    ['an unknown question', { answers: { ...VALID, Q15: [1] } }, '没有这道题：Q15(answers.Q15)'],
    ['answers that are not an object', { answers: [1, 2] }, '答案格式不对(answers)'],
    ['a village not in the town\'s quota table', { village: '火星村' }, '火星村不在云集街道的任务分配表中'],
    ['a town that does not exist', { town: '火星镇' }, '没有“火星镇”这个乡镇(街道)'],
    ['a practice run with a call outcome', { outcome: 'completed' }, '练习答题没有通话结果(outcome)'],
    ['an unknown mode', { mode: 'exam' }, '模式应为练习(practice)或模拟民调(interview)(mode)'],
    ['a malformed submission id', { submissionId: 'x' }, '提交编号格式不对(submissionId)']
  ]
  it.each(cases)('%s', async (_name, fields, message) => {
    const before = cloud.count(RESPONSES)
    const counters = cloud.count('rate_limits')
    const res = await practice(fields, 'resident-wrong')
    expect(res).toMatchObject({ ok: false, message })
    expect(['INVALID_INPUT', 'NOT_FOUND']).toContain(res.code)
    expect(cloud.count(RESPONSES)).toBe(before)
    expect(cloud.count('rate_limits')).toBe(counters)
  })

  it('reports every problem, not only the first', async () => {
    const res = await practice({ answers: { Q1: [1, 2], Q2: [1] } })
    const messages = res.issues.map((i: { message: string }) => i.message)
    expect(messages).toEqual(expect.arrayContaining(['第1题是单选题，只能选一项', '第3题还没有作答', '第14题还没有作答']))
  })
})

describe('mock interviews (模拟民调)', () => {
  let cadre: string
  beforeAll(async () => {
    const invite = await cloud.call('user', { action: 'createInvite', village: '泉梓' }, ADMIN)
    cadre = 'cadre-quanzi'
    expect((await cloud.call('user', { action: 'redeemInvite', code: invite.data.code, name: '刘干部' }, cadre)).ok).toBe(true)
  })
  const interview = (fields: object, openid: string) => survey({ submissionId: newId(), mode: 'interview', ...fields }, openid)

  it('a completed call is stored under the cadre\'s own village, whatever the event says', async () => {
    const res = await interview({ outcome: 'completed', answers: VALID, village: '云集' }, cadre)
    expect(res.ok).toBe(true)
    expect(cloud.count(RESPONSES, { mode: 'interview', village: '泉梓', outcome: 'completed', cadre })).toBe(1)
    expect(cloud.count(RESPONSES, { mode: 'interview', village: '云集' })).toBe(0)
  })
  it('an unreached or refused call carries no answers', async () => {
    expect((await interview({ outcome: 'unreached', answers: {} }, cadre)).ok).toBe(true)
    expect((await interview({ outcome: 'refused', answers: {} }, cadre)).ok).toBe(true)
    expect(await interview({ outcome: 'refused', answers: { Q1: [1] } }, cadre)).toMatchObject({ ok: false, message: '通话结果为“拒访”时不应有答案(answers)' })
  })
  it('a hang-up keeps consistent partial answers but refuses inconsistent ones', async () => {
    expect((await interview({ outcome: 'hungUp', answers: { Q1: [3], Q2: [7] } }, cadre)).ok).toBe(true)
    expect(await interview({ outcome: 'hungUp', answers: { Q1: [1], Q2: [7] } }, cadre)).toMatchObject({ ok: false, message: '根据前面的回答，第2题不用作答(answers.Q2)' })
  })
  it('needs an outcome, and a completed call needs every visible answer', async () => {
    expect(await interview({ answers: VALID }, cadre)).toMatchObject({ ok: false, message: '请先记录通话结果(outcome)' })
    expect(await interview({ outcome: 'completed', answers: { Q1: [1] } }, cadre)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '第3题还没有作答(answers.Q3)' })
  })
  it('residents cannot record interviews; admins must name the village', async () => {
    const before = cloud.count(RESPONSES)
    expect(await interview({ outcome: 'completed', answers: VALID }, 'resident-x')).toEqual({ ok: false, code: 'FORBIDDEN', message: '模拟民调仅限村(社区)干部使用' })
    expect(await interview({ outcome: 'completed', answers: VALID }, ADMIN)).toEqual({ ok: false, code: 'INVALID_INPUT', message: '管理员记录模拟民调时请指定村(社区)' })
    expect(cloud.count(RESPONSES)).toBe(before)
    expect((await interview({ outcome: 'completed', answers: VALID, village: '杉峰' }, ADMIN)).ok).toBe(true)
  })
})

describe('towns', () => {
  const OTHER = '测试镇'
  beforeAll(() => {
    seedTown(cloud.service.db, OTHER, 1, [
      { name: '新城', quota: 100 },
      { name: '旧村', quota: 80, active: false }
    ])
    seedPerson(cloud.service.db, 'cadre-ceshi', { role: 'cadre', town: OTHER, village: '新城' })
    seedPerson(cloud.service.db, 'admin-ceshi', { role: 'townAdmin', town: OTHER })
  })
  const interview = (fields: object, openid: string) => survey({ submissionId: newId(), mode: 'interview', outcome: 'completed', answers: VALID, ...fields }, openid)
  const stored = (openid: string) => cloud.service.db.find(RESPONSES, { filter: { cadre: openid } })

  it('a resident arrives with the town of their link; the village is checked against that town', async () => {
    expect((await practice({ town: OTHER, village: '新城' }, 'resident-ceshi')).ok).toBe(true)
    expect(cloud.count(RESPONSES, { town: OTHER, village: '新城' })).toBe(1)
    // The default town has a 新城 too: a response without a town is the default town's.
    expect((await practice({ village: '新城' }, 'resident-yunji')).ok).toBe(true)
    expect(cloud.count(RESPONSES, { town: DEFAULT_TOWN, village: '新城' })).toBe(1)
    const before = cloud.count(RESPONSES)
    expect(await practice({ town: OTHER, village: '新塘站' }, 'resident-ceshi')).toEqual({ ok: false, code: 'INVALID_INPUT', message: '新塘站不在测试镇的任务分配表中' })
    expect(await practice({ town: OTHER, village: '旧村' }, 'resident-ceshi')).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '旧村已撤销,不能再登记或分配' })
    expect(cloud.count(RESPONSES)).toBe(before)
    expect((await practice({ town: OTHER, village: '不愿透露' }, 'resident-ceshi')).ok).toBe(true)
    expect(cloud.count(RESPONSES, { town: OTHER, village: null })).toBe(1)
  })

  it('an interview is in the cadre\'s own town and village; another town is FORBIDDEN', async () => {
    expect((await interview({ village: '云集' }, 'cadre-ceshi')).ok).toBe(true)
    expect(stored('cadre-ceshi')).toEqual([expect.objectContaining({ town: OTHER, village: '新城' })])
    expect(await interview({ town: DEFAULT_TOWN }, 'cadre-ceshi')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(stored('cadre-ceshi')).toHaveLength(1)
  })

  it('a town admin records interviews in their own town\'s villages', async () => {
    expect((await interview({ village: '新城' }, 'admin-ceshi')).ok).toBe(true)
    expect(stored('admin-ceshi')).toEqual([expect.objectContaining({ town: OTHER, village: '新城' })])
    expect(await interview({ village: '杉峰' }, 'admin-ceshi')).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '杉峰不在测试镇的任务分配表中' })
    // A county admin names the town.
    expect((await interview({ town: OTHER, village: '新城' }, ADMIN)).ok).toBe(true)
    expect(cloud.count(RESPONSES, { town: OTHER, mode: 'interview', cadre: ADMIN })).toBe(1)
  })
})
