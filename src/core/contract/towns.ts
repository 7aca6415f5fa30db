import { z } from 'zod'
import { letterSchema, slogansSchema, townNameSchema, UNIT_TYPES } from '../towns'
import { defineFunction } from './define'

/** The towns of the county (乡镇/街道): their units, content, and the county's ranking of them. */

/** An event's town: absent means the caller's own town (a county admin's: the default town). */
export const townChoice = townNameSchema.optional()

/**
 * The folder of cloud storage the app uploads a 附件3-style sheet to (a town made from a sheet), in a
 * sub-folder named by the caller's OPENID, as for contact imports.
 */
export const UNIT_IMPORT_DIR = 'unit-imports'
export const unitImportPrefix = (openid: string): string => `${UNIT_IMPORT_DIR}/${openid}/`

const skippedSchema = z.object({ row: z.number().int(), reason: z.string() })

export const townUnitSchema = z.object({
  name: z.string(),
  quota: z.number().int(),
  active: z.boolean(),
  order: z.number().int(),
  /** 村/社区 (with a phone quota), or another kind of unit inspected (学校, 医院, 站所, …; quota 0). */
  type: z.enum(UNIT_TYPES).optional()
})
export type TownUnit = z.infer<typeof townUnitSchema>

const rankFlag = z.enum(['top', 'bottom']).nullable()

export const townRankSchema = z.object({
  town: z.string(),
  quota: z.number().int(),
  registered: z.number().int(),
  rate: z.number(),
  rank: z.number().int(),
  flag: rankFlag,
  change: z.object({ registered: z.number().int(), rank: z.number().int() }).nullable()
})
export type TownRank = z.infer<typeof townRankSchema>

export const townsContract = defineFunction({
  /** Every town, in the order they were created (the default town first). */
  list: {
    event: z.object({}),
    answer: z.object({ towns: z.array(z.object({ name: z.string(), units: z.number().int(), quota: z.number().int() })) })
  },
  /** A town's units (active and retired), in the table's order: what pickers offer. */
  units: {
    event: z.object({ town: townChoice }),
    answer: z.object({ town: z.string(), units: z.array(townUnitSchema) })
  },
  /**
   * A new town with its units, from rows (`units`, as typed) or from an uploaded 附件3-style sheet
   * (`fileID`). Bad rows are reported and the good ones kept; sending it again changes nothing
   * (units already there are left as they are).
   */
  create: {
    event: z
      .object({
        name: townNameSchema,
        units: z.array(z.object({ name: z.unknown(), quota: z.unknown() }), { error: '村(社区)列表应为一组' }).max(500, { error: '一次最多500个村(社区)' }).optional(),
        fileID: z.string().min(1).max(500).optional()
      })
      .refine((e) => (e.units === undefined) !== (e.fileID === undefined), { error: '请提供村(社区)列表或上传的表格(二选一)' }),
    answer: z.object({ name: z.string(), created: z.boolean(), unitsAdded: z.number().int(), skipped: z.array(skippedSchema) })
  },
  /** Adds a unit, changes its quota, renames it or retires it (history kept; a retired unit takes no new work). */
  saveUnit: {
    event: z.object({
      town: townChoice,
      name: z.string({ error: '请选择村(社区)' }).min(1, { error: '请选择村(社区)' }).max(20),
      rename: z.string().max(20).optional(),
      quota: z.number({ error: '任务数应为数字' }).int({ error: '任务数应为整数' }).min(1, { error: '任务数应大于0' }).max(100000).optional(),
      active: z.boolean().optional()
    }),
    answer: z.object({ town: z.string(), unit: townUnitSchema })
  },
  /** What residents read: the town's open letter and slogans. */
  content: {
    event: z.object({ town: townChoice }),
    answer: z.object({ town: z.string(), letter: letterSchema, slogans: z.array(z.string()), updatedAt: z.string().nullable() })
  },
  /** A town admin (or a county admin) edits the letter and the slogans; audited. */
  saveContent: {
    event: z
      .object({ town: townChoice, letter: letterSchema.optional(), slogans: slogansSchema.optional() })
      .refine((e) => e.letter !== undefined || e.slogans !== undefined, { error: '没有要保存的内容' }),
    answer: z.object({ town: z.string() })
  },
  /** The county's view: towns ranked by phone-ledger completion, with the change since the last round. */
  ranking: {
    event: z.object({}),
    answer: z.object({
      rows: z.array(townRankSchema),
      total: z.object({ quota: z.number().int(), registered: z.number().int(), rate: z.number() }),
      previousRound: z.object({ day: z.string(), takenAt: z.string() }).nullable()
    })
  }
})
export type TownsContract = typeof townsContract
