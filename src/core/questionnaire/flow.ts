import { QUESTION_IDS, type QuestionId } from './ids'
import { visibleQuestions } from './relevance'
import type { Answers } from './types'

const isAnswered = (answers: Answers, id: QuestionId): boolean => (answers[id]?.length ?? 0) > 0

/**
 * The visible question after `currentId` in paper order, or null at the end.
 * `currentId` null means "before the start" and gives the first question.
 * Works from a question that has just become hidden too.
 */
export function nextQuestion(answers: Answers, currentId: QuestionId | null): QuestionId | null {
  const from = currentId === null ? -1 : QUESTION_IDS.indexOf(currentId)
  return visibleQuestions(answers).find((id) => QUESTION_IDS.indexOf(id) > from) ?? null
}

/** The visible question before `currentId`, or null at the first one. */
export function previousQuestion(answers: Answers, currentId: QuestionId): QuestionId | null {
  const from = QUESTION_IDS.indexOf(currentId)
  const before = visibleQuestions(answers).filter((id) => QUESTION_IDS.indexOf(id) < from)
  return before.length > 0 ? before[before.length - 1] : null
}

/** Where to resume: the first visible question without an answer. */
export function firstUnanswered(answers: Answers): QuestionId | null {
  return visibleQuestions(answers).find((id) => !isAnswered(answers, id)) ?? null
}

export interface Progress {
  /** Visible questions with at least one option chosen. */
  readonly answered: number
  /** Visible questions; grows when an answer opens a follow-up (Q2, Q6, Q8, Q10). */
  readonly total: number
  /** answered / total, 0..1. */
  readonly ratio: number
}

export function progress(answers: Answers): Progress {
  const visible = visibleQuestions(answers)
  const answered = visible.filter((id) => isAnswered(answers, id)).length
  return { answered, total: visible.length, ratio: answered / visible.length }
}

/**
 * Every visible question has an answer. Whether the answers are also
 * acceptable (one option on single choice, "其他" explained …) is `validate`'s job.
 */
export function isComplete(answers: Answers): boolean {
  return firstUnanswered(answers) === null
}
