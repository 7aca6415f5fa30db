/**
 * 附件2 电话号码收集表 as a spreadsheet: reading what cadres fill in by hand (tolerantly) and writing
 * the export in the same layout. Knows exceljs and the sheet's layout; nothing of the database.
 */
import type { CellValue, Row } from 'exceljs'
import { Readable } from 'stream'
import { CONTACT_SHEET } from '../../src/core/contract/contacts'
import { parsePhone } from '../../src/core/contact'
import { entryContent, zipDirectory, type ZipEntry } from './zip'

/**
 * exceljs is loaded on first use: it is most of this function's bundle, and most calls (register,
 * list, reveal) never touch a spreadsheet, so a cold start need not evaluate it.
 */
export function excel(): typeof import('exceljs') {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require('exceljs')
}

export type ColumnKey = 'serial' | 'village' | 'responsible' | 'name' | 'phone' | 'occupation' | 'address' | 'note'

/** Header texts as people write them, after `squash` (half-width, no spaces, ASCII parentheses). */
const HEADER_ALIASES: Record<ColumnKey, string[]> = {
  serial: ['序号', '编号'],
  village: ['村(社区)', '村(居)', '村社区', '村', '社区', '村(社区)名称'],
  responsible: ['包户责任人', '责任人', '包户人', '包户干部'],
  name: ['姓名', '居民姓名', '户主姓名', '户主'],
  phone: ['电话号码', '电话', '手机号码', '手机号', '手机', '联系电话', '联系方式', '号码'],
  occupation: ['职业(职务)', '职业', '职务', '职业/职务'],
  address: ['常住地址', '地址', '住址', '家庭住址', '居住地址'],
  note: ['备注']
}

/** Rows searched for the header: a title and a "单位:" line usually come first. */
const HEADER_SEARCH_ROWS = 30
/** A sheet formatted down to row 1,048,576 is not a million households: stop after this many empty rows. */
const TRAILING_BLANK_ROWS = 200

export class SheetError extends Error {}

export interface SheetRow {
  /** The row number as the spreadsheet shows it. */
  row: number
  cells: Partial<Record<ColumnKey, string>>
}

export interface ParsedSheet {
  rows: SheetRow[]
  /** The header has a 村(社区) column. */
  hasVillage: boolean
}

/** Full-width ASCII to half-width, ideographic space to space. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
}

/** A header cell compared loosely: `职业（职务）`, `电 话 号 码`, `姓名:` all match. */
function squash(s: string): string {
  return toHalfWidth(s).replace(/\s+/g, '').replace(/[:：]$/, '')
}

/** Trimmed, inner runs of blanks (incl. line breaks and ideographic spaces) made one space. */
function tidy(s: string): string {
  return s.replace(/\u3000/g, ' ').replace(/\s+/g, ' ').trim()
}

interface CellText {
  text: string
  /** The cell held a number: a landline may have lost its leading 0. */
  numeric: boolean
}

export function textOf(value: CellValue): CellText {
  if (value === null || value === undefined) return { text: '', numeric: false }
  if (typeof value === 'number') {
    // 13800138000 stays 13800138000, not 1.38e10.
    return { text: Number.isInteger(value) ? value.toFixed(0) : String(value), numeric: true }
  }
  if (typeof value === 'string') return { text: value, numeric: false }
  if (typeof value === 'boolean') return { text: value ? '是' : '否', numeric: false }
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), numeric: false }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return { text: value.richText.map((r) => r.text).join(''), numeric: false }
    if ('formula' in value || 'sharedFormula' in value) return textOf((value as { result?: CellValue }).result ?? null)
    if ('text' in value) return { text: String((value as { text: unknown }).text ?? ''), numeric: false }
    if ('error' in value) return { text: '', numeric: false }
  }
  return { text: String(value), numeric: false }
}

/** A number cell typed as 7348160763 was the landline 0734-8160763 before the spreadsheet ate the 0. */
function repairPhone(cell: CellText): string {
  const text = tidy(cell.text)
  if (!cell.numeric || text.startsWith('1') || parsePhone(text).ok) return text
  return parsePhone(`0${text}`).ok ? `0${text}` : text
}

/** The header columns when this row is the header (it has a 姓名 and a 电话号码 column). */
function headerColumns(row: Row): Map<ColumnKey, number> | undefined {
  const columns = new Map<ColumnKey, number>()
  for (let c = 1; c <= row.cellCount; c++) {
    const text = squash(textOf(row.getCell(c).value).text)
    if (!text) continue
    for (const [key, aliases] of Object.entries(HEADER_ALIASES) as [ColumnKey, string[]][]) {
      if (!columns.has(key) && aliases.includes(text)) columns.set(key, c)
    }
  }
  return columns.has('name') && columns.has('phone') ? columns : undefined
}

export const UNREADABLE = '无法读取该文件,请上传 Excel 表格(.xlsx);旧版 .xls 请先另存为 .xlsx'
const SHEET_ENTRY = /^xl\/worksheets\/sheet(\d+)\.xml$/

/**
 * Bounds on what a sheet may inflate to. A contact sheet of 7,000 households is a few MB of XML; a
 * 10 MB upload could otherwise inflate to gigabytes (deflate packs a thousand to one).
 */
export const SHEET_LIMITS = {
  /** Any one entry, and all entries together, as the zip's central directory declares them (and as counted while inflating). */
  inflatedBytes: 64 * 1024 * 1024,
  /** Entries in the shared-strings table (a full sheet has at most ~50,000 distinct texts). */
  sharedStrings: 100_000,
  /** A styles part larger than this is not read: a contact sheet needs no formats. */
  stylesBytes: 8 * 1024 * 1024,
  /** Merged ranges in the sheet. */
  merges: 10_000,
  /** The pass that looks for merged ranges (after the rows in the XML) stops after this long. */
  mergeScanMs: 10_000
}

const MB = (n: number) => `${Math.round(n / 1024 / 1024)}MB`
const TOO_LARGE_INFLATED = `表格内容解压后超过${MB(SHEET_LIMITS.inflatedBytes)},请删除多余的行、列和格式后再导入`
const tooManyStrings = (form: string) => `表格中的文字条目过多(超过${SHEET_LIMITS.sharedStrings}条),请只保留${form}的内容后再导入`
const TOO_MANY_MERGES = `表格中的合并单元格过多(超过${SHEET_LIMITS.merges}个),请取消合并后再导入`
const MERGES_OVERLAP = '表格中的合并单元格互相重叠,请取消合并后再导入'
const TOO_SLOW = '表格过于复杂,读取超时,请只保留附件2的内容后再导入'

/**
 * The parts of exceljs's streaming reader (4.4) used here. Its own `parse()` unzips with unzipper,
 * whose inflation nothing bounds; instead each part is handed over already opened through
 * `entryContent` (counted), in the order the reader needs, so no worksheet waits in a temporary file.
 */
interface PartReader {
  sharedStrings?: unknown[]
  /** After `_parseRels`: the workbook's relationships (which part each sheet id points at). */
  workbookRels?: { Id: string; Target: string }[]
  /** After `_parseWorkbook`: the sheets as the workbook names them. */
  model?: { sheets?: { name: string; rId: string }[] }
  _parseRels(entry: Readable): Promise<void>
  _parseWorkbook(entry: Readable): Promise<void>
  _parseStyles(entry: Readable): Promise<void>
  _parseSharedStrings(entry: Readable): AsyncGenerator<{ index: number; text: unknown }>
  _parseWorksheet(iterator: Readable, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<Row> }>
}

interface Merge {
  top: number
  left: number
  bottom: number
  right: number
}

const columnNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)

/**
 * The sheet's merged ranges. The streaming reader skips them (they come after the rows in the XML), so
 * the sheet is inflated once more and only scanned for `<mergeCell ref=…>`: memory stays one chunk, the
 * bytes are the entry's (bounded), and the pass stops at `SHEET_LIMITS.merges` or `mergeScanMs`.
 */
async function mergesOf(open: () => Readable): Promise<Merge[]> {
  const found = new Map<string, Merge>()
  const deadline = Date.now() + SHEET_LIMITS.mergeScanMs
  let carry = ''
  for await (const chunk of open()) {
    if (Date.now() > deadline) throw new SheetError(TOO_SLOW)
    const text = carry + (chunk as Buffer).toString('latin1')
    for (const m of text.matchAll(/<mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
      found.set(m[0], { left: columnNumber(m[1]), top: Number(m[2]), right: columnNumber(m[3]), bottom: Number(m[4]) })
      if (found.size > SHEET_LIMITS.merges) throw new SheetError(TOO_MANY_MERGES)
    }
    // A tag cut in two by the chunk boundary is matched again with the next chunk (the map keeps it once).
    carry = text.slice(-80)
  }
  return [...found.values()]
}

/** How many rows the reader took from the file; a bomb of filler rows is refused long before its end. */
export interface ReadStats {
  rowsRead: number
}

/** One worksheet of a workbook being read: its rows streamed, and its entry to open once more (merges). */
export interface WorksheetPart {
  /** The sheet's name on its tab (`Sheet<n>` when the workbook names none). */
  name: string
  rows(): AsyncIterable<Row>
  reopen(): Readable
}

/**
 * Opens an .xlsx held in memory within `SHEET_LIMITS` and hands `use` its worksheets in order, each
 * streamed from its counted entry (exceljs's streaming reader fed part by part: no unzipper, no
 * temporary files, shared strings counted here, not cached by exceljs). Whatever `use` throws that is
 * not a `SheetError` (a broken file, an entry inflating past its declared size) becomes `UNREADABLE`;
 * every opened entry is closed when `use` ends. The one bounded way this code base reads a sheet;
 * `form` names the attachment the sheet should hold, in refusals.
 */
export async function withWorkbook<T>(bytes: Buffer, use: (sheets: WorksheetPart[]) => Promise<T>, form = '附件2'): Promise<T> {
  const zip = zipDirectory(bytes)
  if (!zip) throw new SheetError(UNREADABLE)
  // Refused on the sizes the file declares before anything is inflated; `entryContent` holds it to them.
  if (zip.totalSize > SHEET_LIMITS.inflatedBytes) throw new SheetError(TOO_LARGE_INFLATED)
  const named = new Map(zip.entries.map((e) => [e.name, e]))
  const opened: Readable[] = []
  const open = (entry: ZipEntry): Readable => {
    const stream = entryContent(bytes, entry)
    opened.push(stream)
    return stream
  }
  const sheetNo = (e: ZipEntry) => SHEET_ENTRY.exec(e.name)![1]
  const entries = zip.entries.filter((e) => SHEET_ENTRY.test(e.name)).sort((a, b) => Number(sheetNo(a)) - Number(sheetNo(b)))
  const reader = new (excel().stream.xlsx.WorkbookReader)(null as unknown as Readable, { worksheets: 'emit', sharedStrings: 'emit', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' }) as unknown as PartReader
  try {
    const part = (name: string) => named.get(name)
    const rels = part('xl/_rels/workbook.xml.rels')
    if (rels) await reader._parseRels(open(rels))
    const book = part('xl/workbook.xml')
    if (book) await reader._parseWorkbook(open(book))
    const styles = part('xl/styles.xml')
    if (styles && styles.size <= SHEET_LIMITS.stylesBytes) await reader._parseStyles(open(styles))
    // The shared strings are kept here, not in exceljs's unbounded cache, and counted as they come.
    const strings: unknown[] = []
    const shared = part('xl/sharedStrings.xml')
    if (shared) {
      for await (const { text } of reader._parseSharedStrings(open(shared))) {
        if (strings.length >= SHEET_LIMITS.sharedStrings) throw new SheetError(tooManyStrings(form))
        strings.push(text)
      }
    }
    reader.sharedStrings = strings
    // A sheet's tab name: workbook.xml names each sheet by a relationship id, the rels say which part it is.
    const nameOf = (entry: ZipEntry): string => {
      const rel = reader.workbookRels?.find((r) => r.Target.replace(/^\/?(xl\/)?/, '') === entry.name.slice('xl/'.length))
      return reader.model?.sheets?.find((s) => s.rId === rel?.Id)?.name ?? `Sheet${sheetNo(entry)}`
    }
    const sheets = entries.map(
      (entry): WorksheetPart => ({
        name: nameOf(entry),
        rows: () => [...reader._parseWorksheet(open(entry), sheetNo(entry))][0].value,
        reopen: () => open(entry)
      })
    )
    return await use(sheets)
  } catch (error) {
    if (error instanceof SheetError) throw error
    throw new SheetError(UNREADABLE)
  } finally {
    for (const stream of opened) stream.destroy()
  }
}

/**
 * Reads the first worksheet that has a 姓名 and a 电话号码 header, wherever that header row is
 * (with or without the title and 单位 rows). Blank rows and rows with neither a name nor a phone
 * (the empty numbered lines of the paper form, the 备注 footer) are left out. A blank 包户责任人
 * takes the one above it, as on the paper form where one cadre's name covers their households; a
 * merged cell counts in every row it covers.
 *
 * The sheet is streamed (exceljs's streaming reader), never loaded whole: reading stops at the
 * `maxRows + 1`th household, after `TRAILING_BLANK_ROWS` empty rows, or after `2 × maxRows` rows of any
 * kind, so a small file of 400,000 filler rows costs what its first few thousand rows cost. What the
 * file may inflate to, its shared strings and its merged ranges are bounded too (`SHEET_LIMITS`).
 */
export async function readContactSheet(bytes: Buffer, maxRows: number, stats: ReadStats = { rowsRead: 0 }): Promise<ParsedSheet> {
  const scanLimit = 2 * maxRows + HEADER_SEARCH_ROWS
  const parsed = await withWorkbook(bytes, async (sheets) => {
    for (const sheet of sheets) {
      let header: Map<ColumnKey, number> | undefined
      let headerRow = 0
      const raw: SheetRow[] = []
      let households = 0
      let blanks = 0
      let last = 0
      for await (const row of sheet.rows()) {
        if (++stats.rowsRead > scanLimit) throw new SheetError(`表格行数过多(超过${scanLimit}行,含空行),请删除多余的空行或分成几个文件导入`)
        if (!header) {
          // No header in the first rows: this is not the sheet (the next one may be).
          if (row.number > HEADER_SEARCH_ROWS) break
          header = headerColumns(row)
          headerRow = last = row.number
          continue
        }
        // Rows absent from the file are empty rows too.
        blanks += row.number - last - 1
        last = row.number
        if (blanks >= TRAILING_BLANK_ROWS) break
        const cells: Partial<Record<ColumnKey, string>> = {}
        for (const [key, column] of header) {
          const cell = textOf(row.getCell(column).value)
          const text = key === 'phone' ? repairPhone(cell) : tidy(cell.text)
          if (text) cells[key] = text
        }
        if (!cells.name && !cells.phone) {
          blanks++
          if (Object.keys(cells).length) raw.push({ row: row.number, cells })
          continue
        }
        blanks = 0
        if (++households > maxRows) throw new SheetError(`表格超过${maxRows}行,请分成几个文件导入`)
        raw.push({ row: row.number, cells })
      }
      if (!header) continue
      const merges = await mergesOf(sheet.reopen)
      return { rows: householdsOf(raw, header, headerRow, merges), hasVillage: header.has('village') }
    }
    return null
  })
  if (parsed) return parsed
  throw new SheetError(`没有找到表头,请使用附件2的格式:第一行为标题,表头含“${CONTACT_SHEET.headers.join('、')}”`)
}

/**
 * Merged cells filled in from their top-left cell, blank rows left out, 包户责任人 carried down. A
 * merge is filled over the rows that were read (found by binary search), never over the rows it names:
 * `A2:H1048576` costs what the sheet's rows cost. Each read cell is filled at most once per merge, and
 * overlapping merges that would fill more cells than were read are refused.
 */
function householdsOf(raw: SheetRow[], header: Map<ColumnKey, number>, headerRow: number, merges: Merge[]): SheetRow[] {
  const byRow = new Map(raw.map((r) => [r.row, r]))
  const keyOf = new Map([...header].map(([key, column]) => [column, key]))
  // `raw` is in row order: the first read row at or below `top`.
  const firstAtOrBelow = (top: number) => {
    let lo = 0
    let hi = raw.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (raw[mid].row < top) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  let budget = raw.length * header.size
  for (const m of merges) {
    if (m.bottom <= headerRow) continue
    for (const [column, key] of keyOf) {
      if (column < m.left || column > m.right) continue
      // The top-left cell holds the value; only the top-left column's one counts.
      const value = byRow.get(m.top)?.cells[keyOf.get(m.left) ?? key]
      if (!value) continue
      for (let i = firstAtOrBelow(Math.max(m.top, headerRow + 1)); i < raw.length && raw[i].row <= m.bottom; i++) {
        if (--budget < 0) throw new SheetError(MERGES_OVERLAP)
        if (!raw[i].cells[key]) raw[i].cells[key] = value
      }
    }
  }
  const rows: SheetRow[] = []
  let responsibleAbove = ''
  for (const { row, cells } of raw) {
    if (cells.responsible) responsibleAbove = cells.responsible
    if (!cells.name && !cells.phone) continue
    if (!cells.responsible && responsibleAbove) cells.responsible = responsibleAbove
    rows.push({ row, cells })
  }
  return rows
}

export interface ExportRow {
  village: string
  responsible: string
  name: string
  phone: string
  occupation?: string
  address?: string
  note?: string
}

const COLUMN_WIDTHS: Record<string, number> = {
  序号: 6,
  '村(社区)': 10,
  包户责任人: 12,
  姓名: 10,
  电话号码: 16,
  '职业(职务)': 14,
  常住地址: 32,
  备注: 18
}

/**
 * The 附件2 layout: title row (the town's: `contactSheetTitle(town)`), "单位:" row, header, one
 * numbered row per contact; a 村(社区) column after 序号 when several villages are in one file. Phone
 * cells are text, so Excel keeps every digit.
 */
export async function writeContactSheet(rows: ExportRow[], options: { title: string; unit: string; withVillage: boolean }): Promise<Buffer> {
  const headers: string[] = [...CONTACT_SHEET.headers]
  if (options.withVillage) headers.splice(1, 0, CONTACT_SHEET.villageHeader)
  const workbook = new (excel().Workbook)()
  workbook.creator = '平安民调'
  const sheet = workbook.addWorksheet('电话号码收集表', { views: [{ state: 'frozen', ySplit: 3 }] })
  sheet.columns = headers.map((h) => ({ width: COLUMN_WIDTHS[h] ?? 12 }))

  const title = sheet.addRow([options.title])
  sheet.mergeCells(1, 1, 1, headers.length)
  title.font = { bold: true, size: 16 }
  title.alignment = { horizontal: 'center', vertical: 'middle' }
  title.height = 28
  sheet.addRow([options.unit])
  sheet.mergeCells(2, 1, 2, headers.length)
  const head = sheet.addRow(headers)
  head.font = { bold: true }
  head.alignment = { horizontal: 'center' }

  const phoneColumn = headers.indexOf('电话号码') + 1
  rows.forEach((r, i) => {
    const values: (string | number)[] = [i + 1]
    if (options.withVillage) values.push(r.village)
    values.push(r.responsible, r.name, r.phone, r.occupation ?? '', r.address ?? '', r.note ?? '')
    const row = sheet.addRow(values)
    row.getCell(phoneColumn).numFmt = '@'
  })
  const thin = { style: 'thin' as const }
  for (let r = 3; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    for (let c = 1; c <= headers.length; c++) row.getCell(c).border = { top: thin, left: thin, bottom: thin, right: thin }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
