/**
 * A filled-in 附件3-style sheet (村(社区) | 任务数, one or two pairs a row) as the rows `readUnitsTable`
 * reads. Streamed with exceljs through the contact import's bounded reader: a file of filler rows
 * costs what its first few thousand rows cost.
 */
import type { TableRow } from '../../../src/core/units-table'
import { SheetError, textOf, withWorkbook } from '../../lib/xlsx'

export { SheetError }

/** A town's 附件3 is a page or two; a sheet is refused past these. */
export const UNIT_SHEET_MAX_BYTES = 2 * 1024 * 1024
export const UNIT_SHEET_MAX_ROWS = 2000
/** Formatted-but-empty rows after the table are not read to the sheet's end. */
const TRAILING_BLANK_ROWS = 200
/** Cells read a row: two pairs as printed, with room for a stray column. */
const MAX_COLUMNS = 8

/**
 * The first worksheet's rows that hold anything, numbered as the spreadsheet shows them. Read through
 * the contact import's bounded reader (`withWorkbook`: inflated size, shared strings), under this
 * sheet's own, smaller, limits.
 */
export async function readUnitsSheet(bytes: Buffer): Promise<TableRow[]> {
  if (bytes.length > UNIT_SHEET_MAX_BYTES) throw new SheetError(`表格文件不能超过${UNIT_SHEET_MAX_BYTES / 1024 / 1024}MB`)
  return withWorkbook(bytes, async ([first]) => {
    const rows: TableRow[] = []
    // The first worksheet is the table.
    if (!first) return rows
    let last = 0
    let read = 0
    for await (const row of first.rows()) {
      if (++read > 2 * UNIT_SHEET_MAX_ROWS) throw new SheetError(`表格行数过多(超过${2 * UNIT_SHEET_MAX_ROWS}行,含空行),请删除多余的空行`)
      // Rows absent from the file are empty rows too.
      if (row.number - last > TRAILING_BLANK_ROWS) break
      const cells: string[] = []
      for (let c = 1; c <= Math.min(row.cellCount, MAX_COLUMNS); c++) cells.push(textOf(row.getCell(c).value).text.trim())
      while (cells.length && cells[cells.length - 1] === '') cells.pop()
      if (cells.length === 0) continue
      last = row.number
      if (rows.length >= UNIT_SHEET_MAX_ROWS) throw new SheetError(`表格超过${UNIT_SHEET_MAX_ROWS}行,请检查是否选错了文件`)
      rows.push({ row: row.number, cells })
    }
    return rows
  }, '附件3')
}

/** Rows as typed in the app: row n is the n-th item. */
export function rowsOfUnits(units: { name: unknown; quota: unknown }[]): TableRow[] {
  return units.map((u, i) => ({ row: i + 1, cells: [u.name, u.quota] }))
}
