/**
 * The towns function against the real SDK and the local cloud: towns and their units, a town made
 * from a 附件3-style table or sheet (bad rows reported, the rest kept, idempotent), units changed,
 * retired and renamed, each town's letter and slogans.
 */
import { createHash } from 'crypto'
import ExcelJS from 'exceljs'
import { unitImportPrefix } from '../../src/core/contract'
import { SEED_INSPECTION_UNITS } from '../../src/core/inspections'
import { DEFAULT_TOWN, draftContent, seedContent, unitKey } from '../../src/core/towns'
import { VILLAGES } from '../../src/core/villages'
import { SHEET_LIMITS } from '../../server/lib/xlsx'
import { UNIT_SHEET_MAX_BYTES } from '../../server/functions/towns/sheet'
import { sharedStringsBomb } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { seedTown } from '../support/towns-seed'

const ADMIN = 'local-admin'
const TOWN_B = '新城镇'
let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
})
afterAll(async () => {
  await cloud.close()
})

const towns = (event: object, openid: string) => cloud.call('towns', event, openid)
const user = (event: object, openid: string) => cloud.call('user', event, openid)

/** A person made by redeeming an invite the county admin (or `by`) creates. */
async function person(openid: string, invite: object, by = ADMIN): Promise<void> {
  const made = await user({ action: 'createInvite', ...invite }, by)
  expect(made.ok).toBe(true)
  expect((await user({ action: 'redeemInvite', code: made.data.code, name: openid }, openid)).ok).toBe(true)
}

async function sheet(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('附件3')
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

async function upload(openid: string, path: string, bytes: Buffer): Promise<string> {
  const res = await fetch(`${cloud.url}/local/upload?path=${encodeURIComponent(path)}`, { method: 'POST', headers: { 'x-openid': openid }, body: new Uint8Array(bytes) })
  const body = await res.json()
  expect(body.ok).toBe(true)
  return body.data.fileID
}

describe('list and units', () => {
  it('the default town is there from the first start, with its 23 villages and 6440 numbers', async () => {
    const res = await towns({ action: 'list' }, 'resident-1')
    expect(res.data.towns[0]).toEqual({ name: DEFAULT_TOWN, units: 23, quota: VILLAGES.reduce((s, v) => s + v.quota, 0) })
    const units = await towns({ action: 'units' }, 'resident-1')
    expect(units.data.town).toBe(DEFAULT_TOWN)
    // The 23 villages, then the plan's other units (inspected, no phone quota).
    expect(units.data.units.map((u: { name: string }) => u.name)).toEqual([...VILLAGES.map((v) => v.name), ...SEED_INSPECTION_UNITS.map((u) => u.name)])
  })

  it('an unknown town is NOT_FOUND', async () => {
    expect(await towns({ action: 'units', town: '火星镇' }, 'resident-1')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})

describe('create', () => {
  it('from rows with bad ones (quota 0, text, a duplicate name): the good rows kept, each bad row reported; again changes nothing', async () => {
    const units = [
      { name: '新城', quota: 300 },
      { name: '东岸', quota: 0 },
      { name: '西岭', quota: '很多' },
      { name: '新城', quota: 120 },
      { name: '南湖', quota: '250' },
      { name: '', quota: 10 }
    ]
    const res = await towns({ action: 'create', name: TOWN_B, units }, ADMIN)
    expect(res).toEqual({
      ok: true,
      data: {
        name: TOWN_B,
        created: true,
        unitsAdded: 2,
        skipped: [
          { row: 2, reason: '东岸:任务数应大于0' },
          { row: 3, reason: '西岭:任务数应为数字' },
          { row: 4, reason: '新城与第1行重名' },
          { row: 6, reason: '请填写村(社区)名称' }
        ]
      }
    })
    expect(cloud.service.db.get('villages', unitKey(TOWN_B, '新城'))).toMatchObject({ town: TOWN_B, name: '新城', quota: 300, order: 0, type: '村/社区', active: true })
    expect(cloud.service.db.get('villages', unitKey(TOWN_B, '南湖'))).toMatchObject({ quota: 250, order: 1 })
    // The default town's 新城 is another unit.
    expect(cloud.service.db.get('villages', unitKey(DEFAULT_TOWN, '新城'))).toMatchObject({ town: DEFAULT_TOWN, quota: VILLAGES.find((v) => v.name === '新城')!.quota })
    expect(cloud.count('audit_log', { action: 'towns.create', town: TOWN_B })).toBe(1)
    // A new town starts from a neutral draft naming it, never the seed town's own letter.
    const created = cloud.service.db.get('towns', TOWN_B) as { letter: { title: string; body: string; sender: string }; updatedAt: unknown }
    expect(created).toMatchObject({ name: TOWN_B, order: 1, ...draftContent(TOWN_B), updatedAt: null })
    expect(created.letter.title).toContain(TOWN_B)
    expect(`${created.letter.title}${created.letter.body}${created.letter.sender}`).not.toMatch(/云集|道一声/)

    const again = await towns({ action: 'create', name: TOWN_B, units }, ADMIN)
    expect(again.data).toMatchObject({ name: TOWN_B, created: false, unitsAdded: 0 })
    expect(cloud.count('villages', { town: TOWN_B })).toBe(2)
    expect(cloud.count('towns')).toBe(2)
    expect(cloud.count('audit_log', { action: 'towns.create', town: TOWN_B })).toBe(1)

    // An existing town gets only the units it lacks; a unit there keeps its quota.
    const more = await towns({ action: 'create', name: TOWN_B, units: [{ name: '新城', quota: 999 }, { name: '北港', quota: 80 }] }, ADMIN)
    expect(more.data).toEqual({ name: TOWN_B, created: false, unitsAdded: 1, skipped: [] })
    expect(cloud.service.db.get('villages', unitKey(TOWN_B, '新城'))!.quota).toBe(300)
    expect(cloud.service.db.get('villages', unitKey(TOWN_B, '北港'))).toMatchObject({ order: 2 })
    expect((await towns({ action: 'list' }, 'resident-1')).data.towns).toEqual([
      expect.objectContaining({ name: DEFAULT_TOWN }),
      { name: TOWN_B, units: 3, quota: 630 }
    ])
  })

  it('a new town whose every row is bad is refused, naming the rows, and nothing is created', async () => {
    const res = await towns({ action: 'create', name: '空白镇', units: [{ name: '甲村', quota: 0 }, { name: '乙村', quota: 'x' }] }, ADMIN)
    expect(res).toEqual({ ok: false, code: 'INVALID_INPUT', message: '没有可用的村(社区),请修改后重试:第1行:甲村:任务数应大于0;第2行:乙村:任务数应为数字' })
    expect(cloud.count('towns', { name: '空白镇' })).toBe(0)
    expect(cloud.count('villages', { town: '空白镇' })).toBe(0)
  })

  it('only a county admin creates a town', async () => {
    await person('towns-admin-b', { role: 'townAdmin', town: TOWN_B })
    for (const openid of ['towns-admin-b', 'resident-1']) {
      expect(await towns({ action: 'create', name: '别处镇', units: [{ name: '甲村', quota: 10 }] }, openid)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    expect(cloud.count('towns', { name: '别处镇' })).toBe(0)
  })

  it('from an uploaded sheet (附件3 as printed: title, header, two pairs a row, 合计): the units created, the upload deleted', async () => {
    const bytes = await sheet([
      ['江东镇综治民调电话号码任务分配表'],
      ['村(社区)', '任务数', '村(社区)', '任务数'],
      ['江东', 200, '江西', '150'],
      ['江北', 0, '', ''],
      ['合计', 350]
    ])
    const fileID = await upload(ADMIN, `${unitImportPrefix(ADMIN)}a.xlsx`, bytes)
    const res = await towns({ action: 'create', name: '江东镇', fileID }, ADMIN)
    expect(res).toEqual({ ok: true, data: { name: '江东镇', created: true, unitsAdded: 2, skipped: [{ row: 4, reason: '江北:任务数应大于0' }] } })
    expect(cloud.service.storage.has(fileID)).toBe(false)
    expect((await towns({ action: 'units', town: '江东镇' }, ADMIN)).data.units).toEqual([
      { name: '江东', quota: 200, active: true, order: 0, type: '村/社区' },
      { name: '江西', quota: 150, active: true, order: 1, type: '村/社区' }
    ])
  })

  it('a file that is not a spreadsheet is INVALID_INPUT and deleted; someone else\'s upload is refused and left alone', async () => {
    const junk = await upload(ADMIN, `${unitImportPrefix(ADMIN)}b.xlsx`, Buffer.from('not a spreadsheet'))
    expect(await towns({ action: 'create', name: '坏表镇', fileID: junk }, ADMIN)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(cloud.service.storage.has(junk)).toBe(false)
    const theirs = await upload('someone', `${unitImportPrefix('someone')}c.xlsx`, await sheet([['甲村', 10]]))
    expect(await towns({ action: 'create', name: '他人镇', fileID: theirs }, ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(cloud.service.storage.has(theirs)).toBe(true)
    expect(cloud.count('towns', { name: '他人镇' })).toBe(0)
    // A resident's own upload is deleted too, and nothing created.
    const mine = await upload('resident-2', `${unitImportPrefix('resident-2')}d.xlsx`, await sheet([['甲村', 10]]))
    expect(await towns({ action: 'create', name: '居民镇', fileID: mine }, 'resident-2')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(cloud.service.storage.has(mine)).toBe(false)
  })

  it('a unit sheet is read within the contact import\'s bounds: a shared-strings bomb and a file over 2 MB are INVALID_INPUT and deleted', async () => {
    const bomb = await upload(ADMIN, `${unitImportPrefix(ADMIN)}bomb.xlsx`, sharedStringsBomb({ strings: 1_000_000 }))
    expect(await towns({ action: 'create', name: '炸弹镇', fileID: bomb }, ADMIN)).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: `表格中的文字条目过多(超过${SHEET_LIMITS.sharedStrings}条),请只保留附件3的内容后再导入`
    })
    expect(cloud.service.storage.has(bomb)).toBe(false)
    // Refused on its size before it is read (junk of this size would otherwise be 无法读取).
    const large = await upload(ADMIN, `${unitImportPrefix(ADMIN)}large.xlsx`, Buffer.alloc(UNIT_SHEET_MAX_BYTES + 1, 0x41))
    expect(await towns({ action: 'create', name: '大表镇', fileID: large }, ADMIN)).toEqual({ ok: false, code: 'INVALID_INPUT', message: '表格文件不能超过2MB' })
    expect(cloud.service.storage.has(large)).toBe(false)
    expect(cloud.count('towns', { name: '炸弹镇' }) + cloud.count('towns', { name: '大表镇' })).toBe(0)
  }, 60_000)

  it('a unit sheet a killed towns.create left on the file registry goes with the daily sweep', async () => {
    const left = await upload(ADMIN, `${unitImportPrefix(ADMIN)}killed.xlsx`, await sheet([['甲村', 10]]))
    // What towns.create writes before it reads the file (trackFile), as a function killed after it leaves it.
    const path = `${unitImportPrefix(ADMIN)}killed.xlsx`
    const dayAgo = new Date(Date.now() - 24 * 3600_000 - 60_000)
    cloud.service.db.insert('stored_files', { _id: createHash('sha256').update(path).digest('hex').slice(0, 32), fileID: left, path, folder: 'unit-imports', at: dayAgo })
    const swept = await cloud.gateway.runner.invoke({ name: 'contacts', event: { Type: 'Timer', TriggerName: 'dailyUploadSweep' }, openid: '', source: 'wx_trigger' })
    expect(swept).toEqual({ ok: true, data: { filesDeleted: 1 } })
    expect(cloud.service.storage.has(left)).toBe(false)
    expect(cloud.count('stored_files', { folder: 'unit-imports' })).toBe(0)
  })
})

describe('saveUnit', () => {
  it('a town admin changes a quota, adds a unit, retires and restores one, audited; a retired unit takes no invites', async () => {
    const res = await towns({ action: 'saveUnit', name: '新城', quota: 320 }, 'towns-admin-b')
    expect(res).toEqual({ ok: true, data: { town: TOWN_B, unit: { name: '新城', quota: 320, active: true, order: 0, type: '村/社区' } } })
    expect(cloud.service.db.get('villages', unitKey(DEFAULT_TOWN, '新城'))!.quota).toBe(VILLAGES.find((v) => v.name === '新城')!.quota)
    expect((await towns({ action: 'saveUnit', name: '西岭', quota: 90 }, 'towns-admin-b')).data.unit).toEqual({ name: '西岭', quota: 90, active: true, order: 3, type: '村/社区' })
    expect((await towns({ action: 'saveUnit', name: '东岸' }, 'towns-admin-b'))).toMatchObject({ ok: false, code: 'NOT_FOUND' })

    expect((await towns({ action: 'saveUnit', name: '西岭', active: false }, 'towns-admin-b')).data.unit.active).toBe(false)
    expect(await user({ action: 'createInvite', village: '西岭' }, 'towns-admin-b')).toEqual({ ok: false, code: 'INVALID_INPUT', message: '西岭已撤销,不能再登记或分配' })
    // Retired, still listed (history), and no longer in the town's total.
    expect((await towns({ action: 'units' }, 'towns-admin-b')).data.units.find((u: { name: string }) => u.name === '西岭')).toMatchObject({ active: false })
    expect((await towns({ action: 'list' }, 'resident-1')).data.towns.find((t: { name: string }) => t.name === TOWN_B)).toEqual({ name: TOWN_B, units: 3, quota: 650 })
    expect((await towns({ action: 'saveUnit', name: '西岭', active: true }, 'towns-admin-b')).data.unit.active).toBe(true)
    expect(cloud.count('audit_log', { action: 'towns.saveUnit', town: TOWN_B })).toBe(4)
  })

  it('a town admin of another town is FORBIDDEN, and nothing changes', async () => {
    const quota = cloud.service.db.get('villages', unitKey(DEFAULT_TOWN, '云集'))!.quota
    expect(await towns({ action: 'saveUnit', town: DEFAULT_TOWN, name: '云集', quota: 1 }, 'towns-admin-b')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(cloud.service.db.get('villages', unitKey(DEFAULT_TOWN, '云集'))!.quota).toBe(quota)
  })

  it('a rename rewrites the unit\'s documents (unit, counter, people, invites) in its town only; a taken name is CONFLICT', async () => {
    await person('towns-cadre-b', { town: TOWN_B, village: '南湖' })
    const invite = await user({ action: 'createInvite', village: '南湖' }, 'towns-admin-b')
    cloud.service.db.insert('village_counters', { _id: unitKey(TOWN_B, '南湖'), town: TOWN_B, village: '南湖', registered: 7 })
    cloud.service.db.insert('contacts', { _id: 'f'.repeat(32), town: TOWN_B, village: '南湖', name: '张三', phone: '13800138000' })
    cloud.service.db.insert('contacts', { _id: 'e'.repeat(32), town: DEFAULT_TOWN, village: '南湖', name: '李四', phone: '13800138001' })

    const before = cloud.count('audit_log')
    expect(await towns({ action: 'saveUnit', name: '南湖', rename: '新城' }, 'towns-admin-b')).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(cloud.count('audit_log')).toBe(before)
    expect(cloud.service.db.get('villages', unitKey(TOWN_B, '南湖'))).toBeTruthy()

    const res = await towns({ action: 'saveUnit', name: '南湖', rename: '南湖社区' }, 'towns-admin-b')
    expect(res.data.unit).toEqual({ name: '南湖社区', quota: 250, active: true, order: 1, type: '村/社区' })
    expect(cloud.service.db.get('villages', unitKey(TOWN_B, '南湖'))).toBeUndefined()
    expect(cloud.service.db.get('village_counters', unitKey(TOWN_B, '南湖社区'))).toMatchObject({ town: TOWN_B, village: '南湖社区', registered: 7 })
    expect(cloud.service.db.get('village_counters', unitKey(TOWN_B, '南湖'))).toBeUndefined()
    expect(cloud.service.db.get('contacts', 'f'.repeat(32))).toMatchObject({ village: '南湖社区' })
    expect(cloud.service.db.get('contacts', 'e'.repeat(32))).toMatchObject({ town: DEFAULT_TOWN, village: '南湖' })
    expect(cloud.service.db.get('invites', invite.data.code)).toMatchObject({ village: '南湖社区' })
    expect((await user({ action: 'whoami' }, 'towns-cadre-b')).data).toMatchObject({ town: TOWN_B, village: '南湖社区' })
    expect(cloud.service.db.get('cadre_counters', 'towns-cadre-b')).toMatchObject({ town: TOWN_B, village: '南湖社区' })
    // Sending it again: the same unit, nothing more written.
    const audits = cloud.count('audit_log')
    expect((await towns({ action: 'saveUnit', name: '南湖', rename: '南湖社区' }, 'towns-admin-b')).data.unit.name).toBe('南湖社区')
    expect(cloud.count('audit_log')).toBe(audits)
  })
})

describe('content', () => {
  it('residents read the default town\'s letter and slogans (附件4, 附件5), or a named town\'s', async () => {
    const res = await towns({ action: 'content' }, 'resident-1')
    expect(res).toEqual({ ok: true, data: { town: DEFAULT_TOWN, ...seedContent(), updatedAt: null } })
    expect((await towns({ action: 'content', town: TOWN_B }, 'resident-1')).data.town).toBe(TOWN_B)
  })

  it('a town admin edits their letter and slogans: validated, stored, audited with the lengths; residents read the new text', async () => {
    const letter = { title: '致新城镇居民的一封信', body: '亲爱的居民朋友:\n\n平安建设,人人参与。', sender: '新城镇综治中心', date: '2026年12月1日' }
    expect(await towns({ action: 'saveContent', letter: { ...letter, body: '' } }, 'towns-admin-b')).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(await towns({ action: 'saveContent', slogans: [] }, 'towns-admin-b')).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '至少需要一条标语(slogans)' })
    expect(await towns({ action: 'saveContent', town: DEFAULT_TOWN, slogans: ['别处'] }, 'towns-admin-b')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(cloud.count('audit_log', { action: 'towns.saveContent' })).toBe(0)

    expect(await towns({ action: 'saveContent', letter, slogans: ['平安新城,你我共建'] }, 'towns-admin-b')).toEqual({ ok: true, data: { town: TOWN_B } })
    const read = await towns({ action: 'content', town: TOWN_B }, 'resident-1')
    expect(read.data).toMatchObject({ town: TOWN_B, letter, slogans: ['平安新城,你我共建'] })
    expect(Date.parse(read.data.updatedAt)).toBeGreaterThan(Date.now() - 60_000)
    // The default town's content is untouched.
    expect((await towns({ action: 'content' }, 'resident-1')).data).toMatchObject(seedContent())
    const entry = cloud.service.db.find('audit_log', { filter: { action: 'towns.saveContent' } })[0]
    const seeded = draftContent(TOWN_B)
    expect(entry).toMatchObject({
      actor: 'towns-admin-b',
      town: TOWN_B,
      detail: {
        letter: { from: [...`${seeded.letter.title}${seeded.letter.body}${seeded.letter.sender}${seeded.letter.date}`].length, to: [...`${letter.title}${letter.body}${letter.sender}${letter.date}`].length },
        slogans: { from: { count: seeded.slogans.length }, to: { count: 1, length: 9 } }
      }
    })
  })
})

describe('list past the read limits', () => {
  it('six towns of 200 units (1,200 units, past one read of 1,000): every count and total exact', async () => {
    for (let t = 0; t < 6; t++) {
      seedTown(cloud.service.db, `大县${t}镇`, 100 + t, Array.from({ length: 200 }, (_, i) => ({ name: `村${i}`, quota: i + 1, active: i !== 0 })))
    }
    const res = await towns({ action: 'list' }, 'resident-1')
    const big = res.data.towns.filter((t: { name: string }) => t.name.startsWith('大县'))
    // 199 active units each (村0 retired), quotas 2..200.
    expect(big).toEqual(Array.from({ length: 6 }, (_, t) => ({ name: `大县${t}镇`, units: 199, quota: (200 * 201) / 2 - 1 })))
    expect(res.data.towns[0]).toEqual({ name: DEFAULT_TOWN, units: 23, quota: expect.any(Number) })
  })
})
