import * as z from 'zod/mini'
import { cleanString } from './text'

/**
 * A campaign (测评年度): one year's 综治民调 work — its phases with dates, its questionnaire version, and
 * the year every document of its work carries. One is current. Pure rules, shared by the campaigns
 * function, the other functions that stamp the year, and the pages.
 */

/** The seed's campaign: what exists at first start, and the year of every document stored without one. */
export const FIRST_YEAR = 2023
export const BUILTIN_VERSION = '2023'

export const PHASE_KEYS = ['mobilize', 'publicity', 'visiting', 'inspection'] as const
export type PhaseKey = (typeof PHASE_KEYS)[number]
export const PHASE_NAMES: Record<PhaseKey, string> = {
  mobilize: '动员部署',
  publicity: '宣传发动',
  visiting: '入户走访',
  inspection: '督查'
}

/** A China-calendar date as typed and stored: 2023-08-22. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/
export const isRealDate = (s: string): boolean => {
  if (!DATE_PATTERN.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}
export const dateSchema = z
  .string({ error: '请填写日期' })
  .check(z.refine(isRealDate, { error: '日期应为“2023-08-22”的格式' }))

export interface CampaignPhase {
  key: PhaseKey
  name: string
  start: string
  end: string
}

export const phaseSchema = z.pipe(
  z
    .object({
      key: z.enum(PHASE_KEYS, { error: '未知的阶段' }),
      start: dateSchema,
      end: dateSchema
    })
    .check(z.refine((p) => p.start <= p.end, { error: '阶段的结束日期不能早于开始日期', path: ['end'] })),
  z.transform((p: { key: PhaseKey; start: string; end: string }): CampaignPhase => ({ ...p, name: PHASE_NAMES[p.key] }))
)

/** Every phase once, in the plan's order. */
export const phasesSchema = z.pipe(
  z.array(phaseSchema, { error: '请填写各阶段的日期' }).check(
    z.refine((ps) => ps.length === PHASE_KEYS.length && PHASE_KEYS.every((k) => ps.some((p) => p.key === k)), {
      error: `请填写全部阶段:${PHASE_KEYS.map((k) => PHASE_NAMES[k]).join('、')}`
    })
  ),
  z.transform((ps: CampaignPhase[]) => PHASE_KEYS.map((k) => ps.find((p) => p.key === k)!))
)

export const yearSchema = z
  .number({ error: '年度应为数字,如2026' })
  .check(z.int({ error: '年度应为整数,如2026' }), z.gte(FIRST_YEAR, { error: `年度不能早于${FIRST_YEAR}` }), z.lte(2100, { error: '年度不能晚于2100' }))

export const campaignNameSchema = z.pipe(
  cleanString('测评名称', { error: '请填写测评名称' }),
  z.string().check(z.minLength(1, { error: '请填写测评名称' }), z.maxLength(40, { error: '测评名称不能超过40个字' }))
)

/** Version names as the XLSForm's settings sheet gives them (the core's rule): "2023", "2026-1". */
export const versionSchema = z
  .string({ error: '请选择问卷版本' })
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, { error: '问卷版本应为字母、数字、点、横线或下划线(以字母或数字开头,最多32个字符),如2026-1' }))

/**
 * The 2023 plan's dates (四、工作步骤; 五(三) for the inspections; "即日" is the plan's date, 8月14日):
 * 动员部署 即日-8月下旬, 宣传发动 即日-10月底, 入户走访 即日-10月下旬, 督查 9月、10月; the work ends 11月中旬.
 * Another year starts from the same calendar, for its admin to edit.
 */
const PLAN_2023: { key: PhaseKey; start: string; end: string }[] = [
  { key: 'mobilize', start: '08-14', end: '08-31' },
  { key: 'publicity', start: '08-14', end: '10-31' },
  { key: 'visiting', start: '08-14', end: '10-31' },
  { key: 'inspection', start: '09-01', end: '10-31' }
]
const PLAN_END = '11-15'

export function defaultPhases(year: number): CampaignPhase[] {
  return PLAN_2023.map((p) => ({ key: p.key, name: PHASE_NAMES[p.key], start: `${year}-${p.start}`, end: `${year}-${p.end}` }))
}
/** When the year's work is planned to end (the plan's "11月中旬"): the personal data goes then, at the latest on closing. */
export const defaultEndsOn = (year: number): string => `${year}-${PLAN_END}`
export const defaultCampaignName = (year: number): string => `${year}年公众安全感和满意度测评(综治民调)`

/**
 * current: the year the work goes to (new documents carry its year);
 * closing: its personal data is being deleted (a close was interrupted: run it again);
 * closed: read-only; its personal data is gone.
 */
export const CAMPAIGN_STATUSES = ['current', 'closing', 'closed'] as const
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = { current: '进行中', closing: '正在关闭', closed: '已关闭' }

/** What an admin types to close a campaign: its whole sentence, so no tap closes one by accident. */
export const closeConfirmation = (year: number): string => `关闭${year}年测评`

/** A document of the campaign's work stored before years existed belongs to the first one. */
export const yearOf = (doc: { year?: number | null }): number => doc.year ?? FIRST_YEAR

/** "2023-11-15" → "2023年11月15日". */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** The sentence the privacy notice and the consent texts carry: when this year's personal data is deleted. */
export function deletionNotice(c: { year: number; status: CampaignStatus; endsOn: string; closedAt: string | null }): string {
  if (c.status !== 'current' && c.closedAt) return `${c.year}年测评已于${chineseDate(c.closedAt.slice(0, 10))}关闭，登记的居民电话号码等个人信息已删除。`
  return `${c.year}年测评计划于${chineseDate(c.endsOn)}结束；测评关闭时（最迟在结束后30日内）删除登记的居民电话号码等个人信息。`
}

/** What the cadre tells a resident before writing the number down (PIPL art. 17), for the campaign's year. */
export const consentText = (year: number): string =>
  `我已告知这位居民：登记的电话号码只用于${year}年综治民调的宣传和模拟民调电话，本村(社区)干部和街道综治办管理员可以看到，测评工作结束后删除。居民同意登记。`
export const importConsentText = (year: number): string =>
  `表格中的每位居民都已被告知：电话号码只用于${year}年综治民调的宣传和模拟民调电话，本村(社区)干部和街道综治办管理员可以看到，测评工作结束后删除；并且都同意登记。`
