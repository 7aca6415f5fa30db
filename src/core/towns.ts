/**
 * One county, many towns (乡镇/街道). A town has its units (villages with phone quotas, as 附件3), its
 * campaign content (the open letter and the slogans; the hotlines are county-wide) and its people.
 * The seed's 云集街道 is the default town: an event without `town` acts on it (or on the caller's own).
 */
import * as z from 'zod/mini'
import { HOTLINE_LABEL, HOTLINES, OPEN_LETTER, SLOGANS } from './content'
import { charCount, cleanString } from './text'
import { VILLAGES } from './villages'

/** The county that deploys the app, and its first town (the seed plan's), created at first start. */
export const COUNTY = '衡南县'
export const DEFAULT_TOWN = '云集街道'

/** '/' separates a town from a unit in document ids, so neither name may hold it. */
const NO_SEPARATOR = (s: string) => !s.includes('/')

export const townNameSchema = cleanString('乡镇(街道)名称', { error: '请填写乡镇(街道)名称' }).check(
  z.refine((s) => s.length > 0, { error: '请填写乡镇(街道)名称' }),
  z.refine((s) => charCount(s) <= 20, { error: '乡镇(街道)名称不能超过20个字' }),
  z.refine(NO_SEPARATOR, { error: '乡镇(街道)名称不能含有“/”' })
)

/** A village (村/社区) or, later, another unit of a town; unique within its town only. */
export const unitNameSchema = cleanString('村(社区)名称', { error: '请选择村(社区)' }).check(
  z.refine((s) => s.length > 0, { error: '请选择村(社区)' }),
  z.refine((s) => charCount(s) <= 20, { error: '村(社区)名称不能超过20个字' }),
  z.refine(NO_SEPARATOR, { error: '村(社区)名称不能含有“/”' })
)

/** The kinds of unit a town has (考核对象, plan 五(三)): only villages (村/社区) have phone quotas. */
export const UNIT_TYPES = ['村/社区', '学校', '医院', '站所', '企业', '街道部门'] as const
export type UnitKind = (typeof UNIT_TYPES)[number]
export const VILLAGE_TYPE: UnitKind = '村/社区'

/** The id of a unit's documents (villages, village_counters, village_stats): unique in the county. */
export const unitKey = (town: string, unit: string): string => `${town}/${unit}`

export const letterSchema = z.object({
  title: z.optional(cleanString('公开信标题', { error: '公开信标题应为文字' }).check(z.refine((s) => charCount(s) <= 40, { error: '公开信标题不能超过40个字' }))),
  body: cleanString('公开信正文', { error: '请填写公开信正文' }, { multiline: true }).check(
    z.refine((s) => s.length > 0, { error: '请填写公开信正文' }),
    z.refine((s) => charCount(s) <= 3000, { error: '公开信正文不能超过3000个字' })
  ),
  sender: cleanString('落款', { error: '请填写落款' }, { multiline: true }).check(
    z.refine((s) => s.length > 0, { error: '请填写落款' }),
    z.refine((s) => charCount(s) <= 100, { error: '落款不能超过100个字' })
  ),
  date: cleanString('日期', { error: '请填写日期' }).check(
    z.refine((s) => s.length > 0, { error: '请填写日期' }),
    z.refine((s) => charCount(s) <= 20, { error: '日期不能超过20个字' })
  )
})
export type Letter = z.infer<typeof letterSchema>

export const slogansSchema = z
  .array(
    cleanString('标语', { error: '标语应为文字' }).check(
      z.refine((s) => s.length > 0, { error: '标语不能为空' }),
      z.refine((s) => charCount(s) <= 40, { error: '每条标语不能超过40个字' })
    ),
    { error: '标语应为一组文字' }
  )
  .check(z.minLength(1, { error: '至少需要一条标语' }), z.maxLength(50, { error: '标语不能超过50条' }))

export interface TownContent {
  letter: Letter
  slogans: string[]
}

/**
 * The seed town's content: 附件4 and 附件5 as printed. The letter's parts (greeting, paragraphs,
 * closing) become one body with blank lines between, which is what a town admin edits.
 */
export function seedContent(): TownContent {
  return {
    letter: {
      title: OPEN_LETTER.title,
      body: [OPEN_LETTER.subtitle, OPEN_LETTER.greeting, OPEN_LETTER.salutation, ...OPEN_LETTER.paragraphs, OPEN_LETTER.closing].join('\n\n'),
      sender: OPEN_LETTER.senders.join('\n'),
      date: OPEN_LETTER.date
    },
    slogans: [...SLOGANS]
  }
}

/**
 * What a new town's admin starts from: a neutral draft naming the town (never the seed town's own
 * letter, which speaks of 云集 and asks people to "道一声好"). Residents see a town's letter only once
 * its admin has saved one (`updatedAt`), so this draft is never shown to them as the town's word.
 */
export function draftContent(town: string): TownContent {
  const numbers = HOTLINES.map((h) => h.number).join('、')
  return {
    letter: {
      title: `共建平安${town} 共享和谐家园`,
      body: [
        '——致全体居民的一封公开信',
        '亲爱的父老乡亲们:',
        '大家好!',
        `公众安全感和满意度测评(综治民调)即将开始。如果您接到${numbers}或显示“${HOTLINE_LABEL}”的电话,请您接听,按照自己的真实感受回答调查员的每一道问题。`,
        '身边有矛盾纠纷、治安问题或生活困难,可以随时向村(社区)干部反映;遇到紧急情况,请拨打110。',
        '最后,衷心祝愿您及家人身体健康!万事顺意!'
      ].join('\n\n'),
      sender: `衡南县${town}`,
      date: '(请填写日期)'
    },
    slogans: [...SLOGANS]
  }
}

/** 附件3 of the seed town. */
export function seedUnits(): { name: string; quota: number }[] {
  return VILLAGES.map((v) => ({ name: v.name, quota: v.quota }))
}

/** Titles of the sheets a town's people export and import (附件2) and its circulars. */
export const contactSheetTitle = (town: string): string => `${town}公众安全感和满意度测评电话号码收集表`
export const contactSheetUnit = (town: string): string => `单位:${town}`
/** The circular's title; with the campaign's year in front when given ("2023年云集街道…"). */
export const rankingSheetTitle = (town: string, year?: number): string => `${year ? `${year}年` : ''}${town}综治民调电话任务完成情况通报`
