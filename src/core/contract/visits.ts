import { z } from 'zod'
import { optionalText } from '../contact/schema'
import { contactIdSchema, contactItemSchema } from './contacts'
import { defineFunction } from './define'
import { submissionIdSchema } from './survey'
import { townChoice } from './towns'
import { pageRequest, villageSchema } from './user'
import { VISIT_STATUSES, VISIT_STATUS_LABELS, type VisitStatus } from '../visits'

/**
 * 入户走访 (visits): each household's checklist of the plan's 五个100% — visited, 公开信 handed over,
 * 民情联系卡 receipt, questionnaire explained — and the village's figures. The fifth rate (群众诉求回复率)
 * comes from the concerns function's counters.
 */

/** What a recorded visit can tick; a tick once made stays (a later visit cannot untick it). */
export const VISIT_FLAGS = ['visited', 'letter', 'card', 'explained'] as const
export type VisitFlag = (typeof VISIT_FLAGS)[number]

export const VISIT_FLAG_LABELS: Record<VisitFlag, string> = {
  visited: '上门走访',
  letter: '发放公开信',
  card: '民情联系卡回执',
  explained: '问卷讲解辅导'
}

/** The one line the record screen shows beside 问卷讲解辅导: explaining is never coaching. */
export const EXPLAINED_MEANS = '讲解辅导是讲清题目和用语(如网格员、综治中心是什么、热线号码),绝不告诉居民该怎么回答'

export const VISIT_NOTE_MAX = 200

/** A household's status in the visit list (src/core/visits.ts: the resident path shows it too). */
export { VISIT_STATUSES, VISIT_STATUS_LABELS, type VisitStatus }

/** One unit's (or one cadre's) figures; `concerns` raised and `replied` are the village's (0 on a cadre's row). */
export const visitFiguresSchema = z.object({
  households: z.number().int(),
  visited: z.number().int(),
  letter: z.number().int(),
  card: z.number().int(),
  explained: z.number().int(),
  concerns: z.number().int(),
  replied: z.number().int()
})
export type VisitFigures = z.infer<typeof visitFiguresSchema>

export const visitProgressRowSchema = visitFiguresSchema.extend({
  village: villageSchema,
  /** Present on a cadre's own row (their 包户 households in the village): who it is. */
  cadre: z.object({ openid: z.string(), name: z.string() }).optional()
})
export type VisitProgressRow = z.infer<typeof visitProgressRowSchema>

/** The five rates of 五个100%, each a fraction 0–1, or null when there is nothing to divide by. */
export interface VisitRates {
  visited: number | null
  letter: number | null
  card: number | null
  explained: number | null
  replied: number | null
}

/** visited, letter, card, explained over households; replied over concerns raised. */
export function visitRates(f: VisitFigures): VisitRates {
  const of = (n: number, d: number) => (d > 0 ? n / d : null)
  return {
    visited: of(f.visited, f.households),
    letter: of(f.letter, f.households),
    card: of(f.card, f.households),
    explained: of(f.explained, f.households),
    replied: of(f.replied, f.concerns)
  }
}

/** One household in the visit list: as contacts.list shows it (masked), with its ticks. */
export const visitHouseholdSchema = contactItemSchema.extend({
  visited: z.boolean(),
  letter: z.boolean(),
  card: z.boolean(),
  explained: z.boolean(),
  /** ISO time of the latest recorded visit; null if never visited. */
  lastVisitAt: z.string().nullable()
})
export type VisitHousehold = z.infer<typeof visitHouseholdSchema>

const tick = (label: string) => z.boolean({ error: `请选择是否${label}` })

export const recordVisitSchema = z.object({
  /** The client's id for this visit: a retry or a double tap stores one visit. */
  visitId: submissionIdSchema,
  contactId: contactIdSchema,
  letter: tick(VISIT_FLAG_LABELS.letter),
  card: tick(VISIT_FLAG_LABELS.card),
  explained: tick(VISIT_FLAG_LABELS.explained),
  note: optionalText('走访备注', VISIT_NOTE_MAX, { multiline: true }),
  town: townChoice
})

export const visitsContract = defineFunction({
  /** A cadre of the household's village (any of them, not only its 包户责任人), or an admin of its town. */
  record: {
    event: recordVisitSchema,
    answer: z.object({
      visitId: z.string(),
      /** false when this visit had already been stored (a retry): nothing new was written. */
      stored: z.boolean()
    })
  },
  /**
   * A cadre: their village's row, then their own row (`cadre` set). An admin: every unit of the town,
   * or with `village` that unit's row then one row per cadre bound to it. `total` sums the unit rows
   * (a whole town's concerns also count those filed with no village).
   */
  progress: {
    event: z.object({ town: townChoice, village: villageSchema.optional() }),
    answer: z.object({ town: z.string(), rows: z.array(visitProgressRowSchema), total: visitFiguresSchema })
  },
  /** A cadre: their own village's households; an admin: one village's (or, left out, the town's). */
  households: {
    event: z.object({
      town: townChoice,
      village: villageSchema.optional(),
      status: z.enum(VISIT_STATUSES, { error: '状态应为未走访(unvisited)、未完成(incomplete)或已完成(complete)' }).optional(),
      ...pageRequest
    }),
    answer: z.object({ households: z.array(visitHouseholdSchema), total: z.number().int() })
  }
})
export type VisitsContract = typeof visitsContract
