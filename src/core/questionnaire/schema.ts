import * as z from 'zod/mini'
import { cleanString } from '../text'
import { QUESTION_IDS } from './ids'
import type { Questionnaire } from './types'
import { validate, type Problem } from './validate'

/** Wire-level bounds only; the survey rules live in `validate`. */
const MAX_OTHER_TEXT_SENT = 200

/** Chinese error for a record: unknown question ids, or not an object at all. */
const recordError =
  (what: string) =>
  (iss: { code?: string; keys?: readonly string[] }): string =>
    iss.code === 'unrecognized_keys' && iss.keys ? `没有这道题：${iss.keys.join('、')}` : `${what}格式不对`

type Ids = readonly [string, ...string[]]

/** No more options in one answer than the longest question has (14 in 2023). */
const maxOptions = (q: Questionnaire): number => Math.max(1, ...q.questions.map((question) => question.options.length))

function buildAnswersSchema<const T extends Ids>(ids: T, max: number) {
  return z.partialRecord(
    z.enum(ids),
    z
      .array(
        z.number({ error: '选项应为数字' }).check(z.int('选项应为整数'), z.positive('选项应为正整数')),
        { error: '答案应为选项列表' },
      )
      .check(z.maxLength(max, '选项过多')),
    { error: recordError('答案') },
  )
}

function buildOthersSchema<const T extends Ids>(ids: T) {
  return z.partialRecord(
    z.enum(ids),
    z.pipe(cleanString('“其他”的说明', { error: '“其他”的说明应为文字' }), z.string().check(z.maxLength(MAX_OTHER_TEXT_SENT, '“其他”的说明过长'))),
    { error: recordError('“其他”说明') },
  )
}

const pathOf = (p: Problem): (string | number)[] =>
  p.code.startsWith('OTHER_TEXT') ? ['others', p.questionId] : ['answers', p.questionId]

function buildResponseSchema(
  answers: z.ZodMiniType<Partial<Record<string, number[]>>>,
  others: z.ZodMiniType<Partial<Record<string, string>>>,
  q: Questionnaire | undefined,
) {
  return z
    .object({
      answers,
      others: z._default(others, {}),
    })
    .check(
      z.superRefine((value, ctx) => {
        for (const problem of validate(value.answers, value.others, q)) {
          ctx.addIssue({
            code: 'custom',
            message: problem.message,
            path: pathOf(problem),
            params: { code: problem.code },
          })
        }
      }),
    )
}

const idsOf = (q: Questionnaire): Ids => {
  const ids = q.questions.map((question) => question.id)
  // z.enum needs one id at least; a questionnaire without questions takes no answer.
  return ids.length > 0 ? (ids as unknown as Ids) : ['\u0000']
}

/** { Q1: [2], Q4: [1, 3] }: 2023 question ids to chosen option numbers. */
export const answersSchema = buildAnswersSchema(QUESTION_IDS, 14)

/** { Q2: '…' }: the "其他" texts of the 2023 questionnaire. */
export const othersSchema = buildOthersSchema(QUESTION_IDS)

/**
 * A whole submitted 2023 questionnaire: the wire shape, then every `validate`
 * problem as an issue (Chinese message, `params.code` the problem code).
 */
export const surveyResponseSchema = buildResponseSchema(answersSchema, othersSchema, undefined)

export type SurveyResponseInput = z.input<typeof surveyResponseSchema>
export type SurveyResponse = z.output<typeof surveyResponseSchema>

interface SchemasFor {
  readonly answers: z.ZodMiniType<Partial<Record<string, number[]>>>
  readonly others: z.ZodMiniType<Partial<Record<string, string>>>
  readonly response: z.ZodMiniType<{ answers: Partial<Record<string, number[]>>; others: Partial<Record<string, string>> }>
}

/** Built once per questionnaire object. */
const cache = new WeakMap<Questionnaire, SchemasFor>()

function schemasFor(q: Questionnaire): SchemasFor {
  let schemas = cache.get(q)
  if (!schemas) {
    const answers = buildAnswersSchema(idsOf(q), maxOptions(q))
    const others = buildOthersSchema(idsOf(q))
    schemas = { answers, others, response: buildResponseSchema(answers, others, q) }
    cache.set(q, schemas)
  }
  return schemas
}

/** answersSchema for questionnaire `q`: its question ids, at most as many options as its longest question. */
export const answersSchemaFor = (q: Questionnaire) => schemasFor(q).answers

/** othersSchema for questionnaire `q`. */
export const othersSchemaFor = (q: Questionnaire) => schemasFor(q).others

/** surveyResponseSchema for questionnaire `q`: wire shape, then `validate(…, q)`. */
export const surveyResponseSchemaFor = (q: Questionnaire) => schemasFor(q).response
