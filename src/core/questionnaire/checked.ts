import * as z from 'zod/mini'
import { checkQuestionnaire, type QuestionnaireIssue } from './check'
import { questionnaireWireSchema } from './model'
import type { Questionnaire } from './types'

const pathOf = (issue: QuestionnaireIssue): (string | number)[] => {
  if (issue.field === 'version' || issue.field === 'title') return [issue.field]
  if (issue.field === 'indicators' || issue.field === 'distributions') {
    return ['indicators', issue.indicator ?? 'distributions']
  }
  if (issue.field === 'relevance') return ['relevance', issue.questionId ?? '']
  return ['questions', issue.questionId ?? '']
}

/**
 * A questionnaire as stored or sent: the shape with its bounds, then every
 * checkQuestionnaire issue (Chinese message, path to the part concerned).
 */
export const questionnaireSchema: z.ZodMiniType<Questionnaire> = questionnaireWireSchema.check(
  z.superRefine((value, ctx) => {
    for (const issue of checkQuestionnaire(value)) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: pathOf(issue) })
    }
  })
)
