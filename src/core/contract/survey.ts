import * as z from 'zod/mini'
import { versionSchema } from '../campaigns'
import { validate, type Problem } from '../questionnaire/validate'
import type { Questionnaire } from '../questionnaire/model'
import { cleanString } from '../text'
import { defineFunction } from './define'
import type { InputIssue } from './result'
import { contactIdSchema, submissionIdSchema } from './ids'
import { townChoice } from './towns-resident'
import { villageSchema } from './user-resident'

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

/**
 * The wire shape of answers to any questionnaire version: question names (XLSForm `name`, Q1 …) to
 * option numbers. Which names and options exist is the version's to say: `submissionIssues` checks
 * them once the function knows which version the client answered.
 */
const questionKey = z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/))
const MAX_KEYS = 200
const keysError = (what: string) => (iss: { code?: string; input?: unknown }) =>
  iss.code === 'invalid_key' ? `没有这道题：${String(iss.input ?? '').slice(0, 32)}` : `${what}格式不对`
const answerKeys = (record: object) => Object.keys(record).length <= MAX_KEYS

export const wireAnswersSchema = z
  .partialRecord(
    questionKey,
    z
      .array(z.number({ error: '选项应为数字' }).check(z.int('选项应为整数'), z.positive('选项应为正整数')), { error: '答案应为选项列表' })
      .check(z.maxLength(60, '选项过多')),
    { error: keysError('答案') }
  )
  .check(z.refine(answerKeys, { error: '答案过多' }))
export const wireOthersSchema = z
  .partialRecord(
    questionKey,
    z.pipe(cleanString('“其他”的说明', { error: '“其他”的说明应为文字' }), z.string().check(z.maxLength(200, '“其他”的说明过长'))),
    { error: keysError('“其他”说明') }
  )
  .check(z.refine(answerKeys, { error: '“其他”说明过多' }))

export const surveySubmitSchema = z
  .object({
    submissionId: submissionIdSchema,
    mode: z.enum(['practice', 'interview'], { error: '模式应为练习(practice)或模拟民调(interview)' }),
    /** A resident's town (from the shared link or their choice); staff act for their own town. */
    town: townChoice,
    /** A resident's village, checked against the town's units; an interview's is the cadre's. */
    village: z.optional(z.union([villageSchema, z.literal(UNDISCLOSED_VILLAGE)], { error: '请选择村(社区)或“不愿透露”' })),
    outcome: z.optional(z.enum(CALL_OUTCOMES, { error: '请选择通话结果:未接通、拒访、中途挂断或完成' })),
    /** The questionnaire version answered (default: the current campaign's); stored with the response. */
    version: z.optional(versionSchema),
    /**
     * A mock call placed from the household list: the household called (one the caller holds). Its
     * outcome becomes the household's last call; the response itself never names the household.
     */
    contact: z.optional(contactIdSchema),
    answers: wireAnswersSchema,
    others: z._default(wireOthersSchema, {})
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
      }
    })
  )
export type SurveySubmit = z.output<typeof surveySubmitSchema>

/**
 * What is wrong with a submission's answers against the version it answered (the questionnaire's
 * rules and skips; a hung-up call may stop early). Empty: it can be stored.
 */
export function submissionIssues(value: Pick<SurveySubmit, 'outcome' | 'answers' | 'others'>, q: Questionnaire): InputIssue[] {
  if (value.outcome === 'unreached' || value.outcome === 'refused') return []
  return validate(value.answers, value.others, q)
    .filter((p) => !(value.outcome === 'hungUp' && allowedWhenPartial(p)))
    .map((p) => ({ path: pathOf(p), message: p.message }))
}

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
      stored: z.boolean(),
      /** The questionnaire version it was checked against and stored with. */
      version: z.optional(z.string())
    })
  }
})
export type SurveyContract = typeof surveyContract
