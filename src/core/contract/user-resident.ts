import * as z from 'zod/mini'
import { unitNameSchema } from '../towns'
import { defineFunction } from './define'

/**
 * The part of the user function's contract that residents' pages call (whoami), with the schemas it
 * needs: the main package carries this module only; ./user adds the rest and re-exports it all.
 */

/**
 * 'admin' is a county admin (ADMIN_OPENIDS, or invited by one): every town. 'townAdmin' manages one
 * town; a cadre belongs to a unit of one town; everyone else is a resident.
 */
export const ROLES = ['resident', 'cadre', 'inspector', 'townAdmin', 'admin'] as const

export type Role = (typeof ROLES)[number]

/**
 * A unit (village) of a town. Which names exist is the town's data (towns.units), so the function
 * checks it against the town, not this schema.
 */
export const villageSchema = unitNameSchema

export const whoamiSchema = z.object({
  openid: z.string(),
  role: z.enum(ROLES),
  /** The caller's town (absent for a county admin and a resident). */
  town: z.optional(z.string()),
  village: z.optional(villageSchema),
  name: z.optional(z.string())
})

export type Whoami = z.infer<typeof whoamiSchema>

/** What residents' pages call (the main package carries only these; services/cloud-staff the whole contract). */
export const userResident = defineFunction({
  whoami: { event: z.object({}), answer: whoamiSchema }
})
