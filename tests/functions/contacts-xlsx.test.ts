/**
 * importXlsx / exportXlsx / purge end to end: sheets built with exceljs, uploaded through the storage
 * protocol the SDK speaks, read by the function from the local cloud storage, and read back.
 */
import { readdirSync } from 'fs'
import { join } from 'path'
import { CONTACT_SHEET, PURGE_CONFIRMATION } from '../../src/core/contract'
import {
  contactSheet,
  counterDrift,
  makeCadre,
  mobile,
  readSheet,
  sheetValues,
  thousandRowSheet,
  uploadAs,
  uploadTo,
  villageCount
} from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
const A1 = 'cadre-yunji-1'
const B1 = 'cadre-xintang-1'
const HEADERS = [...CONTACT_SHEET.headers]

let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
  await makeCadre(cloud, A1, '云集', '张三')
  await makeCadre(cloud, B1, '新塘站', '王五')
}, 60_000)
afterAll(async () => {
  await cloud.close()
})
afterEach(() => {
  expect(counterDrift(cloud)).toEqual([])
})

const contacts = (event: object, openid: string) => cloud.call('contacts', event, openid)
const importAs = async (openid: string, bytes: Buffer, extra: object = {}) =>
  contacts({ action: 'importXlsx', consent: true, fileID: await uploadAs(cloud, openid, bytes), ...extra }, openid)
const byPhone = (phone: string) => cloud.service.db.find('contacts', { filter: { phone } })[0]
const storedFiles = (dir: string) => {
  try {
    return readdirSync(join(cloud.dataDir, 'storage', dir)).length
  } catch {
    return 0
  }
}

describe('importXlsx', () => {
  it('a 1,000-row sheet with 30 bad rows: 970 stored, each bad row refused with its row and reason; again: nothing new', async () => {
    const elsewhere = Array.from({ length: 5 }, (_, k) => mobile(20, k))
    for (const [k, phone] of elsewhere.entries()) {
      expect((await contacts({ action: 'register', name: `新塘站居民${k}`, phone, consent: true }, B1)).ok).toBe(true)
    }
    const sheet = await thousandRowSheet(21, elsewhere, '该号码已在其他村(社区)登记')
    const before = cloud.count('contacts', { village: '云集' })

    const started = Date.now()
    const first = await importAs(A1, sheet.bytes)
    const took = Date.now() - started
    expect(first.ok).toBe(true)
    expect(first.data.imported).toBe(970)
    expect(first.data.skipped).toEqual(sheet.refused)
    expect(new Set(first.data.skipped.map((s: { reason: string }) => s.reason.replace(/\d+/g, 'N'))).size).toBe(6)
    expect(cloud.count('contacts', { village: '云集' }) - before).toBe(970)
    expect(villageCount(cloud, '云集')).toBe(before + 970)
    // Every kind of typing came out as the one normalised number.
    const storedByPhone = new Map(cloud.service.db.find('contacts', { filter: { village: '云集' } }).map((d) => [d.phone, d]))
    for (const phone of sheet.valid) expect(storedByPhone.get(phone)).toMatchObject({ village: '云集', createdBy: A1, source: 'import' })
    expect(byPhone(sheet.valid[0]).responsible).toBe('责任人0')

    const again = await importAs(A1, sheet.bytes)
    expect(again.data.imported).toBe(0)
    expect(again.data.skipped).toHaveLength(1000)
    const firstReasons = new Map(sheet.refused.map((r) => [r.row, r.reason]))
    for (const s of again.data.skipped as { row: number; reason: string }[]) {
      expect(s.reason).toBe(firstReasons.get(s.row) ?? '该号码已在云集登记')
    }
    expect(cloud.count('contacts', { village: '云集' }) - before).toBe(970)
    expect(cloud.count('audit_log', { action: 'contacts.importXlsx', actor: A1 })).toBe(2)
    console.log(`import of 1,000 rows (970 new): ${took} ms`)
  }, 90_000)

  it('the same sheet imported twice at once (a double tap, two devices): every number stored once', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [i + 1, '', `并发${i}`, mobile(26, i), '', '', ''])
    const bytes = await contactSheet({ rows })
    const before = cloud.count('contacts')
    const [a, b] = await Promise.all([importAs(A1, bytes), importAs(A1, bytes)])
    expect(a.data.imported + b.data.imported).toBe(60)
    expect(a.data.skipped.length + b.data.skipped.length).toBe(60)
    for (const s of [...a.data.skipped, ...b.data.skipped]) expect(s.reason).toBe('该号码已在云集登记')
    expect(cloud.count('contacts') - before).toBe(60)
  }, 60_000)

  it('reads what people actually type: no title row, numbers as numbers, full-width digits, blank rows, merged cells', async () => {
    const bytes = await contactSheet({
      title: false,
      unit: false,
      headers: ['序 号', '包户责任人', '姓  名', '电 话 号 码', '职业（职务）', '常住地址', '备注'],
      rows: [
        [1, '刘备', '  关羽  ', 13900001111, '武将', '荆州', ''],
        [2, null, '张飞', '１３９００００２２２２', '', '', ''],
        [],
        [3, null, '赵云', ' 139 0000 3333 ', '', '常山', '白天不在家'],
        [4, '诸葛亮', '黄忠', 7348160763, '', '', ''],
        [5, null, null, null, null, null, null],
        [],
        [6, '', '马超', '+86 139-0000-5555', '', '', '']
      ],
      merges: ['B2:B4'],
      footer: [['备注:'], ['合计']]
    })
    const res = await importAs(A1, bytes)
    expect(res).toEqual({ ok: true, data: { imported: 5, skipped: [] } })
    expect(byPhone('13900001111')).toMatchObject({ name: '关羽', responsible: '刘备', occupation: '武将', address: '荆州' })
    expect(byPhone('13900002222')).toMatchObject({ name: '张飞', responsible: '刘备' })
    expect(byPhone('13900003333')).toMatchObject({ name: '赵云', responsible: '刘备', note: '白天不在家' })
    // A landline typed as a number lost its 0; it comes back.
    expect(byPhone('0734-8160763')).toMatchObject({ name: '黄忠', responsible: '诸葛亮' })
    expect(byPhone('13900005555')).toMatchObject({ name: '马超', responsible: '诸葛亮' })
  })

  it('a cadre with no 包户责任人 in the sheet is the one responsible; a 村(社区) column must be their own', async () => {
    const bytes = await contactSheet({
      headers: ['序号', '村(社区)', '姓名', '电话号码'],
      rows: [
        [1, '云集', '曹操', mobile(22, 1)],
        [2, '新塘站', '孙权', mobile(22, 2)],
        [3, '', '刘表', mobile(22, 3)]
      ]
    })
    const res = await importAs(A1, bytes)
    expect(res.data).toEqual({ imported: 2, skipped: [{ row: 5, reason: '该行村(社区)为“新塘站”,只能导入云集的号码' }] })
    expect(byPhone(mobile(22, 1))).toMatchObject({ responsible: '张三', village: '云集' })
    expect(byPhone(mobile(22, 2))).toBeUndefined()
  })

  it('an admin imports into a chosen village, or by a 村(社区) column; rows need a 包户责任人', async () => {
    const plain = await contactSheet({ rows: [[1, '', '袁绍', mobile(23, 1)], [2, '颜良', '文丑', mobile(23, 2)]] })
    const before = cloud.count('contacts')
    const refused = await importAs(ADMIN, plain)
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '管理员导入时请选择村(社区),或在表格中加一列“村(社区)”' })
    expect(cloud.count('contacts')).toBe(before)

    const chosen = await importAs(ADMIN, plain, { village: '古塘' })
    expect(chosen.data).toEqual({ imported: 1, skipped: [{ row: 4, reason: '请填写包户责任人' }] })
    expect(byPhone(mobile(23, 2))).toMatchObject({ village: '古塘', createdBy: ADMIN, createdByRole: 'admin' })

    const byColumn = await contactSheet({
      headers: ['序号', '村(社区)', '包户责任人', '姓名', '电话号码'],
      rows: [
        [1, '渡口', '甲', '吕布', mobile(23, 3)],
        [2, '普贤', '乙', '貂蝉', mobile(23, 4)],
        [3, '火星村', '丙', '董卓', mobile(23, 5)]
      ]
    })
    const res = await importAs(ADMIN, byColumn)
    expect(res.data).toEqual({ imported: 2, skipped: [{ row: 6, reason: '该行村(社区)“火星村”不在云集街道的任务分配表中' }] })
    expect(byPhone(mobile(23, 3)).village).toBe('渡口')
    expect(byPhone(mobile(23, 4)).village).toBe('普贤')
  })

  it('refuses files it must not or cannot read, writing nothing; the uploaded sheet is not kept', async () => {
    const sheet = await contactSheet({ rows: [[1, '', '典韦', mobile(24, 1)]] })
    const state = () => JSON.stringify([cloud.count('contacts'), cloud.count('audit_log'), cloud.service.db.find('village_counters')])
    const before = state()

    // Someone else's upload.
    const theirs = await uploadAs(cloud, B1, sheet)
    expect(await contacts({ action: 'importXlsx', consent: true, fileID: theirs }, A1)).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '只能导入自己刚上传的表格' })
    const outside = await uploadTo(cloud, 'elsewhere/a.xlsx', sheet)
    expect(await contacts({ action: 'importXlsx', consent: true, fileID: outside }, A1)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // Not a spreadsheet at all, a spreadsheet with no header, a file that is gone.
    expect(await importAs(A1, Buffer.from('这不是表格'))).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('无法读取该文件') })
    const noHeader = await contactSheet({ title: false, unit: false, headers: ['名单'], rows: [['典韦 13900000000']] })
    expect(await importAs(A1, noHeader)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('没有找到表头') })
    const gone = await uploadAs(cloud, A1, sheet)
    await cloud.service.storage.handleAction({ action: 'storage.batchDeleteFile', fileid_list: [gone] }, '')
    expect(await contacts({ action: 'importXlsx', consent: true, fileID: gone }, A1)).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '没有找到上传的表格,请重新选择文件' })
    expect(await contacts({ action: 'importXlsx', consent: true, fileID: 'https://example.com/a.xlsx' }, A1)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    // Without the cadre's confirmation that every resident in the sheet agreed, nothing is read.
    const unconfirmed = await uploadAs(cloud, A1, sheet)
    expect(await contacts({ action: 'importXlsx', fileID: unconfirmed }, A1)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请先确认表格中的居民都已被告知用途并同意(consent)' })
    expect(state()).toBe(before)

    const ok = await uploadAs(cloud, A1, sheet)
    expect((await contacts({ action: 'importXlsx', consent: true, fileID: ok }, A1)).data.imported).toBe(1)
    expect(cloud.service.storage.has(ok)).toBe(false)
    expect(cloud.service.storage.has(theirs)).toBe(true)
  })
})

describe('exportXlsx', () => {
  let yunjiCount = 0

  it('a cadre exports their own village in the 附件2 layout, with full numbers, numbered rows', async () => {
    yunjiCount = cloud.count('contacts', { village: '云集' })
    const res = await contacts({ action: 'exportXlsx' }, A1)
    expect(res).toEqual({ ok: true, data: { fileID: expect.stringMatching(/^cloud:\/\/.+\/contact-exports\/.+\.xlsx$/), tempFileURL: expect.any(String), rows: yunjiCount } })
    const download = await fetch(encodeURI(res.data.tempFileURL))
    expect(download.status).toBe(200)
    const sheet = await readSheet(Buffer.from(await download.arrayBuffer()))
    const values = sheetValues(sheet)
    expect(values[0][0]).toBe('云集街道公众安全感和满意度测评电话号码收集表')
    expect(sheet.getCell('A1').isMerged).toBe(true)
    expect(values[1][0]).toBe('单位:云集街道云集')
    expect(values[2]).toEqual(HEADERS)
    expect(values).toHaveLength(3 + yunjiCount)
    expect(values.slice(3).map((r) => r[0])).toEqual(Array.from({ length: yunjiCount }, (_, i) => String(i + 1)))
    // The oldest first, every number in full and as text (Excel keeps every digit).
    const first = values[3]
    expect(first.slice(1, 4)).toEqual(['责任人0', '居民0', mobile(21, 0)])
    expect(typeof sheet.getRow(4).getCell(4).value).toBe('string')
    expect(values.slice(3).every((r) => /^1\d{10}$|^0\d{2,3}-\d{7,8}$/.test(r[3]))).toBe(true)
    expect(cloud.service.db.find('audit_log', { filter: { action: 'contacts.exportXlsx', actor: A1 } })).toEqual([
      expect.objectContaining({ target: res.data.fileID, detail: { village: '云集', rows: yunjiCount, fileID: res.data.fileID }, at: expect.any(Date) })
    ])
  })

  it('an admin exports every village in one file, with a 村(社区) column, villages in 附件3 order', async () => {
    const added = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        contacts({ action: 'register', name: `新城居民${i}`, phone: mobile(25, i), village: '新城', responsible: '新城村支书', consent: true }, ADMIN)
      )
    )
    expect(added.every((a) => a.ok)).toBe(true)
    const total = cloud.count('contacts')
    expect(total).toBeGreaterThan(1000) // more than one capped read: the export pages
    const res = await contacts({ action: 'exportXlsx' }, ADMIN)
    expect(res.data.rows).toBe(total)
    const values = sheetValues(await readSheet(cloud.service.storage.read(res.data.fileID)!))
    expect(values[1][0]).toBe('单位:云集街道')
    expect(values[2]).toEqual(['序号', '村(社区)', ...HEADERS.slice(1)])
    const villages = values.slice(3).map((r) => r[1])
    expect(villages.filter((v) => v === '云集')).toHaveLength(yunjiCount)
    // 云集 (1st in 附件3), 新城 (2nd), then 渡口 (16th), 古塘 (17th), 新塘站 (18th), 普贤 (19th).
    const order = [...new Set(villages)]
    expect(order).toEqual(['云集', '新城', '渡口', '古塘', '新塘站', '普贤'])
    expect(values.slice(3).map((r) => r[0])).toEqual(Array.from({ length: total }, (_, i) => String(i + 1)))
    expect(cloud.count('audit_log', { action: 'contacts.exportXlsx', actor: ADMIN, 'detail.village': '全部', 'detail.rows': total })).toBe(1)
  })

  it('a cadre cannot export another village: FORBIDDEN, no file, no audit entry', async () => {
    const files = storedFiles('contact-exports')
    const audits = cloud.count('audit_log')
    expect(await contacts({ action: 'exportXlsx', village: '云集' }, B1)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await contacts({ action: 'exportXlsx' }, 'resident-x')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(storedFiles('contact-exports')).toBe(files)
    expect(cloud.count('audit_log')).toBe(audits)
  })
})

describe('purge', () => {
  it('only an admin, only with the confirmation phrase', async () => {
    const before = cloud.count('contacts')
    expect(await contacts({ action: 'purge', confirm: '确认' }, ADMIN)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining(PURGE_CONFIRMATION) })
    expect(await contacts({ action: 'purge', confirm: PURGE_CONFIRMATION }, A1)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(cloud.count('contacts')).toBe(before)
  })

  it('removes every contact and every exported sheet, sets the counters to 0, and is audited', async () => {
    const total = cloud.count('contacts')
    const exports = cloud.service.db.find('audit_log', { filter: { action: 'contacts.exportXlsx' } }).map((e) => e.target as string)
    expect(exports.length).toBeGreaterThanOrEqual(2)
    const res = await contacts({ action: 'purge', confirm: PURGE_CONFIRMATION }, ADMIN)
    expect(res).toEqual({ ok: true, data: { removed: total, filesDeleted: exports.length } })
    expect(cloud.count('contacts')).toBe(0)
    for (const fileID of exports) expect(cloud.service.storage.has(fileID)).toBe(false)
    expect(cloud.service.db.find('village_counters').every((c) => c.registered === 0)).toBe(true)
    expect(cloud.service.db.find('cadre_counters').every((c) => c.registered === 0)).toBe(true)
    expect(cloud.service.db.find('audit_log', { filter: { action: 'contacts.purge' } })).toEqual([
      expect.objectContaining({ actor: ADMIN, detail: { removed: total, filesDeleted: exports.length } })
    ])
    // Registering starts again from zero.
    expect((await contacts({ action: 'register', name: '新的一年', phone: mobile(21, 0), consent: true }, A1)).ok).toBe(true)
    expect(villageCount(cloud, '云集')).toBe(1)
  }, 60_000)
})
