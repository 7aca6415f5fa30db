/**
 * 附件2 电话号码收集表 as a spreadsheet: reading what cadres fill in by hand (tolerantly) and writing
 * the export in the same layout. Knows exceljs and the sheet's layout; nothing of the database.
 */
import type { CellValue, Worksheet } from 'exceljs'
import { CONTACT_SHEET } from '../../src/core/contract/contacts'
import { parsePhone } from '../../src/core/contact'

/**
 * exceljs is loaded on first use: it is most of this function's bundle, and most calls (register,
 * list, reveal) never touch a spreadsheet, so a cold start need not evaluate it.
 */
function excel(): typeof import('exceljs') {
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

function textOf(value: CellValue): CellText {
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

function findHeader(sheet: Worksheet): { row: number; columns: Map<ColumnKey, number> } | undefined {
  const last = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS)
  for (let r = 1; r <= last; r++) {
    const columns = new Map<ColumnKey, number>()
    const row = sheet.getRow(r)
    for (let c = 1; c <= row.cellCount; c++) {
      const text = squash(textOf(row.getCell(c).value).text)
      if (!text) continue
      for (const [key, aliases] of Object.entries(HEADER_ALIASES) as [ColumnKey, string[]][]) {
        if (!columns.has(key) && aliases.includes(text)) columns.set(key, c)
      }
    }
    if (columns.has('name') && columns.has('phone')) return { row: r, columns }
  }
  return undefined
}

/**
 * Reads the first worksheet that has a 姓名 and a 电话号码 header, wherever that header row is
 * (with or without the title and 单位 rows). Blank rows and rows with neither a name nor a phone
 * (the empty numbered lines of the paper form, the 备注 footer) are left out. A blank 包户责任人
 * takes the one above it, as on the paper form where one cadre's name covers their households.
 */
export async function readContactSheet(bytes: Buffer, maxRows: number): Promise<ParsedSheet> {
  const workbook = new (excel().Workbook)()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new SheetError('无法读取该文件,请上传 Excel 表格(.xlsx);旧版 .xls 请先另存为 .xlsx')
  }
  for (const sheet of workbook.worksheets) {
    const header = findHeader(sheet)
    if (!header) continue
    const rows: SheetRow[] = []
    let responsibleAbove = ''
    let blanks = 0
    for (let r = header.row + 1; r <= sheet.rowCount && blanks < TRAILING_BLANK_ROWS; r++) {
      const row = sheet.getRow(r)
      const cells: Partial<Record<ColumnKey, string>> = {}
      for (const [key, column] of header.columns) {
        const cell = textOf(row.getCell(column).value)
        const text = key === 'phone' ? repairPhone(cell) : tidy(cell.text)
        if (text) cells[key] = text
      }
      if (cells.responsible) responsibleAbove = cells.responsible
      if (!cells.name && !cells.phone) {
        blanks++
        continue
      }
      blanks = 0
      if (!cells.responsible && responsibleAbove) cells.responsible = responsibleAbove
      rows.push({ row: r, cells })
      if (rows.length > maxRows) throw new SheetError(`表格超过${maxRows}行,请分成几个文件导入`)
    }
    return { rows, hasVillage: header.columns.has('village') }
  }
  throw new SheetError(`没有找到表头,请使用附件2的格式:第一行为标题,表头含“${CONTACT_SHEET.headers.join('、')}”`)
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
 * The 附件2 layout: title row, "单位:" row, header, one numbered row per contact; a 村(社区) column
 * after 序号 when several villages are in one file. Phone cells are text, so Excel keeps every digit.
 */
export async function writeContactSheet(rows: ExportRow[], options: { unit: string; withVillage: boolean }): Promise<Buffer> {
  const headers: string[] = [...CONTACT_SHEET.headers]
  if (options.withVillage) headers.splice(1, 0, CONTACT_SHEET.villageHeader)
  const workbook = new (excel().Workbook)()
  workbook.creator = '平安民调'
  const sheet = workbook.addWorksheet('电话号码收集表', { views: [{ state: 'frozen', ySplit: 3 }] })
  sheet.columns = headers.map((h) => ({ width: COLUMN_WIDTHS[h] ?? 12 }))

  const title = sheet.addRow([CONTACT_SHEET.title])
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
