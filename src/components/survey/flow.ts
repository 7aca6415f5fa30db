import { EMPTY_STATE, setAnswer, setOtherText, toggleOption, type SurveyState } from '../../core/questionnaire/answering'
import { chosenLabels } from '../../core/questionnaire/explain'
import { nextQuestion, previousQuestion } from '../../core/questionnaire/flow'
import { getQuestion } from '../../core/questionnaire/lookup'
import { QUESTIONNAIRE_2023 } from '../../core/questionnaire/model'
import { visibleQuestions } from '../../core/questionnaire/relevance'
import type { Answers, OtherTexts, Questionnaire } from '../../core/questionnaire/types'
import { OTHER_TEXT_MAX, validate, type Problem } from '../../core/questionnaire/validate'
import { UNDISCLOSED_VILLAGE } from '../../core/contract/survey'
import type { Screen, SurveyDraft, VillageChoice } from '../../services/draft'

/**
 * The questionnaire as a respondent moves through it: the core's answers plus where they are.
 * Pure: every change goes through `surveyFlow`, so the rules can be tested without a screen. Every
 * function takes the questionnaire version answered (`q`, default the built-in 2023 one).
 */
type QuestionId = string
export interface FlowState extends SurveyState {
  /** The questionnaire version being answered: every rule of the flow is its. */
  readonly questionnaire: Questionnaire
  readonly current: Screen
  readonly village: VillageChoice
  readonly submissionId: string
  /** A gentle word after a refused "下一题", cleared by the next change. */
  readonly notice: string | null
  /** The question was opened with "修改" from the review screen: offer the way back. */
  readonly fromReview: boolean
  /** Back on the review screen after "修改": the question just edited, for the screen to show again. */
  readonly returnTo: QuestionId | null
}

export type FlowAction =
  | { type: 'toggle'; value: number }
  | { type: 'otherText'; text: string }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'edit'; id: QuestionId }
  | { type: 'backToReview' }
  | { type: 'village'; village: VillageChoice }
  | { type: 'notice'; text: string | null }
  /** A fresh questionnaire; with `questionnaire`, of that version (else the same one). */
  | { type: 'restart'; submissionId: string; questionnaire?: Questionnaire }

export function freshFlow(submissionId: string, q: Questionnaire = QUESTIONNAIRE_2023): FlowState {
  return {
    ...EMPTY_STATE,
    questionnaire: q,
    current: nextQuestion({}, null, q) as QuestionId,
    village: UNDISCLOSED_VILLAGE,
    submissionId,
    notice: null,
    fromReview: false,
    returnTo: null
  }
}

export function flowFromDraft(draft: SurveyDraft, q: Questionnaire = QUESTIONNAIRE_2023): FlowState {
  const answers = draft.answers
  // A draft from an older app may point at a question its answers now hide.
  const current = draft.current === 'review' || visibleQuestions(answers, q).includes(draft.current) ? draft.current : 'review'
  return { questionnaire: q, answers, others: draft.others, current, village: draft.village, submissionId: draft.submissionId, notice: null, fromReview: false, returnTo: null }
}

export function draftOf(state: FlowState): SurveyDraft {
  return { answers: state.answers, others: state.others, current: state.current, village: state.village, submissionId: state.submissionId, version: state.questionnaire.version }
}

/** What stops the respondent leaving question `id`: nothing chosen, "其他" unexplained … */
export function problemsOf(state: SurveyState, id: QuestionId, q: Questionnaire = QUESTIONNAIRE_2023): Problem[] {
  return validate(state.answers, state.others, q).filter((p) => p.questionId === id)
}

/** A refusal in plain words, telling what to do rather than what went wrong. */
export function gentle(problem: Problem, q: Questionnaire = QUESTIONNAIRE_2023): string {
  if (problem.code === 'REQUIRED') {
    const question = getQuestion(problem.questionId, q)
    return `${problem.message}，请${question.kind === 'multiple' ? '至少选一项' : '选一项'}后再点“下一题”`
  }
  return problem.message
}

/** Cuts a "其他" text to what the questionnaire accepts, counting a rare character once. */
export const clipOtherText = (text: string): string => Array.from(text).slice(0, OTHER_TEXT_MAX).join('')

function leave(state: FlowState, to: Screen, q: Questionnaire): FlowState {
  if (state.current === 'review') return { ...state, current: to, notice: null, returnTo: null }
  const problem = problemsOf(state, state.current, q)[0]
  if (problem) return { ...state, notice: gentle(problem, q) }
  const returnTo = to === 'review' && state.fromReview ? state.current : null
  return { ...state, current: to, notice: null, fromReview: to === 'review' ? false : state.fromReview, returnTo }
}

/** The flow's reducer: the rules are those of the questionnaire the flow answers. */
export function surveyFlow(state: FlowState, action: FlowAction): FlowState {
  const q = state.questionnaire

  switch (action.type) {
    case 'toggle': {
      if (state.current === 'review') return state
      return { ...state, ...toggleOption(state, state.current, action.value, q), notice: null }
    }
    case 'otherText': {
      if (state.current === 'review') return state
      return { ...state, ...setOtherText(state, state.current, clipOtherText(action.text), q), notice: null }
    }
    case 'next': {
      if (state.current === 'review') return state
      return leave(state, nextQuestion(state.answers, state.current, q) ?? 'review', q)
    }
    case 'previous': {
      // Going back never needs an answer: the respondent may want to reread the question before.
      if (state.current === 'review') {
        const visible = visibleQuestions(state.answers, q)
        return { ...state, current: visible[visible.length - 1], notice: null, returnTo: null }
      }
      const before = previousQuestion(state.answers, state.current, q)
      return before ? { ...state, current: before, notice: null } : state
    }
    case 'edit':
      return { ...state, current: action.id, notice: null, fromReview: true, returnTo: null }
    case 'backToReview':
      return leave(state, 'review', q)
    case 'village':
      return { ...state, village: action.village }
    case 'notice':
      return { ...state, notice: action.text }
    case 'restart':
      return freshFlow(action.submissionId, action.questionnaire ?? q)
  }
}

/** The first problem in paper order with the whole questionnaire, for the review screen. */
export function firstProblem(state: SurveyState, q: Questionnaire = QUESTIONNAIRE_2023): Problem | null {
  return validate(state.answers, state.others, q)[0] ?? null
}

/**
 * The answers of a call that ended early (中途挂断): what was answered, minus any question left
 * half-done (e.g. "其他" ticked but not explained), so the record stays consistent.
 */
export function answersSoFar(state: SurveyState, q: Questionnaire = QUESTIONNAIRE_2023): { answers: Answers; others: OtherTexts } {
  let kept: SurveyState = { answers: state.answers, others: state.others }
  // Each round clears one question, so one round a question always suffices.
  for (let round = 0; round < q.questions.length; round++) {
    const broken = validate(kept.answers, kept.others, q).find((p) => p.code !== 'REQUIRED' && p.code !== 'UNKNOWN_QUESTION')
    if (!broken) break
    kept = setAnswer(kept, broken.questionId, [], q)
  }
  return kept
}

/** Labels of the chosen options, "其他" with its text, for the review list. */
export const answerLabels = (state: SurveyState, id: string, q: Questionnaire = QUESTIONNAIRE_2023): string[] => chosenLabels(state, id, q)
