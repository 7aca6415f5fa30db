import { questionNumber } from './ids'
import { QUESTIONNAIRE_2023 } from './model'
import { own } from './own'
import { visibleQuestions } from './relevance'
import type { Answers, Question, Questionnaire } from './types'

/** Longest "其他" text, in characters (a rare character counts once). */
export const OTHER_TEXT_MAX = 50

export type ProblemCode =
  | 'UNKNOWN_QUESTION'
  | 'REQUIRED'
  | 'NOT_RELEVANT'
  | 'UNKNOWN_OPTION'
  | 'DUPLICATE_OPTION'
  | 'TOO_MANY'
  | 'EXCLUSIVE_CONFLICT'
  | 'OTHER_TEXT_MISSING'
  | 'OTHER_TEXT_TOO_LONG'
  | 'OTHER_TEXT_UNEXPECTED'

export interface Problem {
  /** A question id, or the unknown key as received. */
  readonly questionId: string
  readonly code: ProblemCode
  /** Chinese, for the respondent or the cadre. */
  readonly message: string
}

/** Loose input shapes: what arrives over the wire may carry unknown keys. */
export type AnswersInput = Readonly<Record<string, readonly number[] | undefined>>
export type OtherTextsInput = Readonly<Record<string, string | undefined>>

export const textLength = (text: string): number => Array.from(text).length

/** A note shows text only: any answer or "其他" text sent for it is refused. */
function checkNote(question: Question<string>, chosen: readonly number[], otherText: string): Problem[] {
  const problems: Problem[] = []
  if (chosen.length > 0) {
    problems.push({ questionId: question.id, code: 'NOT_RELEVANT', message: `说明“${question.id}”不用作答` })
  }
  if (otherText.trim() !== '') {
    problems.push({ questionId: question.id, code: 'OTHER_TEXT_UNEXPECTED', message: `说明“${question.id}”不用填写说明` })
  }
  return problems
}

function checkQuestion(
  question: Question<string>,
  n: number,
  chosen: readonly number[],
  visible: boolean,
  otherText: string,
): Problem[] {
  const problems: Problem[] = []
  const add = (code: ProblemCode, message: string): void => {
    problems.push({ questionId: question.id, code, message })
  }

  if (visible && chosen.length === 0) add('REQUIRED', `第${n}题还没有作答`)
  if (!visible && chosen.length > 0) add('NOT_RELEVANT', `根据前面的回答，第${n}题不用作答`)

  const distinct = [...new Set(chosen)]
  for (const v of distinct) {
    if (!question.options.some((o) => o.value === v)) add('UNKNOWN_OPTION', `第${n}题没有选项${v}`)
    if (chosen.indexOf(v) !== chosen.lastIndexOf(v)) add('DUPLICATE_OPTION', `第${n}题重复选择了选项${v}`)
  }
  if (question.kind === 'single' && distinct.length > 1) {
    add('TOO_MANY', `第${n}题是单选题，只能选一项`)
  }
  for (const o of question.options) {
    if (o.exclusive && distinct.includes(o.value) && distinct.length > 1) {
      add('EXCLUSIVE_CONFLICT', `第${n}题选了“${o.label}”，不能再选其他选项`)
    }
  }

  const other = question.options.find((o) => o.other)
  const otherChosen = other !== undefined && distinct.includes(other.value)
  const text = otherText.trim()
  if (otherChosen && text === '') add('OTHER_TEXT_MISSING', `第${n}题选了“其他”，请注明具体内容`)
  if (otherChosen && textLength(text) > OTHER_TEXT_MAX) {
    add('OTHER_TEXT_TOO_LONG', `第${n}题“其他”的说明不能超过${OTHER_TEXT_MAX}个字`)
  }
  if (!otherChosen && text !== '') add('OTHER_TEXT_UNEXPECTED', `第${n}题没有选“其他”，不用填写说明`)
  return problems
}

/**
 * Every problem with a set of answers to `q` (default 2023), in paper order, unknown keys last.
 * Empty result: the answers can be submitted. Relevance is judged as the
 * respondent saw it (see relevance.ts); "其他" texts are judged trimmed. Notes take no answer.
 */
export function validate(
  answers: AnswersInput,
  others: OtherTextsInput = {},
  q: Questionnaire = QUESTIONNAIRE_2023,
): Problem[] {
  const known: Answers = {}
  for (const { id } of q.questions) {
    const chosen = own(answers, id)
    if (chosen !== undefined) known[id] = [...chosen]
  }
  const visible = new Set(visibleQuestions(known, q))
  const problems = q.questions.flatMap((question) => {
    const chosen = known[question.id] ?? []
    const text = own(others, question.id) ?? ''
    if (question.kind === 'note') return checkNote(question, chosen, text)
    const n = questionNumber(question.id, q)
    return checkQuestion(question, n, chosen, visible.has(question.id), text)
  })
  const ids = new Set(q.questions.map((question) => question.id))
  const keys = new Set([...Object.keys(answers), ...Object.keys(others)])
  const unknownKeys = [...keys].filter((k) => !ids.has(k))
  for (const key of unknownKeys) {
    problems.push({ questionId: key, code: 'UNKNOWN_QUESTION', message: `没有这道题：${key}` })
  }
  return problems
}
