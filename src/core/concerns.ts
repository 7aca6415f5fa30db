/**
 * 群众诉求: what a concern is, its categories and statuses, the rules for its texts, and its figures.
 * Pure: the concerns function and the pages share it.
 */
import * as z from 'zod/mini'
import { normalizePhone, parsePhone } from './contact/phone'
import { charCount, cleanString } from './text'

/** The plan's 五个一批, plus 其他. */
export const CONCERN_CATEGORIES = ['矛盾纠纷', '信访问题', '治安问题', '困难救助', '民生实事', '其他'] as const
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number]

/** open → assigned (optional, an admin's 交办) → replied → closed. */
export const CONCERN_STATUSES = ['open', 'assigned', 'replied', 'closed'] as const
export type ConcernStatus = (typeof CONCERN_STATUSES)[number]
export const CONCERN_STATUS_LABELS: Record<ConcernStatus, string> = { open: '待处理', assigned: '已交办', replied: '已答复', closed: '已办结' }
/** Statuses still waiting for an answer: the ones that can become overdue. */
export const AWAITING_REPLY: readonly ConcernStatus[] = ['open', 'assigned']

export const CONCERN_TEXT_MAX = 500
export const REPLY_TEXT_MAX = 500
export const CLOSE_NOTE_MAX = 200
/** Days to answer when nobody set a due date. */
export const DEFAULT_DUE_DAYS = 3
export const MAX_DUE_DAYS = 30
/** A resident's concerns per day. */
export const CONCERNS_PER_DAY = 5
/** Concerns a cadre may record for households per day (a busy day of visits, not a flood). */
export const RECORDED_CONCERNS_PER_DAY = 200
/** Replies one concern keeps (a dialogue, bounded so a document stays small). */
export const MAX_REPLIES = 20

/** A code a resident reads out over the phone: no 0/O, 1/I/L look-alikes (the invite alphabet). */
export const CONCERN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const CONCERN_CODE_LENGTH = 6
export const concernCodeSchema = z.pipe(
  z.pipe(
    z.string({ error: '请填写编号' }),
    z.transform((s: string) => s.replace(/[\s-]/g, '').toUpperCase())
  ),
  z.string().check(z.regex(new RegExp(`^[${CONCERN_CODE_ALPHABET}]{${CONCERN_CODE_LENGTH}}$`), { error: `编号应为${CONCERN_CODE_LENGTH}位字母或数字` }))
)

/** Shown to admins for concerns that name no village (counted in the town's own counter). */
export const UNNAMED_VILLAGE_LABEL = '未注明村(社区)'

/** Who answered, as residents see it: never a name or an OPENID. */
export const REPLIER_LABELS = { cadre: '村(社区)干部', admin: '管理员' } as const
export type ReplierRole = keyof typeof REPLIER_LABELS

/**
 * Words a reply may not hold: a concern is no part of the survey, and a reply that asks for a good
 * score (好评, 满意, 打分) would be coaching the answers.
 */
export const SURVEY_WORDS = ['民调', '满意', '打分', '好评'] as const
export const surveyWordIn = (text: string): string | undefined => SURVEY_WORDS.find((w) => text.includes(w))
export const SURVEY_WORD_MESSAGE = (word: string) => `答复不能提及“${word}”:群众诉求与民意调查无关,请只答复问题本身的办理情况`

function requiredLongText(label: string, max: number) {
  return cleanString(label, { error: `请填写${label}` }, { multiline: true }).check(
    z.refine((s) => s.length > 0, `请填写${label}`),
    z.refine((s) => charCount(s) <= max, `${label}不能超过${max}个字,请精简后再提交`)
  )
}

export const concernTextSchema = requiredLongText('反映内容', CONCERN_TEXT_MAX)
export const replyTextSchema = requiredLongText('答复内容', REPLY_TEXT_MAX).check(
  z.superRefine((s, ctx) => {
    const word = surveyWordIn(s)
    if (word) ctx.addIssue({ code: 'custom', message: SURVEY_WORD_MESSAGE(word) })
  })
)
export const closeNoteSchema = z.optional(
  z.pipe(
    cleanString('办结说明', { error: '办结说明应为文字' }, { multiline: true }).check(
      z.refine((s) => charCount(s) <= CLOSE_NOTE_MAX, `办结说明不能超过${CLOSE_NOTE_MAX}个字`)
    ),
    z.transform((s: string) => (s === '' ? undefined : s))
  )
)

export const concernCategorySchema = z.enum(CONCERN_CATEGORIES, { error: `请选择问题类别:${CONCERN_CATEGORIES.join('、')}` })

/** A callback number, normalised by the contact rules (138 0013 8000 → 13800138000). */
export const callbackPhoneSchema = z.pipe(z.string({ error: '回访电话应为文字' }), z.transform(normalizePhone)).check(
  z.superRefine((value, ctx) => {
    const parsed = parsePhone(value)
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `回访电话:${parsed.reason}` })
  })
)

/** replied / raised; null when nothing was raised (no rate, rather than 0% or 100%). */
export function replyRate(raised: number, replied: number): number | null {
  return raised > 0 ? replied / raised : null
}

/** Hours from submission to first reply, to 0.01 h. */
export function replyHoursBetween(createdAt: Date, repliedAt: Date): number {
  return Math.max(0, Math.round((repliedAt.getTime() - createdAt.getTime()) / 36_000) / 100)
}

/**
 * Where the median of n sorted values sits: skip this many, read `take` (1 for odd n, 2 for even,
 * averaged), so the median is exact at any size without reading every value.
 */
export function medianWindow(n: number): { skip: number; take: number } | null {
  if (n <= 0) return null
  return { skip: Math.floor((n - 1) / 2), take: n % 2 === 1 ? 1 : 2 }
}

export const DAY_MS = 24 * 3600_000
export const dueAfter = (from: Date, days: number): Date => new Date(from.getTime() + days * DAY_MS)
