import * as z from 'zod/mini'
import { letterSchema, townNameSchema, UNIT_TYPES } from '../towns'
import { defineFunction } from './define'

/**
 * The part of the towns function's contract that residents' pages call (list, units, content), with
 * the schemas it needs: the main package carries this module only; ./towns adds the rest and
 * re-exports it all.
 */

/** The towns of the county (乡镇/街道): their units, content, and the county's ranking of them. */

/** An event's town: absent means the caller's own town (a county admin's: the default town). */
export const townChoice = z.optional(townNameSchema)

export const townUnitSchema = z.object({
  name: z.string(),
  quota: z.int(),
  active: z.boolean(),
  order: z.int(),
  /** 村/社区 (with a phone quota), or another kind of unit inspected (学校, 医院, 站所, …; quota 0). */
  type: z.optional(z.enum(UNIT_TYPES))
})
export type TownUnit = z.infer<typeof townUnitSchema>

/** What residents' pages call (the main package carries only these; services/cloud-staff the whole contract). */
export const townsResident = defineFunction({
  /** Every town, in the order they were created (the default town first). */
  list: {
    event: z.object({}),
    answer: z.object({ towns: z.array(z.object({ name: z.string(), units: z.int(), quota: z.int() })) })
  },
  /** A town's units (active and retired), in the table's order: what pickers offer. */
  units: {
    event: z.object({ town: townChoice }),
    answer: z.object({ town: z.string(), units: z.array(townUnitSchema) })
  },
  /** What residents read: the town's open letter and slogans. */
  content: {
    event: z.object({ town: townChoice }),
    answer: z.object({ town: z.string(), letter: letterSchema, slogans: z.array(z.string()), updatedAt: z.nullable(z.string()) })
  }
})
