/**
 * An XLSForm workbook (sheets `survey`, `choices`, `settings`) as rows of text, and back. Reading goes
 * through the bounded reader (`withWorkbook`: inflated size, shared strings); the meaning of the rows
 * is the core's (`parseXlsForm`). Knows exceljs and the sheet layout, nothing of the database.
 */
import type { XlsFormSheets, SheetRow } from '../../src/core/questionnaire/xlsform'
import { excel, SheetError, textOf, withWorkbook } from './xlsx'

export const XLSFORM_SHEETS = ['survey', 'choices', 'settings'] as const
export type XlsFormSheetName = (typeof XLSFORM_SHEETS)[number]

/** A questionnaire is a few hundred rows at most; a sheet past this is not one. */
export const XLSFORM_MAX_ROWS = 2000
/** An upload past this is refused on its size, before it is read. */
export const XLSFORM_MAX_BYTES = 2 * 1024 * 1024
/** Empty rows after which a sheet is taken as ended (a sheet formatted down to row 1,048,576). */
const TRAILING_BLANK_ROWS = 200

const FORM = 'XLSForm问卷'

/** Cell text as people see it, trimmed; a header also lower-cased (`Type` is `type`). */
const cellText = (value: Parameters<typeof textOf>[0]): string => textOf(value).text.trim()

/**
 * The three sheets' rows: row 1 is the header (the XLSForm convention), every later non-empty row is
 * one row with its 1-based number as the spreadsheet shows it. A sheet that is absent gives no rows
 * (the core says what that means); other sheets (a 说明 sheet) are ignored.
 */
export async function readXlsFormWorkbook(bytes: Buffer): Promise<XlsFormSheets> {
  return withWorkbook(
    bytes,
    async (parts) => {
      const sheets: Record<XlsFormSheetName, SheetRow[]> = { survey: [], choices: [], settings: [] }
      const seen = new Set<string>()
      for (const part of parts) {
        const name = part.name.trim().toLowerCase() as XlsFormSheetName
        if (!XLSFORM_SHEETS.includes(name) || seen.has(name)) continue
        seen.add(name)
        let header: string[] | undefined
        const rows: SheetRow[] = []
        let last = 0
        for await (const row of part.rows()) {
          if (row.number > last + TRAILING_BLANK_ROWS && header) break
          last = row.number
          const values: string[] = []
          for (let c = 1; c <= row.cellCount; c++) values[c] = cellText(row.getCell(c).value)
          if (!header) {
            header = values.map((v) => (v ?? '').toLowerCase())
            continue
          }
          const cells: Record<string, string> = {}
          for (let c = 1; c < header.length; c++) {
            const key = header[c]
            const text = values[c] ?? ''
            if (key && text && cells[key] === undefined) cells[key] = text
          }
          if (Object.keys(cells).length === 0) continue
          if (rows.length >= XLSFORM_MAX_ROWS) throw new SheetError(`工作表“${name}”超过${XLSFORM_MAX_ROWS}行,这不像一份问卷`)
          rows.push({ row: row.number, cells })
        }
        sheets[name] = rows
      }
      return sheets as XlsFormSheets
    },
    FORM
  )
}

const WIDTHS: Record<string, number> = { type: 22, name: 10, label: 60, relevant: 40, hint: 30, list_name: 14, exclusive: 10, other: 8, not_read_aloud: 14, form_title: 40, version: 12 }

/** The questionnaire's rows as an .xlsx: one sheet per XLSForm sheet, header first, columns in `columns` order. */
export async function writeXlsFormWorkbook(
  rows: Record<XlsFormSheetName, Record<string, string>[]>,
  columns: Partial<Record<XlsFormSheetName, readonly string[]>>,
  notes: string[]
): Promise<Buffer> {
  const workbook = new (excel().Workbook)()
  workbook.creator = '平安民调'
  for (const name of XLSFORM_SHEETS) {
    const data = rows[name]
    // The documented columns first, then any other a row carries (an indicator setting), as they come.
    const header = [...(columns[name] ?? [])]
    for (const r of data) for (const key of Object.keys(r)) if (!header.includes(key)) header.push(key)
    const used = header.filter((h) => (columns[name] ?? []).includes(h) || data.some((r) => r[h]))
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
    sheet.columns = used.map((h) => ({ width: WIDTHS[h] ?? Math.max(12, h.length + 2) }))
    const head = sheet.addRow(used)
    head.font = { bold: true }
    for (const r of data) {
      // Every cell is text: an option number stays "1", a version "2026-1", never a date or a number.
      const row = sheet.addRow(used.map((h) => r[h] ?? ''))
      row.eachCell((cell) => {
        cell.numFmt = '@'
      })
    }
  }
  const help = workbook.addWorksheet('说明')
  help.columns = [{ width: 110 }]
  for (const line of notes) help.addRow([line])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
