import {
  favourableRate,
  nightWorryRate,
  optionDistribution,
  safetyRate,
  satisfactionRate,
  type SurveyRecord,
} from '../../src/core/indicators'

const r = (answers: SurveyRecord['answers']): SurveyRecord => ({ answers })

describe('安全感率 (Q1: 安全 + 比较安全 over valid answers)', () => {
  test('3 of 4 feel safe or rather safe', () => {
    const records = [r({ Q1: [1] }), r({ Q1: [2] }), r({ Q1: [2] }), r({ Q1: [4] })]
    expect(safetyRate(records)).toEqual({ rate: 0.75, favourable: 3, sampleSize: 4 })
  })

  test('missing, empty, multi-option and unknown answers are not valid and leave the sample', () => {
    const records = [r({ Q1: [1] }), r({}), r({ Q1: [] }), r({ Q1: [1, 3] }), r({ Q1: [9] }), r({ Q1: [3] })]
    expect(safetyRate(records)).toEqual({ rate: 0.5, favourable: 1, sampleSize: 2 })
  })

  test('no valid answer: rate is null, not 0', () => {
    expect(safetyRate([])).toEqual({ rate: null, favourable: 0, sampleSize: 0 })
    expect(safetyRate([r({ Q3: [1] })])).toEqual({ rate: null, favourable: 0, sampleSize: 0 })
  })
})

describe('night-time worry (Q3: 担心 + 比较担心)', () => {
  test('2 of 5 worry', () => {
    const records = [r({ Q3: [1] }), r({ Q3: [2] }), r({ Q3: [3] }), r({ Q3: [4] }), r({ Q3: [4] })]
    expect(nightWorryRate(records)).toEqual({ rate: 0.4, favourable: 2, sampleSize: 5 })
  })
})

describe('满意率 (Q11, Q14)', () => {
  const records = [r({ Q11: [1], Q14: [5] }), r({ Q11: [2], Q14: [5] }), r({ Q11: [3], Q14: [1] }), r({ Q11: [5], Q14: [4] })]

  test('不了解/不清楚 is left out of the denominator by default', () => {
    expect(satisfactionRate(records, 'Q11')).toEqual({ rate: 2 / 3, favourable: 2, sampleSize: 3 })
    expect(satisfactionRate(records, 'Q14')).toEqual({ rate: 0.5, favourable: 1, sampleSize: 2 })
  })

  test('with excludeUnknown false it counts in the denominator', () => {
    expect(satisfactionRate(records, 'Q11', { excludeUnknown: false })).toEqual({ rate: 0.5, favourable: 2, sampleSize: 4 })
    expect(satisfactionRate(records, 'Q14', { excludeUnknown: false })).toEqual({ rate: 0.25, favourable: 1, sampleSize: 4 })
  })

  test('only 不了解/不清楚 answers: rate null by default', () => {
    expect(satisfactionRate([r({ Q14: [5] })], 'Q14')).toEqual({ rate: null, favourable: 0, sampleSize: 0 })
  })
})

describe('favourableRate on a conditional question counts only respondents who were asked', () => {
  test('Q8 left over after Q7 changed to 没有 is ignored', () => {
    const records = [r({ Q7: [1], Q8: [1] }), r({ Q7: [2], Q8: [1] }), r({ Q7: [1], Q8: [4] })]
    expect(favourableRate(records, 'Q8', [1, 2], [5])).toEqual({ rate: 0.5, favourable: 1, sampleSize: 2 })
  })
})

describe('optionDistribution', () => {
  test('Q2 counts each option among respondents asked (Q1 不太安全/不安全)', () => {
    const records = [
      r({ Q1: [3], Q2: [1, 7] }),
      r({ Q1: [4], Q2: [7, 10] }),
      r({ Q1: [4] }),
      r({ Q1: [1], Q2: [1] }), // not asked: its leftover Q2 is ignored
      r({}),
    ]
    const d = optionDistribution(records, 'Q2')
    expect(d.questionId).toBe('Q2')
    expect(d.asked).toBe(3)
    expect(d.answered).toBe(2)
    expect(d.options.map((o) => [o.value, o.count])).toEqual([
      [1, 1], [2, 0], [3, 0], [4, 0], [5, 0], [6, 0], [7, 2], [8, 0], [9, 0], [10, 1],
    ])
    expect(d.options[6]).toEqual({ value: 7, label: '电信网络诈骗', count: 2, share: 2 / 3 })
  })

  test('Q12 counts 无 like any option; repeated and unknown options are not counted', () => {
    const records = [r({ Q12: [13] }), r({ Q12: [7, 7, 99] }), r({ Q12: [13] })]
    const d = optionDistribution(records, 'Q12')
    expect(d.asked).toBe(3)
    expect(d.answered).toBe(3)
    expect(d.options.filter((o) => o.count > 0).map((o) => [o.label, o.count])).toEqual([
      ['非法高利放贷', 1],
      ['无', 2],
    ])
  })

  test('Q4 and Q13 have one row per printed option', () => {
    expect(optionDistribution([], 'Q4').options).toHaveLength(6)
    expect(optionDistribution([], 'Q13').options).toHaveLength(12)
  })

  test('nobody asked: shares are null', () => {
    const d = optionDistribution([r({ Q1: [1] })], 'Q2')
    expect(d.asked).toBe(0)
    expect(d.options.every((o) => o.count === 0 && o.share === null)).toBe(true)
  })
})
