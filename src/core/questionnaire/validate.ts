import { QUESTION_IDS, isQuestionId, questionNumber } from './ids'
import { QUESTIONS } from './questions'
import { visibleQuestions } from './relevance'
import type { Answers, Question } from './types'

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

function checkQuestion(
  question: Question,
  chosen: readonly number[],
  visible: boolean,
  otherText: string,
): Problem[] {
  const n = questionNumber(question.id)
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
 * Every problem with a set of answers, in paper order, unknown keys last.
 * Empty result: the answers can be submitted. Relevance is judged as the
 * respondent saw it (see relevance.ts); "其他" texts are judged trimmed.
 */
export function validate(answers: AnswersInput, others: OtherTextsInput = {}): Problem[] {
  const known: Answers = {}
  for (const id of QUESTION_IDS) {
    const chosen = answers[id]
    if (chosen !== undefined) known[id] = [...chosen]
  }
  const visible = visibleQuestions(known)
  const problems = QUESTIONS.flatMap((q) =>
    checkQuestion(q, known[q.id] ?? [], visible.includes(q.id), others[q.id] ?? ''),
  )
  const keys = new Set([...Object.keys(answers), ...Object.keys(others)])
  const unknownKeys = [...keys].filter((k) => !isQuestionId(k))
  for (const key of unknownKeys) {
    problems.push({ questionId: key, code: 'UNKNOWN_QUESTION', message: `没有这道题：${key}` })
  }
  return problems
}
