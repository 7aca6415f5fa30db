import { EMPTY_STATE, setAnswer, setOtherText, toggleOption, type SurveyState } from '../../../src/core/questionnaire'

const tap = (state: SurveyState, ...taps: [Parameters<typeof toggleOption>[1], number][]): SurveyState =>
  taps.reduce((s, [id, v]) => toggleOption(s, id, v), state)

describe('toggleOption: single choice', () => {
  test('choosing replaces the previous option', () => {
    expect(tap(EMPTY_STATE, ['Q3', 1], ['Q3', 4]).answers).toEqual({ Q3: [4] })
  })

  test('tapping the chosen option keeps it', () => {
    expect(tap(EMPTY_STATE, ['Q3', 2], ['Q3', 2]).answers).toEqual({ Q3: [2] })
  })
})

describe('toggleOption: multiple choice', () => {
  test('a tap on Q2 is dropped while Q1 has not opened it', () => {
    expect(tap(EMPTY_STATE, ['Q2', 1], ['Q2', 5]).answers).toEqual({})
  })

  test('ticks and unticks', () => {
    const s = tap(EMPTY_STATE, ['Q1', 3], ['Q2', 1], ['Q2', 5])
    expect(s.answers.Q2).toEqual([1, 5])
    expect(toggleOption(s, 'Q2', 1).answers.Q2).toEqual([5])
  })

  test('unticking the last option removes the answer', () => {
    const s = tap(EMPTY_STATE, ['Q4', 2], ['Q4', 2])
    expect(s.answers).toEqual({})
  })

  test('Q12: choosing 无 clears the forces already ticked', () => {
    expect(tap(EMPTY_STATE, ['Q12', 1], ['Q12', 7], ['Q12', 13]).answers).toEqual({ Q12: [13] })
  })

  test('Q12: ticking a force after 无 clears 无', () => {
    expect(tap(EMPTY_STATE, ['Q12', 13], ['Q12', 4]).answers).toEqual({ Q12: [4] })
  })

  test('Q13: 不了解/不清楚 and a field exclude each other', () => {
    expect(tap(EMPTY_STATE, ['Q13', 2], ['Q13', 12]).answers).toEqual({ Q13: [12] })
    expect(tap(EMPTY_STATE, ['Q13', 12], ['Q13', 2], ['Q13', 3]).answers).toEqual({ Q13: [2, 3] })
  })

  test('Q13: 其他 is not exclusive, it goes with the listed fields', () => {
    expect(tap(EMPTY_STATE, ['Q13', 1], ['Q13', 11]).answers).toEqual({ Q13: [1, 11] })
  })
})

describe('setAnswer', () => {
  test('applies the options as taps in order: a later exclusive wins', () => {
    expect(setAnswer(EMPTY_STATE, 'Q12', [1, 2, 13]).answers).toEqual({ Q12: [13] })
  })

  test('a later ordinary option clears an earlier exclusive one', () => {
    expect(setAnswer(EMPTY_STATE, 'Q12', [13, 2, 5]).answers).toEqual({ Q12: [2, 5] })
  })

  test('single choice keeps the last option given', () => {
    expect(setAnswer(EMPTY_STATE, 'Q11', [1, 3]).answers).toEqual({ Q11: [3] })
  })

  test('repeated options are kept once', () => {
    expect(setAnswer(EMPTY_STATE, 'Q4', [2, 2, 3]).answers).toEqual({ Q4: [2, 3] })
  })

  test('an empty list clears the answer', () => {
    const s = setAnswer(EMPTY_STATE, 'Q3', [2])
    expect(setAnswer(s, 'Q3', []).answers).toEqual({})
  })

  test('changing Q1 from 不安全 to 安全 drops the Q2 answer and its 其他 text', () => {
    let s = setAnswer(EMPTY_STATE, 'Q1', [4])
    s = setAnswer(s, 'Q2', [1, 10])
    s = setOtherText(s, 'Q2', '高空抛物')
    expect(s).toEqual({ answers: { Q1: [4], Q2: [1, 10] }, others: { Q2: '高空抛物' } })
    expect(setAnswer(s, 'Q1', [1])).toEqual({ answers: { Q1: [1] }, others: {} })
  })

  test('changing Q6 to 有人管,但效果一般 drops Q8 but keeps Q7', () => {
    let s = setAnswer(EMPTY_STATE, 'Q5', [1])
    s = setAnswer(s, 'Q6', [3])
    s = setAnswer(s, 'Q7', [1])
    s = setAnswer(s, 'Q8', [2])
    expect(setAnswer(s, 'Q6', [2]).answers).toEqual({ Q5: [1], Q6: [2], Q7: [1] })
  })

  test('never mutates the state it is given', () => {
    const s = setAnswer(EMPTY_STATE, 'Q1', [3])
    const frozen = JSON.stringify(s)
    setAnswer(s, 'Q1', [1])
    toggleOption(s, 'Q2', 1)
    expect(JSON.stringify(s)).toBe(frozen)
    expect(EMPTY_STATE).toEqual({ answers: {}, others: {} })
  })
})

describe('setOtherText', () => {
  test('is kept while 其他 is chosen', () => {
    const s = setOtherText(setAnswer(EMPTY_STATE, 'Q4', [6]), 'Q4', '多装路灯')
    expect(s.others).toEqual({ Q4: '多装路灯' })
  })

  test('is ignored when 其他 is not chosen', () => {
    expect(setOtherText(setAnswer(EMPTY_STATE, 'Q4', [1]), 'Q4', '多装路灯').others).toEqual({})
  })

  test('unticking 其他 drops the text', () => {
    const s = setOtherText(setAnswer(EMPTY_STATE, 'Q4', [1, 6]), 'Q4', '多装路灯')
    expect(toggleOption(s, 'Q4', 6)).toEqual({ answers: { Q4: [1] }, others: {} })
  })

  test('choosing Q12 无 clears 其他 and its text', () => {
    const s = setOtherText(setAnswer(EMPTY_STATE, 'Q12', [14]), 'Q12', '放贷')
    expect(toggleOption(s, 'Q12', 13)).toEqual({ answers: { Q12: [13] }, others: {} })
  })

  test('an empty text removes it', () => {
    const s = setOtherText(setAnswer(EMPTY_STATE, 'Q4', [6]), 'Q4', '多装路灯')
    expect(setOtherText(s, 'Q4', '').others).toEqual({})
  })
})
