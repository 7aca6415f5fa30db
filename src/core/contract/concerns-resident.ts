import * as z from 'zod/mini'
import { callbackPhoneSchema, CONCERN_STATUSES, concernCategorySchema, concernTextSchema } from '../concerns'
import { defineFunction } from './define'
import { submissionIdSchema } from './ids'
import { townChoice } from './towns-resident'
import { villageSchema } from './user-resident'

/**
 * The part of the concerns function's contract that residents' pages call (submit, mine), with the
 * schemas it needs: the main package carries this module only; ./concerns adds the rest and
 * re-exports it all.
 */

const isoDate = z.string()

export const concernStatusSchema = z.enum(CONCERN_STATUSES, { error: '状态应为 open、assigned、replied 或 closed' })

/** A reply as residents see it: what and when, and only "村(社区)干部" or "管理员" for who. */
const replySchema = z.object({ text: z.string(), at: isoDate, by: z.string() })

/** What a resident sees of their own concern. */
export const myConcernSchema = z.object({
  id: z.string(),
  code: z.string(),
  category: z.string(),
  text: z.string(),
  village: z.nullable(z.string()),
  status: concernStatusSchema,
  createdAt: isoDate,
  dueAt: isoDate,
  replies: z.array(replySchema),
  closedAt: z.nullable(isoDate),
  resolved: z.nullable(z.boolean())
})
export type MyConcern = z.infer<typeof myConcernSchema>

/** What residents' pages call (the main package carries only these; services/cloud-staff the whole contract). */
export const concernsResident = defineFunction({
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
      village: z.optional(villageSchema),
      contactId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
      /** Left only if the resident chose to: the village's cadres and the admins may see it. */
      callback: z.optional(z.object({ phone: callbackPhoneSchema }))
    }),
    answer: z.object({ id: z.string(), code: z.string(), stored: z.boolean() })
  },
  /** The caller's own concerns (newest first), with their status and replies. */
  mine: {
    event: z.object({}),
    answer: z.object({ items: z.array(myConcernSchema), total: z.int() })
  }
})
