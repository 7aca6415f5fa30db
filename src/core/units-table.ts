/**
 * Reading a 附件3-style table (村(社区) | 任务数, any number of rows, one or two pairs a row as the
 * paper prints it, under an optional title and header) into units with phone quotas. Pure: the cell values come from a spreadsheet, a
 * pasted table or a form; each bad row is reported by its row number, the good rows are kept.
 * Built for the county issue (a town made from its filled-in 附件3).
 */
import * as z from 'zod/mini'
import { charCount, cleanString } from './text'

export interface UnitQuota {
  name: string
  quota: number
}

export interface TableRow {
  /** 1-based, as the spreadsheet shows it. */
  row: number
  cells: readonly unknown[]
}

export interface SkippedRow {
  row: number
  reason: string
}

export interface UnitsTable {
  units: UnitQuota[]
  skipped: SkippedRow[]
}

/** Most units one town may have: the read limits and the ranking page are sized for this. */
export const MAX_UNITS_PER_TOWN = 200
export const MAX_UNIT_QUOTA = 100_000

/** A unit's name as a sheet gives it (the event-facing rule is `unitNameSchema` in towns.ts). */
const sheetUnitNameSchema = cleanString('村(社区)名称', { error: '村(社区)名称应为文字' }).check(
  z.refine((s) => s.length > 0, { error: '请填写村(社区)名称' }),
  z.refine((s) => charCount(s) <= 20, { error: '村(社区)名称不能超过20个字' }),
  z.refine((s) => !s.includes('/'), { error: '村(社区)名称不能含有“/”' })
)

export const unitQuotaSchema = z
  .number({ error: '任务数应为数字' })
  .check(z.int({ error: '任务数应为整数' }), z.gte(1, { error: '任务数应大于0' }), z.lte(MAX_UNIT_QUOTA, { error: `任务数不能超过${MAX_UNIT_QUOTA}` }))

const HEADER_NAME = /^村[(（]社区[)）]$|^单位$|^名称$/
const HEADER_QUOTA = /^任务数/
const TOTAL_ROW = /^合\s*计$/

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim())

/** A quota as typed in a sheet: 350, '350', '350 ' or full-width '３５０'; anything else is kept for the message. */
function quotaValue(v: unknown): unknown {
  if (typeof v === 'number') return v
  const s = text(v).replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s === '' ? undefined : s
}

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  return result.error?.issues[0]?.message ?? '格式不对'
}

/**
 * Reads the table. A row is read as pairs of cells (name, quota); a header row (村(社区) | 任务数) and
 * the paper's 合计 row are recognised and not units. The 合计, when present, must equal the sum of the
 * rows kept, or it is reported (it is how a typing slip shows). A duplicate name is reported at its
 * second row; the first stays.
 */
export function readUnitsTable(rows: readonly TableRow[]): UnitsTable {
  const units: UnitQuota[] = []
  const skipped: SkippedRow[] = []
  const seen = new Map<string, number>()
  let total: { row: number; value: unknown } | undefined
  // A title or a 单位 line may stand above the header: what precedes the header is not a unit.
  const header = rows.findIndex(({ cells }) => HEADER_NAME.test(text(cells[0])) && HEADER_QUOTA.test(text(cells[1])))
  for (const { row, cells } of rows.slice(header + 1)) {
    for (let c = 0; c + 1 < Math.max(cells.length, 2); c += 2) {
      const name = text(cells[c])
      const quotaCell = cells[c + 1]
      if (name === '' && text(quotaCell) === '') continue
      if (HEADER_NAME.test(name) && HEADER_QUOTA.test(text(quotaCell))) continue
      if (TOTAL_ROW.test(name)) {
        total = { row, value: quotaValue(quotaCell) }
        continue
      }
      const parsedName = sheetUnitNameSchema.safeParse(name)
      if (!parsedName.success) {
        skipped.push({ row, reason: firstMessage(parsedName) })
        continue
      }
      const parsedQuota = unitQuotaSchema.safeParse(quotaValue(quotaCell))
      if (!parsedQuota.success) {
        skipped.push({ row, reason: `${parsedName.data}:${quotaCell === undefined || text(quotaCell) === '' ? '请填写任务数' : firstMessage(parsedQuota)}` })
        continue
      }
      const earlier = seen.get(parsedName.data)
      if (earlier !== undefined) {
        skipped.push({ row, reason: `${parsedName.data}与第${earlier}行重名` })
        continue
      }
      if (units.length >= MAX_UNITS_PER_TOWN) {
        skipped.push({ row, reason: `一个乡镇(街道)最多${MAX_UNITS_PER_TOWN}个村(社区)` })
        continue
      }
      seen.set(parsedName.data, row)
      units.push({ name: parsedName.data, quota: parsedQuota.data })
    }
  }
  if (total && skipped.length === 0) {
    const sum = units.reduce((s, u) => s + u.quota, 0)
    if (total.value !== sum) skipped.push({ row: total.row, reason: `合计${text(total.value) || '(空)'}与各行任务数之和${sum}不一致` })
  }
  return { units, skipped }
}
