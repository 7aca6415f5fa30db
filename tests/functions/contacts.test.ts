/**
 * The contacts function end to end: the real SDK against the local cloud, no mocks.
 * Who may register, change, see and reveal which household's number, uniqueness across the whole
 * sub-district, counters that always equal a recount, and lists that page through everything.
 */
import { CONSENT_REQUIRED, PURGE_CONFIRMATION } from '../../src/core/contract'
import { DEFAULT_TOWN, unitKey } from '../../src/core/towns'
import { contactSheet, counterDrift, makeCadre, mobile, uploadAs } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
const RESIDENT = 'resident-1'
/** Cadres: two of 云集 (A1, A2), one of 新塘站 (B1). */
const A1 = 'cadre-yunji-1'
const A2 = 'cadre-yunji-2'
const B1 = 'cadre-xintang-1'

let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
  await makeCadre(cloud, A1, '云集', '张三')
  await makeCadre(cloud, A2, '云集', '李华')
  await makeCadre(cloud, B1, '新塘站', '王五')
}, 60_000)
afterAll(async () => {
  await cloud.close()
})
// Whatever a test did, the counters still equal a recount of the contacts.
afterEach(() => {
  expect(counterDrift(cloud)).toEqual([])
})

const contacts = (event: object, openid: string) => cloud.call('contacts', event, openid)
const register = (fields: object, openid: string) => contacts({ action: 'register', consent: true, ...fields }, openid)
const stored = (id: string) => cloud.service.db.find('contacts', { filter: { _id: id } })[0]
/** A village counter by village name (of the default town: village_counters/<town>/<village>), a cadre counter by OPENID. */
const counter = (collection: 'village_counters' | 'cadre_counters', id: string) =>
  (cloud.service.db.find(collection, { filter: { _id: collection === 'village_counters' ? unitKey(DEFAULT_TOWN, id) : id } })[0]?.registered as number | undefined) ?? 0

/** Everything a refused call must leave untouched (a CONFLICT's own audit entry aside: conflicts are recorded). */
function writes() {
  const db = cloud.service.db
  return JSON.stringify({
    contacts: db.find('contacts'),
    audit: cloud.count('audit_log') - cloud.count('audit_log', { action: 'contacts.conflict' }),
    villages: db.find('village_counters'),
    cadres: db.find('cadre_counters')
  })
}

async function expectRefused(call: Promise<any>, code: string, message?: string | RegExp) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const before = writes()
  const res = await call
  expect(res).toMatchObject({ ok: false, code })
  if (typeof message === 'string') expect(res.message).toBe(message)
  else if (message) expect(res.message).toMatch(message)
  expect(writes()).toBe(before)
  return res
}

describe('register', () => {
  it('a cadre registers a household in their own village; the number is stored normalised, counted once', async () => {
    const res = await register({ name: ' 李四 ', phone: '138 0013 8000', occupation: '务农', address: '衡南县云集街道一组' }, A1)
    expect(res).toEqual({ ok: true, data: { id: expect.stringMatching(/^[0-9a-f]{32}$/), town: DEFAULT_TOWN, village: '云集', phoneMasked: '138****8000', stored: true } })
    expect(stored(res.data.id)).toMatchObject({
      town: DEFAULT_TOWN,
      village: '云集',
      name: '李四',
      phone: '13800138000',
      phoneMasked: '138****8000',
      phoneDigits: '13800138000',
      phoneLast4: '8000',
      responsible: '张三',
      occupation: '务农',
      createdBy: A1,
      createdByRole: 'cadre',
      createdAt: expect.any(Date)
    })
    // The id says nothing about the number without the environment's secret.
    expect(res.data.id).not.toContain('13800138000')
    expect(counter('village_counters', '云集')).toBe(1)
    expect(cloud.service.db.find('cadre_counters', { filter: { _id: A1 } })[0]).toMatchObject({ openid: A1, name: '张三', town: DEFAULT_TOWN, village: '云集', registered: 1 })
  })

  it('a retry or a double tap by the same cadre stores nothing new and answers stored:false', async () => {
    const first = await register({ name: '赵敏', phone: mobile(1, 1) }, A1)
    expect(first.data.stored).toBe(true)
    const again = await register({ name: '赵敏', phone: mobile(1, 1) }, A1)
    expect(again).toEqual({ ok: true, data: { ...first.data, stored: false } })
    const before = counter('village_counters', '云集')
    const taps = await Promise.all(Array.from({ length: 10 }, () => register({ name: '钱多', phone: mobile(1, 2) }, A1)))
    expect(taps.every((t) => t.ok)).toBe(true)
    expect(taps.filter((t) => t.data.stored)).toHaveLength(1)
    expect(counter('village_counters', '云集')).toBe(before + 1)
  })

  it('a number is registered once in the whole sub-district: the second gets CONFLICT, the village named only to its own cadres and admins', async () => {
    await register({ name: '孙悦', phone: mobile(1, 3), address: '云集某组' }, A1)
    const formatted = `+86 ${mobile(1, 3).slice(0, 3)}-${mobile(1, 3).slice(3, 7)}-${mobile(1, 3).slice(7)}`
    const fullWidth = mobile(1, 3).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
    for (const phone of [mobile(1, 3), formatted, fullWidth]) {
      // Another village's cadre learns only that it is elsewhere, not where.
      const res = await expectRefused(register({ name: '另一人', phone }, B1), 'CONFLICT', '该号码已在其他村(社区)登记')
      expect(res.message).not.toMatch(/孙悦|张三|某组/)
    }
    // Also within the same village, by a colleague, and by an admin.
    await expectRefused(register({ name: '孙悦', phone: mobile(1, 3) }, A2), 'CONFLICT', '该号码已在云集登记')
    await expectRefused(register({ name: '孙悦', phone: mobile(1, 3), village: '云集', responsible: '张三' }, ADMIN), 'CONFLICT', '该号码已在云集登记')
  })

  it('needs the resident’s consent, literally true', async () => {
    for (const consent of [undefined, false, 'true', 1]) {
      const res = await expectRefused(contacts({ action: 'register', name: '周一', phone: mobile(1, 4), consent }, A1), 'INVALID_INPUT')
      expect(res.message).toContain(CONSENT_REQUIRED)
    }
  })

  it('invalid input is refused with the core’s reason, nothing written', async () => {
    await expectRefused(register({ name: '吴二', phone: '1380013800' }, A1), 'INVALID_INPUT', /手机号码应为11位/)
    await expectRefused(register({ name: '吴二', phone: '14012345678' }, A1), 'INVALID_INPUT', /没有140这个号段/)
    await expectRefused(register({ name: '', phone: mobile(1, 5) }, A1), 'INVALID_INPUT', /请填写姓名/)
    await expectRefused(register({ name: '吴二', phone: mobile(1, 5), village: '不存在村' }, A1), 'INVALID_INPUT', '不存在村不在云集街道的任务分配表中')
  })

  it('a landline is accepted in its usual forms and stored as 0734-xxxxxxx', async () => {
    const res = await register({ name: '郑三', phone: '(0734)8160763' }, A1)
    expect(res.data.phoneMasked).toBe('0734-***0763')
    expect(stored(res.data.id)).toMatchObject({ phone: '0734-8160763', phoneDigits: '07348160763', phoneLast4: '0763' })
    await expectRefused(register({ name: '郑三', phone: '0734 816 0763' }, A2), 'CONFLICT', '该号码已在云集登记')
  })

  it('an admin names the village and the 包户责任人; admin registrations count for the village only', async () => {
    await expectRefused(register({ name: '冯四', phone: mobile(1, 6) }, ADMIN), 'INVALID_INPUT', '管理员请选择村(社区)')
    await expectRefused(register({ name: '冯四', phone: mobile(1, 6), village: '古塘' }, ADMIN), 'INVALID_INPUT', '管理员登记时请填写包户责任人')
    const res = await register({ name: '冯四', phone: mobile(1, 6), village: '古塘', responsible: '古塘村支书' }, ADMIN)
    expect(res.ok).toBe(true)
    expect(stored(res.data.id)).toMatchObject({ village: '古塘', responsible: '古塘村支书', createdBy: ADMIN, createdByRole: 'admin' })
    expect(counter('village_counters', '古塘')).toBe(1)
    expect(cloud.count('cadre_counters', { _id: ADMIN })).toBe(0)
  })

  it('20 cadres of 20 villages registering one number at once: exactly one stored, 19 CONFLICT', async () => {
    const villages = ['黄金', '堆子岭', '保合', '回龙', '滨河', '阳家坪', '江新', '杨柳', '石塘', '河市', '栗坪', '毛塘', '响鼓岭', '渡口', '普贤', '泉梓', '杉峰', '新桥', '东屋', '新城']
    const cadres = villages.map((v, i) => ({ openid: `race-${i}`, village: v }))
    await Promise.all(cadres.map((c) => makeCadre(cloud, c.openid, c.village, `干部${c.village}`)))
    const before = cloud.count('contacts')
    const phone = mobile(2, 1)
    const answers = await Promise.all(cadres.map((c) => register({ name: `居民${c.village}`, phone }, c.openid)))
    const winners = answers.filter((a) => a.ok)
    expect(winners).toHaveLength(1)
    const village = winners[0].data.village
    const losers = answers.filter((a) => !a.ok)
    expect(losers).toHaveLength(19)
    for (const l of losers) expect(l).toEqual({ ok: false, code: 'CONFLICT', message: '该号码已在其他村(社区)登记' })
    expect(cloud.count('contacts') - before).toBe(1)
    for (const v of villages) expect(counter('village_counters', v)).toBe(v === village ? 1 : 0)
  }, 60_000)

  it('20 cadres of one village registering different numbers at once: all stored, the village counted 20 times', async () => {
    const cadres = Array.from({ length: 20 }, (_, i) => `busy-${i}`)
    await Promise.all(cadres.map((c, i) => makeCadre(cloud, c, '毛塘', `毛塘干部${i}`)))
    const answers = await Promise.all(cadres.map((c, i) => register({ name: `毛塘居民${i}`, phone: mobile(3, i) }, c)))
    expect(answers.filter((a) => !a.ok)).toEqual([])
    expect(counter('village_counters', '毛塘')).toBe(20)
  }, 60_000)
})

describe('who may do what', () => {
  let a1Contact: string

  beforeAll(async () => {
    const res = await register({ name: '陈六', phone: mobile(4, 1), address: '云集二组', note: '白天在家' }, A1)
    a1Contact = res.data.id
  })

  it('a resident can do none of it: FORBIDDEN, nothing written', async () => {
    const events = [
      { action: 'register', name: '甲', phone: mobile(4, 2), consent: true },
      { action: 'register', name: '甲', phone: mobile(4, 2), consent: true, village: '云集', responsible: '我' },
      { action: 'update', id: a1Contact, name: '乙' },
      { action: 'remove', id: a1Contact },
      { action: 'list' },
      { action: 'reveal', id: a1Contact },
      { action: 'importXlsx', consent: true, fileID: `cloud://local.local-1250000000/contact-imports/${RESIDENT}/a.xlsx` },
      { action: 'exportXlsx' },
      { action: 'purge', confirm: PURGE_CONFIRMATION }
    ]
    for (const event of events) {
      const res = await expectRefused(contacts(event, RESIDENT), 'FORBIDDEN')
      expect(res.message).toMatch(/只有(村\(社区\)干部或)?管理员可以进行此操作/)
    }
  })

  it('without an OPENID nothing is possible: UNAUTHENTICATED', async () => {
    await expectRefused(contacts({ action: 'list' }, ''), 'UNAUTHENTICATED')
    await expectRefused(register({ name: '甲', phone: mobile(4, 2) }, ''), 'UNAUTHENTICATED')
  })

  it('a cadre of 新塘站 can neither read, write, reveal nor export 云集', async () => {
    await expectRefused(register({ name: '甲', phone: mobile(4, 3), village: '云集' }, B1), 'FORBIDDEN', '您是新塘站的干部,不能处理云集的联系人')
    await expectRefused(contacts({ action: 'update', id: a1Contact, name: '乙' }, B1), 'FORBIDDEN', '只能修改自己负责的联系人')
    await expectRefused(contacts({ action: 'remove', id: a1Contact }, B1), 'FORBIDDEN', '只能删除自己负责的联系人')
    await expectRefused(contacts({ action: 'reveal', id: a1Contact }, B1), 'FORBIDDEN', '只能查看自己负责的联系人的完整号码')
    await expectRefused(contacts({ action: 'list', village: '云集' }, B1), 'FORBIDDEN')
    await expectRefused(contacts({ action: 'exportXlsx', village: '云集' }, B1), 'FORBIDDEN')
    await expectRefused(contacts({ action: 'importXlsx', consent: true, village: '云集', fileID: `cloud://local.local-1250000000/contact-imports/${B1}/a.xlsx` }, B1), 'FORBIDDEN')
    await expectRefused(contacts({ action: 'purge', confirm: PURGE_CONFIRMATION }, B1), 'FORBIDDEN', '只有管理员可以进行此操作')
    // Their own list holds no 云集 contact at all.
    const own = await contacts({ action: 'list', pageSize: 100 }, B1)
    expect(own.data.contacts.every((c: { village: string }) => c.village === '新塘站')).toBe(true)
  })

  it('a colleague of the same village sees the household masked and may not change or reveal it', async () => {
    const list = await contacts({ action: 'list', search: mobile(4, 1) }, A2)
    expect(list.data.contacts).toEqual([
      { id: a1Contact, town: DEFAULT_TOWN, village: '云集', name: '陈*', phoneMasked: '139****0001', responsible: '张三', mine: false, unassigned: false, createdAt: expect.any(String) }
    ])
    await expectRefused(contacts({ action: 'update', id: a1Contact, note: '改' }, A2), 'FORBIDDEN')
    await expectRefused(contacts({ action: 'remove', id: a1Contact }, A2), 'FORBIDDEN')
    await expectRefused(contacts({ action: 'reveal', id: a1Contact }, A2), 'FORBIDDEN')
    // The cadre who registered it sees it in full (but the number still masked).
    const mine = await contacts({ action: 'list', search: '陈六' }, A1)
    expect(mine.data.contacts[0]).toMatchObject({ name: '陈六', address: '云集二组', note: '白天在家', mine: true, phoneMasked: '139****0001' })
  })

  it('a revoked cadre is a resident again', async () => {
    await makeCadre(cloud, 'cadre-revoked', '云集', '离任者')
    expect((await cloud.call('user', { action: 'revokeCadre', openid: 'cadre-revoked' }, ADMIN)).ok).toBe(true)
    await expectRefused(contacts({ action: 'list' }, 'cadre-revoked'), 'FORBIDDEN')
  })

  it('unknown ids are NOT_FOUND; malformed ones INVALID_INPUT', async () => {
    await expectRefused(contacts({ action: 'reveal', id: 'f'.repeat(32) }, A1), 'NOT_FOUND')
    await expectRefused(contacts({ action: 'remove', id: 'f'.repeat(32) }, ADMIN), 'NOT_FOUND')
    await expectRefused(contacts({ action: 'reveal', id: '../x' }, A1), 'INVALID_INPUT', /联系人编号不对/)
  })
})

describe('update', () => {
  it('changes only the fields sent; an optional field sent empty is cleared', async () => {
    const { data } = await register({ name: '林七', phone: mobile(5, 1), occupation: '教师', address: '云集三组' }, A1)
    const res = await contacts({ action: 'update', id: data.id, name: '林七七', occupation: '' }, A1)
    expect(res).toEqual({ ok: true, data: { id: data.id, town: DEFAULT_TOWN, village: '云集', phoneMasked: '139****0001' } })
    const doc = stored(data.id)
    expect(doc).toMatchObject({ name: '林七七', address: '云集三组', createdBy: A1, updatedAt: expect.any(Date) })
    expect(doc.occupation).toBeUndefined()
  })

  it('a new number re-keys the contact in one step; counters unchanged', async () => {
    const { data } = await register({ name: '黄八', phone: mobile(5, 2) }, A1)
    const before = [counter('village_counters', '云集'), counter('cadre_counters', A1), cloud.count('contacts')]
    const res = await contacts({ action: 'update', id: data.id, phone: mobile(5, 3) }, A1)
    expect(res.ok).toBe(true)
    expect(res.data.id).not.toBe(data.id)
    expect(stored(data.id)).toBeUndefined()
    expect(stored(res.data.id)).toMatchObject({ name: '黄八', phone: mobile(5, 3), phoneLast4: mobile(5, 3).slice(-4), createdBy: A1 })
    expect([counter('village_counters', '云集'), counter('cadre_counters', A1), cloud.count('contacts')]).toEqual(before)
    // The old number is free again.
    expect((await register({ name: '黄八家人', phone: mobile(5, 2) }, B1)).ok).toBe(true)
  })

  it('a new number already registered elsewhere is CONFLICT and changes nothing', async () => {
    const { data } = await register({ name: '何九', phone: mobile(5, 4) }, A1)
    await register({ name: '别村人', phone: mobile(5, 5) }, B1)
    await expectRefused(contacts({ action: 'update', id: data.id, phone: mobile(5, 5), name: '何久' }, A1), 'CONFLICT', '该号码已在其他村(社区)登记')
    await expectRefused(contacts({ action: 'update', id: data.id, phone: '1390' }, A1), 'INVALID_INPUT', /位数不对/)
    await expectRefused(contacts({ action: 'update', id: data.id }, A1), 'INVALID_INPUT', '没有要修改的内容')
  })

  it('only an admin moves a contact to another village; the village counters follow', async () => {
    const { data } = await register({ name: '罗十', phone: mobile(5, 6) }, A1)
    await expectRefused(contacts({ action: 'update', id: data.id, village: '新塘站' }, A1), 'FORBIDDEN', '只有管理员可以把联系人改到其他村(社区)')
    const counts = () => [counter('village_counters', '云集'), counter('village_counters', '新塘站'), counter('cadre_counters', A1)]
    const [yunji, xintang, a1] = counts()
    const res = await contacts({ action: 'update', id: data.id, village: '新塘站' }, ADMIN)
    expect(res).toMatchObject({ ok: true, data: { id: data.id, village: '新塘站' } })
    // The villages swap; the cadre no longer holds a household of another village (it awaits a 包户责任人 there).
    expect(counts()).toEqual([yunji - 1, xintang + 1, a1 - 1])
  })
})

describe('remove', () => {
  it('a cadre removes their own; counters go down in the same step; the removal is audited', async () => {
    const { data } = await register({ name: '梁一', phone: mobile(6, 1) }, A1)
    const before = [counter('village_counters', '云集'), counter('cadre_counters', A1)]
    expect(await contacts({ action: 'remove', id: data.id }, A1)).toEqual({ ok: true, data: { id: data.id } })
    expect(stored(data.id)).toBeUndefined()
    expect([counter('village_counters', '云集'), counter('cadre_counters', A1)]).toEqual([before[0] - 1, before[1] - 1])
    expect(cloud.count('audit_log', { action: 'contacts.remove', target: data.id, actor: A1 })).toBe(1)
    await expectRefused(contacts({ action: 'remove', id: data.id }, A1), 'NOT_FOUND')
  })

  it('an admin removes any; the registering cadre’s counter goes down', async () => {
    const { data } = await register({ name: '宋二', phone: mobile(6, 2) }, B1)
    const b1 = counter('cadre_counters', B1)
    expect((await contacts({ action: 'remove', id: data.id }, ADMIN)).ok).toBe(true)
    expect(counter('cadre_counters', B1)).toBe(b1 - 1)
  })
})

describe('list', () => {
  /** Tails no other test uses, so digit searches have one answer. */
  const PHONES = ['15873117311', '15873117312', '15873117313']

  beforeAll(async () => {
    for (const [i, name] of ['欧阳娜娜', '欧阳修', '谢三'].entries()) await register({ name, phone: PHONES[i] }, B1)
  })

  it('newest first, phones masked, exact total; a cadre sees their own village by default', async () => {
    const res = await contacts({ action: 'list', page: 0, pageSize: 2 }, B1)
    expect(res.data.total).toBe(cloud.count('contacts', { village: '新塘站' }))
    expect(res.data.contacts.map((c: { name: string }) => c.name)).toEqual(['谢三', '欧阳修'])
    const json = JSON.stringify(await contacts({ action: 'list', pageSize: 100 }, B1))
    for (const phone of PHONES) expect(json).not.toContain(phone)
  })

  it('search by a full name, by the last four digits, by the whole number however typed; never by a part', async () => {
    const names = async (search: string, who = B1) => (await contacts({ action: 'list', search }, who)).data.contacts.map((c: { name: string }) => c.name)
    expect(await names('欧阳修')).toEqual(['欧阳修'])
    expect(await names('欧阳')).toEqual([])
    expect(await names('7311')).toEqual(['欧阳娜娜'])
    const n = PHONES[2]
    expect(await names(`${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`)).toEqual(['谢三'])
    expect(await names(`+86${n}`)).toEqual(['谢三'])
    expect(await contacts({ action: 'list', search: n.slice(-6) }, B1)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请输入4位尾号或完整号码' })
    expect(await names('.*')).toEqual([])
    // Search never reaches beyond the caller's village.
    expect(await names('欧阳修', A1)).toEqual([])
    expect(await names('7311', A1)).toEqual([])
  })

  it('an admin lists every village or one, seeing names in full', async () => {
    const all = await contacts({ action: 'list', pageSize: 5 }, ADMIN)
    expect(all.data.total).toBe(cloud.count('contacts'))
    const one = await contacts({ action: 'list', village: '新塘站', search: '欧阳娜娜' }, ADMIN)
    expect(one.data).toMatchObject({ total: 1, contacts: [{ name: '欧阳娜娜', mine: false }] })
  })
})

describe('reveal', () => {
  it('the registering cadre sees the full number, and the reveal is audited', async () => {
    const { data } = await register({ name: '唐三', phone: mobile(8, 1) }, A1)
    const before = cloud.count('audit_log', { action: 'contacts.reveal' })
    expect(await contacts({ action: 'reveal', id: data.id }, A1)).toEqual({ ok: true, data: { id: data.id, phone: mobile(8, 1) } })
    expect(await contacts({ action: 'reveal', id: data.id }, ADMIN)).toEqual({ ok: true, data: { id: data.id, phone: mobile(8, 1) } })
    const entries = cloud.service.db.find('audit_log', { filter: { action: 'contacts.reveal', target: data.id } })
    expect(entries.map((e) => e.actor)).toEqual([A1, ADMIN])
    expect(entries[0]).toMatchObject({ detail: { village: '云集' }, at: expect.any(Date) })
    // The audit trail itself holds no number and no name.
    expect(JSON.stringify(entries)).not.toMatch(new RegExp(`${mobile(8, 1)}|唐三`))
    expect(cloud.count('audit_log', { action: 'contacts.reveal' })).toBe(before + 2)
  })
})

describe('counters', () => {
  it('equal a full recount after a mixed sequence of registrations, edits, moves, removals and an import', async () => {
    await makeCadre(cloud, 'cadre-hexi', '河市', '河市干部')
    const ids: string[] = []
    for (let i = 0; i < 6; i++) ids.push((await register({ name: `河市居民${i}`, phone: mobile(10, i) }, 'cadre-hexi')).data.id)
    await contacts({ action: 'update', id: ids[0], phone: mobile(10, 50) }, 'cadre-hexi')
    await contacts({ action: 'remove', id: ids[1] }, 'cadre-hexi')
    await contacts({ action: 'update', id: ids[2], village: '杉峰' }, ADMIN)
    await contacts({ action: 'remove', id: ids[3] }, ADMIN)
    const sheet = await contactSheet({ rows: [[1, '', '河市甲', mobile(10, 60)], [2, '', '河市乙', mobile(10, 61)], [3, '', '重复', mobile(10, 4)]] })
    const imported = await contacts({ action: 'importXlsx', consent: true, fileID: await uploadAs(cloud, 'cadre-hexi', sheet) }, 'cadre-hexi')
    expect(imported.data).toEqual({ imported: 2, skipped: [{ row: 6, reason: '该号码已在河市登记' }] })
    // 6 registered, 1 removed by its cadre, 1 moved away, 1 removed by an admin, 2 imported.
    expect(counter('village_counters', '河市')).toBe(5)
    expect(counter('village_counters', '杉峰')).toBe(1)
    // The cadre holds what is still in their village.
    expect(counter('cadre_counters', 'cadre-hexi')).toBe(5)
    expect(counterDrift(cloud)).toEqual([])
  })
})

describe('1,500 contacts in one village', () => {
  const VILLAGE = '东屋'
  const CADRE = 'cadre-dongwu'

  it('the list pages through all of them exactly once, with exact totals', async () => {
    await makeCadre(cloud, CADRE, VILLAGE, '东屋干部')
    // 100 registered through the function, 20 at a time…
    for (let i = 0; i < 100; i += 20) {
      const batch = await Promise.all(Array.from({ length: 20 }, (_, j) => register({ name: `东屋居民${i + j}`, phone: mobile(9, i + j) }, CADRE)))
      expect(batch.every((b) => b.ok)).toBe(true)
    }
    // …400 imported from a sheet…
    const sheet = await contactSheet({ rows: Array.from({ length: 400 }, (_, k) => [k + 1, '', `东屋居民${100 + k}`, mobile(9, 100 + k), '', '', '']) })
    const imported = await contacts({ action: 'importXlsx', consent: true, fileID: await uploadAs(cloud, CADRE, sheet) }, CADRE)
    expect(imported.data).toEqual({ imported: 400, skipped: [] })
    // …1,000 straight into the database, counters set to match (as a migration would).
    const base = Date.now() - 86_400_000
    cloud.service.db.insert(
      'contacts',
      Array.from({ length: 1000 }, (_, k) => {
        const i = 500 + k
        const phone = mobile(9, i)
        return {
          _id: `5eed${String(i).padStart(28, '0')}`,
          town: DEFAULT_TOWN,
          village: VILLAGE,
          responsible: '东屋干部',
          name: `东屋居民${i}`,
          phone,
          phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}`,
          phoneDigits: phone,
          phoneLast4: phone.slice(-4),
          owner: CADRE,
          createdBy: CADRE,
          createdByRole: 'cadre',
          createdAt: new Date(base + k),
          source: 'import'
        }
      })
    )
    cloud.service.update('village_counters', unitKey(DEFAULT_TOWN, VILLAGE), { registered: 1500 })
    cloud.service.update('cadre_counters', CADRE, { registered: 1500 })

    const seen = new Set<string>()
    let previous = Infinity
    for (let page = 0; page < 15; page++) {
      const res = await contacts({ action: 'list', page, pageSize: 100 }, CADRE)
      expect(res.data.total).toBe(1500)
      expect(res.data.contacts).toHaveLength(100)
      for (const c of res.data.contacts) {
        seen.add(c.id)
        const at = Date.parse(c.createdAt)
        expect(at).toBeLessThanOrEqual(previous)
        previous = at
      }
    }
    expect(seen.size).toBe(1500)
    expect((await contacts({ action: 'list', page: 15, pageSize: 100 }, CADRE)).data).toEqual({ contacts: [], total: 1500 })
    // A search finds one household among them by its full name or its whole number.
    expect((await contacts({ action: 'list', search: '东屋居民1499', pageSize: 1 }, CADRE)).data).toMatchObject({ total: 1, contacts: [{ name: '东屋居民1499' }] })
    expect((await contacts({ action: 'list', search: mobile(9, 1499) }, CADRE)).data).toMatchObject({ total: 1, contacts: [{ name: '东屋居民1499' }] })
  }, 60_000)
})
