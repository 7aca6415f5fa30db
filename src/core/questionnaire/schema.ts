import * as z from 'zod/mini'
import { cleanString } from '../text'
import { QUESTION_IDS } from './ids'
import { validate, type Problem } from './validate'

/** Wire-level bounds only; the survey rules live in `validate`. */
const MAX_OPTIONS_SENT = 14
const MAX_OTHER_TEXT_SENT = 200

/** Chinese error for a record: unknown question ids, or not an object at all. */
const recordError =
  (what: string) =>
  (iss: { code?: string; keys?: readonly string[] }): string =>
    iss.code === 'unrecognized_keys' && iss.keys ? `没有这道题：${iss.keys.join('、')}` : `${what}格式不对`

/** { Q1: [2], Q4: [1, 3] }: question ids to chosen option numbers. */
export const answersSchema = z.partialRecord(
  z.enum(QUESTION_IDS),
  z
    .array(
      z.number({ error: '选项应为数字' }).check(z.int('选项应为整数'), z.positive('选项应为正整数')),
      { error: '答案应为选项列表' },
    )
    .check(z.maxLength(MAX_OPTIONS_SENT, '选项过多')),
  { error: recordError('答案') },
)

/** { Q2: '…' }: the "其他" texts. */
export const othersSchema = z.partialRecord(
  z.enum(QUESTION_IDS),
  z.pipe(cleanString('“其他”的说明', { error: '“其他”的说明应为文字' }), z.string().check(z.maxLength(MAX_OTHER_TEXT_SENT, '“其他”的说明过长'))),
  { error: recordError('“其他”说明') },
)

const pathOf = (p: Problem): (string | number)[] =>
  p.code.startsWith('OTHER_TEXT') ? ['others', p.questionId] : ['answers', p.questionId]

/**
 * A whole submitted questionnaire: the wire shape, then every `validate`
 * problem as an issue (Chinese message, `params.code` the problem code).
 */
export const surveyResponseSchema = z
  .object({
    answers: answersSchema,
    others: z._default(othersSchema, {}),
  })
  .check(
    z.superRefine((value, ctx) => {
      for (const problem of validate(value.answers, value.others)) {
        ctx.addIssue({
          code: 'custom',
          message: problem.message,
          path: pathOf(problem),
          params: { code: problem.code },
        })
      }
    }),
  )

export type SurveyResponseInput = z.input<typeof surveyResponseSchema>
export type SurveyResponse = z.output<typeof surveyResponseSchema>
