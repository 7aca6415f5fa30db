import { getQuestion } from './lookup'
import { QUESTIONNAIRE_2023 } from './model'
import { pruneHidden } from './relevance'
import type { Answers, OtherTexts, Question, Questionnaire } from './types'

/** What a respondent has filled in so far. Helpers below never mutate it. */
export interface SurveyState {
  readonly answers: Answers
  readonly others: OtherTexts
}

export const EMPTY_STATE: SurveyState = { answers: {}, others: {} }

const isExclusive = (question: Question<string>, value: number): boolean =>
  question.options.some((o) => o.value === value && o.exclusive === true)

/**
 * Adds `value` to `chosen` the way a tap on an unticked option does:
 * single choice replaces; an exclusive option clears the rest; any other
 * option clears a chosen exclusive one.
 */
function choose(question: Question<string>, chosen: readonly number[], value: number): number[] {
  if (question.kind === 'single' || isExclusive(question, value)) return [value]
  if (chosen.includes(value)) return [...chosen]
  return [...chosen.filter((v) => !isExclusive(question, v)), value]
}

/** Keeps a "其他" text only while that question's "其他" option is chosen. */
function keepOtherTexts(answers: Answers, others: OtherTexts, q: Questionnaire): OtherTexts {
  const kept: OtherTexts = {}
  for (const key of Object.keys(others)) {
    const otherValue = getQuestion(key, q).options.find((o) => o.other)?.value
    const text = others[key]
    if (text !== undefined && otherValue !== undefined && (answers[key] ?? []).includes(otherValue)) {
      kept[key] = text
    }
  }
  return kept
}

/** Applies a change and then drops whatever it made hidden or stray. */
function settle(answers: Answers, others: OtherTexts, q: Questionnaire): SurveyState {
  const pruned = pruneHidden(answers, others, q)
  return { answers: pruned.answers, others: keepOtherTexts(pruned.answers, pruned.others, q) }
}

/**
 * Replaces the answer to `id` as if `options` were tapped in that order, so
 * the exclusive rules hold (for single choice the last one wins). An empty
 * list clears the answer. Later questions the new answer hides are dropped.
 * A note takes no answer: its answer is cleared.
 */
export function setAnswer(
  state: SurveyState,
  id: string,
  options: readonly number[],
  q: Questionnaire = QUESTIONNAIRE_2023,
): SurveyState {
  const question = getQuestion(id, q)
  const chosen = question.kind === 'note' ? [] : options.reduce<number[]>((acc, v) => choose(question, acc, v), [])
  const answers: Answers = { ...state.answers }
  if (chosen.length > 0) answers[id] = chosen
  else delete answers[id]
  return settle(answers, state.others, q)
}

/**
 * A tap on option `value`: on single choice it selects it (tapping the chosen
 * one keeps it); on multiple choice it ticks or unticks it.
 */
export function toggleOption(
  state: SurveyState,
  id: string,
  value: number,
  q: Questionnaire = QUESTIONNAIRE_2023,
): SurveyState {
  const question = getQuestion(id, q)
  const current = state.answers[id] ?? []
  if (question.kind === 'multiple' && current.includes(value)) {
    return setAnswer(state, id, current.filter((v) => v !== value), q)
  }
  return setAnswer(state, id, choose(question, current, value), q)
}

/** Sets the "其他" text; ignored unless "其他" is chosen. Empty text removes it. */
export function setOtherText(
  state: SurveyState,
  id: string,
  text: string,
  q: Questionnaire = QUESTIONNAIRE_2023,
): SurveyState {
  const others: OtherTexts = { ...state.others }
  if (text === '') delete others[id]
  else others[id] = text
  return settle(state.answers, others, q)
}
