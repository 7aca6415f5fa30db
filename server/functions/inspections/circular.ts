import type { RankingRow, SheetItem } from '../../../src/core/contract'
import { contactSheetUnit } from '../../../src/core/towns'

const FLAG_TEXT = { top: '前五', bottom: '后三' } as const

/** Loaded on first use: only the export needs it, and it is most of the bundle. */
function excel(): typeof import('exceljs') {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require('exceljs')
}

export const circularTitle = (town: string, number: number, type?: string): string =>
  `${town}综治民调第${number}轮督查情况通报${type ? `(${type})` : ''}`

export interface CircularInput {
  town: string
  number: number
  type?: string
  items: SheetItem[]
  rows: RankingRow[]
  /** Each unit's open (not verified) 整改 tasks, by unit. */
  openTasks: Map<string, string[]>
  everyRoundTop: string[]
  bottomThreeInARow: string[]
  roundsCounted: number
  takenAt: Date
}

/**
 * A round's 通报 (circular): one row per unit in rank order with its score, each item's points, its
 * flag and its open 整改 tasks, then the plan's two lists over the rounds so far.
 */
export async function writeCircular(c: CircularInput): Promise<Buffer> {
  const workbook = new (excel().Workbook)()
  workbook.creator = '平安民调'
  const sheet = workbook.addWorksheet('督查通报')
  const headers = ['排名', '单位', '类型', '得分', ...c.items.map((i) => `${i.name}(${i.points}分)`), '标记', '未整改问题']
  sheet.columns = headers.map((_, i) => ({ width: i === 1 ? 16 : i === headers.length - 1 ? 40 : i < 4 ? 8 : 12 }))
  const title = sheet.addRow([circularTitle(c.town, c.number, c.type)])
  sheet.mergeCells(1, 1, 1, headers.length)
  title.font = { bold: true, size: 16 }
  title.alignment = { horizontal: 'center' }
  const china = new Date(c.takenAt.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
  sheet.addRow([`${contactSheetUnit(c.town)}    统计时间:${china}    得分按适用评分项折算为百分制`])
  sheet.mergeCells(2, 1, 2, headers.length)
  sheet.addRow(headers).font = { bold: true }
  for (const r of c.rows) {
    const tasks = c.openTasks.get(r.unit) ?? []
    const row = sheet.addRow([
      r.rank ?? '未评分',
      r.unit,
      r.type,
      r.score ?? '',
      ...c.items.map((i) => (r.items[i.id] === null || r.items[i.id] === undefined ? '—' : r.items[i.id])),
      r.flag ? FLAG_TEXT[r.flag] : '',
      tasks.map((t, i) => `${i + 1}. ${t}`).join('\n')
    ])
    row.getCell(headers.length).alignment = { wrapText: true, vertical: 'top' }
  }
  sheet.addRow([])
  sheet.addRow([`每次督查均排在前五(共${c.roundsCounted}轮,优先考虑评先评优):${c.everyRoundTop.join('、') || '无'}`])
  sheet.addRow([`连续三次排名后三位(不得评先评优):${c.bottomThreeInARow.join('、') || '无'}`])
  const bottom = c.rows.filter((r) => r.flag === 'bottom').map((r) => r.unit)
  sheet.addRow([`本轮后三位(约谈主要负责人):${bottom.join('、') || '无'}`])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
