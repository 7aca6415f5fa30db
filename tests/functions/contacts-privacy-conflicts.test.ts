/**
 * What a refused registration tells a cadre (not where a number lives), the audit trail of every
 * conflict and every change of number or village, the admin's view of conflicts, and exports that
 * hold no more than the caller may reveal. Real functions on the local cloud.
 */
import { chinaDay } from '../../server/lib/china-day'
import { contactSheet, makeCadre, mobile, readSheet, sheetValues, uploadAs } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
const A1 = 'conflict-yunji-1'
const A2 = 'conflict-yunji-2'
const B1 = 'conflict-xintang-1'
const ELSEWHERE = '该号码已在其他村(社区)登记'

let cloud: TestCloud

const contacts = (event: object, openid: string) => cloud.call('contacts', event, openid)
const register = (fields: object, openid: string) => contacts({ action: 'register', consent: true, ...fields }, openid)
const auditOf = (action: string, filter: object = {}) => cloud.service.db.find('audit_log', { filter: { action, ...filter } })
const everything = () =>
  JSON.stringify({ contacts: cloud.service.db.find('contacts'), villages: cloud.service.db.find('village_counters'), cadres: cloud.service.db.find('cadre_counters') })

beforeAll(async () => {
  cloud = await startTestCloud()
  await makeCadre(cloud, A1, '云集', '张三')
  await makeCadre(cloud, A2, '云集', '李华')
  await makeCadre(cloud, B1, '新塘站', '王五')
}, 60_000)
afterAll(async () => {
  await cloud.close()
})

describe('a conflict tells a cadre only whether the number is in their own village', () => {
  it('register: another village’s cadre hears 其他村(社区); a colleague and an admin hear the village; each conflict is audited', async () => {
    const held = await register({ name: '孙悦', phone: mobile(40, 1) }, A1)
    const before = everything()
    expect(await register({ name: '另一人', phone: mobile(40, 1) }, B1)).toEqual({ ok: false, code: 'CONFLICT', message: ELSEWHERE })
    expect(await register({ name: '另一人', phone: mobile(40, 1) }, A2)).toEqual({ ok: false, code: 'CONFLICT', message: '该号码已在云集登记' })
    expect(await register({ name: '另一人', phone: mobile(40, 1), village: '古塘', responsible: '古塘村支书' }, ADMIN)).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: '该号码已在云集登记'
    })
    expect(everything()).toBe(before)
    const entries = auditOf('contacts.conflict', { target: held.data.id })
    expect(entries.map((e) => e.actor)).toEqual([B1, A2, ADMIN])
    expect(entries[0]).toMatchObject({
      target: held.data.id,
      detail: { source: 'register', phoneMasked: '139****0001', holderVillage: '云集', holderCreatedBy: A1, holderResponsible: '张三', attemptVillage: '新塘站', attemptBy: '王五' },
      at: expect.any(Date)
    })
    expect(entries[2].detail).toMatchObject({ attemptVillage: '古塘', attemptBy: '管理员' })
    expect(JSON.stringify(entries)).not.toContain(mobile(40, 1))
  })

  it('20 cadres of 20 villages racing for one number: the 19 losers hear only 其他村(社区), 19 conflicts audited', async () => {
    const villages = ['黄金', '堆子岭', '保合', '回龙', '滨河', '阳家坪', '江新', '杨柳', '石塘', '河市', '栗坪', '毛塘', '响鼓岭', '渡口', '普贤', '泉梓', '杉峰', '新桥', '东屋', '新城']
    await Promise.all(villages.map((v, i) => makeCadre(cloud, `race-${i}`, v, `干部${v}`)))
    const answers = await Promise.all(villages.map((v, i) => register({ name: `居民${v}`, phone: mobile(40, 2) }, `race-${i}`)))
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    for (const a of answers.filter((a) => !a.ok)) expect(a).toEqual({ ok: false, code: 'CONFLICT', message: ELSEWHERE })
    expect(auditOf('contacts.conflict', { target: answers.find((a) => a.ok).data.id })).toHaveLength(19)
  }, 60_000)

  it('update: moving one’s own household to a guessed number is CONFLICT 其他村(社区), audited, nothing changed', async () => {
    const taken = await register({ name: '别村人', phone: mobile(40, 3) }, B1)
    const own = await register({ name: '何九', phone: mobile(40, 4) }, A1)
    const before = everything()
    expect(await contacts({ action: 'update', id: own.data.id, phone: mobile(40, 3) }, A1)).toEqual({ ok: false, code: 'CONFLICT', message: ELSEWHERE })
    expect(everything()).toBe(before)
    expect(auditOf('contacts.conflict', { target: taken.data.id })).toEqual([
      expect.objectContaining({ actor: A1, detail: expect.objectContaining({ source: 'update', holderVillage: '新塘站', holderCreatedBy: B1, attemptVillage: '云集', attemptBy: '张三' }) })
    ])
    // An admin still learns the village.
    expect(await contacts({ action: 'update', id: own.data.id, phone: mobile(40, 3) }, ADMIN)).toEqual({ ok: false, code: 'CONFLICT', message: '该号码已在新塘站登记' })
  })

  it('import: rows of numbers held in another village say 其他村(社区) and are audited; re-importing one’s own rows is no conflict', async () => {
    await register({ name: '本人户', phone: mobile(40, 5) }, B1)
    const held = await register({ name: '云集户', phone: mobile(40, 6) }, A1)
    const bytes = await contactSheet({ rows: [[1, '', '甲', mobile(40, 5)], [2, '', '乙', mobile(40, 6)], [3, '', '丙', mobile(40, 7)]] })
    const res = await contacts({ action: 'importXlsx', consent: true, fileID: await uploadAs(cloud, B1, bytes) }, B1)
    expect(res.data).toEqual({ imported: 1, skipped: [{ row: 4, reason: '该号码已在新塘站登记' }, { row: 5, reason: ELSEWHERE }] })
    expect(auditOf('contacts.conflict', { target: held.data.id })).toEqual([
      expect.objectContaining({ actor: B1, detail: expect.objectContaining({ source: 'import', holderVillage: '云集', holderCreatedBy: A1, attemptVillage: '新塘站', attemptBy: '王五' }) })
    ])
    // B1's own number (row 4) is theirs already: not a conflict between cadres.
    expect(cloud.count('audit_log', { action: 'contacts.conflict', actor: B1, 'detail.source': 'import' })).toBe(1)
  })
})

describe('contacts.conflicts (admin)', () => {
  it('lists every conflict newest first with an exact total, the number masked, both villages and both cadres', async () => {
    const total = cloud.count('audit_log', { action: 'contacts.conflict' })
    const first = await contacts({ action: 'conflicts', page: 0, pageSize: 2 }, ADMIN)
    expect(first.ok).toBe(true)
    expect(first.data.total).toBe(total)
    expect(first.data.conflicts).toHaveLength(2)
    // The newest is the import's row of 云集户.
    expect(first.data.conflicts[0]).toEqual({
      id: expect.any(String),
      contactId: expect.stringMatching(/^[0-9a-f]{32}$/),
      phoneMasked: '139****0006',
      holderTown: '云集街道',
      holderVillage: '云集',
      holderResponsible: '张三',
      attemptTown: '云集街道',
      attemptVillage: '新塘站',
      attemptBy: '王五',
      at: expect.any(String)
    })
    const all = await contacts({ action: 'conflicts', page: 0, pageSize: 100 }, ADMIN)
    expect(all.data.conflicts).toHaveLength(total)
    const times = all.data.conflicts.map((c: { at: string }) => Date.parse(c.at))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    expect(JSON.stringify(all)).not.toMatch(/139400000\d/)
  })

  it('is for admins only', async () => {
    expect(await contacts({ action: 'conflicts' }, A1)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('exports hold only what the caller may reveal', () => {
  it('a cadre’s sheet holds their own households only; the whole village’s sheet is an admin’s; both audited with their row counts', async () => {
    await register({ name: '李华户', phone: mobile(41, 1) }, A2)
    const mine = cloud.count('contacts', { village: '云集', createdBy: A2 })
    const village = cloud.count('contacts', { village: '云集' })
    expect(village).toBeGreaterThan(mine)
    const res = await contacts({ action: 'exportXlsx' }, A2)
    expect(res.data.rows).toBe(mine)
    const values = sheetValues(await readSheet(cloud.service.storage.read(res.data.fileID)!))
    expect(values.slice(3).map((r) => r[2])).toEqual(['李华户'])
    expect(JSON.stringify(values)).not.toContain(mobile(40, 1))
    expect(auditOf('contacts.exportXlsx', { actor: A2 })).toEqual([expect.objectContaining({ detail: expect.objectContaining({ village: '云集', rows: mine }) })])
    const admin = await contacts({ action: 'exportXlsx', village: '云集' }, ADMIN)
    expect(admin.data.rows).toBe(village)
  })
})

describe('the audit trail of changes', () => {
  it('update to a guessed number and back is audited each time, old and new masked, in the write’s own step', async () => {
    const own = await register({ name: '黄八', phone: mobile(42, 1) }, A1)
    const moved = await contacts({ action: 'update', id: own.data.id, phone: mobile(42, 2) }, A1)
    expect(moved.ok).toBe(true)
    const back = await contacts({ action: 'update', id: moved.data.id, phone: mobile(42, 1) }, A1)
    expect(back.data.id).toBe(own.data.id)
    const entries = auditOf('contacts.update', { actor: A1 })
    expect(entries.map((e) => e.detail)).toEqual([
      { from: own.data.id, phoneBefore: '139****0001', phoneAfter: '139****0002', villageBefore: '云集', villageAfter: '云集' },
      { from: moved.data.id, phoneBefore: '139****0002', phoneAfter: '139****0001', villageBefore: '云集', villageAfter: '云集' }
    ])
    expect(entries.map((e) => e.target)).toEqual([moved.data.id, own.data.id])
    expect(JSON.stringify(entries)).not.toMatch(/139420000/)
    // A change of other fields only is not a change of number or village: no entry.
    await contacts({ action: 'update', id: own.data.id, note: '白天在家' }, A1)
    expect(auditOf('contacts.update', { actor: A1 })).toHaveLength(2)
  })

  it('an admin moving a household to another village is audited', async () => {
    const own = await register({ name: '罗十', phone: mobile(42, 3) }, A1)
    expect((await contacts({ action: 'update', id: own.data.id, village: '新塘站' }, ADMIN)).ok).toBe(true)
    expect(auditOf('contacts.update', { actor: ADMIN, target: own.data.id }).map((e) => e.detail)).toEqual([
      { from: own.data.id, phoneBefore: '139****0003', phoneAfter: '139****0003', villageBefore: '云集', villageAfter: '新塘站' }
    ])
  })

  it('an admin’s registration is audited; a cadre’s is counted, as before', async () => {
    const res = await register({ name: '冯四', phone: mobile(42, 4), village: '古塘', responsible: '古塘村支书' }, ADMIN)
    expect(auditOf('contacts.register', { target: res.data.id })).toEqual([
      expect.objectContaining({ actor: ADMIN, detail: { village: '古塘', phoneMasked: '139****0004', source: 'form' }, at: expect.any(Date) })
    ])
    // The same registration again (a retry) writes no second entry.
    expect((await register({ name: '冯四', phone: mobile(42, 4), village: '古塘', responsible: '古塘村支书' }, ADMIN)).data.stored).toBe(false)
    expect(auditOf('contacts.register', { target: res.data.id })).toHaveLength(1)
  })
})

describe('conflicts spend the whole-number budget of the list search', () => {
  const TAKEN = '该号码已被登记'
  const budget = (openid: string) => `contacts.searchNumber:${openid}:${chinaDay()}`
  const spend = (openid: string, count: number) => cloud.service.db.insert('rate_limits', { _id: budget(openid), count, day: chinaDay() })
  const sheetOf = (phones: string[]) => contactSheet({ rows: phones.map((p, i) => [i + 1, '', `户${i}`, p]) })
  const importAs = async (openid: string, bytes: Buffer) => contacts({ action: 'importXlsx', consent: true, fileID: await uploadAs(cloud, openid, bytes) }, openid)
  let yunji: string
  let xintang: string

  beforeAll(async () => {
    const first = await register({ name: '云集一户', phone: mobile(71, 1) }, A1)
    if (!first.ok) throw new Error(JSON.stringify(first))
    yunji = first.data.id
    xintang = (await register({ name: '新塘一户', phone: mobile(71, 2) }, B1)).data.id
    await register({ name: '新塘二户', phone: mobile(71, 5) }, B1)
  })

  it('register and update: each conflict with a household the cadre does not hold costs one; once spent, no village at all', async () => {
    const P = 'budget-yunji'
    await makeCadre(cloud, P, '云集', '钱一')
    const own = await register({ name: '钱家', phone: mobile(71, 3) }, P)
    spend(P, 48)
    expect(await register({ name: '试探', phone: mobile(71, 1) }, P)).toEqual({ ok: false, code: 'CONFLICT', message: '该号码已在云集登记' })
    // A number the cadre holds themselves tells nothing new: not counted.
    expect(await register({ name: '换个名字', phone: mobile(71, 3) }, P)).toEqual({ ok: false, code: 'CONFLICT', message: '该号码已在云集登记' })
    expect(await contacts({ action: 'update', id: own.data.id, phone: mobile(71, 2) }, P)).toEqual({ ok: false, code: 'CONFLICT', message: ELSEWHERE })
    expect(cloud.service.db.get('rate_limits', budget(P))).toMatchObject({ count: 50 })
    // Spent: the answer says only that the number is taken.
    expect(await register({ name: '试探', phone: mobile(71, 2) }, P)).toEqual({ ok: false, code: 'CONFLICT', message: TAKEN })
    expect(await contacts({ action: 'update', id: own.data.id, phone: mobile(71, 1) }, P)).toEqual({ ok: false, code: 'CONFLICT', message: TAKEN })
    expect(await contacts({ action: 'list', search: mobile(71, 1) }, P)).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    // Still audited; an admin still hears the village.
    expect(cloud.count('audit_log', { action: 'contacts.conflict', actor: P, target: yunji })).toBe(2)
    expect(cloud.count('audit_log', { action: 'contacts.conflict', actor: P, target: xintang })).toBe(2)
    expect(await register({ name: '试探', phone: mobile(71, 2), village: '云集', responsible: '张三' }, ADMIN)).toEqual({ ok: false, code: 'CONFLICT', message: '该号码已在新塘站登记' })
  })

  it('import: rows past the budget say only 该号码已被登记', async () => {
    const Q = 'budget-import'
    await makeCadre(cloud, Q, '云集', '钱二')
    spend(Q, 48)
    const res = await importAs(Q, await sheetOf([mobile(71, 1), mobile(71, 2), mobile(71, 5), mobile(71, 4)]))
    expect(res.data).toEqual({
      imported: 1,
      skipped: [
        { row: 4, reason: '该号码已在云集登记' },
        { row: 5, reason: ELSEWHERE },
        { row: 6, reason: TAKEN }
      ]
    })
    expect(cloud.service.db.get('rate_limits', budget(Q))).toMatchObject({ count: 50 })
  })

  it('one import writes at most 100 conflict entries, then one summary with the count', async () => {
    const phones = Array.from({ length: 130 }, (_, i) => mobile(72, i))
    const adminRows = phones.map((p, i) => [i + 1, '村支书', `云集户${i}`, p])
    const seeded = await contacts({ action: 'importXlsx', consent: true, village: '云集', fileID: await uploadAs(cloud, ADMIN, await contactSheet({ rows: adminRows })) }, ADMIN)
    expect(seeded.data.imported).toBe(130)
    const R = 'budget-flood'
    await makeCadre(cloud, R, '新塘站', '钱三')
    const res = await importAs(R, await sheetOf(phones))
    expect(res.data.imported).toBe(0)
    const reasons = res.data.skipped.map((s: { reason: string }) => s.reason)
    expect(reasons.slice(0, 50)).toEqual(Array(50).fill(ELSEWHERE))
    expect(reasons.slice(50)).toEqual(Array(80).fill(TAKEN))
    expect(cloud.count('audit_log', { action: 'contacts.conflict', actor: R })).toBe(100)
    expect(auditOf('contacts.conflictSummary', { actor: R })).toEqual([expect.objectContaining({ detail: { source: 'import', conflicts: 130, recorded: 100 } })])
  }, 60_000)

  it('re-importing is judged by who holds the household, not who registered it', async () => {
    const id = (await register({ name: '转手户', phone: mobile(71, 6) }, A1)).data.id
    expect((await contacts({ action: 'reassign', ids: [id], to: A2 }, ADMIN)).ok).toBe(true)
    const bytes = await sheetOf([mobile(71, 6)])
    // A1 registered it but no longer holds it: a conflict like any other.
    expect((await importAs(A1, bytes)).data.skipped).toEqual([{ row: 4, reason: '该号码已在云集登记' }])
    expect(auditOf('contacts.conflict', { target: id }).map((e) => e.actor)).toEqual([A1])
    // A2 holds it: the same import again, no conflict.
    expect((await importAs(A2, bytes)).data.skipped).toEqual([{ row: 4, reason: '该号码已在云集登记' }])
    expect(auditOf('contacts.conflict', { target: id }).map((e) => e.actor)).toEqual([A1])
  })
})

describe('an import row of another village', () => {
  it('does not echo a village cell the text rule refuses', async () => {
    const headers = ['序号', '村(社区)', '包户责任人', '姓名', '电话号码']
    const rows = [
      [1, '新城\u202E集云', '', '甲', mobile(73, 1)],
      [2, '新\u200B城', '', '乙', mobile(73, 2)],
      [3, '云\u200B集', '', '丙', mobile(73, 3)]
    ]
    const res = await contacts({ action: 'importXlsx', consent: true, fileID: await uploadAs(cloud, A1, await contactSheet({ headers, rows })) }, A1)
    expect(res.data).toEqual({
      imported: 1,
      skipped: [
        { row: 4, reason: '该行村(社区)不是云集,只能导入云集的号码' },
        { row: 5, reason: '该行村(社区)为“新城”,只能导入云集的号码' }
      ]
    })
    expect(JSON.stringify(res)).not.toMatch(/[\u202E\u200B]/)
  })
})
