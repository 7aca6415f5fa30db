import * as z from 'zod/mini'
import {
  CAMPAIGN_STATUSES,
  campaignNameSchema,
  dateSchema,
  phasesSchema,
  versionSchema,
  yearSchema
} from '../campaigns'
import { questionnaireSchema } from '../questionnaire/checked'
import { defineFunction } from './define'
import { campaignSchema, removedSchema, campaignsResident } from './campaigns-resident'

export * from './campaigns-resident'

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
  questions: z.number().check(z.int()),
  importedAt: z.nullable(z.string()),
  /** Years whose campaign uses it. */
  usedBy: z.array(z.number().check(z.int()))
})

/** A question as the preview lists it (the questionnaire's own shape). */
const questionRow = z.object({
  id: z.string(),
  kind: z.enum(['single', 'multiple', 'note']),
  text: z.string(),
  about: z.string(),
  options: z.array(
    z.object({ value: z.number(), label: z.string(), exclusive: z.optional(z.boolean()), other: z.optional(z.boolean()), notReadAloud: z.optional(z.boolean()) })
  )
})

/** The typed confirmation `close` needs, whole: `关闭2023年测评`. */
const confirmSchema = z.string({ error: '请输入确认文字' }).check(z.maxLength(40))

export const campaignsContract = defineFunction({
  current: campaignsResident.current,
  /** Every campaign, newest first, with the current one's year. */
  list: {
    event: z.object({}),
    answer: z.object({ current: z.number().check(z.int()), campaigns: z.array(campaignSchema) })
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
    answer: z.object({ status: z.enum(QUESTIONNAIRE_STATUSES), usedBy: z.array(z.number().check(z.int())), questionnaire: questionnaireSchema })
  },
  /** A version (default: the current campaign's) as an XLSForm workbook, a 30-minute link. */
  exportQuestionnaire: {
    event: z.object({ version: z.optional(versionSchema) }),
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
    event: z.object({ fileID: z.string({ error: '请先上传问卷表格' }).check(z.minLength(1), z.maxLength(500)) }),
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
    answer: z.object({ year: z.number().check(z.int()), questionnaireVersion: z.string() })
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
      phases: z.optional(phasesSchema),
      endsOn: z.optional(dateSchema)
    }),
    answer: z.object({ year: z.number().check(z.int()) })
  },
  /**
   * Closes a campaign: its figures and rankings stay (read-only), its personal data is deleted — the
   * households (contacts) and their visit records, the callback numbers of concerns, the uploaded and
   * exported sheets. `confirm` must be `关闭<year>年测评`. Interrupted, it is run again and finishes.
   */
  close: {
    event: z.object({ year: yearSchema, confirm: confirmSchema }),
    answer: z.object({ year: z.number().check(z.int()), status: z.enum(CAMPAIGN_STATUSES), removed: removedSchema })
  }
})

export type CampaignsContract = typeof campaignsContract
