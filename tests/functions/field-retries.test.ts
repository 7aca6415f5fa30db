/**
 * What the offline outbox and the client's timeout rely on: every write a cadre makes in the field
 * carries the phone's id, and the same id sent again (a lost answer, an upload after the signal came
 * back) never counts twice. And the mock call placed from the household list: its outcome kept on
 * the household, only by the cadre who holds it, never the household on the response.
 */
import type { Answers } from '../../src/core/questionnaire'
import { DEFAULT_TOWN, unitKey } from '../../src/core/towns'
import { counterDrift, makeCadre, mobile, villageCount } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
const CADRE = 'field-cadre-xincheng'
const NEIGHBOUR = 'field-cadre-xincheng-2'
const OTHER = 'field-cadre-yunji'

let cloud: TestCloud
let serial = 0
const id = (what: string) => `field-${what}-${++serial}-${Date.now()}`
let phoneSerial = 0
const phone = () => mobile(61, ++phoneSerial)

async function must(name: string, event: object, openid: string) {
  const res = await cloud.call(name, event, openid)
  if (!res.ok) throw new Error(`${name} ${JSON.stringify(event)} failed: ${JSON.stringify(res)}`)
  return res.data
}

beforeAll(async () => {
  cloud = await startTestCloud()
  await makeCadre(cloud, CADRE, '新城', '新城干部')
  await makeCadre(cloud, NEIGHBOUR, '新城', '新城干部二')
  await makeCadre(cloud, OTHER, '云集', '云集干部')
}, 60_000)
afterAll(async () => {
  await cloud.close()
})

describe('contacts.register with the phone’s registrationId', () => {
  const register = (fields: object, openid = CADRE) => cloud.call('contacts', { action: 'register', consent: true, ...fields }, openid)

  it('sent twice is stored once and counted once; the second answer says nothing new was written', async () => {
    const before = villageCount(cloud, '新城')
    const event = { name: '周一', phone: phone(), registrationId: id('reg') }
    const first = await register(event)
    const again = await register(event)
    expect(first).toMatchObject({ ok: true, data: { stored: true } })
    expect(again).toMatchObject({ ok: true, data: { id: first.data.id, stored: false } })
    expect(villageCount(cloud, '新城') - before).toBe(1)
    expect(cloud.count('contacts', { _id: first.data.id })).toBe(1)
    expect(counterDrift(cloud)).toEqual([])
  })

  it('ten copies at once (a retry racing the late first attempt) store one', async () => {
    const before = villageCount(cloud, '新城')
    const event = { name: '周二', phone: phone(), registrationId: id('reg') }
    const answers = await Promise.all(Array.from({ length: 10 }, () => register(event)))
    expect(answers.map((a) => a.ok)).toEqual(Array(10).fill(true))
    expect(answers.filter((a) => a.data.stored)).toHaveLength(1)
    expect(villageCount(cloud, '新城') - before).toBe(1)
    expect(counterDrift(cloud)).toEqual([])
  })

  it('the same registration arriving after the cadre edited the household is still theirs, not a conflict', async () => {
    const event = { name: '周三', phone: phone(), registrationId: id('reg') }
    const first = await register(event)
    await must('contacts', { action: 'update', id: first.data.id, name: '周叁' }, CADRE)
    const conflictsBefore = cloud.count('audit_log', { action: 'contacts.conflict' })
    expect(await register(event)).toMatchObject({ ok: true, data: { id: first.data.id, stored: false } })
    // Without the id the edited name makes it someone else's registration of the number: refused as before.
    expect(await register({ name: '周三', phone: event.phone })).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(cloud.count('audit_log', { action: 'contacts.conflict' })).toBe(conflictsBefore + 1)
  })

  it('another cadre sending the same id for the same number is refused: an id gives nothing to anyone else', async () => {
    const event = { name: '周四', phone: phone(), registrationId: id('reg') }
    await register(event)
    const before = cloud.count('contacts')
    expect(await register(event, NEIGHBOUR)).toMatchObject({ ok: false, code: 'CONFLICT', message: '该号码已在新城登记' })
    expect(cloud.count('contacts')).toBe(before)
  })

  it('a number someone else registered meanwhile is a CONFLICT with its Chinese message, nothing written', async () => {
    const number = phone()
    await must('contacts', { action: 'register', name: '吴五', phone: number, consent: true }, OTHER)
    const before = villageCount(cloud, '新城')
    expect(await register({ name: '吴五', phone: number, registrationId: id('reg') })).toEqual({ ok: false, code: 'CONFLICT', message: '该号码已在其他村(社区)登记' })
    expect(villageCount(cloud, '新城')).toBe(before)
  })

  it('a malformed id is INVALID_INPUT in Chinese, nothing written', async () => {
    const before = cloud.count('contacts')
    const res = await register({ name: '郑六', phone: phone(), registrationId: 'no good!' })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '提交编号格式不对(registrationId)' })
    expect(cloud.count('contacts')).toBe(before)
  })
})

describe('concerns.reply with the phone’s replyId', () => {
  async function concern(): Promise<string> {
    const res = await must('concerns', { action: 'submit', submissionId: id('concern'), category: '民生实事', text: '村口路灯坏了', village: '新城' }, `resident-${++serial}`)
    return res.id
  }
  const replies = (concernId: string) => (cloud.service.db.get('concerns', concernId) as { replies: unknown[] }).replies.length
  const replied = () => (cloud.service.db.get('concern_counters', unitKey(DEFAULT_TOWN, '新城')) as { replied: number }).replied

  it('sent twice adds one reply and counts the concern replied once', async () => {
    const concernId = await concern()
    const before = replied()
    const event = { action: 'reply', id: concernId, text: '已安排维修', replyId: id('reply') }
    expect(await cloud.call('concerns', event, CADRE)).toEqual({ ok: true, data: { id: concernId, status: 'replied', stored: true } })
    expect(await cloud.call('concerns', event, CADRE)).toEqual({ ok: true, data: { id: concernId, status: 'replied', stored: false } })
    expect(replies(concernId)).toBe(1)
    expect(replied() - before).toBe(1)
    // A second, different reply is a reply of its own.
    await must('concerns', { action: 'reply', id: concernId, text: '本周五修好', replyId: id('reply') }, CADRE)
    expect(replies(concernId)).toBe(2)
    expect(replied() - before).toBe(1)
  })

  it('five copies at once add one; the resident never sees the id', async () => {
    const concernId = await concern()
    const event = { action: 'reply', id: concernId, text: '已联系供电所', replyId: id('reply') }
    const answers = await Promise.all(Array.from({ length: 5 }, () => cloud.call('concerns', event, CADRE)))
    expect(answers.every((a) => a.ok)).toBe(true)
    expect(answers.filter((a) => a.data.stored)).toHaveLength(1)
    expect(replies(concernId)).toBe(1)
    const listed = await must('concerns', { action: 'list', code: (cloud.service.db.get('concerns', concernId) as { code: string }).code }, CADRE)
    expect(Object.keys(listed.items[0].replies[0]).sort()).toEqual(['at', 'by', 'text'])
  })

  it('a reply already stored, sent again after the concern was closed, is found rather than refused', async () => {
    const concernId = await concern()
    const event = { action: 'reply', id: concernId, text: '已修好', replyId: id('reply') }
    await must('concerns', event, CADRE)
    await must('concerns', { action: 'close', id: concernId, resolved: true }, CADRE)
    expect(await cloud.call('concerns', event, CADRE)).toMatchObject({ ok: true, data: { stored: false } })
    // A new reply to a closed concern is still refused.
    expect(await cloud.call('concerns', { ...event, replyId: id('reply') }, CADRE)).toEqual({ ok: false, code: 'CONFLICT', message: '这条诉求已办结,不能再答复' })
    expect(replies(concernId)).toBe(1)
  })

  it('another village’s cadre sending the same id is FORBIDDEN', async () => {
    const concernId = await concern()
    const event = { action: 'reply', id: concernId, text: '已处理', replyId: id('reply') }
    await must('concerns', event, CADRE)
    expect(await cloud.call('concerns', event, OTHER)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('visits.record with the phone’s visitId', () => {
  it('the same visit sent three times is one visit and the household’s ticks count once', async () => {
    const household = await must('contacts', { action: 'register', name: '冯七', phone: phone(), consent: true }, CADRE)
    const event = { action: 'record', visitId: id('visit'), contactId: household.id, letter: true, card: false, explained: true }
    const answers = [await cloud.call('visits', event, CADRE), await cloud.call('visits', event, CADRE), await cloud.call('visits', event, CADRE)]
    expect(answers.map((a) => a.data?.stored)).toEqual([true, false, false])
    expect(cloud.count('visits', { contactId: household.id })).toBe(1)
    const row = (cloud.service.db.get('visit_counters', unitKey(DEFAULT_TOWN, '新城')) ?? {}) as Record<string, number>
    expect(cloud.count('contacts', { town: DEFAULT_TOWN, village: '新城', 'visit.letter': true })).toBe(row.letter)
  })
})

describe('a mock call placed from the household list (survey.submit with contact)', () => {
  const VALID: Answers = { Q1: [1], Q3: [4], Q4: [1, 3], Q5: [2], Q7: [1], Q8: [2], Q9: [1], Q10: [1], Q11: [1], Q12: [13], Q13: [12], Q14: [2] }
  const call = (fields: object, openid = CADRE) =>
    cloud.call('survey', { action: 'submit', submissionId: id('call'), mode: 'interview', outcome: 'refused', answers: {}, ...fields }, openid)
  const held = async (openid = CADRE) => (await must('contacts', { action: 'register', name: '陈八', phone: phone(), consent: true }, openid)).id as string
  const listed = async (contactId: string, openid: string) => {
    const res = await must('contacts', { action: 'list', pageSize: 100 }, openid)
    return (res.contacts as { id: string; lastCall: unknown }[]).find((c) => c.id === contactId)
  }

  it('a household starts with no last call; the holder’s call sets it, and the list shows it to them and to admins', async () => {
    const contactId = await held()
    expect((await listed(contactId, CADRE))?.lastCall).toBeNull()
    const res = await call({ contact: contactId, outcome: 'refused' })
    expect(res).toMatchObject({ ok: true, data: { stored: true } })
    expect((await listed(contactId, CADRE))?.lastCall).toEqual({ outcome: 'refused', at: expect.any(String) })
    const admin = await must('contacts', { action: 'list', village: '新城', pageSize: 100 }, ADMIN)
    expect(admin.contacts.find((c: { id: string }) => c.id === contactId).lastCall).toMatchObject({ outcome: 'refused' })
    // Another cadre of the village sees the household masked, and not how its calls went.
    const masked = await listed(contactId, NEIGHBOUR)
    expect(masked).toBeDefined()
    expect(masked).not.toHaveProperty('lastCall')
  })

  it('a later completed call replaces it; the retry of an earlier call changes nothing', async () => {
    const contactId = await held()
    const first = { submissionId: id('call'), contact: contactId, outcome: 'unreached' }
    await call(first)
    const done = await call({ contact: contactId, outcome: 'completed', answers: VALID })
    expect(done.ok).toBe(true)
    const after = (await listed(contactId, CADRE))?.lastCall as { outcome: string; at: string }
    expect(after.outcome).toBe('completed')
    expect(await call(first)).toMatchObject({ ok: true, data: { stored: false } })
    expect((await listed(contactId, CADRE))?.lastCall).toEqual(after)
  })

  it('the response never names the household: the answers stay apart from the person', async () => {
    const contactId = await held()
    const before = new Set(cloud.service.db.find('survey_responses').map((d) => d._id))
    await call({ contact: contactId, outcome: 'completed', answers: VALID })
    const [doc] = cloud.service.db.find('survey_responses').filter((d) => !before.has(d._id))
    expect(doc).toMatchObject({ mode: 'interview', village: '新城', outcome: 'completed' })
    expect(JSON.stringify(doc)).not.toContain(contactId)
  })

  it('a household the caller does not hold is FORBIDDEN, one that does not exist NOT_FOUND; nothing written either way', async () => {
    const neighbours = await held(NEIGHBOUR)
    const yunji = await held(OTHER)
    const before = cloud.count('survey_responses')
    expect(await call({ contact: neighbours })).toEqual({ ok: false, code: 'FORBIDDEN', message: '只能为自己负责的住户记录通话结果' })
    expect(await call({ contact: yunji })).toEqual({ ok: false, code: 'FORBIDDEN', message: '只能为自己负责的住户记录通话结果' })
    expect(await call({ contact: 'f'.repeat(32) })).toEqual({ ok: false, code: 'NOT_FOUND', message: '没有这户的登记记录,可能已被删除' })
    expect(cloud.count('survey_responses')).toBe(before)
    expect(cloud.service.db.get('contacts', neighbours)).not.toHaveProperty('lastCall')
  })

  it('practice names no household, and a malformed id is refused in Chinese', async () => {
    const contactId = await held()
    const before = cloud.count('survey_responses')
    expect(await cloud.call('survey', { action: 'submit', submissionId: id('p'), mode: 'practice', answers: VALID, contact: contactId }, 'resident-x')).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '练习答题不对应住户(contact)'
    })
    expect(await call({ contact: 'abc' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '联系人编号不对(contact)' })
    expect(cloud.count('survey_responses')).toBe(before)
  })

  it('an admin may record a call to any household of their town', async () => {
    const contactId = await held()
    const res = await cloud.call('survey', { action: 'submit', submissionId: id('a'), mode: 'interview', village: '新城', outcome: 'unreached', answers: {}, contact: contactId }, ADMIN)
    expect(res.ok).toBe(true)
    expect((await listed(contactId, CADRE))?.lastCall).toMatchObject({ outcome: 'unreached' })
  })
})
