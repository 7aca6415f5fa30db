import * as z from 'zod/mini'
import { QUESTIONNAIRE_LIMITS } from './limits'
import type { Condition } from './conditions'
import { QUESTIONS } from './questions'
import { RELEVANCE } from './relevance-2023'
import type { IndicatorMapping, Question, Questionnaire } from './types'

export type { IndicatorMapping, IndicatorSpec, Questionnaire } from './types'
export { QUESTIONNAIRE_LIMITS }

/**
 * The 2023 indicator mapping, as indicators.ts hard-coded it: 安全感 Q1 (1)(2); 夜间担心 Q3 (1)(2);
 * 满意率 Q14 and Q11 (1)(2) with (5) 不了解/不清楚 left out; distributions of the multiple-choice questions.
 */
export const INDICATORS_2023: IndicatorMapping = {
  safety: { question: 'Q1', favourable: [1, 2], unknown: [] },
  nightWorry: { question: 'Q3', favourable: [1, 2], unknown: [] },
  satisfaction: { question: 'Q14', favourable: [1, 2], unknown: [5] },
  crackdownSatisfaction: { question: 'Q11', favourable: [1, 2], unknown: [5] },
  distributions: ['Q2', 'Q4', 'Q12', 'Q13'],
}

/** A question without the paper's jump marks: the model carries the skips as relevance. */
const withoutMarks = (question: Question): Question<string> => ({
  id: question.id,
  kind: question.kind,
  text: question.text,
  about: question.about,
  options: question.options.map(({ skipTo: _skipTo, skips: _skips, ...option }) => option),
})

/**
 * The built-in 2023 questionnaire (附件1): QUESTIONS and RELEVANCE as one value, and the fallback
 * when the current one cannot be fetched. The paper's jump marks (skipTo/skips) stay in QUESTIONS,
 * where the tests check them against the paper; here the relevance table says the same.
 */
export const QUESTIONNAIRE_2023: Questionnaire = {
  version: '2023',
  title: '2023年综治民调问卷',
  questions: QUESTIONS.map(withoutMarks),
  relevance: RELEVANCE,
  indicators: INDICATORS_2023,
}

// ---------------------------------------------------------------------------
// Storage / transport check. Bounds first (nothing a client sends can make us loop or
// recurse deep), then the structural rules of checkQuestionnaire as issues.

const text = (what: string, max: number) =>
  z.string({ error: `${what}应为文字` }).check(z.maxLength(max, `${what}不能超过${max}个字`))

const optionSchema = z.object({
  value: z.number({ error: '选项编号应为数字' }),
  label: text('选项文字', QUESTIONNAIRE_LIMITS.label),
  exclusive: z.optional(z.boolean()),
  other: z.optional(z.boolean()),
  notReadAloud: z.optional(z.boolean()),
})

const questionSchema = z.object({
  id: z.string({ error: '题目名称应为文字' }).check(z.maxLength(32, '题目名称过长')),
  kind: z.enum(['single', 'multiple', 'note'], { error: '题型应为单选、多选或说明' }),
  text: text('题目文字', QUESTIONNAIRE_LIMITS.text),
  about: text('题目说明', QUESTIONNAIRE_LIMITS.text),
  options: z.array(optionSchema).check(z.maxLength(QUESTIONNAIRE_LIMITS.options, `一道题最多${QUESTIONNAIRE_LIMITS.options}个选项`)),
})

/** Reads a condition without recursion deeper than the limit; null when it is not one. */
function readCondition(value: unknown, depth: number, budget: { parts: number }): Condition<string> | null {
  if (depth > QUESTIONNAIRE_LIMITS.conditionDepth || --budget.parts < 0) return null
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const keys = Object.keys(value)
  const v = value as Record<string, unknown>
  if (keys.length === 2 && typeof v.q === 'string' && Array.isArray(v.anyOf)) {
    const anyOf = v.anyOf
    if (anyOf.length > QUESTIONNAIRE_LIMITS.options || !anyOf.every((n) => typeof n === 'number')) return null
    return { q: v.q, anyOf: anyOf as number[] }
  }
  if (keys.length !== 1) return null
  if ('not' in v) {
    const inner = readCondition(v.not, depth + 1, budget)
    return inner && { not: inner }
  }
  const list = 'all' in v ? v.all : 'any' in v ? v.any : undefined
  if (!Array.isArray(list) || list.length > QUESTIONNAIRE_LIMITS.conditionParts) return null
  const parts: Condition<string>[] = []
  for (const item of list) {
    const part = readCondition(item, depth + 1, budget)
    if (!part) return null
    parts.push(part)
  }
  return 'all' in v ? { all: parts } : { any: parts }
}

const conditionSchema = z.pipe(
  z.unknown(),
  z.transform((value: unknown, ctx) => {
    const condition = readCondition(value, 0, { parts: QUESTIONNAIRE_LIMITS.conditionParts })
    if (condition) return condition
    ctx.issues.push({ code: 'custom', message: '跳转条件格式不对', input: value })
    return z.NEVER
  })
)

const optionNumbers = z.array(z.number({ error: '选项编号应为数字' })).check(z.maxLength(QUESTIONNAIRE_LIMITS.options))
const indicatorSpecSchema = z.object({
  question: z.string({ error: '指标题目应为文字' }).check(z.maxLength(32)),
  favourable: optionNumbers,
  unknown: optionNumbers,
})

const shapeSchema = z.object({
  version: z.string({ error: '版本号应为文字' }).check(z.maxLength(32, '版本号最多32个字符')),
  title: text('问卷标题', QUESTIONNAIRE_LIMITS.label),
  questions: z.array(questionSchema).check(z.maxLength(QUESTIONNAIRE_LIMITS.questions, `问卷最多${QUESTIONNAIRE_LIMITS.questions}道题`)),
  relevance: z.record(z.string().check(z.maxLength(32)), conditionSchema),
  indicators: z.object({
    safety: indicatorSpecSchema,
    nightWorry: z.optional(indicatorSpecSchema),
    satisfaction: indicatorSpecSchema,
    crackdownSatisfaction: z.optional(indicatorSpecSchema),
    distributions: z.optional(z.array(z.string().check(z.maxLength(32))).check(z.maxLength(QUESTIONNAIRE_LIMITS.questions))),
  }),
})

/**
 * A questionnaire as the phone receives it (campaigns.current) and keeps it: the shape within its
 * bounds. The structural rules (questionnaireSchema, in ./checked) are the server's: a version is
 * stored only by importing its workbook (parseXlsForm runs them all), so every version served has
 * passed them, and the phone's engine walks the questions in order, so a questionnaire within the
 * bounds cannot make it loop. The rules and their reachability walk stay out of what a resident
 * downloads (tests/bundle/layout.test.ts).
 */
export const questionnaireWireSchema: z.ZodMiniType<Questionnaire> = shapeSchema
