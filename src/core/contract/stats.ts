import { z } from 'zod'
import { versionSchema, yearSchema } from '../campaigns'
import { defineFunction } from './define'
import { townChoice } from './towns'
import { villageSchema } from './user'

const rateSchema = z.object({ rate: z.number().nullable(), favourable: z.number().int(), sampleSize: z.number().int() })

const rankedSchema = z.object({
  village: villageSchema,
  quota: z.number().int(),
  registered: z.number().int(),
  rate: z.number(),
  rank: z.number().int(),
  flag: z.enum(['top', 'bottom']).nullable()
})
export type RankedRow = z.infer<typeof rankedSchema>

const totalSchema = z.object({ quota: z.number().int(), registered: z.number().int(), rate: z.number() })

const roundSchema = z.object({ day: z.string(), takenAt: z.string(), takenBy: z.string() })

/**
 * Every event may name the town it acts on (absent: the caller's own; a county admin's: the default
 * town); a town admin or a cadre naming another town is FORBIDDEN. Answers say which town they are.
 */
const answerTown = z.string().optional()

const distributionSchema = z.object({
  questionId: z.string(),
  /** The question's number and wording in the version the figures are of. */
  number: z.number().int().optional(),
  text: z.string().optional(),
  asked: z.number().int(),
  answered: z.number().int(),
  options: z.array(z.object({ value: z.number().int(), label: z.string(), count: z.number().int(), share: z.number().nullable() }))
})

export const statsContract = defineFunction({
  /** Every village's completion against its quota, ranked, with the change since the last inspection round. */
  villages: {
    event: z.object({ town: townChoice }),
    answer: z.object({
      town: answerTown,
      rows: z.array(rankedSchema.extend({ change: z.object({ registered: z.number().int(), rank: z.number().int() }).nullable() })),
      total: totalSchema,
      previousRound: roundSchema.nullable()
    })
  },
  /** A cadre's own village and own count. */
  myVillage: {
    event: z.object({ town: townChoice }),
    answer: rankedSchema.extend({ town: answerTown, mine: z.number().int() })
  },
  /** Per-cadre registrations in one village. */
  cadres: {
    event: z.object({ town: townChoice, village: villageSchema }),
    answer: z.object({
      town: answerTown,
      village: villageSchema,
      rows: z.array(z.object({ openid: z.string(), name: z.string(), registered: z.number().int() }))
    })
  },
  /** Indicators from practice runs or from completed mock interviews, never mixed. */
  indicators: {
    event: z.object({
      town: townChoice,
      mode: z.enum(['practice', 'interview'], { error: '请选择练习答题(practice)或模拟民调(interview)' }),
      village: villageSchema.optional(),
      excludeUnknown: z.boolean().default(true),
      /** The questionnaire version the figures are of (default: the current campaign's): versions never mix. */
      version: versionSchema.optional(),
      /** The campaign year (default: the current one): a closed year's figures stay readable. */
      year: yearSchema.optional()
    }),
    answer: z.object({
      town: answerTown,
      mode: z.enum(['practice', 'interview']),
      version: z.string().optional(),
      year: z.number().int().optional(),
      village: villageSchema.nullable(),
      responses: z.number().int(),
      safety: rateSchema,
      nightWorry: rateSchema,
      crackdownSatisfaction: rateSchema,
      lawEnforcementSatisfaction: rateSchema,
      distributions: z.array(distributionSchema),
      outcomes: z.object({ unreached: z.number().int(), refused: z.number().int(), hungUp: z.number().int(), completed: z.number().int() }).nullable()
    })
  },
  /**
   * Takes this round's snapshot of a town (本轮督查); a county admin's also takes the county's round
   * of towns. The daily timer takes every town's, then the county's. One per day: a second replaces the first.
   */
  snapshot: {
    event: z.object({ town: townChoice }),
    answer: z.object({
      day: z.string(),
      /** The town snapshotted; absent for the timer, which takes every town. */
      town: answerTown,
      /** Towns snapshotted, and their villages (units ranked). */
      towns: z.number().int().optional(),
      villages: z.number().int(),
      /** The town's total (the timer's: the county's). */
      total: totalSchema,
      /** The county's round, when this call took one. */
      county: z.object({ towns: z.number().int(), total: totalSchema }).nullable().optional()
    })
  },
  /** Every inspection round so far, oldest first, for trends. */
  rounds: {
    event: z.object({ town: townChoice, village: villageSchema.optional() }),
    answer: z.object({
      town: answerTown,
      rounds: z.array(roundSchema.extend({ total: totalSchema, rows: z.array(rankedSchema) }))
    })
  },
  /** The current ranking as an .xlsx for the circular (通报); audited. */
  exportRanking: {
    event: z.object({ town: townChoice }),
    answer: z.object({ town: answerTown, fileID: z.string(), tempFileURL: z.string(), rows: z.number().int() })
  },
  /** Changes a village's quota mid-campaign (audited). */
  setQuota: {
    event: z.object({
      town: townChoice,
      village: villageSchema,
      quota: z.number({ error: '任务数应为数字' }).int({ error: '任务数应为整数' }).min(0, { error: '任务数不能为负数' }).max(100000, { error: '任务数过大' })
    }),
    answer: z.object({ town: answerTown, village: villageSchema, quota: z.number().int(), previous: z.number().int() })
  }
})
export type StatsContract = typeof statsContract
