import type { Condition } from './conditions'
import type { QuestionId } from './ids'

/**
 * When each 2023 question is asked, from the paper's jump marks. A question not
 * listed is always asked. Conditions only read earlier questions.
 *
 *   Q2   Q1 is (3)(4)                      Q1 (1)(2) <跳至Q3>
 *   Q6   Q5 is (1)                         Q5 (2)(3) <跳至Q7>
 *   Q8   Q7 is (1), and Q6 is not (1)(2)   Q7 (2)(3) <跳至Q9>; Q6 (1)(2) <跳过Q8>
 *   Q10  Q9 is (1)                         Q9 (2)(3) <跳至Q11>
 *
 * Q8 and a hidden Q6: when Q6 is not asked (Q5 not 1) it has no answer, so
 * "Q6 is not (1)(2)" holds and Q8 depends on Q7 alone, as on the paper.
 * A controlling question still unanswered hides the questions that need a
 * positive answer from it (Q2, Q6, Q8, Q10) until it is answered.
 */
export const RELEVANCE: Readonly<Partial<Record<QuestionId, Condition<QuestionId>>>> = {
  Q2: { q: 'Q1', anyOf: [3, 4] },
  Q6: { q: 'Q5', anyOf: [1] },
  Q8: { all: [{ q: 'Q7', anyOf: [1] }, { not: { q: 'Q6', anyOf: [1, 2] } }] },
  Q10: { q: 'Q9', anyOf: [1] },
}
