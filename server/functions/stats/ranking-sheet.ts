import type { RankedRow } from '../../../src/core/contract'
import { contactSheetUnit, rankingSheetTitle } from '../../../src/core/towns'

const FLAG_TEXT = { top: '前五', bottom: '后三' } as const

/** Loaded on first use: only the export needs it, and it is most of the bundle. */
function excel(): typeof import('exceljs') {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require('exceljs')
}

/**
 * A town's ranking as a spreadsheet for the circular (通报), titled with the town: one row per
 * village in rank order, the total, and when the figures were taken.
 */
export async function writeRankingSheet(
  town: string,
  rows: RankedRow[],
  total: { quota: number; registered: number; rate: number },
  takenAt: Date,
  year?: number
): Promise<Buffer> {
  const workbook = new (excel().Workbook)()
  workbook.creator = '平安民调'
  const sheet = workbook.addWorksheet('完成情况排名')
  const headers = ['排名', '村(社区)', '任务数', '已登记', '完成率', '标记']
  sheet.columns = [8, 12, 10, 10, 10, 8].map((width) => ({ width }))
  const title = sheet.addRow([rankingSheetTitle(town, year)])
  sheet.mergeCells(1, 1, 1, headers.length)
  title.font = { bold: true, size: 16 }
  title.alignment = { horizontal: 'center' }
  const china = new Date(takenAt.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
  sheet.addRow([`${contactSheetUnit(town)}    统计时间:${china}`])
  sheet.mergeCells(2, 1, 2, headers.length)
  sheet.addRow(headers).font = { bold: true }
  for (const r of rows) {
    const row = sheet.addRow([r.rank, r.village, r.quota, r.registered, r.rate, r.flag ? FLAG_TEXT[r.flag] : ''])
    row.getCell(5).numFmt = '0.0%'
  }
  const sum = sheet.addRow(['合计', '', total.quota, total.registered, total.rate, ''])
  sum.font = { bold: true }
  sum.getCell(5).numFmt = '0.0%'
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
