import { z } from 'zod'
import {
  callbackPhoneSchema,
  closeNoteSchema,
  CONCERN_STATUSES,
  concernCategorySchema,
  concernCodeSchema,
  concernTextSchema,
  MAX_DUE_DAYS,
  replyTextSchema
} from '../concerns'
import { defineFunction } from './define'
import { submissionIdSchema } from './survey'
import { townChoice } from './towns'
import { pageRequest, villageSchema } from './user'

const isoDate = z.string()
const statusSchema = z.enum(CONCERN_STATUSES, { error: '状态应为 open、assigned、replied 或 closed' })
const idSchema = z.string({ error: '缺少诉求编号' }).min(1, { error: '缺少诉求编号' }).max(64)

/** A reply as residents see it: what and when, and only "村(社区)干部" or "管理员" for who. */
const replySchema = z.object({ text: z.string(), at: isoDate, by: z.string() })

/** What a resident sees of their own concern. */
export const myConcernSchema = z.object({
  id: z.string(),
  code: z.string(),
  category: z.string(),
  text: z.string(),
  village: z.string().nullable(),
  status: statusSchema,
  createdAt: isoDate,
  dueAt: isoDate,
  replies: z.array(replySchema),
  closedAt: isoDate.nullable(),
  resolved: z.boolean().nullable()
})
export type MyConcern = z.infer<typeof myConcernSchema>

/** What staff see in the queue: a callback number masked (revealCallback shows it, audited). */
export const concernItemSchema = myConcernSchema.extend({
  town: z.string(),
  overdue: z.boolean(),
  /** Answered after its due date. */
  late: z.boolean(),
  callbackMasked: z.string().nullable(),
  /** The household a cadre recorded it for, when one did. */
  contactId: z.string().nullable(),
  recordedBy: z.enum(['resident', 'cadre', 'admin']),
  assignedAt: isoDate.nullable(),
  repliedAt: isoDate.nullable(),
  replyHours: z.number().nullable(),
  note: z.string().nullable()
})
export type ConcernItem = z.infer<typeof concernItemSchema>

const statsRowSchema = z.object({
  /** '' for concerns that name no village (shown as 未注明村(社区)). */
  village: z.string(),
  raised: z.number().int(),
  replied: z.number().int(),
  closed: z.number().int(),
  overdue: z.number().int(),
  replyRate: z.number().nullable(),
  medianReplyHours: z.number().nullable()
})
export type ConcernStatsRow = z.infer<typeof statsRowSchema>

export const concernsContract = defineFunction({
  /**
   * Files a concern. A resident's is kept under a keyed hash of them (nobody sees who wrote); a
   * cadre records one for a household of their village (`contactId`). A retry of one
   * `submissionId` stores one.
   */
  submit: {
    event: z.object({
      town: townChoice,
      submissionId: submissionIdSchema,
      category: concernCategorySchema,
      text: concernTextSchema,
      village: villageSchema.optional(),
      contactId: z.string().min(1).max(64).optional(),
      /** Left only if the resident chose to: the village's cadres and the admins may see it. */
      callback: z.object({ phone: callbackPhoneSchema }).optional()
    }),
    answer: z.object({ id: z.string(), code: z.string(), stored: z.boolean() })
  },
  /** The caller's own concerns (newest first), with their status and replies. */
  mine: {
    event: z.object({}),
    answer: z.object({ items: z.array(myConcernSchema), total: z.number().int() })
  },
  /** The queue: overdue first, then oldest first. A cadre's own village; an admin's whole town or one village. */
  list: {
    event: z.object({
      town: townChoice,
      village: villageSchema.optional(),
      status: statusSchema.optional(),
      overdue: z.boolean().optional(),
      /** The code a resident quotes. */
      code: concernCodeSchema.optional(),
      ...pageRequest
    }),
    answer: z.object({ town: z.string(), items: z.array(concernItemSchema), total: z.number().int() })
  },
  /** 交办: an admin hands a concern to a unit of the town, due in `dueDays` days from now. */
  assign: {
    event: z.object({
      town: townChoice,
      id: idSchema,
      unit: villageSchema,
      dueDays: z
        .number({ error: '办理期限应为天数' })
        .int({ error: '办理期限应为整数天' })
        .min(1, { error: '办理期限至少1天' })
        .max(MAX_DUE_DAYS, { error: `办理期限最多${MAX_DUE_DAYS}天` })
    }),
    answer: z.object({ id: z.string(), status: statusSchema, dueAt: isoDate })
  },
  /** Answers the resident (the first answer makes it replied; later ones add to the dialogue). */
  reply: {
    event: z.object({
      town: townChoice,
      id: idSchema,
      text: replyTextSchema,
      /** The phone's id for this reply, the same on every attempt: a retry or an offline upload adds it once. */
      replyId: submissionIdSchema.optional()
    }),
    /** `stored` false: this reply (its replyId) was already there, nothing was added. */
    answer: z.object({ id: z.string(), status: z.literal('replied'), stored: z.boolean().optional() })
  },
  /** 办结, after a reply. */
  close: {
    event: z.object({ town: townChoice, id: idSchema, resolved: z.boolean({ error: '请说明是否已解决' }), note: closeNoteSchema }),
    answer: z.object({ id: z.string(), status: z.literal('closed') })
  },
  /** Per village: raised, replied, closed, overdue now, the reply rate and the median hours to a first reply. */
  stats: {
    event: z.object({ town: townChoice, village: villageSchema.optional() }),
    answer: z.object({ town: z.string(), rows: z.array(statsRowSchema), total: statsRowSchema })
  },
  /** The full callback number of one concern; audited before it is answered. */
  revealCallback: {
    event: z.object({ town: townChoice, id: idSchema }),
    answer: z.object({ id: z.string(), phone: z.string() })
  },
  /** Marks concerns past their due date without a reply as overdue: the daily timer's (a county admin may run it). */
  markOverdue: {
    event: z.object({}),
    answer: z.object({ marked: z.number().int() })
  }
})
export type ConcernsContract = typeof concernsContract
