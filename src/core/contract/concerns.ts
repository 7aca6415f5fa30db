import * as z from 'zod/mini'
import {
  closeNoteSchema,
  concernCodeSchema,
  MAX_DUE_DAYS,
  replyTextSchema
} from '../concerns'
import { yearSchema } from '../campaigns'
import { defineFunction } from './define'
import { concernStatusSchema, myConcernSchema, concernsResident } from './concerns-resident'
import { submissionIdSchema } from './survey'
import { townChoice } from './towns'
import { pageRequest, villageSchema } from './user'

export * from './concerns-resident'

const isoDate = z.string()

const idSchema = z.string({ error: '缺少诉求编号' }).check(z.minLength(1, { error: '缺少诉求编号' }), z.maxLength(64))

/** What staff see in the queue: a callback number masked (revealCallback shows it, audited). */
export const concernItemSchema = z.extend(myConcernSchema, {
  town: z.string(),
  overdue: z.boolean(),
  /** Answered after its due date. */
  late: z.boolean(),
  callbackMasked: z.nullable(z.string()),
  /** The household a cadre recorded it for, when one did. */
  contactId: z.nullable(z.string()),
  recordedBy: z.enum(['resident', 'cadre', 'admin']),
  assignedAt: z.nullable(isoDate),
  repliedAt: z.nullable(isoDate),
  replyHours: z.nullable(z.number()),
  note: z.nullable(z.string())
})
export type ConcernItem = z.infer<typeof concernItemSchema>

const statsRowSchema = z.object({
  /** '' for concerns that name no village (shown as 未注明村(社区)). */
  village: z.string(),
  raised: z.int(),
  replied: z.int(),
  closed: z.int(),
  overdue: z.int(),
  replyRate: z.nullable(z.number()),
  medianReplyHours: z.nullable(z.number())
})
export type ConcernStatsRow = z.infer<typeof statsRowSchema>

export const concernsContract = defineFunction({
  submit: concernsResident.submit,
  mine: concernsResident.mine,
  /** The queue: overdue first, then oldest first. A cadre's own village; an admin's whole town or one village. */
  list: {
    event: z.object({
      town: townChoice,
      village: z.optional(villageSchema),
      status: z.optional(concernStatusSchema),
      overdue: z.optional(z.boolean()),
      /** The code a resident quotes. */
      code: z.optional(concernCodeSchema),
      /** The campaign year (default: the current one); a closed year's concerns are read-only. */
      year: z.optional(yearSchema),
      ...pageRequest
    }),
    answer: z.object({ town: z.string(), year: z.int(), items: z.array(concernItemSchema), total: z.int() })
  },
  /** 交办: an admin hands a concern to a unit of the town, due in `dueDays` days from now. */
  assign: {
    event: z.object({
      town: townChoice,
      id: idSchema,
      unit: villageSchema,
      dueDays: z
        .number({ error: '办理期限应为天数' })
        .check(
          z.int({ error: '办理期限应为整数天' }),
          z.gte(1, { error: '办理期限至少1天' }),
          z.lte(MAX_DUE_DAYS, { error: `办理期限最多${MAX_DUE_DAYS}天` })
        )
    }),
    answer: z.object({ id: z.string(), status: concernStatusSchema, dueAt: isoDate })
  },
  /** Answers the resident (the first answer makes it replied; later ones add to the dialogue). */
  reply: {
    event: z.object({
      town: townChoice,
      id: idSchema,
      text: replyTextSchema,
      /** The phone's id for this reply, the same on every attempt: a retry or an offline upload adds it once. */
      replyId: z.optional(submissionIdSchema)
    }),
    /** `stored` false: this reply (its replyId) was already there, nothing was added. */
    answer: z.object({ id: z.string(), status: z.literal('replied'), stored: z.optional(z.boolean()) })
  },
  /** 办结, after a reply. */
  close: {
    event: z.object({ town: townChoice, id: idSchema, resolved: z.boolean({ error: '请说明是否已解决' }), note: closeNoteSchema }),
    answer: z.object({ id: z.string(), status: z.literal('closed') })
  },
  /** Per village: raised, replied, closed, overdue now, the reply rate and the median hours to a first reply. */
  stats: {
    /** One campaign year's figures (default: the current one's); years never add up. */
    event: z.object({ town: townChoice, village: z.optional(villageSchema), year: z.optional(yearSchema) }),
    answer: z.object({ town: z.string(), year: z.int(), rows: z.array(statsRowSchema), total: statsRowSchema })
  },
  /** The full callback number of one concern; audited before it is answered. */
  revealCallback: {
    event: z.object({ town: townChoice, id: idSchema }),
    answer: z.object({ id: z.string(), phone: z.string() })
  },
  /** Marks concerns past their due date without a reply as overdue: the daily timer's (a county admin may run it). */
  markOverdue: {
    event: z.object({}),
    answer: z.object({ marked: z.int() })
  }
})

export type ConcernsContract = typeof concernsContract
