/** Question ids in paper order. A tuple so it can feed `z.enum`. */
export const QUESTION_IDS = [
  'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7',
  'Q8', 'Q9', 'Q10', 'Q11', 'Q12', 'Q13', 'Q14',
] as const

export type QuestionId = (typeof QUESTION_IDS)[number]

export function isQuestionId(id: string): id is QuestionId {
  return (QUESTION_IDS as readonly string[]).includes(id)
}

/** The number printed on the paper: 'Q8' → 8. */
export function questionNumber(id: QuestionId): number {
  return QUESTION_IDS.indexOf(id) + 1
}
