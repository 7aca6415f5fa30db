import {
  EMPTY_STATE,
  INDICATORS_2023,
  QUESTIONNAIRE_2023,
  answersSchema,
  answersSchemaFor,
  describeCondition,
  firstUnanswered,
  getQuestion,
  isComplete,
  nextQuestion,
  previousQuestion,
  progress,
  pruneHidden,
  questionNumber,
  setAnswer,
  surveyResponseSchemaFor,
  toggleOption,
  validate,
  visibleQuestions,
  type Questionnaire,
} from '../../../src/core/questionnaire'
import {
  indicatorRate,
  indicatorRates,
  nightWorryRate,
  optionDistribution,
  safetyRate,
  satisfactionRate,
} from '../../../src/core/indicators'
import { QUESTIONNAIRE_2026 } from '../../fixtures/xlsforms'

/** A complete 2023 set along the shortest path, Q14 满意. */
const SHORT = { Q1: [1], Q3: [3], Q4: [2], Q5: [2], Q7: [3], Q9: [3], Q11: [2], Q12: [13], Q13: [12], Q14: [1] }

describe('the engine on the 2026 variant: Q15 only after Q14 不满意', () => {
  test('Q15 is shown when Q14 is (4) and for no other answer of Q14', () => {
    for (const v of [1, 2, 3, 5]) expect(visibleQuestions({ ...SHORT, Q14: [v] }, QUESTIONNAIRE_2026)).not.toContain('Q15')
    expect(visibleQuestions({ ...SHORT, Q14: [4] }, QUESTIONNAIRE_2026)).toContain('Q15')
    expect(nextQuestion({ ...SHORT, Q14: [4] }, 'Q14', QUESTIONNAIRE_2026)).toBe('Q15')
    expect(nextQuestion({ ...SHORT, Q14: [1] }, 'Q14', QUESTIONNAIRE_2026)).toBeNull()
    expect(previousQuestion({ ...SHORT, Q14: [4] }, 'Q15', QUESTIONNAIRE_2026)).toBe('Q14')
  })

  test('validate enforces it: required after 不满意, refused otherwise, 其他 needs its text', () => {
    expect(validate({ ...SHORT, Q14: [4] }, {}, QUESTIONNAIRE_2026)).toEqual([
      { questionId: 'Q15', code: 'REQUIRED', message: '第15题还没有作答' },
    ])
    expect(validate({ ...SHORT, Q14: [1], Q15: [1] }, {}, QUESTIONNAIRE_2026)).toEqual([
      { questionId: 'Q15', code: 'NOT_RELEVANT', message: '根据前面的回答，第15题不用作答' },
    ])
    expect(validate({ ...SHORT, Q14: [4], Q15: [1, 4] }, {}, QUESTIONNAIRE_2026).map((p) => p.code)).toEqual(['OTHER_TEXT_MISSING'])
    expect(validate({ ...SHORT, Q14: [4], Q15: [1, 4] }, { Q15: '排队太久' }, QUESTIONNAIRE_2026)).toEqual([])
  })

  test('the version matters: 2023 knows no Q15', () => {
    expect(validate({ ...SHORT, Q14: [4], Q15: [1] })).toEqual([
      { questionId: 'Q15', code: 'UNKNOWN_QUESTION', message: '没有这道题：Q15' },
    ])
    expect(answersSchema.safeParse({ Q15: [1] }).success).toBe(false)
    expect(answersSchemaFor(QUESTIONNAIRE_2026).safeParse({ Q15: [1] }).success).toBe(true)
    expect(answersSchemaFor(QUESTIONNAIRE_2026).safeParse({ Q16: [1] }).error?.issues[0].message).toBe('没有这道题：Q16')
  })

  test('surveyResponseSchemaFor runs the wire shape and then validate with that questionnaire', () => {
    const schema = surveyResponseSchemaFor(QUESTIONNAIRE_2026)
    expect(schema).toBe(surveyResponseSchemaFor(QUESTIONNAIRE_2026))
    expect(schema.parse({ answers: { ...SHORT, Q14: [4], Q15: [2] } })).toEqual({ answers: { ...SHORT, Q14: [4], Q15: [2] }, others: {} })
    const r = schema.safeParse({ answers: { ...SHORT, Q14: [4] } })
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['answers.Q15', '第15题还没有作答']])
  })

  test('flow, answering and numbering follow the questionnaire passed', () => {
    expect(progress({ ...SHORT, Q14: [4] }, QUESTIONNAIRE_2026)).toEqual({ answered: 10, total: 11, ratio: 10 / 11 })
    expect(firstUnanswered({ ...SHORT, Q14: [4] }, QUESTIONNAIRE_2026)).toBe('Q15')
    expect(isComplete({ ...SHORT, Q14: [4] }, QUESTIONNAIRE_2026)).toBe(false)
    expect(isComplete({ ...SHORT, Q14: [4] })).toBe(true)
    const s = toggleOption(toggleOption(EMPTY_STATE, 'Q14', 4, QUESTIONNAIRE_2026), 'Q15', 2, QUESTIONNAIRE_2026)
    expect(s.answers).toEqual({ Q14: [4], Q15: [2] })
    expect(setAnswer(s, 'Q14', [1], QUESTIONNAIRE_2026).answers).toEqual({ Q14: [1] })
    expect(pruneHidden({ Q14: [2], Q15: [1] }, {}, QUESTIONNAIRE_2026).answers).toEqual({ Q14: [2] })
    expect(questionNumber('Q15', QUESTIONNAIRE_2026)).toBe(15)
    expect(questionNumber('Q15')).toBe(0)
    expect(describeCondition(QUESTIONNAIRE_2026.relevance.Q15!, QUESTIONNAIRE_2026)).toBe('第14题选(4)')
    expect(getQuestion('Q15', QUESTIONNAIRE_2026).options).toHaveLength(4)
    expect(() => getQuestion('Q15')).toThrow('没有这道题：Q15')
  })
})

// ---------------------------------------------------------------------------
// A questionnaire unlike 2023: notes, names that are not Qn, numbers that skip the notes.

const SMALL: Questionnaire = {
  version: 'small-1',
  title: '小问卷',
  questions: [
    { id: 'hello', kind: 'note', text: '您好，下面是几个问题。', about: '', options: [] },
    { id: 'safe', kind: 'single', text: '您感觉安全吗?', about: '', options: [{ value: 1, label: '安全' }, { value: 2, label: '不安全' }, { value: 9, label: '不清楚' }] },
    { id: 'why', kind: 'multiple', text: '为什么?', about: '', options: [{ value: 1, label: '路灯' }, { value: 2, label: '都不是', exclusive: true }] },
    { id: 'sorry', kind: 'note', text: '谢谢您说出来。', about: '', options: [] },
    { id: 'happy', kind: 'single', text: '您满意吗?', about: '', options: [{ value: 1, label: '满意' }, { value: 2, label: '不满意' }] },
  ],
  relevance: { why: { q: 'safe', anyOf: [2] }, sorry: { q: 'safe', anyOf: [2] } },
  indicators: {
    safety: { question: 'safe', favourable: [1], unknown: [9] },
    satisfaction: { question: 'happy', favourable: [1], unknown: [] },
  },
}

describe('notes and free names', () => {
  test('a note is shown in the flow but numbered, required and counted never', () => {
    expect(visibleQuestions({}, SMALL)).toEqual(['hello', 'safe', 'happy'])
    expect(visibleQuestions({ safe: [2] }, SMALL)).toEqual(['hello', 'safe', 'why', 'sorry', 'happy'])
    expect(nextQuestion({}, null, SMALL)).toBe('hello')
    expect(nextQuestion({ safe: [2] }, 'why', SMALL)).toBe('sorry')
    expect(firstUnanswered({}, SMALL)).toBe('safe')
    expect(progress({ safe: [2], why: [1] }, SMALL)).toEqual({ answered: 2, total: 3, ratio: 2 / 3 })
    expect(SMALL.questions.map((q) => questionNumber(q.id, SMALL))).toEqual([0, 1, 2, 0, 3])
    expect(describeCondition(SMALL.relevance.why!, SMALL)).toBe('第1题选(2)')
  })

  test('validate ignores notes unless something is sent for one', () => {
    expect(validate({ safe: [2], why: [1], happy: [1] }, {}, SMALL)).toEqual([])
    expect(validate({ safe: [1] }, {}, SMALL)).toEqual([{ questionId: 'happy', code: 'REQUIRED', message: '第3题还没有作答' }])
    expect(validate({ safe: [1], happy: [1], hello: [1] }, { sorry: 'x' }, SMALL)).toEqual([
      { questionId: 'hello', code: 'NOT_RELEVANT', message: '说明“hello”不用作答' },
      { questionId: 'sorry', code: 'OTHER_TEXT_UNEXPECTED', message: '说明“sorry”不用填写说明' },
    ])
    expect(validate({ safe: [2], why: [1, 2], happy: [1] }, {}, SMALL).map((p) => p.code)).toEqual(['EXCLUSIVE_CONFLICT'])
  })

  test('a note takes no answer: setAnswer clears it', () => {
    expect(setAnswer(EMPTY_STATE, 'hello', [1], SMALL).answers).toEqual({})
  })

  test('names every object has are never mistaken for questions', () => {
    expect(validate({ constructor: [1], toString: [1] } as never, {}, SMALL).map((p) => p.code)).toEqual([
      'REQUIRED', 'REQUIRED', 'UNKNOWN_QUESTION', 'UNKNOWN_QUESTION',
    ])
    expect(visibleQuestions({ constructor: [1] } as never, SMALL)).toEqual(['hello', 'safe', 'happy'])
  })
})

describe('indicators from the mapping', () => {
  const records = [{ answers: { safe: [1] } }, { answers: { safe: [2] } }, { answers: { safe: [9] } }, { answers: { safe: [1], happy: [2] } }]

  test('use the questionnaire’s question and options, "不清楚" out by default', () => {
    expect(safetyRate(records, undefined, SMALL)).toEqual({ rate: 2 / 3, favourable: 2, sampleSize: 3 })
    expect(safetyRate(records, { excludeUnknown: false }, SMALL)).toEqual({ rate: 0.5, favourable: 2, sampleSize: 4 })
    expect(indicatorRate(records, 'satisfaction', undefined, SMALL)).toEqual({ rate: 0, favourable: 0, sampleSize: 1 })
    expect(satisfactionRate(records, 'happy', undefined, SMALL)).toEqual({ rate: 0, favourable: 0, sampleSize: 1 })
  })

  test('an indicator the questionnaire does not map has no rate; a question it does not name is an error', () => {
    expect(nightWorryRate(records, undefined, SMALL)).toEqual({ rate: null, favourable: 0, sampleSize: 0 })
    expect(indicatorRates(records, undefined, SMALL).map((r) => [r.key, r.title, r.question])).toEqual([
      ['safety', '安全感率', 'safe'],
      ['satisfaction', '政法机关执法满意率', 'happy'],
    ])
    expect(() => satisfactionRate(records, 'safe', undefined, SMALL)).toThrow('问卷small-1的设置里，safe不是满意度指标')
  })

  test('2023 without q: the same as the hard-coded rates were', () => {
    const r2023 = [{ answers: { Q1: [1], Q11: [5], Q14: [1] } }, { answers: { Q1: [3], Q11: [1], Q14: [5] } }]
    expect(safetyRate(r2023)).toEqual({ rate: 0.5, favourable: 1, sampleSize: 2 })
    expect(satisfactionRate(r2023, 'Q14')).toEqual(indicatorRate(r2023, 'satisfaction'))
    expect(satisfactionRate(r2023, 'Q11')).toEqual(indicatorRate(r2023, 'crackdownSatisfaction'))
    expect(indicatorRates(r2023).map((r) => r.question)).toEqual(['Q1', 'Q3', 'Q14', 'Q11'])
    expect(INDICATORS_2023.distributions?.map((id) => optionDistribution([], id).options.length)).toEqual([10, 6, 14, 12])
  })

  test('optionDistribution reads the options of the questionnaire passed', () => {
    const d = optionDistribution([{ answers: { safe: [2], why: [1] } }, { answers: { safe: [1], why: [1] } }], 'why', SMALL)
    expect([d.asked, d.answered, d.options.map((o) => o.count)]).toEqual([1, 1, [1, 0]])
    expect(optionDistribution([], 'Q15', QUESTIONNAIRE_2026).options.map((o) => o.label)).toEqual([
      '办事效率不高', '执法不够公正', '服务态度不好', '其他',
    ])
    expect(QUESTIONNAIRE_2023.indicators.distributions).toEqual(['Q2', 'Q4', 'Q12', 'Q13'])
  })
})
