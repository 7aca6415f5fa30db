export { useSurvey, type UseSurvey, type SurveyPhase } from './use-survey'
export { answerLabels, answersSoFar, freshFlow, flowFromDraft, surveyFlow, problemsOf, gentle, type FlowState, type FlowAction } from './flow'
