import * as z from 'zod/mini'
import { cleanString, charCount } from '../text'
import { UNIT_TYPES, unitNameSchema, VILLAGE_TYPE, type UnitKind } from '../towns'
import { defineFunction } from './define'
import { townChoice } from './towns'

/**
 * 督查 (inspections): every ten days in September and October inspectors score every unit of a town
 * (村/社区, 学校, 医院, 站所, …) against the town's score sheet (评分细则). Some items are entered by the
 * inspector from what they found on site; others come from the campaign's figures, frozen when the
 * round opens so every unit is judged on the same moment. Problems found become 整改 tasks, verified
 * in the next round. The plan's 奖惩 rules (六) are computed from the scores, never from app use.
 */

export { UNIT_TYPES, VILLAGE_TYPE, type UnitKind }

export const unitTypeSchema = z.enum(UNIT_TYPES, { error: `单位类型应为${UNIT_TYPES.join('、')}之一` })

/** How an item of the score sheet gets its points. */
export const ITEM_KINDS = ['entered', 'figures'] as const
export type ItemKind = (typeof ITEM_KINDS)[number]
export const ITEM_KIND_LABELS: Record<ItemKind, string> = { entered: '督查录入', figures: '工作数据' }

/**
 * Which campaign figure a 'figures' item is computed from; points = maximum × the unit's rate at the
 * round's opening. An item whose rate has nothing to divide by (a school has no phone quota) does not
 * apply to that unit; its score is then taken over the items that apply (see `unitScore`).
 */
export const FIGURE_SOURCES = [
  'contacts', // 电话台账完成率: registered ÷ quota (villages only)
  'visited', // 入户走访率
  'letter', // 公开信发放率
  'card', // 民情联系卡回执率
  'explained', // 问卷讲解辅导率
  'replied', // 群众诉求回复率
  'safety', // 模拟民调安全感率 (completed interviews)
  'satisfaction', // 模拟民调满意率 (completed interviews)
  'tasksVerified' // 上轮整改任务验收通过率
] as const
export type FigureSource = (typeof FIGURE_SOURCES)[number]
export const FIGURE_SOURCE_LABELS: Record<FigureSource, string> = {
  contacts: '电话台账完成率',
  visited: '入户走访率',
  letter: '公开信发放率',
  card: '民情联系卡回执率',
  explained: '问卷讲解辅导率',
  replied: '群众诉求回复率',
  safety: '模拟民调安全感率',
  satisfaction: '模拟民调满意率',
  tasksVerified: '上轮整改验收率'
}

export const itemIdSchema = z
  .string({ error: '请填写评分项编号' })
  .check(z.regex(/^[a-z][a-z0-9_-]{0,31}$/, { error: '评分项编号应为小写字母开头的字母、数字、-或_,最多32位' }))

const itemNameSchema = cleanString('评分项名称', { error: '请填写评分项名称' }).check(
  z.refine((s) => s.length > 0, { error: '请填写评分项名称' }),
  z.refine((s) => charCount(s) <= 40, { error: '评分项名称不能超过40个字' })
)

const halfPoints = (what: string) =>
  z
    .number({ error: `${what}应为数字` })
    .check(z.refine((n) => Number.isFinite(n) && Math.round(n * 2) === n * 2, { error: `${what}应为整数或半分(如2.5)` }))

export const sheetItemSchema = z.object({
  id: itemIdSchema,
  name: itemNameSchema,
  /** The item's maximum. */
  points: halfPoints('分值').check(z.refine((n) => n > 0 && n <= 100, { error: '分值应在0.5到100之间' })),
  kind: z.enum(ITEM_KINDS, { error: '评分方式应为督查录入(entered)或工作数据(figures)' }),
  /** For a 'figures' item: which figure. */
  source: z.optional(z.enum(FIGURE_SOURCES, { error: '请选择工作数据来源' })),
  /** What the inspector looks for (e.g. "横幅2–5幅,每组标语5幅以上"). */
  hint: z.optional(cleanString('评分说明', { error: '评分说明应为文字' }).check(z.refine((s) => charCount(s) <= 200, { error: '评分说明不能超过200个字' }))),
  /**
   * The kinds of unit the item applies to (村村响 only to villages); absent: every kind. A unit is
   * scored over the items that apply to it (see `unitScore` in src/core/inspections.ts).
   */
  types: z.optional(z.array(unitTypeSchema).check(z.minLength(1, { error: '适用单位类型至少选一种' }), z.maxLength(UNIT_TYPES.length)))
})
export type SheetItem = z.infer<typeof sheetItemSchema>

export const ROUND_STATUSES = ['open', 'closed'] as const
export type RoundStatus = (typeof ROUND_STATUSES)[number]

export const roundSchema = z.object({
  id: z.string(),
  town: z.string(),
  /** 第N轮 within the town's campaign, from 1. */
  number: z.number().check(z.int()),
  status: z.enum(ROUND_STATUSES),
  openedAt: z.string(),
  closedAt: z.nullable(z.string()),
  /** Who or what opened it: an admin's name, or '定时' for the timer. */
  openedBy: z.string(),
  /** Units to score (active at opening) and how many have been scored. */
  units: z.number().check(z.int()),
  scored: z.number().check(z.int())
})
export type Round = z.infer<typeof roundSchema>

export const roundIdSchema = z.string({ error: '请指定督查轮次' }).check(z.minLength(1, { error: '请指定督查轮次' }), z.maxLength(100))

export const TASK_STATUSES = ['open', 'done', 'verified', 'carried'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  open: '待整改',
  done: '已整改待验收',
  verified: '已验收',
  carried: '督导补火'
}

export const TASK_TEXT_MAX = 200
export const taskTextSchema = cleanString('问题描述', { error: '请填写发现的问题' }).check(
  z.refine((s) => s.length > 0, { error: '请填写发现的问题' }),
  z.refine((s) => charCount(s) <= TASK_TEXT_MAX, { error: `问题描述不能超过${TASK_TEXT_MAX}个字` })
)

export const taskSchema = z.object({
  id: z.string(),
  unit: z.string(),
  text: z.string(),
  status: z.enum(TASK_STATUSES),
  dueAt: z.string(),
  /** Past its deadline and not yet done or verified. */
  overdue: z.boolean(),
  /** The round whose inspector found it, and its number. */
  round: z.string(),
  roundNumber: z.number().check(z.int()),
  createdAt: z.string(),
  /** The cadre's note when marking it done. */
  note: z.nullable(z.string()),
  doneAt: z.nullable(z.string()),
  verifiedAt: z.nullable(z.string()),
  /** For a 'carried' task: the task of the new round it became. */
  carriedTo: z.nullable(z.string())
})
export type Task = z.infer<typeof taskSchema>

const noteSchema = cleanString('备注', { error: '备注应为文字' }).check(z.refine((s) => charCount(s) <= 200, { error: '备注不能超过200个字' }))

/** Photos are always optional (国办函〔2026〕12号: no unit is required to upload work photos). */
export const PHOTO_MAX = 3

/**
 * Where an inspector's optional photos are uploaded (`preparePhoto` gives the path), in a folder named
 * by their OPENID: `score` accepts only the caller's own. The circulars go to INSPECTION_EXPORT_DIR.
 */
export const INSPECTION_PHOTO_DIR = 'inspection-photos'
export const inspectionPhotoPrefix = (openid: string): string => `${INSPECTION_PHOTO_DIR}/${openid}/`
export const INSPECTION_EXPORT_DIR = 'inspection-exports'

export const scoredItemSchema = z.object({
  id: itemIdSchema,
  points: halfPoints('得分').check(z.refine((n) => n >= 0, { error: '得分不能为负数' })),
  note: z.optional(noteSchema),
  photos: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(500))).check(z.maxLength(PHOTO_MAX, { error: `每项最多${PHOTO_MAX}张照片` })))
})

const rankFlag = z.nullable(z.enum(['top', 'bottom']))

/** One unit's line of a round: the score of each item (null where it does not apply or is not yet entered). */
export const rankingRowSchema = z.object({
  unit: z.string(),
  type: unitTypeSchema,
  /** Out of 100 (over the items that apply); null while the unit is not scored. */
  score: z.nullable(z.number()),
  rank: z.nullable(z.number().check(z.int())),
  flag: rankFlag,
  items: z.record(z.string(), z.nullable(z.number())),
  /** The unit's open (not verified) 整改 tasks at the time of the answer. */
  openTasks: z.number().check(z.int()),
  /** Change of rank since the unit's previous round (positive: moved up); null in its first round. */
  change: z.nullable(z.number().check(z.int()))
})
export type RankingRow = z.infer<typeof rankingRowSchema>

export const inspectionUnitSchema = z.object({
  name: z.string(),
  type: unitTypeSchema,
  active: z.boolean(),
  /** Only villages have phone quotas; 0 for other units. */
  quota: z.number().check(z.int()),
  order: z.number().check(z.int())
})

export const scheduleSchema = z.object({
  /** The timer opens a round every `everyDays` days from `start` through `end` (China days, YYYY-MM-DD). */
  auto: z.boolean(),
  start: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: '开始日期格式应为YYYY-MM-DD' })),
  end: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: '结束日期格式应为YYYY-MM-DD' })),
  everyDays: z.number({ error: '间隔天数应为数字' }).check(z.int(), z.gte(1, { error: '间隔至少1天' }), z.lte(60, { error: '间隔不能超过60天' }))
})
export type Schedule = z.infer<typeof scheduleSchema>

export const inspectionsContract = defineFunction({
  /** The town's units to inspect (考核对象), active and retired, in order. Inspectors and admins. */
  units: {
    event: z.object({ town: townChoice }),
    answer: z.object({ town: z.string(), units: z.array(inspectionUnitSchema) })
  },
  /** An admin adds a unit (with its type), renames it, changes its type or retires it; history kept. */
  saveUnit: {
    event: z.object({
      town: townChoice,
      name: unitNameSchema,
      type: z.optional(unitTypeSchema),
      rename: z.optional(unitNameSchema),
      active: z.optional(z.boolean()),
      /** A village's phone quota (needed when adding a 村/社区 or retyping a unit to one); other kinds have none. */
      quota: z.optional(
        z.number({ error: '任务数应为数字' }).check(z.int({ error: '任务数应为整数' }), z.gte(1, { error: '任务数应大于0' }), z.lte(100000, { error: '任务数不能超过100000' }))
      )
    }),
    answer: z.object({ town: z.string(), unit: inspectionUnitSchema })
  },
  /** The town's score sheet; the plan's default (totalling 100) until an admin saves one. */
  sheet: {
    event: z.object({ town: townChoice }),
    answer: z.object({ town: z.string(), items: z.array(sheetItemSchema), total: z.number(), updatedAt: z.nullable(z.string()) })
  },
  /** An admin replaces the sheet; a round already opened keeps the sheet it opened with. */
  saveSheet: {
    event: z.object({ town: townChoice, items: z.array(sheetItemSchema).check(z.minLength(1, { error: '评分细则至少要有一项' }), z.maxLength(40, { error: '评分细则最多40项' })) }),
    answer: z.object({ town: z.string(), items: z.array(sheetItemSchema), total: z.number() })
  },
  /** When the timer opens rounds (default: every 10 days in September and October). */
  schedule: { event: z.object({ town: townChoice }), answer: z.object({ town: z.string(), schedule: scheduleSchema }) },
  saveSchedule: {
    event: z.object({ town: townChoice, schedule: scheduleSchema }),
    answer: z.object({ town: z.string(), schedule: scheduleSchema })
  },
  /** An admin opens a round: the sheet and the figures-based items are frozen now. One open round at a time. */
  openRound: { event: z.object({ town: townChoice }), answer: z.object({ round: z.string(), number: z.number().check(z.int()) }) },
  /**
   * The daily timer (a county admin by hand): in each town whose schedule is on and due today, closes
   * the round still open and opens the next one; once per town per day (a round opened today by
   * anyone counts).
   */
  autoOpen: {
    event: z.object({}),
    answer: z.object({ day: z.string(), opened: z.array(z.object({ town: z.string(), round: z.string(), number: z.number().check(z.int()) })), closed: z.array(z.string()) })
  },
  /** The town's rounds, newest first. */
  rounds: { event: z.object({ town: townChoice }), answer: z.object({ town: z.string(), rounds: z.array(roundSchema) }) },
  /** One round for the inspector: its sheet, and each unit's frozen figures and scores so far. */
  round: {
    event: z.object({ round: roundIdSchema }),
    answer: z.object({
      round: roundSchema,
      items: z.array(sheetItemSchema),
      units: z.array(
        z.object({
          unit: z.string(),
          type: unitTypeSchema,
          /** Points of each figures item frozen at opening (null: does not apply); entered items as scored (null: not yet). */
          items: z.record(z.string(), z.nullable(z.number())),
          notes: z.record(z.string(), z.string()),
          score: z.nullable(z.number()),
          /** The campaign figures frozen at opening, each a rate 0–1 (null: nothing to divide by). */
          rates: z.record(z.string(), z.nullable(z.number())),
          /** The unit's open (not verified) 整改 tasks at the time of the answer. */
          openTasks: z.number().check(z.int()),
          scoredBy: z.nullable(z.string()),
          /** Tasks of earlier rounds waiting for this round's verification. */
          toVerify: z.number().check(z.int())
        })
      )
    })
  },
  /** An inspector scores a unit's entered items (scoring again replaces them); problems become 整改 tasks. */
  score: {
    event: z.object({
      round: roundIdSchema,
      unit: unitNameSchema,
      items: z.array(scoredItemSchema).check(z.maxLength(40)),
      problems: z.optional(
        z
          .array(
            z.object({
              text: taskTextSchema,
              dueDays: z
                .number({ error: '整改期限应为天数' })
                .check(z.int({ error: '整改期限应为整数天' }), z.gte(1, { error: '整改期限至少1天' }), z.lte(60, { error: '整改期限不能超过60天' }))
            })
          )
          .check(z.maxLength(20, { error: '一次最多记录20个问题' }))
      )
    }),
    answer: z.object({ round: z.string(), unit: z.string(), score: z.number() })
  },
  /** Where an inspector uploads one optional photo (registered first, so an unused upload is found and deleted). */
  preparePhoto: { event: z.object({}), answer: z.object({ cloudPath: z.string() }) },
  /** An admin closes a round: no more scores; unverified tasks of earlier rounds are carried over. */
  closeRound: { event: z.object({ round: roundIdSchema }), answer: z.object({ round: z.string() }) },
  /**
   * A round's ranking with the plan's rules: top 5 and bottom 3 of this round; over the rounds so far,
   * units in the top 5 every time and units in the bottom 3 three rounds in a row. `type` ranks one
   * kind of unit apart (villages among villages).
   */
  ranking: {
    event: z.object({ round: roundIdSchema, type: z.optional(unitTypeSchema) }),
    answer: z.object({
      round: roundSchema,
      items: z.array(sheetItemSchema),
      rows: z.array(rankingRowSchema),
      everyRoundTop: z.array(z.string()),
      bottomThreeInARow: z.array(z.string()),
      /** Rounds counted for the two lists (closed ones, and this one). */
      roundsCounted: z.number().check(z.int())
    })
  },
  /**
   * One unit's items in a round (default: the latest round of the campaign that scored it): what each
   * earned out of its points, with the inspector's notes. A cadre sees their own unit's only.
   */
  unitDetail: {
    event: z.object({ town: townChoice, unit: z.optional(unitNameSchema), round: z.optional(roundIdSchema) }),
    answer: z.object({
      town: z.string(),
      unit: z.string(),
      /** null: no round has scored the unit yet. */
      round: z.nullable(z.object({ id: z.string(), number: z.number().check(z.int()), status: z.enum(ROUND_STATUSES) })),
      type: z.nullable(unitTypeSchema),
      score: z.nullable(z.number()),
      items: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          kind: z.enum(ITEM_KINDS),
          points: z.number(),
          got: z.nullable(z.number()),
          note: z.nullable(z.string())
        })
      )
    })
  },
  /** Each unit's score and rank per round (the trend), oldest round first. */
  history: {
    event: z.object({ town: townChoice, unit: z.optional(unitNameSchema), type: z.optional(unitTypeSchema) }),
    answer: z.object({
      town: z.string(),
      rounds: z.array(z.object({ id: z.string(), number: z.number().check(z.int()), openedAt: z.string(), status: z.enum(ROUND_STATUSES) })),
      units: z.array(
        z.object({ unit: z.string(), type: unitTypeSchema, scores: z.array(z.nullable(z.number())), ranks: z.array(z.nullable(z.number().check(z.int()))) })
      )
    })
  },
  /** 整改 tasks: a cadre sees only their unit's; inspectors and admins any unit of the town. */
  tasks: {
    event: z.object({ town: townChoice, unit: z.optional(unitNameSchema), status: z.optional(z.enum(TASK_STATUSES)) }),
    answer: z.object({ tasks: z.array(taskSchema) })
  },
  /** A cadre of the unit marks a task done, with what was done. */
  completeTask: {
    event: z.object({
      id: z.string({ error: '请指定整改任务' }).check(z.minLength(1), z.maxLength(100)),
      note: cleanString('整改情况', { error: '请填写整改情况' }).check(
        z.refine((s) => s.length > 0, { error: '请填写整改情况' }),
        z.refine((s) => charCount(s) <= 200, { error: '整改情况不能超过200个字' })
      )
    }),
    answer: z.object({ id: z.string(), status: z.literal('done') })
  },
  /** The inspector of a later round checks a task: fixed → verified; not fixed → carried into this round. */
  verifyTask: {
    event: z.object({ id: z.string({ error: '请指定整改任务' }).check(z.minLength(1), z.maxLength(100)), fixed: z.boolean({ error: '请选择是否整改到位' }) }),
    answer: z.object({ id: z.string(), status: z.enum(TASK_STATUSES) })
  },
  /** The round's 通报 as an xlsx: ranks, scores per item, flags, each unit's open tasks. Audited. */
  exportCircular: {
    event: z.object({ round: roundIdSchema, type: z.optional(unitTypeSchema) }),
    answer: z.object({ fileID: z.string(), tempFileURL: z.string() })
  }
})
export type InspectionsContract = typeof inspectionsContract
