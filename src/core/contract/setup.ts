import * as z from 'zod/mini'
import { defineFunction } from './define'

/** Creates what the functions need in a fresh cloud environment; safe to run again. */
export const setupContract = defineFunction({
  init: {
    event: z.object({}),
    answer: z.object({
      collections: z.array(z.string()),
      /** 1 when the default town (云集街道) was created by this run, else 0. */
      townsCreated: z.number().check(z.int()),
      /** Units of the default town written by this run (only missing ones are). */
      villagesCreated: z.number().check(z.int())
    })
  }
})
export type SetupContract = typeof setupContract
