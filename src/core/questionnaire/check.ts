import { referencedQuestions, type Condition } from './conditions'
import { own } from './own'
import { QUESTIONNAIRE_LIMITS } from './limits'
import { reachableQuestions } from './reach'
import type { IndicatorMapping, IndicatorSpec, Question, Questionnaire } from './types'

export { QUESTIONNAIRE_LIMITS }

export type IndicatorKey = Exclude<keyof IndicatorMapping, 'distributions'>

/** The indicators, in the order the settings sheet and the admin pages list them, with their Chinese names. */
export const INDICATORS: readonly { readonly key: IndicatorKey; readonly title: string; readonly required: boolean }[] = [
  { key: 'safety', title: '安全感率', required: true },
  { key: 'nightWorry', title: '夜间独自出行担心的比例', required: false },
  { key: 'satisfaction', title: '政法机关执法满意率', required: true },
  { key: 'crackdownSatisfaction', title: '扫黑除恶满意率', required: false },
]

/**
 * One structural problem, located so that the XLSForm import can name the row and column:
 * `field` says which part of the questionnaire, `questionId` / `value` / `indicator` which one.
 */
export interface QuestionnaireIssue {
  readonly field:
    | 'version'
    | 'title'
    | 'questions'
    | 'id'
    | 'kind'
    | 'text'
    | 'options'
    | 'value'
    | 'label'
    | 'flags'
    | 'relevance'
    | 'indicators'
    | 'distributions'
  readonly questionId?: string
  readonly value?: number
  readonly indicator?: IndicatorKey
  /** Which part of the indicator's setting: its question, its counted options, its "不了解" options. */
  readonly indicatorPart?: 'question' | 'favourable' | 'unknown'
  /** Chinese, for the survey person who wrote the workbook. */
  readonly message: string
}

/** XLSForm-like names: a letter first, then letters, digits or _, and never a name every object has. */
const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,31}$/
export const isValidQuestionName = (id: string): boolean => ID_PATTERN.test(id) && !(id in Object.prototype)

/** Version: what the app and the stored responses quote. */
const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/
export const isValidVersion = (version: string): boolean => VERSION_PATTERN.test(version)

const isPositiveInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0

/** "第3题(Q3)": the printed number when there is one, and the name a workbook uses. */
function nameOf(questions: readonly Question<string>[], id: string): string {
  let n = 0
  for (const question of questions) {
    if (question.kind !== 'note') n++
    if (question.id === id) return question.kind === 'note' ? `说明${id}` : `第${n}题(${id})`
  }
  return id
}

function checkCondition(
  condition: Condition<string>,
  target: string,
  position: ReadonlyMap<string, number>,
  byId: ReadonlyMap<string, Question<string>>,
  name: (id: string) => string,
  add: (message: string) => void,
): void {
  if ('q' in condition) {
    const ref = byId.get(condition.q)
    if (!ref) return add(`跳转条件用到了不存在的题目 ${condition.q}`)
    if ((position.get(condition.q) ?? 0) >= (position.get(target) ?? 0)) {
      return add(`跳转条件只能用前面的题目，${name(condition.q)}不在${name(target)}之前`)
    }
    if (ref.kind === 'note') return add(`跳转条件用到了说明${condition.q}，说明没有选项`)
    if (condition.anyOf.length === 0) return add(`跳转条件对${name(condition.q)}没有列出选项`)
    for (const v of condition.anyOf) {
      if (!ref.options.some((o) => o.value === v)) add(`跳转条件用到了${name(condition.q)}不存在的选项${v}`)
    }
    return
  }
  if ('not' in condition) return checkCondition(condition.not, target, position, byId, name, add)
  const parts = 'all' in condition ? condition.all : condition.any
  if (parts.length === 0) return add('跳转条件里有空的“且/或”')
  for (const part of parts) checkCondition(part, target, position, byId, name, add)
}

function checkIndicator(
  title: string,
  spec: IndicatorSpec,
  byId: ReadonlyMap<string, Question<string>>,
  name: (id: string) => string,
  add: (issue: Omit<QuestionnaireIssue, 'indicator'>) => void,
): void {
  const question = byId.get(spec.question)
  const field = 'indicators'
  if (!question) return add({ field, indicatorPart: 'question', message: `${title}用到了不存在的题目 ${spec.question}` })
  if (question.kind !== 'single') {
    return add({ field, indicatorPart: 'question', message: `${title}只能用单选题，${name(spec.question)}不是单选题` })
  }
  if (spec.favourable.length === 0) add({ field, indicatorPart: 'favourable', message: `${title}没有列出计入的选项` })
  for (const part of ['favourable', 'unknown'] as const) {
    for (const v of spec[part]) {
      if (!question.options.some((o) => o.value === v)) {
        add({ field, indicatorPart: part, message: `${title}用到了${name(spec.question)}不存在的选项${v}` })
      }
    }
  }
  for (const v of spec.favourable) {
    if (spec.unknown.includes(v)) {
      add({ field, indicatorPart: 'unknown', message: `${title}的选项${v}不能既计入又算作“不了解”` })
    }
  }
}

/**
 * Every structural problem of a questionnaire, in order: the form, then each question and its
 * options, its skip rule, whether any answers can reach it, then the indicators. Empty: usable.
 * The same rules guard storage (questionnaireSchema) and the XLSForm import.
 */
export function checkQuestionnaire(q: Questionnaire): QuestionnaireIssue[] {
  const issues: QuestionnaireIssue[] = []
  const add = (issue: QuestionnaireIssue): void => {
    issues.push(issue)
  }
  const name = (id: string): string => nameOf(q.questions, id)

  if (q.version.trim() === '') add({ field: 'version', message: '缺少版本号(version)，例如 2026-1' })
  else if (!isValidVersion(q.version)) {
    add({ field: 'version', message: `版本号“${q.version}”不合规：只能用字母、数字、点(.)、横线(-)和下划线(_)，以字母或数字开头，最多32个字符` })
  }
  if (q.title.trim() === '') add({ field: 'title', message: '问卷标题(form_title)不能为空' })
  if (q.title.length > QUESTIONNAIRE_LIMITS.label) {
    add({ field: 'title', message: `问卷标题不能超过${QUESTIONNAIRE_LIMITS.label}个字` })
  }
  if (q.questions.length > QUESTIONNAIRE_LIMITS.questions) {
    add({ field: 'questions', message: `问卷最多${QUESTIONNAIRE_LIMITS.questions}道题(含说明)` })
  }
  if (!q.questions.some((question) => question.kind !== 'note')) {
    add({ field: 'questions', message: '问卷里没有一道选择题' })
  }

  const byId = new Map<string, Question<string>>()
  const position = new Map<string, number>()
  q.questions.forEach((question, i) => {
    const id = question.id
    if (!isValidQuestionName(id)) {
      add({ field: 'id', questionId: id, message: `题目名称“${id}”不合规：以英文字母开头，只用字母、数字和下划线，最多32个字符` })
    }
    if (byId.has(id)) {
      add({ field: 'id', questionId: id, message: `题目名称 ${id} 重复了` })
      return
    }
    byId.set(id, question)
    position.set(id, i)
    const label = name(id)
    if (question.text.trim() === '') add({ field: 'text', questionId: id, message: `${label}的题目文字不能为空` })
    if (question.text.length > QUESTIONNAIRE_LIMITS.text || question.about.length > QUESTIONNAIRE_LIMITS.text) {
      add({ field: 'text', questionId: id, message: `${label}的文字或提示不能超过${QUESTIONNAIRE_LIMITS.text}个字` })
    }
    if (question.kind === 'note') {
      if (question.options.length > 0) add({ field: 'options', questionId: id, message: `${label}是说明，不能有选项` })
      return
    }
    if (question.options.length === 0) add({ field: 'options', questionId: id, message: `${label}没有选项` })
    if (question.options.length > QUESTIONNAIRE_LIMITS.options) {
      add({ field: 'options', questionId: id, message: `${label}最多${QUESTIONNAIRE_LIMITS.options}个选项` })
    }
    const seen = new Set<number>()
    for (const o of question.options) {
      if (!isPositiveInteger(o.value)) {
        add({ field: 'value', questionId: id, value: o.value, message: `${label}的选项编号“${o.value}”应为正整数` })
      } else if (seen.has(o.value)) {
        add({ field: 'value', questionId: id, value: o.value, message: `${label}的选项${o.value}重复了` })
      }
      seen.add(o.value)
      if (o.label.trim() === '') add({ field: 'label', questionId: id, value: o.value, message: `${label}的选项${o.value}没有文字` })
      if (o.label.length > QUESTIONNAIRE_LIMITS.label) {
        add({ field: 'label', questionId: id, value: o.value, message: `${label}的选项${o.value}不能超过${QUESTIONNAIRE_LIMITS.label}个字` })
      }
    }
    if (question.options.filter((o) => o.other).length > 1) {
      add({ field: 'flags', questionId: id, message: `${label}只能有一个需要注明的“其他”选项` })
    }
  })

  let relevanceOk = true
  for (const id of Object.keys(q.relevance)) {
    const condition = own(q.relevance, id)
    if (!condition) continue
    const before = issues.length
    if (!byId.has(id)) add({ field: 'relevance', questionId: id, message: `跳转条件写给了不存在的题目 ${id}` })
    else {
      checkCondition(condition, id, position, byId, name, (message) =>
        add({ field: 'relevance', questionId: id, message: `${name(id)}：${message}` }),
      )
      if (referencedQuestions(condition).length > 64) {
        add({ field: 'relevance', questionId: id, message: `${name(id)}的跳转条件太长` })
      }
    }
    if (issues.length > before) relevanceOk = false
  }

  // Only a well-formed table can be walked.
  if (relevanceOk && issues.every((i) => i.field !== 'id' && i.field !== 'value')) {
    const { reachable } = reachableQuestions(q)
    for (const question of q.questions) {
      if (!reachable.has(question.id)) {
        add({
          field: 'relevance',
          questionId: question.id,
          message: `${name(question.id)}的跳转条件在任何回答下都不成立，这道题永远不会出现`,
        })
      }
    }
  }

  for (const { key, title, required } of INDICATORS) {
    const spec = q.indicators[key]
    if (!spec) {
      if (required) add({ field: 'indicators', indicator: key, message: `没有指定${title}用哪道题` })
      continue
    }
    checkIndicator(title, spec, byId, name, (issue) => add({ ...issue, indicator: key }))
  }
  for (const id of q.indicators.distributions ?? []) {
    const question = byId.get(id)
    if (!question) add({ field: 'distributions', questionId: id, message: `选项分布用到了不存在的题目 ${id}` })
    else if (question.kind === 'note') add({ field: 'distributions', questionId: id, message: `选项分布不能用说明${id}` })
  }
  return issues
}
