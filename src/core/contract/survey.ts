import * as z from 'zod/mini'
import { answersSchema, othersSchema, validate, type Problem } from '../questionnaire'
import { defineFunction } from './define'
import { contactIdSchema, submissionIdSchema } from './ids'
import { townChoice } from './towns'
import { villageSchema } from './user'

/** What a resident may say about where they live: a village, or that they would rather not. */
export const UNDISCLOSED_VILLAGE = '不愿透露'

/** How a mock-survey call went (模拟民调). Only completed interviews count in the indicators. */
export const CALL_OUTCOMES = ['unreached', 'refused', 'hungUp', 'completed'] as const
export type CallOutcome = (typeof CALL_OUTCOMES)[number]
export const CALL_OUTCOME_LABELS: Record<CallOutcome, string> = {
  unreached: '未接通',
  refused: '拒访',
  hungUp: '中途挂断',
  completed: '完成'
}

export { submissionIdSchema }

const pathOf = (p: Problem): (string | number)[] =>
  p.code.startsWith('OTHER_TEXT') ? ['others', p.questionId] : ['answers', p.questionId]

/** A mid-call hang-up keeps the answers given so far: consistent, but not complete. */
const allowedWhenPartial = (p: Problem) => p.code === 'REQUIRED'

export const surveySubmitSchema = z
  .object({
    submissionId: submissionIdSchema,
    mode: z.enum(['practice', 'interview'], { error: '模式应为练习(practice)或模拟民调(interview)' }),
    /** A resident's town (from the shared link or their choice); staff act for their own town. */
    town: townChoice,
    /** A resident's village, checked against the town's units; an interview's is the cadre's. */
    village: z.optional(z.union([villageSchema, z.literal(UNDISCLOSED_VILLAGE)], { error: '请选择村(社区)或“不愿透露”' })),
    outcome: z.optional(z.enum(CALL_OUTCOMES, { error: '请选择通话结果:未接通、拒访、中途挂断或完成' })),
    /**
     * A mock call placed from the household list: the household called (one the caller holds). Its
     * outcome becomes the household's last call; the response itself never names the household.
     */
    contact: z.optional(contactIdSchema),
    answers: answersSchema,
    others: z._default(othersSchema, {})
  })
  .check(
    z.superRefine((value, ctx) => {
      if (value.mode === 'practice' && value.outcome !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['outcome'], message: '练习答题没有通话结果' })
      }
      if (value.mode === 'practice' && value.contact !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['contact'], message: '练习答题不对应住户' })
      }
      if (value.mode === 'interview' && value.outcome === undefined) {
        ctx.addIssue({ code: 'custom', path: ['outcome'], message: '请先记录通话结果' })
        return
      }
      if (value.outcome === 'unreached' || value.outcome === 'refused') {
        const answered = Object.values(value.answers).some((a) => a && a.length > 0)
        if (answered || Object.keys(value.others).length) {
          ctx.addIssue({ code: 'custom', path: ['answers'], message: `通话结果为“${CALL_OUTCOME_LABELS[value.outcome]}”时不应有答案` })
        }
        return
      }
      const problems = validate(value.answers, value.others).filter((p) => !(value.outcome === 'hungUp' && allowedWhenPartial(p)))
      for (const problem of problems) {
        ctx.addIssue({ code: 'custom', message: problem.message, path: pathOf(problem), params: { code: problem.code } })
      }
    })
  )

/**
 * Practice runs one person (one WeChat account) may submit a China day. A family shares one phone and
 * a cadre lets neighbours practise on theirs: 10 covers a household of several people trying twice,
 * while one account can add at most 10 responses a day to the practice figures (README: 练习次数).
 */
export const PRACTICE_PER_DAY = 10

export const surveyContract = defineFunction({
  /** How many practice runs the caller has left today, asked before the first question. */
  practiceAllowance: {
    event: z.object({}),
    answer: z.object({
      limit: z.int(),
      used: z.int(),
      left: z.int()
    })
  },
  submit: {
    event: surveySubmitSchema,
    answer: z.object({
      submissionId: z.string(),
      /** false when this submission had already been stored (a retry): nothing new was written. */
      stored: z.boolean()
    })
  }
})
export type SurveyContract = typeof surveyContract
