import { z } from 'zod'
import {
  CAMPAIGN_STATUSES,
  campaignNameSchema,
  dateSchema,
  PHASE_KEYS,
  phasesSchema,
  versionSchema,
  yearSchema
} from '../campaigns'
import { questionnaireSchema } from '../questionnaire/model'
import { defineFunction } from './define'

/**
 * 测评年度 (campaigns) and the questionnaire versions they use: the year every document of the work
 * carries, the phases with their dates, the questionnaire as an XLSForm workbook (import, export), and
 * closing a year, which deletes its personal data.
 */

/** Where the app uploads an XLSForm workbook to import, in a sub-folder named by the caller's OPENID. */
export const QUESTIONNAIRE_IMPORT_DIR = 'questionnaire-imports'
export const questionnaireImportPrefix = (openid: string): string => `${QUESTIONNAIRE_IMPORT_DIR}/${openid}/`
/** Where exported workbooks go (no personal data in them; still deleted with the year's sheets). */
export const QUESTIONNAIRE_EXPORT_DIR = 'questionnaire-exports'

const phaseAnswer = z.object({ key: z.enum(PHASE_KEYS), name: z.string(), start: z.string(), end: z.string() })
export type CampaignPhaseAnswer = z.infer<typeof phaseAnswer>

/** What a close deleted: households, their visit records, concerns' callback numbers, stored sheets. */
export const removedSchema = z.object({
  contacts: z.number().int(),
  visits: z.number().int(),
  callbacks: z.number().int(),
  files: z.number().int()
})
export type RemovedCounts = z.infer<typeof removedSchema>

export const campaignSchema = z.object({
  year: z.number().int(),
  name: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  questionnaireVersion: z.string(),
  phases: z.array(phaseAnswer),
  /** The planned end of the work (YYYY-MM-DD). */
  endsOn: z.string(),
  closedAt: z.string().nullable(),
  /** What closing deleted (null before it started). */
  removed: removedSchema.nullable(),
  /** The sentence the privacy notice shows: when (or that) the year's personal data is deleted. */
  deletionNotice: z.string()
})
export type Campaign = z.infer<typeof campaignSchema>

export const QUESTIONNAIRE_STATUSES = ['builtin', 'draft', 'published'] as const
export const QUESTIONNAIRE_STATUS_LABELS: Record<(typeof QUESTIONNAIRE_STATUSES)[number], string> = {
  builtin: '内置(2023)',
  draft: '待启用',
  published: '已启用'
}

const versionRow = z.object({
  version: z.string(),
  title: z.string(),
  status: z.enum(QUESTIONNAIRE_STATUSES),
  /** Questions that take an answer (notes left out). */
  questions: z.number().int(),
  importedAt: z.string().nullable(),
  /** Years whose campaign uses it. */
  usedBy: z.array(z.number().int())
})

/** A question as the preview lists it (the questionnaire's own shape). */
const questionRow = z.object({
  id: z.string(),
  kind: z.enum(['single', 'multiple', 'note']),
  text: z.string(),
  about: z.string(),
  options: z.array(
    z.object({ value: z.number(), label: z.string(), exclusive: z.boolean().optional(), other: z.boolean().optional(), notReadAloud: z.boolean().optional() })
  )
})

/** The typed confirmation `close` needs, whole: `关闭2023年测评`. */
const confirmSchema = z.string({ error: '请输入确认文字' }).max(40)

export const campaignsContract = defineFunction({
  /** The current campaign and its whole questionnaire (what the app keeps on the phone to run offline). */
  current: {
    event: z.object({}),
    answer: campaignSchema.extend({ questionnaire: questionnaireSchema })
  },
  /** Every campaign, newest first, with the current one's year. */
  list: {
    event: z.object({}),
    answer: z.object({ current: z.number().int(), campaigns: z.array(campaignSchema) })
  },
  /** The dates of a campaign's phases (and its planned end); only while it is open. */
  savePhases: {
    event: z.object({ year: yearSchema, phases: phasesSchema, endsOn: dateSchema }),
    answer: campaignSchema
  },
  /** Every questionnaire version: the built-in 2023 one, imported drafts, published ones. */
  questionnaires: {
    event: z.object({}),
    answer: z.object({ versions: z.array(versionRow) })
  },
  /** One version whole, for the preview (every question with its skip rule). */
  questionnaire: {
    event: z.object({ version: versionSchema }),
    answer: z.object({ status: z.enum(QUESTIONNAIRE_STATUSES), usedBy: z.array(z.number().int()), questionnaire: questionnaireSchema })
  },
  /** A version (default: the current campaign's) as an XLSForm workbook, a 30-minute link. */
  exportQuestionnaire: {
    event: z.object({ version: versionSchema.optional() }),
    answer: z.object({ version: z.string(), fileID: z.string(), tempFileURL: z.string() })
  },
  /** The path to upload a workbook to (`questionnaire-imports/<OPENID>/…`), already on the file registry. */
  prepareImport: {
    event: z.object({}),
    answer: z.object({ cloudPath: z.string() })
  },
  /**
   * Reads an uploaded XLSForm workbook and stores its questionnaire as a draft version (nothing the app
   * uses until `create` or `useQuestionnaire` names it). A refused workbook is INVALID_INPUT with
   * `issues: [{ sheet, row, column?, message }]`, and nothing is stored. The upload is deleted after.
   */
  importQuestionnaire: {
    event: z.object({ fileID: z.string({ error: '请先上传问卷表格' }).min(1).max(500) }),
    answer: z.object({
      version: z.string(),
      title: z.string(),
      status: z.enum(QUESTIONNAIRE_STATUSES),
      /** false: this very questionnaire was already stored under its version (importing again changes nothing). */
      created: z.boolean(),
      questions: z.array(questionRow),
      questionnaire: questionnaireSchema
    })
  },
  /** The current campaign answers another version from now on (a corrected questionnaire mid-year). */
  useQuestionnaire: {
    event: z.object({ year: yearSchema, version: versionSchema }),
    answer: z.object({ year: z.number().int(), questionnaireVersion: z.string() })
  },
  /**
   * A new campaign, which becomes current. The previous one must be closed first (its personal data
   * deleted): a county's households are registered once, for one year.
   */
  create: {
    event: z.object({
      year: yearSchema,
      name: campaignNameSchema,
      questionnaireVersion: versionSchema,
      phases: phasesSchema.optional(),
      endsOn: dateSchema.optional()
    }),
    answer: z.object({ year: z.number().int() })
  },
  /**
   * Closes a campaign: its figures and rankings stay (read-only), its personal data is deleted — the
   * households (contacts) and their visit records, the callback numbers of concerns, the uploaded and
   * exported sheets. `confirm` must be `关闭<year>年测评`. Interrupted, it is run again and finishes.
   */
  close: {
    event: z.object({ year: yearSchema, confirm: confirmSchema }),
    answer: z.object({ year: z.number().int(), status: z.enum(CAMPAIGN_STATUSES), removed: removedSchema })
  }
})
export type CampaignsContract = typeof campaignsContract
