import * as z from 'zod/mini'
import { versionSchema, yearSchema } from '../campaigns'
import { defineFunction } from './define'
import { townChoice } from './towns'
import { villageSchema } from './user'

const rateSchema = z.object({ rate: z.nullable(z.number()), favourable: z.number().check(z.int()), sampleSize: z.number().check(z.int()) })

const rankedSchema = z.object({
  village: villageSchema,
  quota: z.number().check(z.int()),
  registered: z.number().check(z.int()),
  rate: z.number(),
  rank: z.number().check(z.int()),
  flag: z.nullable(z.enum(['top', 'bottom']))
})
export type RankedRow = z.infer<typeof rankedSchema>

const totalSchema = z.object({ quota: z.number().check(z.int()), registered: z.number().check(z.int()), rate: z.number() })

const roundSchema = z.object({ day: z.string(), takenAt: z.string(), takenBy: z.string() })

/**
 * Every event may name the town it acts on (absent: the caller's own; a county admin's: the default
 * town); a town admin or a cadre naming another town is FORBIDDEN. Answers say which town they are.
 */
const answerTown = z.optional(z.string())

const distributionSchema = z.object({
  questionId: z.string(),
  /** The question's number and wording in the version the figures are of. */
  number: z.optional(z.number().check(z.int())),
  text: z.optional(z.string()),
  asked: z.number().check(z.int()),
  answered: z.number().check(z.int()),
  options: z.array(z.object({ value: z.number().check(z.int()), label: z.string(), count: z.number().check(z.int()), share: z.nullable(z.number()) }))
})

export const statsContract = defineFunction({
  /** Every village's completion against its quota, ranked, with the change since the last inspection round. */
  villages: {
    event: z.object({ town: townChoice }),
    answer: z.object({
      town: answerTown,
      rows: z.array(z.extend(rankedSchema, { change: z.nullable(z.object({ registered: z.number().check(z.int()), rank: z.number().check(z.int()) })) })),
      total: totalSchema,
      previousRound: z.nullable(roundSchema)
    })
  },
  /** A cadre's own village and own count. */
  myVillage: {
    event: z.object({ town: townChoice }),
    answer: z.extend(rankedSchema, { town: answerTown, mine: z.number().check(z.int()) })
  },
  /** Per-cadre registrations in one village. */
  cadres: {
    event: z.object({ town: townChoice, village: villageSchema }),
    answer: z.object({
      town: answerTown,
      village: villageSchema,
      rows: z.array(z.object({ openid: z.string(), name: z.string(), registered: z.number().check(z.int()) }))
    })
  },
  /** Indicators from practice runs or from completed mock interviews, never mixed. */
  indicators: {
    event: z.object({
      town: townChoice,
      mode: z.enum(['practice', 'interview'], { error: '请选择练习答题(practice)或模拟民调(interview)' }),
      village: z.optional(villageSchema),
      excludeUnknown: z._default(z.boolean(), true),
      /** The questionnaire version the figures are of (default: the current campaign's): versions never mix. */
      version: z.optional(versionSchema),
      /** The campaign year (default: the current one): a closed year's figures stay readable. */
      year: z.optional(yearSchema)
    }),
    answer: z.object({
      town: answerTown,
      mode: z.enum(['practice', 'interview']),
      version: z.optional(z.string()),
      year: z.optional(z.number().check(z.int())),
      village: z.nullable(villageSchema),
      responses: z.number().check(z.int()),
      safety: rateSchema,
      nightWorry: rateSchema,
      crackdownSatisfaction: rateSchema,
      lawEnforcementSatisfaction: rateSchema,
      distributions: z.array(distributionSchema),
      outcomes: z.nullable(z.object({ unreached: z.number().check(z.int()), refused: z.number().check(z.int()), hungUp: z.number().check(z.int()), completed: z.number().check(z.int()) }))
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
      towns: z.optional(z.number().check(z.int())),
      villages: z.number().check(z.int()),
      /** The town's total (the timer's: the county's). */
      total: totalSchema,
      /** The county's round, when this call took one. */
      county: z.optional(z.nullable(z.object({ towns: z.number().check(z.int()), total: totalSchema })))
    })
  },
  /** Every inspection round so far, oldest first, for trends. */
  rounds: {
    event: z.object({ town: townChoice, village: z.optional(villageSchema) }),
    answer: z.object({
      town: answerTown,
      rounds: z.array(z.extend(roundSchema, { total: totalSchema, rows: z.array(rankedSchema) }))
    })
  },
  /** The current ranking as an .xlsx for the circular (通报); audited. */
  exportRanking: {
    event: z.object({ town: townChoice }),
    answer: z.object({ town: answerTown, fileID: z.string(), tempFileURL: z.string(), rows: z.number().check(z.int()) })
  },
  /** Changes a village's quota mid-campaign (audited). */
  setQuota: {
    event: z.object({
      town: townChoice,
      village: villageSchema,
      quota: z.number({ error: '任务数应为数字' }).check(z.int({ error: '任务数应为整数' }), z.gte(0, { error: '任务数不能为负数' }), z.lte(100000, { error: '任务数过大' }))
    }),
    answer: z.object({ town: answerTown, village: villageSchema, quota: z.number().check(z.int()), previous: z.number().check(z.int()) })
  }
})
export type StatsContract = typeof statsContract
