/**
 * 附件2 电话号码收集表 as a spreadsheet: reading what cadres fill in by hand (tolerantly) and writing
 * the export in the same layout. Knows exceljs and the sheet's layout; nothing of the database.
 */
import type { CellValue, Row } from 'exceljs'
import { Readable } from 'stream'
import { CONTACT_SHEET } from '../../src/core/contract/contacts'
import { parsePhone } from '../../src/core/contact'
import { entryContent, storedEntry, zipDirectory, type ZipDirectory, type ZipEntry } from './zip'

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
/** What exceljs's streaming reader must have read before any worksheet, or it buffers the sheets in temporary files. */
const READ_FIRST = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml']
const SHARED_STRINGS = 'xl/sharedStrings.xml'
const EMPTY_SHARED_STRINGS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'
const SHEET_ENTRY = /^xl\/worksheets\/sheet(\d+)\.xml$/
/** Slices handed to the zip parser: it copies what it is given, so no chunk is the whole file. */
const CHUNK = 64 * 1024

/**
 * The workbook's entries in the order the streaming reader needs (relationships, workbook, styles and
 * shared strings first, then the sheets in order), copied as they are: nothing is inflated here. A
 * workbook without shared strings gets an empty table, so no sheet waits in a temporary file either.
 */
export function reordered(bytes: Buffer, zip: ZipDirectory): { stream: Readable; sheets: ZipEntry[] } {
  const named = new Map(zip.entries.map((e) => [e.name, e]))
  const first = READ_FIRST.map((n) => named.get(n)).filter((e): e is ZipEntry => Boolean(e))
  const sheetNo = (e: ZipEntry) => Number(SHEET_ENTRY.exec(e.name)![1])
  const sheets = zip.entries.filter((e) => SHEET_ENTRY.test(e.name)).sort((a, b) => sheetNo(a) - sheetNo(b))
  const rest = zip.entries.filter((e) => !first.includes(e) && !sheets.includes(e))
  const parts: Buffer[] = first.map((e) => bytes.subarray(e.start, e.end))
  if (!named.has(SHARED_STRINGS)) parts.push(storedEntry(SHARED_STRINGS, EMPTY_SHARED_STRINGS))
  for (const e of [...sheets, ...rest]) parts.push(bytes.subarray(e.start, e.end))
  parts.push(zip.trailer)
  function* chunks() {
    for (const part of parts) for (let i = 0; i < part.length; i += CHUNK) yield part.subarray(i, i + CHUNK)
  }
  return { stream: Readable.from(chunks(), { objectMode: false }), sheets }
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
 * the sheet is inflated once more and only scanned for `<mergeCell ref=…>`: memory stays one chunk.
 */
async function mergesOf(bytes: Buffer, entry: ZipEntry): Promise<Merge[]> {
  const found = new Map<string, Merge>()
  let carry = ''
  for await (const chunk of entryContent(bytes, entry)) {
    const text = carry + (chunk as Buffer).toString('latin1')
    for (const m of text.matchAll(/<mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
      found.set(m[0], { left: columnNumber(m[1]), top: Number(m[2]), right: columnNumber(m[3]), bottom: Number(m[4]) })
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

/**
 * Reads the first worksheet that has a 姓名 and a 电话号码 header, wherever that header row is
 * (with or without the title and 单位 rows). Blank rows and rows with neither a name nor a phone
 * (the empty numbered lines of the paper form, the 备注 footer) are left out. A blank 包户责任人
 * takes the one above it, as on the paper form where one cadre's name covers their households; a
 * merged cell counts in every row it covers.
 *
 * The sheet is streamed (exceljs's streaming reader), never loaded whole: reading stops at the
 * `maxRows + 1`th household, after `TRAILING_BLANK_ROWS` empty rows, or after `2 × maxRows` rows of any
 * kind, so a small file of 400,000 filler rows costs what its first few thousand rows cost.
 */
export async function readContactSheet(bytes: Buffer, maxRows: number, stats: ReadStats = { rowsRead: 0 }): Promise<ParsedSheet> {
  const zip = zipDirectory(bytes)
  if (!zip) throw new SheetError(UNREADABLE)
  const { stream, sheets } = reordered(bytes, zip)
  const reader = new (excel().stream.xlsx.WorkbookReader)(stream, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' })
  const scanLimit = 2 * maxRows + HEADER_SEARCH_ROWS
  try {
    let index = 0
    for await (const worksheet of reader) {
      const entry = sheets[index++]
      let header: Map<ColumnKey, number> | undefined
      let headerRow = 0
      const raw: SheetRow[] = []
      let households = 0
      let blanks = 0
      let last = 0
      for await (const row of worksheet) {
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
      const merges = entry ? await mergesOf(bytes, entry) : []
      return { rows: householdsOf(raw, header, headerRow, merges), hasVillage: header.has('village') }
    }
  } catch (error) {
    if (error instanceof SheetError) throw error
    throw new SheetError(UNREADABLE)
  } finally {
    stream.destroy()
  }
  throw new SheetError(`没有找到表头,请使用附件2的格式:第一行为标题,表头含“${CONTACT_SHEET.headers.join('、')}”`)
}

/** Merged cells filled in from their top-left cell, blank rows left out, 包户责任人 carried down. */
function householdsOf(raw: SheetRow[], header: Map<ColumnKey, number>, headerRow: number, merges: Merge[]): SheetRow[] {
  const byRow = new Map(raw.map((r) => [r.row, r]))
  const keyOf = new Map([...header].map(([key, column]) => [column, key]))
  for (const m of merges) {
    if (m.bottom <= headerRow) continue
    for (let c = m.left; c <= m.right; c++) {
      const key = keyOf.get(c)
      if (!key) continue
      // The top-left cell holds the value; only the top-left column's one counts.
      const value = byRow.get(m.top)?.cells[keyOf.get(m.left) ?? key]
      if (!value) continue
      for (let r = Math.max(m.top, headerRow + 1); r <= m.bottom; r++) {
        const row = byRow.get(r)
        if (row && !row.cells[key]) row.cells[key] = value
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
