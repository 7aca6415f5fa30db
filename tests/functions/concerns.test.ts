/**
 * 群众诉求 through the real concerns function on the local cloud: who sees what, the limits, the
 * refusals that write nothing, the overdue timer, and the figures per village.
 */
import { CONCERN_CODE_ALPHABET, CONCERNS_PER_DAY } from '../../src/core/concerns'
import { DEFAULT_TOWN, unitKey } from '../../src/core/towns'
import { makeCadre, mobile } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const TOWN = DEFAULT_TOWN
const ADMIN = 'local-admin'
const CADRE = 'concern-cadre-xincheng'
const OTHER_CADRE = 'concern-cadre-yunji'

let cloud: TestCloud
let serial = 0
const sid = () => `concern-test-${++serial}`

const call = (event: object, openid: string) => cloud.call('concerns', event, openid)
async function must(event: object, openid: string) {
  const res = await call(event, openid)
  if (!res.ok) throw new Error(`${JSON.stringify(event)} failed: ${JSON.stringify(res)}`)
  return res.data
}
/** A household of 新城 registered (and held) by its cadre. */
async function registerHousehold(name: string, phone: string): Promise<string> {
  const res = await cloud.call('contacts', { action: 'register', name, phone, consent: true }, CADRE)
  if (!res.ok) throw new Error(JSON.stringify(res))
  return res.data.id
}
const submit = (openid: string, extra: object = {}) =>
  call({ action: 'submit', submissionId: sid(), category: '民生实事', text: '村口路灯坏了一个月', village: '新城', ...extra }, openid)

/** Every collection the concerns function writes, as counts, to prove a refusal wrote nothing. */
const written = () => ['concerns', 'concern_codes', 'concern_counters', 'rate_limits', 'audit_log'].map((c) => `${c}:${cloud.count(c)}`).join(' ')
const counter = (village: string) => cloud.service.db.get('concern_counters', unitKey(TOWN, village)) as Record<string, number> | undefined
const timer = () => cloud.gateway.runner.invoke({ name: 'concerns', event: { Type: 'Timer', TriggerName: 'dailyOverdue' }, openid: '', source: 'wx_trigger' }) as Promise<any> // eslint-disable-line @typescript-eslint/no-explicit-any
const setDue = (id: string, at: Date) =>
  cloud.service.db.modify('concerns', { filter: { _id: id }, update: { $set: { dueAt: at } }, multi: false, merge: true, upsert: false }, Date.now())

beforeAll(async () => {
  cloud = await startTestCloud()
  await makeCadre(cloud, CADRE, '新城', '新城干部')
  await makeCadre(cloud, OTHER_CADRE, '云集', '云集干部')
}, 60_000)
afterAll(async () => {
  await cloud.close()
})

describe('residents', () => {
  it('a resident files a concern and gets a 6-character code without look-alikes; mine shows only their own, with replies signed 村(社区)干部', async () => {
    const mine = await submit('resident-a', { text: '我家门前排水沟堵了' })
    expect(mine.ok).toBe(true)
    expect(mine.data.code).toMatch(new RegExp(`^[${CONCERN_CODE_ALPHABET}]{6}$`))
    await submit('resident-b', { text: '别人的问题' })
    await must({ action: 'reply', id: mine.data.id, text: '已安排清理,本周内完成' }, CADRE)

    const a = await must({ action: 'mine' }, 'resident-a')
    expect(a.total).toBe(1)
    expect(a.items).toEqual([
      expect.objectContaining({ id: mine.data.id, code: mine.data.code, text: '我家门前排水沟堵了', status: 'replied', replies: [{ text: '已安排清理,本周内完成', at: expect.any(String), by: '村(社区)干部' }] })
    ])
    expect(JSON.stringify(a)).not.toContain(CADRE)
    expect((await must({ action: 'mine' }, 'resident-b')).items.map((c: { text: string }) => c.text)).toEqual(['别人的问题'])
    expect((await must({ action: 'mine' }, 'resident-nobody')).total).toBe(0)
    // Stored only as a keyed hash: no OPENID anywhere in the document.
    expect(JSON.stringify(cloud.service.db.get('concerns', mine.data.id))).not.toContain('resident-a')
  })

  it('a resident cannot list, reply, close, assign, see the figures or reveal a number', async () => {
    const { id } = (await submit('resident-c', { callback: { phone: '139 0000 1111' } })).data
    const before = written()
    for (const event of [
      { action: 'list' },
      { action: 'reply', id, text: '我自己答复' },
      { action: 'close', id, resolved: true },
      { action: 'assign', id, unit: '新城', dueDays: 3 },
      { action: 'stats' },
      { action: 'revealCallback', id },
      { action: 'markOverdue' }
    ]) {
      expect({ action: event.action, code: (await call(event, 'resident-c')).code }).toEqual({ action: event.action, code: 'FORBIDDEN' })
    }
    expect(written()).toBe(before)
  })

  it('a retry of one submissionId stores one concern, counted once', async () => {
    const raised = counter('')?.raised ?? 0
    const event = { action: 'submit', submissionId: 'retry-me-0001', category: '治安问题', text: '夜里有人偷电瓶' }
    const first = await must(event, 'resident-retry')
    const again = await Promise.all([call(event, 'resident-retry'), call(event, 'resident-retry')])
    expect(again.map((r) => r.data)).toEqual([{ id: first.id, code: first.code, stored: false }, { id: first.id, code: first.code, stored: false }])
    expect(cloud.count('concerns', { respondent: cloud.service.db.get('concerns', first.id)!.respondent })).toBe(1)
    // It names no village: counted once in the town's own counter.
    expect(counter('')!.raised).toBe(raised + 1)
    expect(cloud.service.db.get('concerns', first.id)).toMatchObject({ village: '', status: 'open' })
  })

  it(`a resident may file ${CONCERNS_PER_DAY} concerns a day: the next is RATE_LIMITED and writes nothing`, async () => {
    for (let i = 0; i < CONCERNS_PER_DAY; i++) expect((await submit('resident-limit')).ok).toBe(true)
    const before = written()
    const sixth = await submit('resident-limit')
    expect({ ok: sixth.ok, code: sixth.code }).toEqual({ ok: false, code: 'RATE_LIMITED' })
    expect(sixth.message).toContain('110')
    expect(written()).toBe(before)
    expect((await must({ action: 'mine' }, 'resident-limit')).total).toBe(CONCERNS_PER_DAY)
  })

  it('bad input is refused with a clear message and nothing written', async () => {
    const before = written()
    const cases: [object, RegExp][] = [
      [{ text: '问'.repeat(501) }, /不能超过500个字/],
      [{ text: '问'.repeat(600) }, /不能超过500个字/],
      [{ text: '有\u0000字符' }, /特殊字符/],
      [{ text: '   ' }, /请填写反映内容/],
      [{ category: '投诉' }, /请选择问题类别/],
      [{ callback: { phone: '12345' } }, /回访电话/],
      [{ village: '不存在村' }, /不在/],
      [{ submissionId: 'x' }, /提交编号/]
    ]
    for (const [extra, message] of cases) {
      const res = await submit('resident-bad', extra)
      expect({ extra, ok: res.ok, code: res.code }).toEqual({ extra, ok: false, code: 'INVALID_INPUT' })
      expect(res.message).toMatch(message)
    }
    expect(written()).toBe(before)
    // Multi-line text is fine, and 500 characters exactly are accepted.
    expect((await submit('resident-bad-ok', { text: `第一行\n${'问'.repeat(496)}` })).ok).toBe(true)
  })
})

describe('cadres and admins', () => {
  it('a cadre of another village is FORBIDDEN for every action on 新城, and nothing is written', async () => {
    const { id } = (await submit('resident-d', { callback: { phone: mobile(60, 1) } })).data
    const household = await registerHousehold('居民戊', mobile(60, 2))
    const before = written()
    for (const event of [
      { action: 'submit', submissionId: sid(), category: '其他', text: '代为反映', contactId: household },
      { action: 'submit', submissionId: sid(), category: '其他', text: '代为反映', village: '新城' },
      { action: 'list', village: '新城' },
      { action: 'reply', id, text: '我来答复' },
      { action: 'close', id, resolved: true },
      { action: 'assign', id, unit: '云集', dueDays: 3 },
      { action: 'stats', village: '新城' },
      { action: 'revealCallback', id },
      { action: 'markOverdue' }
    ]) {
      const res = await call(event, OTHER_CADRE)
      expect({ action: event.action, code: res.code }).toEqual({ action: event.action, code: 'FORBIDDEN' })
    }
    expect(written()).toBe(before)
    // Their own list holds none of 新城's.
    const own = await must({ action: 'list' }, OTHER_CADRE)
    expect(own.items.every((c: { village: string }) => c.village === '云集')).toBe(true)
  })

  it('a cadre records a concern for a household of their village: it carries the village and no resident', async () => {
    const household = await registerHousehold('居民己', mobile(60, 3))
    const { id } = await must({ action: 'submit', submissionId: sid(), category: '困难救助', text: '独居老人需要帮扶', contactId: household }, CADRE)
    expect(cloud.service.db.get('concerns', id)).toMatchObject({ village: '新城', contactId: household, respondent: null, recordedBy: 'cadre' })
  })

  it('list masks the callback number; revealCallback shows it to the village cadre, audited first', async () => {
    const { id } = (await submit('resident-e', { callback: { phone: '+86 139-0060-0004' } })).data
    const list = await must({ action: 'list', status: 'open' }, CADRE)
    const item = list.items.find((c: { id: string }) => c.id === id)
    expect(item.callbackMasked).toBe('139****0004')
    expect(JSON.stringify(list)).not.toContain('13900600004')
    expect(await must({ action: 'revealCallback', id }, CADRE)).toEqual({ id, phone: '13900600004' })
    expect(cloud.count('audit_log', { action: 'concerns.revealCallback', actor: CADRE, target: id })).toBe(1)
    const none = (await submit('resident-e')).data.id
    expect((await call({ action: 'revealCallback', id: none }, CADRE)).code).toBe('NOT_FOUND')
  })

  it('a reply that mentions the survey is refused (民调, 满意, 打分, 好评)', async () => {
    const { id } = (await submit('resident-f')).data
    const before = written()
    for (const text of ['请您在民调中支持我们', '希望您满意', '记得打分', '请给个好评']) {
      const res = await call({ action: 'reply', id, text }, CADRE)
      expect({ text, code: res.code }).toEqual({ text, code: 'INVALID_INPUT' })
      expect(res.message).toContain('与民意调查无关')
    }
    const long = await call({ action: 'reply', id, text: '答'.repeat(501) }, CADRE)
    expect(long.code).toBe('INVALID_INPUT')
    const note = await call({ action: 'close', id, resolved: true, note: '注'.repeat(201) }, CADRE)
    expect(note.code).toBe('INVALID_INPUT')
    expect(written()).toBe(before)
  })

  it('a concern is closed only after a reply; assign moves it to a unit with a new due date', async () => {
    const { id } = (await submit('resident-g', { village: undefined })).data
    expect((await call({ action: 'close', id, resolved: true }, ADMIN)).code).toBe('CONFLICT')
    expect((await call({ action: 'assign', id, unit: '云集', dueDays: 31 }, ADMIN)).code).toBe('INVALID_INPUT')
    const unnamed = counter('')!.raised
    const yunji = counter('云集')?.raised ?? 0
    const assigned = await must({ action: 'assign', id, unit: '云集', dueDays: 7 }, ADMIN)
    expect(assigned.status).toBe('assigned')
    expect(new Date(assigned.dueAt).getTime()).toBeGreaterThan(Date.now() + 6.9 * 86400_000)
    expect(counter('')!.raised).toBe(unnamed - 1)
    expect(counter('云集')!.raised).toBe(yunji + 1)
    // Now it is 云集's: its cadre answers, 新城's may not.
    expect((await call({ action: 'reply', id, text: '收到' }, CADRE)).code).toBe('FORBIDDEN')
    await must({ action: 'reply', id, text: '已处理' }, OTHER_CADRE)
    expect(await must({ action: 'close', id, resolved: false, note: '需上级协调' }, OTHER_CADRE)).toEqual({ id, status: 'closed' })
    expect((await call({ action: 'reply', id, text: '再答复' }, OTHER_CADRE)).code).toBe('CONFLICT')
  })
})

describe('overdue', () => {
  it('the daily timer, with no user, marks concerns past due without a reply; they come first in the queue; a reply clears it', async () => {
    const late = (await submit('resident-h', { text: '过期未答复的问题' })).data.id
    const answered = (await submit('resident-h', { text: '过期但已答复' })).data.id
    await must({ action: 'reply', id: answered, text: '已答复' }, CADRE)
    setDue(late, new Date(Date.now() - 3600_000))
    setDue(answered, new Date(Date.now() - 3600_000))
    const overdueBefore = counter('新城')!.overdue

    const run = await timer()
    expect(run).toMatchObject({ ok: true, data: { marked: 1 } })
    expect(cloud.service.db.get('concerns', late)).toMatchObject({ overdue: true })
    expect(cloud.service.db.get('concerns', answered)).toMatchObject({ overdue: false })
    expect(counter('新城')!.overdue).toBe(overdueBefore + 1)
    expect(cloud.count('audit_log', { action: 'concerns.markOverdue', actor: 'timer' })).toBe(1)
    // Nothing new the next day: marked ones are not marked again.
    expect(await timer()).toMatchObject({ ok: true, data: { marked: 0 } })
    expect(counter('新城')!.overdue).toBe(overdueBefore + 1)

    const queue = await must({ action: 'list', pageSize: 5 }, CADRE)
    expect(queue.items[0]).toMatchObject({ id: late, overdue: true })
    expect((await must({ action: 'list', overdue: true }, CADRE)).total).toBe(1)
    const stats = await must({ action: 'stats' }, CADRE)
    expect(stats.rows[0]).toMatchObject({ village: '新城', overdue: overdueBefore + 1 })

    await must({ action: 'reply', id: late, text: '抱歉久等,已处理' }, CADRE)
    expect(cloud.service.db.get('concerns', late)).toMatchObject({ overdue: false, late: true, status: 'replied' })
    expect(counter('新城')!.overdue).toBe(overdueBefore)
  })

  it('a client cannot pass itself off as the timer', async () => {
    const res = await cloud.call('concerns', { Type: 'Timer', TriggerName: 'dailyOverdue' }, 'resident-i')
    expect(res.ok).toBe(false)
  })
})

describe('figures', () => {
  it('the reply rate after replies and closes, and the median hours to a reply', async () => {
    // A fresh town of its own keeps the figures clean.
    expect((await cloud.call('towns', { action: 'create', name: '统计镇', units: [{ name: '甲村', quota: 10 }, { name: '乙村', quota: 10 }] }, ADMIN)).ok).toBe(true)
    const town = '统计镇'
    const empty = await must({ action: 'stats', town }, ADMIN)
    expect(empty.total).toMatchObject({ raised: 0, replyRate: null, medianReplyHours: null })

    const ids: string[] = []
    for (let i = 0; i < 4; i++) ids.push((await must({ action: 'submit', town, submissionId: sid(), category: '其他', text: `问题${i}`, village: '甲村' }, `stats-resident-${i}`)).id)
    await must({ action: 'reply', town, id: ids[0], text: '已答复' }, ADMIN)
    await must({ action: 'reply', town, id: ids[1], text: '已答复' }, ADMIN)
    await must({ action: 'reply', town, id: ids[1], text: '补充答复' }, ADMIN) // a second reply counts once
    await must({ action: 'close', town, id: ids[0], resolved: true }, ADMIN)
    const stats = await must({ action: 'stats', town }, ADMIN)
    expect(stats.rows).toEqual([expect.objectContaining({ village: '甲村', raised: 4, replied: 2, closed: 1, overdue: 0, replyRate: 0.5 })])
    expect(stats.total).toMatchObject({ raised: 4, replied: 2, closed: 1, replyRate: 0.5 })
    expect(stats.rows[0].medianReplyHours).toBeGreaterThanOrEqual(0)
    // A submission naming no village is counted apart (未注明村(社区)), last.
    await must({ action: 'submit', town, submissionId: sid(), category: '其他', text: '没填村' }, 'stats-resident-9')
    const withUnnamed = await must({ action: 'stats', town }, ADMIN)
    expect(withUnnamed.rows.map((r: { village: string }) => r.village)).toEqual(['甲村', ''])
    expect(withUnnamed.total).toMatchObject({ raised: 5, replied: 2, replyRate: 0.4 })
  })

  it('the median reply hours are exact past 1,000 replied concerns (seeded directly)', async () => {
    expect((await cloud.call('towns', { action: 'create', name: '中位镇', units: [{ name: '丙村', quota: 10 }] }, ADMIN)).ok).toBe(true)
    const town = '中位镇'
    const n = 1_201
    const hours = Array.from({ length: n }, (_, i) => ((i * 7919) % 5003) / 10)
    const now = new Date()
    cloud.service.db.insert(
      'concerns',
      hours.map((h, i) => ({
        _id: `median-${i}`, code: `M${String(i).padStart(5, '0')}`, town, village: '丙村', raisedIn: '丙村', category: '其他', text: '种子', status: 'replied',
        overdue: false, late: false, respondent: null, recordedBy: 'admin', contactId: null, callback: null, day: '2025-01-01', createdAt: now, dueAt: now,
        assignedAt: null, replies: [], repliedAt: now, replyHours: h, closedAt: null, resolved: null, note: null
      }))
    )
    cloud.service.db.insert('concern_counters', { _id: unitKey(town, '丙村'), town, village: '丙村', raised: n + 99, replied: n, closed: 0, overdue: 0 })
    const sorted = [...hours].sort((a, b) => a - b)
    const stats = await must({ action: 'stats', town }, ADMIN)
    expect(stats.rows[0]).toMatchObject({ village: '丙村', raised: n + 99, replied: n, medianReplyHours: sorted[(n - 1) / 2], replyRate: n / (n + 99) })

    // One more (even n): the mean of the two middle values.
    cloud.service.db.insert('concerns', { _id: 'median-extra', town, village: '丙村', status: 'replied', overdue: false, replyHours: 9999, createdAt: now })
    cloud.service.db.modify('concern_counters', { filter: { _id: unitKey(town, '丙村') }, update: { $set: { replied: n + 1 } }, multi: false, merge: true, upsert: false }, Date.now())
    const even = [...sorted, 9999]
    const again = await must({ action: 'stats', town, village: '丙村' }, ADMIN)
    expect(again.rows[0].medianReplyHours).toBeCloseTo((even[(n + 1) / 2 - 1] + even[(n + 1) / 2]) / 2, 2)
  })
})
