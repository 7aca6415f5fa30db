import type { QuestionId } from './ids'
import { QUESTIONNAIRE_2023 } from './model'
import { visibleQuestions } from './relevance'
import type { Answers, Questionnaire } from './types'

const isAnswered = (answers: Answers, id: string): boolean => (answers[id]?.length ?? 0) > 0

const indexIn = (q: Questionnaire, id: string): number => q.questions.findIndex((question) => question.id === id)

/** Visible questions that take an answer (notes only show text). */
const answerable = (answers: Answers, q: Questionnaire): string[] => {
  const notes = new Set(q.questions.filter((question) => question.kind === 'note').map((question) => question.id))
  return visibleQuestions(answers, q).filter((id) => !notes.has(id))
}

/**
 * The visible question (or note) after `currentId` in paper order, or null at the end.
 * `currentId` null means "before the start" and gives the first question.
 * Works from a question that has just become hidden too.
 */
export function nextQuestion(answers: Answers, currentId: string | null): QuestionId | null
export function nextQuestion(answers: Answers, currentId: string | null, q?: Questionnaire): string | null
export function nextQuestion(answers: Answers, currentId: string | null, q: Questionnaire = QUESTIONNAIRE_2023): string | null {
  const from = currentId === null ? -1 : indexIn(q, currentId)
  return visibleQuestions(answers, q).find((id) => indexIn(q, id) > from) ?? null
}

/** The visible question before `currentId`, or null at the first one. */
export function previousQuestion(answers: Answers, currentId: string): QuestionId | null
export function previousQuestion(answers: Answers, currentId: string, q?: Questionnaire): string | null
export function previousQuestion(answers: Answers, currentId: string, q: Questionnaire = QUESTIONNAIRE_2023): string | null {
  const from = indexIn(q, currentId)
  const before = visibleQuestions(answers, q).filter((id) => indexIn(q, id) < from)
  return before.length > 0 ? before[before.length - 1] : null
}

/** Where to resume: the first visible question without an answer (notes never wait for one). */
export function firstUnanswered(answers: Answers): QuestionId | null
export function firstUnanswered(answers: Answers, q?: Questionnaire): string | null
export function firstUnanswered(answers: Answers, q: Questionnaire = QUESTIONNAIRE_2023): string | null {
  return answerable(answers, q).find((id) => !isAnswered(answers, id)) ?? null
}

export interface Progress {
  /** Visible questions with at least one option chosen. */
  readonly answered: number
  /** Visible questions (notes not counted); grows when an answer opens a follow-up (Q2, Q6, Q8, Q10). */
  readonly total: number
  /** answered / total, 0..1 (1 when nothing is to be answered). */
  readonly ratio: number
}

export function progress(answers: Answers, q: Questionnaire = QUESTIONNAIRE_2023): Progress {
  const visible = answerable(answers, q)
  const answered = visible.filter((id) => isAnswered(answers, id)).length
  return { answered, total: visible.length, ratio: visible.length === 0 ? 1 : answered / visible.length }
}

/**
 * Every visible question has an answer. Whether the answers are also
 * acceptable (one option on single choice, "其他" explained …) is `validate`'s job.
 */
export function isComplete(answers: Answers, q: Questionnaire = QUESTIONNAIRE_2023): boolean {
  return firstUnanswered(answers, q) === null
}
