import * as z from 'zod/mini'
import { CAMPAIGN_STATUSES, PHASE_KEYS } from '../campaigns'
import { questionnaireWireSchema } from '../questionnaire/model'
import { defineFunction } from './define'

/**
 * The part of the campaigns function's contract that residents' pages call (current), with the
 * schemas it needs: the main package carries this module only; ./campaigns adds the rest and
 * re-exports it all.
 */

const phaseAnswer = z.object({ key: z.enum(PHASE_KEYS), name: z.string(), start: z.string(), end: z.string() })
export type CampaignPhaseAnswer = z.infer<typeof phaseAnswer>

/** What a close deleted: households, their visit records, concerns' callback numbers, stored sheets. */
export const removedSchema = z.object({
  contacts: z.number().check(z.int()),
  visits: z.number().check(z.int()),
  callbacks: z.number().check(z.int()),
  files: z.number().check(z.int())
})
export type RemovedCounts = z.infer<typeof removedSchema>

export const campaignSchema = z.object({
  year: z.number().check(z.int()),
  name: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  questionnaireVersion: z.string(),
  phases: z.array(phaseAnswer),
  /** The planned end of the work (YYYY-MM-DD). */
  endsOn: z.string(),
  closedAt: z.nullable(z.string()),
  /** What closing deleted (null before it started). */
  removed: z.nullable(removedSchema),
  /** The sentence the privacy notice shows: when (or that) the year's personal data is deleted. */
  deletionNotice: z.string()
})
export type Campaign = z.infer<typeof campaignSchema>

/** What residents' pages call (the main package carries only these; services/cloud-staff the whole contract). */
export const campaignsResident = defineFunction({
  /** The current campaign and its whole questionnaire (what the app keeps on the phone to run offline). */
  current: {
    event: z.object({}),
    answer: z.extend(campaignSchema, { questionnaire: questionnaireWireSchema })
  }
})
