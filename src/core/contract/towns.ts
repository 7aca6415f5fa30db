import * as z from 'zod/mini'
import { letterSchema, slogansSchema, townNameSchema } from '../towns'
import { defineFunction } from './define'
import { townChoice, townUnitSchema, townsResident } from './towns-resident'

export * from './towns-resident'

/**
 * The folder of cloud storage the app uploads a 附件3-style sheet to (a town made from a sheet), in a
 * sub-folder named by the caller's OPENID, as for contact imports.
 */
export const UNIT_IMPORT_DIR = 'unit-imports'

export const unitImportPrefix = (openid: string): string => `${UNIT_IMPORT_DIR}/${openid}/`

const skippedSchema = z.object({ row: z.int(), reason: z.string() })

const rankFlag = z.nullable(z.enum(['top', 'bottom']))

export const townRankSchema = z.object({
  town: z.string(),
  quota: z.int(),
  registered: z.int(),
  rate: z.number(),
  rank: z.int(),
  flag: rankFlag,
  change: z.nullable(z.object({ registered: z.int(), rank: z.int() }))
})
export type TownRank = z.infer<typeof townRankSchema>

export const townsContract = defineFunction({
  list: townsResident.list,
  units: townsResident.units,
  /**
   * A new town with its units, from rows (`units`, as typed) or from an uploaded 附件3-style sheet
   * (`fileID`). Bad rows are reported and the good ones kept; sending it again changes nothing
   * (units already there are left as they are).
   */
  create: {
    event: z
      .object({
        name: townNameSchema,
        units: z.optional(
          z.array(z.object({ name: z.unknown(), quota: z.unknown() }), { error: '村(社区)列表应为一组' }).check(z.maxLength(500, { error: '一次最多500个村(社区)' }))
        ),
        fileID: z.optional(z.string().check(z.minLength(1), z.maxLength(500)))
      })
      .check(z.refine((e) => (e.units === undefined) !== (e.fileID === undefined), { error: '请提供村(社区)列表或上传的表格(二选一)' })),
    answer: z.object({ name: z.string(), created: z.boolean(), unitsAdded: z.int(), skipped: z.array(skippedSchema) })
  },
  /** Adds a unit, changes its quota, renames it or retires it (history kept; a retired unit takes no new work). */
  saveUnit: {
    event: z.object({
      town: townChoice,
      name: z.string({ error: '请选择村(社区)' }).check(z.minLength(1, { error: '请选择村(社区)' }), z.maxLength(20)),
      rename: z.optional(z.string().check(z.maxLength(20))),
      quota: z.optional(
        z.number({ error: '任务数应为数字' }).check(z.int({ error: '任务数应为整数' }), z.gte(1, { error: '任务数应大于0' }), z.lte(100000))
      ),
      active: z.optional(z.boolean())
    }),
    answer: z.object({ town: z.string(), unit: townUnitSchema })
  },
  content: townsResident.content,
  /** A town admin (or a county admin) edits the letter and the slogans; audited. */
  saveContent: {
    event: z
      .object({ town: townChoice, letter: z.optional(letterSchema), slogans: z.optional(slogansSchema) })
      .check(z.refine((e) => e.letter !== undefined || e.slogans !== undefined, { error: '没有要保存的内容' })),
    answer: z.object({ town: z.string() })
  },
  /** The county's view: towns ranked by phone-ledger completion, with the change since the last round. */
  ranking: {
    event: z.object({}),
    answer: z.object({
      rows: z.array(townRankSchema),
      total: z.object({ quota: z.int(), registered: z.int(), rate: z.number() }),
      previousRound: z.nullable(z.object({ day: z.string(), takenAt: z.string() }))
    })
  }
})

export type TownsContract = typeof townsContract
