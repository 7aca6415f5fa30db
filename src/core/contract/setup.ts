import { z } from 'zod'
import { defineFunction } from './define'

/** Creates what the functions need in a fresh cloud environment; safe to run again. */
export const setupContract = defineFunction({
  init: {
    event: z.object({}),
    answer: z.object({ collections: z.array(z.string()), villagesCreated: z.number().int() })
  }
})
export type SetupContract = typeof setupContract
