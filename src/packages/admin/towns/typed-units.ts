import { readUnitsTable, type TableRow, type UnitsTable } from '../../../core/units-table'

/**
 * Rows typed or pasted as "名称 任务数" lines (from Excel or WPS the cells arrive tab-separated; two
 * pairs a line as 附件3 prints them work too), read by the same rule the function applies to a sheet.
 * Row numbers are line numbers.
 */
export function readTypedUnits(text: string): UnitsTable {
  const rows: TableRow[] = text.split(/\r\n?|\n/).map((line, i) => ({ row: i + 1, cells: line.trim() === '' ? [] : line.trim().split(/[\t,，、\s]+/) }))
  return readUnitsTable(rows)
}
