import { evaluate, type Condition } from './conditions'
import { QUESTION_IDS, type QuestionId } from './ids'
import type { Answers, OtherTexts } from './types'

/**
 * When each question is asked, from the paper's jump marks. A question not
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
export const RELEVANCE: Readonly<Partial<Record<QuestionId, Condition>>> = {
  Q2: { q: 'Q1', anyOf: [3, 4] },
  Q6: { q: 'Q5', anyOf: [1] },
  Q8: { all: [{ q: 'Q7', anyOf: [1] }, { not: { q: 'Q6', anyOf: [1, 2] } }] },
  Q10: { q: 'Q9', anyOf: [1] },
}

/**
 * One walk in paper order: a question is visible when its condition holds on
 * the answers of the visible questions before it, so an answer left on a
 * hidden question can never show a later one.
 */
function walk(answers: Answers): { visible: QuestionId[]; effective: Answers } {
  const effective: Answers = {}
  const visible: QuestionId[] = []
  for (const id of QUESTION_IDS) {
    const condition = RELEVANCE[id]
    if (condition && !evaluate(condition, effective)) continue
    visible.push(id)
    const chosen = answers[id]
    if (chosen !== undefined) effective[id] = chosen
  }
  return { visible, effective }
}

/** Questions to ask given the answers so far, in paper order. */
export function visibleQuestions(answers: Answers): QuestionId[] {
  return walk(answers).visible
}

/** The answers of visible questions only. */
export function effectiveAnswers(answers: Answers): Answers {
  return walk(answers).effective
}

export function isVisible(answers: Answers, id: QuestionId): boolean {
  return visibleQuestions(answers).includes(id)
}

/**
 * Drops answers (and "其他" texts) of questions the other answers hide, e.g. Q2
 * once Q1 changes to 安全. Keys that are not question ids are dropped too.
 */
export function pruneHidden(
  answers: Answers,
  others: OtherTexts = {},
): { answers: Answers; others: OtherTexts } {
  const visible = visibleQuestions(answers)
  const keptAnswers: Answers = {}
  const keptOthers: OtherTexts = {}
  for (const id of visible) {
    const chosen = answers[id]
    if (chosen !== undefined) keptAnswers[id] = chosen
    const text = others[id]
    if (text !== undefined) keptOthers[id] = text
  }
  return { answers: keptAnswers, others: keptOthers }
}
