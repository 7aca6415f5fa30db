/**
 * Household contacts in a county of several towns, on the real SDK and the local cloud. Two towns
 * each with a 新城: a cadre's village is looked up within their town; lists, counters, exports and
 * conflicts never mix; a town admin of one is FORBIDDEN on the other for every action; one number
 * once in the county, told 其他乡镇 across towns; a town admin's purge empties their town only.
 */
import { OTHER_TOWN, PURGE_CONFIRMATION } from '../../src/core/contract'
import { contactSheetTitle, contactSheetUnit, DEFAULT_TOWN as TOWN_A, unitKey } from '../../src/core/towns'
import { contactSheet, counterDrift, makeCadre, makeTownAdmin, mobile, readSheet, sheetValues, uploadAs, villageCount } from '../fixtures/contact-sheets'
import { dailyLimitId } from '../../server/lib/daily-limit'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const TOWN_B = '茶市镇'
const ADMIN = 'local-admin'
/** Cadres of 新城 in each town, of 黄金 in A, of 河东 in B; the two towns' admins. */
const A_XC = 'tc-a-xincheng'
const A_HJ = 'tc-a-huangjin'
const B_XC = 'tc-b-xincheng'
const B_HD = 'tc-b-hedong'
const TA_A = 'tc-admin-a'
const TA_B = 'tc-admin-b'
const OTHER_TOWN_TAKEN = '该号码已在其他乡镇登记'

let cloud: TestCloud

const contacts = (event: object, openid: string) => cloud.call('contacts', event, openid)
const register = (fields: object, openid: string) => contacts({ action: 'register', consent: true, ...fields }, openid)
const byPhone = (phone: string) => cloud.service.db.find('contacts', { filter: { phone } })
const state = () =>
  JSON.stringify({
    contacts: cloud.service.db.find('contacts'),
    villages: cloud.service.db.find('village_counters'),
    cadres: cloud.service.db.find('cadre_counters'),
    audit: cloud.count('audit_log')
  })

beforeAll(async () => {
  cloud = await startTestCloud()
  const made = await cloud.call('towns', { action: 'create', name: TOWN_B, units: [{ name: '新城', quota: 40 }, { name: '河东', quota: 30 }, { name: '旧村', quota: 10 }] }, ADMIN)
  if (!made.ok) throw new Error(JSON.stringify(made))
  await makeCadre(cloud, A_XC, '新城', '甲镇新城干部')
  await makeCadre(cloud, A_HJ, '黄金', '甲镇黄金干部')
  await makeCadre(cloud, B_XC, '新城', '乙镇新城干部', ADMIN, TOWN_B)
  await makeCadre(cloud, B_HD, '河东', '乙镇河东干部', ADMIN, TOWN_B)
  await makeTownAdmin(cloud, TA_A, TOWN_A, '甲镇管理员')
  await makeTownAdmin(cloud, TA_B, TOWN_B, '乙镇管理员')
}, 60_000)
afterAll(async () => {
  await cloud.close()
})
afterEach(() => {
  expect(counterDrift(cloud)).toEqual([])
})

describe('a cadre’s village is looked up within their town', () => {
  it('the two 新城 cadres register into their own town’s 新城, stored and counted apart', async () => {
    const a = await register({ name: '甲新城户', phone: mobile(70, 1) }, A_XC)
    const b = await register({ name: '乙新城户', phone: mobile(70, 2) }, B_XC)
    expect(a.data).toMatchObject({ town: TOWN_A, village: '新城', stored: true })
    expect(b.data).toMatchObject({ town: TOWN_B, village: '新城', stored: true })
    expect(byPhone(mobile(70, 1))[0]).toMatchObject({ town: TOWN_A, village: '新城', owner: A_XC })
    expect(byPhone(mobile(70, 2))[0]).toMatchObject({ town: TOWN_B, village: '新城', owner: B_XC })
    expect([villageCount(cloud, '新城', TOWN_A), villageCount(cloud, '新城', TOWN_B)]).toEqual([1, 1])
    expect(cloud.service.db.get('village_counters', unitKey(TOWN_B, '新城'))).toMatchObject({ town: TOWN_B, village: '新城', registered: 1 })
    expect(cloud.service.db.get('cadre_counters', B_XC)).toMatchObject({ town: TOWN_B, village: '新城', registered: 1 })
    expect(cloud.service.db.get('cadre_counters', A_XC)).toMatchObject({ town: TOWN_A, village: '新城', registered: 1 })
  })

  it('a town admin names a unit of their own town; another town’s unit is not in its table', async () => {
    const res = await register({ name: '乙河东户', phone: mobile(70, 3), village: '河东', responsible: '河东支书' }, TA_B)
    expect(res.data).toMatchObject({ town: TOWN_B, village: '河东' })
    expect(byPhone(mobile(70, 3))[0]).toMatchObject({ town: TOWN_B, owner: null, createdByRole: 'townAdmin' })
    const before = state()
    expect(await register({ name: '某户', phone: mobile(70, 4), village: '黄金', responsible: '某人' }, TA_B)).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: `黄金不在${TOWN_B}的任务分配表中`
    })
    expect(state()).toBe(before)
  })
})

describe('lists never mix', () => {
  it('each cadre, each town admin and the county admin (per town) see only that town’s households', async () => {
    const names = async (event: object, openid: string) => ((await contacts({ action: 'list', pageSize: 100, ...event }, openid)).data.contacts as { name: string; town: string }[])
    const townsOf = (rows: { town: string }[]) => [...new Set(rows.map((r) => r.town))]
    expect(townsOf(await names({}, A_XC))).toEqual([TOWN_A])
    expect(townsOf(await names({}, B_XC))).toEqual([TOWN_B])
    expect((await names({ village: '新城' }, TA_B)).map((r) => r.name)).toEqual(['乙新城户'])
    expect(townsOf(await names({}, TA_B))).toEqual([TOWN_B])
    expect(townsOf(await names({}, TA_A))).toEqual([TOWN_A])
    // A county admin's "all villages" is all villages of one town: the default, or the one named.
    expect(townsOf(await names({}, ADMIN))).toEqual([TOWN_A])
    expect((await names({ town: TOWN_B, village: '新城' }, ADMIN)).map((r) => r.name)).toEqual(['乙新城户'])
    // Searches too: B's 尾号 is not found from A.
    expect((await contacts({ action: 'list', search: mobile(70, 2).slice(-4) }, TA_A)).data.total).toBe(0)
    expect((await contacts({ action: 'list', search: mobile(70, 2) }, ADMIN)).data.total).toBe(0)
    expect((await contacts({ action: 'list', search: mobile(70, 2), town: TOWN_B }, ADMIN)).data.total).toBe(1)
    // A cadre's whole-number search is counted and audited in their town.
    expect((await contacts({ action: 'list', search: mobile(70, 2) }, B_XC)).data.total).toBe(1)
    expect(cloud.service.db.find('rate_limits', { filter: { _id: { $regex: `^contacts\\.searchNumber:${B_XC}:` } } })).toEqual([expect.objectContaining({ town: TOWN_B, count: 1 })])
    expect(cloud.service.db.find('audit_log', { filter: { action: 'contacts.searchNumber', actor: B_XC } })).toEqual([expect.objectContaining({ town: TOWN_B })])
  })
})

describe('one number once in the county', () => {
  it('the same number registered in two towns is stored once; the other town hears 其他乡镇, the county admin the town and village', async () => {
    const phone = mobile(71, 1)
    expect((await register({ name: '甲户', phone }, A_XC)).ok).toBe(true)
    const before = state()
    expect(await register({ name: '乙户', phone }, B_XC)).toEqual({ ok: false, code: 'CONFLICT', message: OTHER_TOWN_TAKEN })
    expect(await register({ name: '乙户', phone, village: '新城', responsible: '某人' }, TA_B)).toEqual({ ok: false, code: 'CONFLICT', message: OTHER_TOWN_TAKEN })
    expect(await register({ name: '乙户', phone, village: '新城', responsible: '某人', town: TOWN_B }, ADMIN)).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: `该号码已在${TOWN_A}新城登记`
    })
    // Within the holding town, issue 9's rule: the village to its own people, 其他村(社区) to a cadre of another.
    expect(await register({ name: '甲户', phone }, A_HJ)).toEqual({ ok: false, code: 'CONFLICT', message: '该号码已在其他村(社区)登记' })
    expect(await register({ name: '甲户', phone, village: '黄金', responsible: '某人' }, TA_A)).toEqual({ ok: false, code: 'CONFLICT', message: '该号码已在新城登记' })
    const { audit: _a, ...unchanged } = JSON.parse(before)
    const { audit: _b, ...now } = JSON.parse(state())
    expect(now).toEqual(unchanged)
    expect(byPhone(phone)).toEqual([expect.objectContaining({ town: TOWN_A, village: '新城', name: '甲户' })])
  })

  it('an import in the other town skips the row with the same reason, and an edit to the number too', async () => {
    const phone = mobile(71, 1)
    const bytes = await contactSheet({ rows: [[1, '', '乙户', phone], [2, '', '乙新户', mobile(71, 2)]] })
    const res = await contacts({ action: 'importXlsx', consent: true, fileID: await uploadAs(cloud, B_XC, bytes) }, B_XC)
    expect(res.data).toEqual({ imported: 1, skipped: [{ row: 4, reason: OTHER_TOWN_TAKEN }] })
    const own = byPhone(mobile(71, 2))[0]
    expect(await contacts({ action: 'update', id: own._id, phone }, B_XC)).toEqual({ ok: false, code: 'CONFLICT', message: OTHER_TOWN_TAKEN })
    expect(await contacts({ action: 'update', id: own._id, phone }, ADMIN)).toEqual({ ok: false, code: 'CONFLICT', message: `该号码已在${TOWN_A}新城登记` })
    expect(byPhone(phone)).toHaveLength(1)
  })
})

describe('conflicts', () => {
  type Row = { holderTown: string; holderVillage: string; holderResponsible: string; attemptTown: string; attemptVillage: string; attemptBy: string; phoneMasked: string }
  const rows = async (openid: string, event: object = {}) => {
    const res = await contacts({ action: 'conflicts', pageSize: 100, ...event }, openid)
    expect(res.ok).toBe(true)
    expect(res.data.total).toBe(res.data.conflicts.length)
    return res.data.conflicts as Row[]
  }

  it('the county admin sees every conflict with both towns and villages named', async () => {
    const all = await rows(ADMIN)
    expect(all.length).toBe(cloud.count('audit_log', { action: 'contacts.conflict' }))
    expect(all).toContainEqual(
      expect.objectContaining({ phoneMasked: '139****0001', holderTown: TOWN_A, holderVillage: '新城', holderResponsible: '甲镇新城干部', attemptTown: TOWN_B, attemptVillage: '新城', attemptBy: '乙镇新城干部' })
    )
    // Named town: that town's, still with every name.
    const ofB = await rows(ADMIN, { town: TOWN_B })
    expect(ofB.every((r) => r.attemptTown === TOWN_B || r.holderTown === TOWN_B)).toBe(true)
    expect(ofB).toContainEqual(expect.objectContaining({ holderTown: TOWN_A, holderResponsible: '甲镇新城干部' }))
  })

  it('a town admin sees those touching their town, the other side as 其他乡镇 without its people’s names', async () => {
    const ofB = await rows(TA_B)
    expect(ofB.length).toBeGreaterThan(0)
    for (const r of ofB) {
      expect(r.attemptTown).toBe(TOWN_B)
      expect(r).toMatchObject({ holderTown: OTHER_TOWN, holderVillage: '', holderResponsible: '' })
    }
    expect(JSON.stringify(ofB)).not.toContain('甲镇')
    const ofA = await rows(TA_A)
    // A's own conflicts (黄金's cadre, A's admin) in full; B's attempts on A's numbers as 其他乡镇.
    expect(ofA).toContainEqual(expect.objectContaining({ holderTown: TOWN_A, attemptTown: TOWN_A, attemptVillage: '黄金', attemptBy: '甲镇黄金干部' }))
    expect(ofA).toContainEqual(expect.objectContaining({ holderTown: TOWN_A, holderResponsible: '甲镇新城干部', attemptTown: OTHER_TOWN, attemptVillage: '', attemptBy: '' }))
    expect(JSON.stringify(ofA)).not.toContain('乙镇')
    expect(JSON.stringify(ofA)).not.toContain(TOWN_B)
    // A conflict within A alone is not B's business.
    expect(ofB.some((r) => r.attemptVillage === '黄金')).toBe(false)
  })
})

describe('exports never mix and carry their town', () => {
  it('each town’s sheet has its own title and 单位 and only its households; audited with the town', async () => {
    const exportOf = async (event: object, openid: string) => {
      const res = await contacts({ action: 'exportXlsx', ...event }, openid)
      expect(res.ok).toBe(true)
      return sheetValues(await readSheet(cloud.service.storage.read(res.data.fileID)!))
    }
    const b = await exportOf({}, TA_B)
    expect(b[0][0]).toBe(contactSheetTitle(TOWN_B))
    expect(b[1][0]).toBe(contactSheetUnit(TOWN_B))
    const bNames = b.slice(3).map((r) => r[3])
    expect(bNames.sort()).toEqual(cloud.service.db.find('contacts', { filter: { town: TOWN_B } }).map((d) => d.name as string).sort())
    expect(b.slice(3).every((r) => ['新城', '河东', '旧村'].includes(r[1]))).toBe(true)
    const bXincheng = await exportOf({ town: TOWN_B, village: '新城' }, ADMIN)
    expect(bXincheng[1][0]).toBe(`${contactSheetUnit(TOWN_B)}新城`)
    expect(bXincheng.slice(3).map((r) => r[2]).sort()).toEqual(cloud.service.db.find('contacts', { filter: { town: TOWN_B, village: '新城' } }).map((d) => d.name as string).sort())
    const aXincheng = await exportOf({ village: '新城' }, TA_A)
    expect(aXincheng[0][0]).toBe(contactSheetTitle(TOWN_A))
    expect(JSON.stringify(aXincheng)).not.toContain('乙')
    const cadre = await exportOf({}, B_XC)
    expect(cadre[0][0]).toBe(contactSheetTitle(TOWN_B))
    expect(cloud.service.db.find('audit_log', { filter: { action: 'contacts.exportXlsx', actor: TA_B } })).toEqual([expect.objectContaining({ town: TOWN_B })])
    expect(cloud.service.db.find('audit_log', { filter: { action: 'contacts.exportXlsx', actor: ADMIN } })).toEqual([expect.objectContaining({ town: TOWN_B })])
  })
})

describe('imports: any town’s title, units checked against the town, retired units closed', () => {
  it('a sheet titled for another town goes to the caller’s town; a 村(社区) column is checked against its units', async () => {
    const retired = await cloud.call('towns', { action: 'saveUnit', town: TOWN_B, name: '旧村', active: false }, TA_B)
    expect(retired.ok).toBe(true)
    const bytes = await contactSheet({
      title: contactSheetTitle(TOWN_A),
      headers: ['序号', '村(社区)', '包户责任人', '姓名', '电话号码'],
      rows: [
        [1, '新城', '新城支书', '导入甲', mobile(72, 1)],
        [2, '河东', '河东支书', '导入乙', mobile(72, 2)],
        [3, '黄金', '某人', '导入丙', mobile(72, 3)],
        [4, '旧村', '某人', '导入丁', mobile(72, 4)]
      ]
    })
    const res = await contacts({ action: 'importXlsx', consent: true, fileID: await uploadAs(cloud, TA_B, bytes) }, TA_B)
    expect(res.data).toEqual({
      imported: 2,
      skipped: [
        { row: 6, reason: `该行村(社区)“黄金”不在${TOWN_B}的任务分配表中` },
        { row: 7, reason: '旧村已撤销,不能再登记' }
      ]
    })
    expect(byPhone(mobile(72, 1))[0]).toMatchObject({ town: TOWN_B, village: '新城' })
    expect(cloud.service.db.find('audit_log', { filter: { action: 'contacts.importXlsx', actor: TA_B } })).toEqual([expect.objectContaining({ town: TOWN_B })])
    // The retired unit takes no registration by form either.
    expect(await register({ name: '某户', phone: mobile(72, 5), village: '旧村', responsible: '某人' }, TA_B)).toEqual({ ok: false, code: 'INVALID_INPUT', message: '旧村已撤销,不能再登记或分配' })
  })
})

describe('a town admin of one town is FORBIDDEN on the other', () => {
  it('every action naming the other town, and every action on the other town’s households by id; nothing written', async () => {
    const aId = byPhone(mobile(70, 1))[0]._id as string
    const before = state()
    const upload = await uploadAs(cloud, TA_B, await contactSheet({ rows: [[1, '', '某户', mobile(73, 1)]] }))
    const naming: object[] = [
      { action: 'register', consent: true, name: '某户', phone: mobile(73, 2), village: '新城', responsible: '某人', town: TOWN_A },
      { action: 'update', id: aId, note: '改', town: TOWN_A },
      { action: 'remove', id: aId, town: TOWN_A },
      { action: 'list', town: TOWN_A },
      { action: 'reveal', id: aId, town: TOWN_A },
      { action: 'reassign', ids: [aId], to: A_XC, town: TOWN_A },
      { action: 'importXlsx', consent: true, fileID: upload, village: '新城', town: TOWN_A },
      { action: 'exportXlsx', town: TOWN_A },
      { action: 'conflicts', town: TOWN_A },
      { action: 'purge', confirm: PURGE_CONFIRMATION, town: TOWN_A },
      { action: 'sweepUploads' }
    ]
    for (const event of naming) expect([event, await contacts(event, TA_B)]).toEqual([event, expect.objectContaining({ ok: false, code: 'FORBIDDEN' })])
    const byId: object[] = [
      { action: 'update', id: aId, note: '改' },
      { action: 'remove', id: aId },
      { action: 'reveal', id: aId },
      { action: 'reassign', ids: [aId], to: B_XC }
    ]
    for (const event of byId) expect([event, await contacts(event, TA_B)]).toEqual([event, expect.objectContaining({ ok: false, code: 'FORBIDDEN' })])
    // Another town's cadre is nobody B's admin may hand households to.
    const bId = byPhone(mobile(70, 3))[0]._id as string
    expect(await contacts({ action: 'reassign', ids: [bId], to: A_XC }, TA_B)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    // Cadres alike.
    expect(await contacts({ action: 'list', town: TOWN_A }, B_XC)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await contacts({ action: 'reveal', id: aId }, B_XC)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(state()).toBe(before)
    expect(byPhone(mobile(73, 1))).toEqual([])
  })

  it('within their town a town admin holds every household: reveal, edit, hand to a cadre of its village', async () => {
    const bId = byPhone(mobile(70, 3))[0]._id as string
    expect((await contacts({ action: 'reveal', id: bId }, TA_B)).data.phone).toBe(mobile(70, 3))
    expect(await contacts({ action: 'reassign', ids: [bId], to: B_HD }, TA_B)).toEqual({ ok: true, data: { reassigned: 1, to: B_HD, responsible: '乙镇河东干部' } })
    expect(cloud.service.db.get('cadre_counters', B_HD)).toMatchObject({ town: TOWN_B, village: '河东', registered: 1 })
    // The county admin reaches it by id without naming the town (the conflicts view links straight to it).
    expect((await contacts({ action: 'reveal', id: bId }, ADMIN)).ok).toBe(true)
    expect(await contacts({ action: 'reveal', id: bId, town: TOWN_A }, ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('unassigned households, claims and the lookup budget, per town', () => {
  it('a cadre lists and claims only their own town’s unassigned households; the claim’s day count carries the town', async () => {
    const inA = await register({ name: '甲待认领', phone: mobile(74, 1), village: '新城', responsible: '原干部', town: TOWN_A }, ADMIN)
    const inB = await register({ name: '乙待认领', phone: mobile(74, 2), village: '新城', responsible: '原干部' }, TA_B)
    const listed = await contacts({ action: 'list', unassigned: true, page: 0, pageSize: 50 }, B_XC)
    const ids = listed.data.contacts.map((c: { id: string }) => c.id)
    expect(ids).toContain(inB.data.id)
    expect(ids).not.toContain(inA.data.id)
    expect(listed.data.contacts.every((c: { town: string; village: string; unassigned: boolean }) => c.town === TOWN_B && c.village === '新城' && c.unassigned)).toBe(true)
    // Another town's 新城 household is out of reach, and nothing is written.
    const before = state()
    expect(await contacts({ action: 'reassign', ids: [inA.data.id], to: B_XC }, B_XC)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(state()).toBe(before)
    expect(await contacts({ action: 'reassign', ids: [inB.data.id], to: B_XC }, B_XC)).toEqual({ ok: true, data: { reassigned: 1, to: B_XC, responsible: '乙镇新城干部' } })
    expect(cloud.service.db.get('rate_limits', dailyLimitId('contacts.claim', B_XC))).toMatchObject({ town: TOWN_B, count: 1 })
  })

  it('a conflict with another town’s number spends the cadre’s budget; once spent, only 该号码已被登记', async () => {
    const phone = mobile(71, 1)
    const budget = () => cloud.service.db.get('rate_limits', dailyLimitId('contacts.searchNumber', B_XC))
    const spent = budget()!.count as number
    expect(await register({ name: '乙户', phone }, B_XC)).toEqual({ ok: false, code: 'CONFLICT', message: OTHER_TOWN_TAKEN })
    expect(budget()).toMatchObject({ town: TOWN_B, count: spent + 1 })
    cloud.service.db.modify('rate_limits', { filter: { _id: dailyLimitId('contacts.searchNumber', B_XC) }, update: { $set: { count: 50 } }, multi: false, merge: true, upsert: false }, Date.now())
    expect(await register({ name: '乙户', phone }, B_XC)).toEqual({ ok: false, code: 'CONFLICT', message: '该号码已被登记' })
    // Admins are not counted: the town admin still hears 其他乡镇.
    expect(await register({ name: '乙户', phone, village: '新城', responsible: '某人' }, TA_B)).toEqual({ ok: false, code: 'CONFLICT', message: OTHER_TOWN_TAKEN })
  })
})

describe('purge', () => {
  it('a town admin empties only their town: its contacts, its counters recounted, its exported sheets', async () => {
    const aContacts = cloud.count('contacts', { town: TOWN_A })
    const bContacts = cloud.count('contacts', { town: TOWN_B })
    const exportsOf = (town: string) => cloud.service.db.find('audit_log', { filter: { action: 'contacts.exportXlsx', town } }).map((e) => e.target as string)
    expect(exportsOf(TOWN_B).length).toBeGreaterThan(0)
    const res = await contacts({ action: 'purge', confirm: PURGE_CONFIRMATION }, TA_B)
    expect(res).toEqual({ ok: true, data: { removed: bContacts, filesDeleted: exportsOf(TOWN_B).length } })
    expect(cloud.count('contacts', { town: TOWN_B })).toBe(0)
    expect(cloud.count('contacts', { town: TOWN_A })).toBe(aContacts)
    for (const fileID of exportsOf(TOWN_B)) expect(cloud.service.storage.has(fileID)).toBe(false)
    for (const fileID of exportsOf(TOWN_A)) expect(cloud.service.storage.has(fileID)).toBe(true)
    expect(cloud.service.db.find('village_counters', { filter: { town: TOWN_B } }).every((c) => c.registered === 0)).toBe(true)
    expect(villageCount(cloud, '新城', TOWN_A)).toBeGreaterThan(0)
    expect(cloud.service.db.find('audit_log', { filter: { action: 'contacts.purge' } })).toEqual([expect.objectContaining({ actor: TA_B, town: TOWN_B })])
    // The number freed in B can be registered there again; A's holder is untouched.
    expect((await register({ name: '乙新城户', phone: mobile(70, 2) }, B_XC)).data).toMatchObject({ town: TOWN_B, stored: true })
  })
})
