/** Bounds on a questionnaire's size: a survey fits well inside them, a hostile document does not. */
export const QUESTIONNAIRE_LIMITS = {
  questions: 200,
  options: 60,
  text: 500,
  label: 200,
  conditionDepth: 12,
  conditionParts: 200,
} as const
