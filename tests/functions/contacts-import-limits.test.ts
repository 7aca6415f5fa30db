/**
 * importXlsx against sheets meant to hurt (a small file of 400,000 filler rows) and the rule that the
 * upload never stays behind, whichever way the import ends; someone else's upload is never touched.
 */
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '../../src/core/contract'
import { readContactSheet, SHEET_LIMITS, type ReadStats } from '../../server/lib/xlsx'
import { bigSheet, contactSheet, makeCadre, mergeBomb, mobile, sharedStringsBomb, uploadAs } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
const A1 = 'cadre-yunji-limits'
const B1 = 'cadre-xintang-limits'
const TOO_MANY = `表格超过${IMPORT_MAX_ROWS}行,请分成几个文件导入`
const TOO_LARGE_INFLATED = '表格内容解压后超过64MB,请删除多余的行、列和格式后再导入'
const TOO_MANY_STRINGS = `表格中的文字条目过多(超过${SHEET_LIMITS.sharedStrings}条),请只保留附件2的内容后再导入`
const TOO_MANY_MERGES = `表格中的合并单元格过多(超过${SHEET_LIMITS.merges}个),请取消合并后再导入`
const MERGES_OVERLAP = '表格中的合并单元格互相重叠,请取消合并后再导入'

/** The reader's refusal of `bytes` and how long it took. */
async function refusalOf(bytes: Buffer): Promise<{ message: string; ms: number }> {
  const started = Date.now()
  const message = await readContactSheet(bytes, IMPORT_MAX_ROWS).then(
    () => 'read',
    (error: Error) => error.message
  )
  return { message, ms: Date.now() - started }
}

let bomb: Buffer
let cloud: TestCloud

beforeAll(async () => {
  bomb = bigSheet(400_000, { filler: true })
  cloud = await startTestCloud()
  await makeCadre(cloud, A1, '云集', '张三')
  await makeCadre(cloud, B1, '新塘站', '王五')
}, 60_000)
afterAll(async () => {
  await cloud.close()
})

const importFile = (openid: string, fileID: string, extra: object = {}) => cloud.call('contacts', { action: 'importXlsx', consent: true, fileID, ...extra }, openid)
const registry = () => cloud.service.db.find('stored_files')

describe('sheet bombs: the reader stops at the cap', () => {
  it('400,000 filler rows in a few MB: refused after reading 7,001 households, not 400,000 rows', async () => {
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024)
    const stats: ReadStats = { rowsRead: 0 }
    await expect(readContactSheet(bomb, IMPORT_MAX_ROWS, stats)).rejects.toThrow(TOO_MANY)
    // Title, unit, header, then the 7,001st household is the last row read.
    expect(stats.rowsRead).toBe(3 + IMPORT_MAX_ROWS + 1)
  }, 60_000)

  it('exactly 7,000 households are read whole; 7,001 are refused', async () => {
    const stats: ReadStats = { rowsRead: 0 }
    const sheet = await readContactSheet(bigSheet(IMPORT_MAX_ROWS, { block: 81 }), IMPORT_MAX_ROWS, stats)
    expect(sheet.rows).toHaveLength(IMPORT_MAX_ROWS)
    expect(sheet.rows[IMPORT_MAX_ROWS - 1]).toEqual({ row: IMPORT_MAX_ROWS + 3, cells: { serial: String(IMPORT_MAX_ROWS), name: `居民${IMPORT_MAX_ROWS - 1}`, phone: mobile(81, IMPORT_MAX_ROWS - 1), responsible: '责任人' } })
    await expect(readContactSheet(bigSheet(IMPORT_MAX_ROWS + 1, { block: 81 }), IMPORT_MAX_ROWS)).rejects.toThrow(TOO_MANY)
  }, 60_000)

  it('rows that are neither households nor blank runs cannot make it read on and on', async () => {
    // 199 rows with only a 序号 between households: never 200 blanks in a row, never 7,001 households.
    const rows: (string | number)[][] = []
    for (let i = 0; i < 100; i++) {
      rows.push([i, '', `居民${i}`, mobile(82, i)])
      for (let k = 0; k < 199; k++) rows.push([k])
    }
    const stats: ReadStats = { rowsRead: 0 }
    await expect(readContactSheet(await contactSheet({ rows }), IMPORT_MAX_ROWS, stats)).rejects.toThrow('表格行数过多')
    expect(stats.rowsRead).toBe(2 * IMPORT_MAX_ROWS + 30 + 1)
  }, 60_000)

  it('a merged 村(社区) cell counts in every row it covers, as the whole-workbook reader had it', async () => {
    const bytes = await contactSheet({
      headers: ['序号', '村(社区)', '包户责任人', '姓名', '电话号码'],
      rows: [
        [1, '渡口', '甲', '吕布', mobile(83, 1)],
        [2, null, '', '貂蝉', mobile(83, 2)],
        [3, null, '乙', '董卓', mobile(83, 3)],
        [4, '普贤', '', '王允', mobile(83, 4)]
      ],
      merges: ['B4:B6']
    })
    const sheet = await readContactSheet(bytes, IMPORT_MAX_ROWS)
    expect(sheet.rows.map((r) => [r.cells.village, r.cells.responsible])).toEqual([
      ['渡口', '甲'],
      ['渡口', '甲'],
      ['渡口', '乙'],
      ['普贤', '乙']
    ])
  })

  it('through the function: the bomb is refused with its reason, nothing is written, the upload is gone', async () => {
    const before = [cloud.count('contacts'), cloud.count('audit_log')]
    const fileID = await uploadAs(cloud, A1, bomb)
    expect(await importFile(A1, fileID)).toEqual({ ok: false, code: 'INVALID_INPUT', message: TOO_MANY })
    expect([cloud.count('contacts'), cloud.count('audit_log')]).toEqual(before)
    expect(cloud.service.storage.has(fileID)).toBe(false)
    expect(registry()).toEqual([])
  }, 60_000)
})

describe('sheet bombs through shared strings, sizes and merged cells', () => {
  it('a million tiny shared strings in ~50 KB: refused at 100,000, quickly', async () => {
    const bomb = sharedStringsBomb({ strings: 1_000_000 })
    expect(bomb.length).toBeLessThan(200 * 1024)
    const { message, ms } = await refusalOf(bomb)
    expect(message).toBe(TOO_MANY_STRINGS)
    expect(ms).toBeLessThan(5000)
  }, 60_000)

  it('an entry that declares more than 64 MB inflated is refused before anything is inflated', async () => {
    const { message, ms } = await refusalOf(sharedStringsBomb({ strings: 10, inflatedTo: SHEET_LIMITS.inflatedBytes + 1024 }))
    expect(message).toBe(TOO_LARGE_INFLATED)
    expect(ms).toBeLessThan(1000)
  }, 60_000)

  it('an entry whose header lies about its size is stopped by the count inside the inflate stream', async () => {
    // 100 MB of shared-strings XML that claims to be 1 KB: the reader never inflates past the claim.
    const { message, ms } = await refusalOf(sharedStringsBomb({ strings: 10, inflatedTo: 100 * 1024 * 1024, declaredSize: 1024 }))
    expect(message).toContain('无法读取该文件')
    expect(ms).toBeLessThan(2000)
  }, 60_000)

  it('2,000 merges each down to row 1,048,576 (the first pass stopped at a far row): refused as overlapping, quickly', async () => {
    const { message, ms } = await refusalOf(mergeBomb({ households: 2000 }))
    expect(message).toBe(MERGES_OVERLAP)
    expect(ms).toBeLessThan(5000)
  }, 60_000)

  it('more than 10,000 merged ranges: refused', async () => {
    const { message } = await refusalOf(mergeBomb({ households: 10, extra: SHEET_LIMITS.merges + 1 }))
    expect(message).toBe(TOO_MANY_MERGES)
  }, 60_000)

  it('one merge to row 1,048,576 is filled over the rows read only, and still counts in each of them', async () => {
    const started = Date.now()
    const sheet = await readContactSheet(mergeBomb({ households: 1 }), IMPORT_MAX_ROWS)
    // A4:H… takes A4's value (序号 1) into the empty cells of the row it covers.
    expect(sheet.rows).toEqual([{ row: 4, cells: { serial: '1', responsible: '责任人', name: '居民0', phone: mobile(92, 0), occupation: '1', address: '1', note: '1' } }])
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it.each([
    ['the shared-strings bomb', () => sharedStringsBomb({ strings: 1_000_000, block: 93 }), TOO_MANY_STRINGS],
    ['the merge bomb', () => mergeBomb({ households: 2000, block: 94 }), MERGES_OVERLAP]
  ])('through the function: %s is refused quickly, nothing is written, the upload is gone', async (_name, make, reason) => {
    const before = [cloud.count('contacts'), cloud.count('audit_log')]
    const fileID = await uploadAs(cloud, A1, make())
    const started = Date.now()
    expect(await importFile(A1, fileID)).toEqual({ ok: false, code: 'INVALID_INPUT', message: reason })
    expect(Date.now() - started).toBeLessThan(10_000)
    expect([cloud.count('contacts'), cloud.count('audit_log')]).toEqual(before)
    expect(cloud.service.storage.has(fileID)).toBe(false)
    expect(registry()).toEqual([])
  }, 60_000)
})

describe('the upload never stays behind', () => {
  const sheet = () => contactSheet({ rows: [[1, '', '典韦', mobile(84, 1)]] })

  it('an admin who picked no village, for a sheet without a 村(社区) column: refused, upload deleted', async () => {
    const fileID = await uploadAs(cloud, ADMIN, await sheet())
    expect(await importFile(ADMIN, fileID)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '管理员导入时请选择村(社区),或在表格中加一列“村(社区)”' })
    expect(cloud.service.storage.has(fileID)).toBe(false)
    expect(registry()).toEqual([])
  })

  it('a cadre naming another village, a resident, a parse error: each refused, each upload deleted', async () => {
    const forbidden = await uploadAs(cloud, A1, await sheet())
    expect(await importFile(A1, forbidden, { village: '新城' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const resident = await uploadAs(cloud, 'resident-limits', await sheet())
    expect(await importFile('resident-limits', resident)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const broken = await uploadAs(cloud, A1, Buffer.from('PK\u0003\u0004 这不是表格'))
    expect(await importFile(A1, broken)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('无法读取该文件') })
    for (const fileID of [forbidden, resident, broken]) expect(cloud.service.storage.has(fileID)).toBe(false)
    expect(registry()).toEqual([])
  })

  it("someone else's upload is refused and left alone: not deleted, not registered", async () => {
    const theirs = await uploadAs(cloud, B1, await sheet())
    expect(await importFile(A1, theirs)).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '只能导入自己刚上传的表格' })
    expect(await importFile(ADMIN, theirs, { village: '云集' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(cloud.service.storage.has(theirs)).toBe(true)
    expect(registry()).toEqual([])
    // Its owner can still import it.
    expect(await importFile(B1, theirs)).toMatchObject({ ok: true, data: { imported: 1 } })
    expect(cloud.service.storage.has(theirs)).toBe(false)
  })

  it('a file over 10 MB is refused on its size: never downloaded, nothing written, deleted', async () => {
    const before = [cloud.count('contacts'), cloud.count('audit_log')]
    const fileID = await uploadAs(cloud, A1, Buffer.alloc(IMPORT_MAX_BYTES + 1, 0x50))
    // What the function asks of the storage's byte routes while it imports.
    const storage = cloud.service.storage
    const seen: string[] = []
    const handleBytes = storage.handleBytes.bind(storage)
    const spy = jest.spyOn(storage, 'handleBytes').mockImplementation((req, res, mount) => {
      seen.push(String(req.method))
      return handleBytes(req, res, mount)
    })
    try {
      expect(await importFile(A1, fileID)).toEqual({ ok: false, code: 'INVALID_INPUT', message: `表格文件不能超过${IMPORT_MAX_BYTES / 1024 / 1024}MB` })
    } finally {
      spy.mockRestore()
    }
    expect(seen).toEqual(['HEAD'])
    expect([cloud.count('contacts'), cloud.count('audit_log')]).toEqual(before)
    expect(cloud.service.storage.has(fileID)).toBe(false)
    expect(registry()).toEqual([])
  }, 60_000)

  it('only an admin or the timer sweeps; a client dressed up as the timer is not one', async () => {
    expect(await cloud.call('contacts', { action: 'sweepUploads' }, A1)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await cloud.call('contacts', { Type: 'Timer', TriggerName: 'dailyUploadSweep' }, A1)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(await cloud.call('contacts', { action: 'sweepUploads' }, ADMIN)).toEqual({ ok: true, data: { filesDeleted: 0 } })
  })
})
