import { answersSchema, othersSchema, surveyResponseSchema } from '../../../src/core/questionnaire'

const SHORT = { Q1: [1], Q3: [3], Q4: [2], Q5: [2], Q7: [3], Q9: [3], Q11: [2], Q12: [13], Q13: [12], Q14: [1] }

const messages = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []

describe('answersSchema (wire shape)', () => {
  test('accepts question ids to arrays of positive integers', () => {
    expect(answersSchema.parse({ Q1: [1], Q2: [1, 10] })).toEqual({ Q1: [1], Q2: [1, 10] })
    expect(answersSchema.parse({})).toEqual({})
  })

  test('refuses unknown question ids in Chinese', () => {
    expect(messages(answersSchema.safeParse({ Q1: [1], Q15: [1], foo: [] }))).toEqual([': 没有这道题：Q15、foo'])
  })

  test('refuses zero, fractions, strings and non-arrays with their own message', () => {
    expect(messages(answersSchema.safeParse({ Q1: [0, 1.5, '2'], Q2: 3 }))).toEqual([
      'Q1.0: 选项应为正整数',
      'Q1.1: 选项应为整数',
      'Q1.2: 选项应为数字',
      'Q2: 答案应为选项列表',
    ])
  })

  test('refuses more than 14 options in one answer and a non-object', () => {
    expect(messages(answersSchema.safeParse({ Q2: Array.from({ length: 15 }, () => 1) }))).toEqual(['Q2: 选项过多'])
    expect(messages(answersSchema.safeParse(null))).toEqual([': 答案格式不对'])
  })
})

describe('othersSchema (wire shape)', () => {
  test('accepts texts by question id', () => {
    expect(othersSchema.parse({ Q2: '偷电动车' })).toEqual({ Q2: '偷电动车' })
  })

  test('refuses unknown ids, non-strings and very long texts', () => {
    expect(messages(othersSchema.safeParse({ Q0: 'x' }))).toEqual([': 没有这道题：Q0'])
    expect(messages(othersSchema.safeParse({ Q2: 5 }))).toEqual(['Q2: “其他”的说明应为文字'])
    expect(messages(othersSchema.safeParse({ Q2: 'x'.repeat(201) }))).toEqual(['Q2: “其他”的说明过长'])
    expect(messages(othersSchema.safeParse([]))).toEqual([': “其他”说明格式不对'])
  })
})

describe('surveyResponseSchema (wire shape + validate)', () => {
  test('accepts a complete valid questionnaire; others default to {}', () => {
    expect(surveyResponseSchema.parse({ answers: SHORT })).toEqual({ answers: SHORT, others: {} })
  })

  test('reports every validate problem as an issue at answers.Qn or others.Qn, with the code', () => {
    const r = surveyResponseSchema.safeParse({
      answers: { ...SHORT, Q1: [4], Q4: [6], Q11: [1, 2] },
      others: { Q3: '多余' },
    })
    expect(messages(r)).toEqual([
      'answers.Q2: 第2题还没有作答',
      'others.Q3: 第3题没有选“其他”，不用填写说明',
      'others.Q4: 第4题选了“其他”，请注明具体内容',
      'answers.Q11: 第11题是单选题，只能选一项',
    ])
    expect(r.error?.issues.map((i) => (i as { params?: { code?: string } }).params?.code)).toEqual([
      'REQUIRED',
      'OTHER_TEXT_UNEXPECTED',
      'OTHER_TEXT_MISSING',
      'TOO_MANY',
    ])
  })

  test('a wire error stops before the survey rules', () => {
    expect(messages(surveyResponseSchema.safeParse({ answers: { Q1: ['1'] } }))).toEqual(['answers.Q1.0: 选项应为数字'])
  })
})
