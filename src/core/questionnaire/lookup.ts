import type { QuestionId } from './ids'
import { QUESTIONNAIRE_2023 } from './model'
import { QUESTIONS } from './questions'
import type { Question, Questionnaire } from './types'

/** The question `id` of `q` (default 2023), or undefined. */
export function findQuestion(id: string, q: Questionnaire = QUESTIONNAIRE_2023): Question<string> | undefined {
  return q.questions.find((question) => question.id === id)
}

const BY_ID_2023 = new Map<string, Question>(QUESTIONS.map((question) => [question.id, question]))

/**
 * The question `id` of `q`; throws for an id `q` does not have. Without `q`, the 2023 question as
 * transcribed from the paper (QUESTIONS, with its jump marks).
 */
export function getQuestion(id: QuestionId): Question
export function getQuestion(id: string, q?: Questionnaire): Question<string>
export function getQuestion(id: string, q?: Questionnaire): Question<string> {
  const question = q === undefined ? BY_ID_2023.get(id) : findQuestion(id, q)
  if (!question) throw new Error(`没有这道题：${id}`)
  return question
}

/** Whether `id` is a question (or note) of `q` (default 2023). */
export function hasQuestion(id: string, q: Questionnaire = QUESTIONNAIRE_2023): boolean {
  return findQuestion(id, q) !== undefined
}
