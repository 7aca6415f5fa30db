import type { Questionnaire } from './types'

/** Question ids of the 2023 questionnaire in paper order. A tuple so it can feed `z.enum`. */
export const QUESTION_IDS = [
  'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7',
  'Q8', 'Q9', 'Q10', 'Q11', 'Q12', 'Q13', 'Q14',
] as const

/** A question id of the 2023 questionnaire; other questionnaires use plain strings. */
export type QuestionId = (typeof QUESTION_IDS)[number]

/** Is `id` one of the 2023 questions. For another questionnaire use `findQuestion(id, q)`. */
export function isQuestionId(id: string): id is QuestionId {
  return (QUESTION_IDS as readonly string[]).includes(id)
}

/**
 * The number printed on the paper: 'Q8' → 8, counting the questions of `q` (default 2023)
 * that are not notes. 0 for a note or an id `q` does not have.
 */
export function questionNumber(id: string, q?: Questionnaire): number {
  // 2023 has no notes: its number is the place in QUESTION_IDS (this file imports no data, so any
  // module may import it first).
  if (q === undefined) return (QUESTION_IDS as readonly string[]).indexOf(id) + 1
  let n = 0
  for (const question of q.questions) {
    if (question.kind !== 'note') n++
    if (question.id === id) return question.kind === 'note' ? 0 : n
  }
  return 0
}
