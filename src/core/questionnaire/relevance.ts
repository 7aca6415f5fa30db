import type { QuestionId } from './ids'
import { QUESTIONNAIRE_2023 } from './model'
import type { Answers, OtherTexts, Questionnaire } from './types'
import { walk } from './walk'

export { RELEVANCE } from './relevance-2023'

/** Questions (and notes) to show given the answers so far, in paper order. */
export function visibleQuestions(answers: Answers): QuestionId[]
export function visibleQuestions(answers: Answers, q?: Questionnaire): string[]
export function visibleQuestions(answers: Answers, q: Questionnaire = QUESTIONNAIRE_2023): string[] {
  return walk(q, answers).visible
}

/** The answers of visible questions only. */
export function effectiveAnswers(answers: Answers, q: Questionnaire = QUESTIONNAIRE_2023): Answers {
  return walk(q, answers).effective
}

export function isVisible(answers: Answers, id: string, q: Questionnaire = QUESTIONNAIRE_2023): boolean {
  return visibleQuestions(answers, q).includes(id)
}

/**
 * Drops answers (and "其他" texts) of questions the other answers hide, e.g. Q2
 * once Q1 changes to 安全. Keys that are not question ids are dropped too.
 */
export function pruneHidden(
  answers: Answers,
  others: OtherTexts = {},
  q: Questionnaire = QUESTIONNAIRE_2023,
): { answers: Answers; others: OtherTexts } {
  const visible = visibleQuestions(answers, q)
  const keptAnswers: Answers = {}
  const keptOthers: OtherTexts = {}
  for (const id of visible) {
    const chosen = Object.prototype.hasOwnProperty.call(answers, id) ? answers[id] : undefined
    if (chosen !== undefined) keptAnswers[id] = chosen
    const text = Object.prototype.hasOwnProperty.call(others, id) ? others[id] : undefined
    if (text !== undefined) keptOthers[id] = text
  }
  return { answers: keptAnswers, others: keptOthers }
}
