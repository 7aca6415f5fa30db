export { QUESTION_IDS, isQuestionId, questionNumber, type QuestionId } from './ids'
export type {
  Answers,
  OtherTexts,
  Question,
  QuestionKind,
  QuestionOption,
  Questionnaire,
  IndicatorMapping,
  IndicatorSpec,
} from './types'
export { QUESTIONS } from './questions'
export { getQuestion, findQuestion, hasQuestion } from './lookup'
export { QUESTIONNAIRE_2023, INDICATORS_2023, questionnaireWireSchema } from './model'
export { QUESTIONNAIRE_LIMITS } from './limits'
export { questionnaireSchema } from './checked'
export { INDICATORS, checkQuestionnaire, type IndicatorKey, type QuestionnaireIssue } from './check'
export { reachableQuestions, type Reach } from './reach'
export { evaluate, describeCondition, referencedQuestions, type Condition } from './conditions'
export { RELEVANCE, visibleQuestions, effectiveAnswers, isVisible, pruneHidden } from './relevance'
export { nextQuestion, previousQuestion, firstUnanswered, progress, isComplete, type Progress } from './flow'
export { EMPTY_STATE, setAnswer, toggleOption, setOtherText, type SurveyState } from './answering'
export {
  validate,
  textLength,
  OTHER_TEXT_MAX,
  type Problem,
  type ProblemCode,
  type AnswersInput,
  type OtherTextsInput,
} from './validate'
export {
  answersSchema,
  othersSchema,
  surveyResponseSchema,
  answersSchemaFor,
  othersSchemaFor,
  surveyResponseSchemaFor,
  type SurveyResponse,
  type SurveyResponseInput,
} from './schema'
export {
  explainSkip,
  skippedJustBefore,
  paperPosition,
  positionLabel,
  whatTapClears,
  describeClearing,
  chosenLabels,
  type Asker,
  type Clearing,
  type PaperPosition,
} from './explain'
