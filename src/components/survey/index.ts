export { useSurvey, type UseSurvey, type SurveyPhase } from './use-survey'
export { answerLabels, answersSoFar, freshFlow, flowFromDraft, surveyFlow, problemsOf, gentle, type FlowState, type FlowAction } from './flow'
export { usePracticeAllowance, type PracticeAllowance } from './allowance'
export { useScreenScroll } from './screen-scroll'
