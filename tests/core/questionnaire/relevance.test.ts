import {
  QUESTIONS,
  QUESTION_IDS,
  RELEVANCE,
  describeCondition,
  effectiveAnswers,
  evaluate,
  isVisible,
  pruneHidden,
  referencedQuestions,
  visibleQuestions,
  type Answers,
  type QuestionId,
} from '../../../src/core/questionnaire'
import { JUMPS, SKIPS } from '../support/paper'

describe('relevance table', () => {
  test('reads like the paper: Q2, Q6, Q8, Q10 are conditional, the rest always asked', () => {
    expect(RELEVANCE).toEqual({
      Q2: { q: 'Q1', anyOf: [3, 4] },
      Q6: { q: 'Q5', anyOf: [1] },
      Q8: { all: [{ q: 'Q7', anyOf: [1] }, { not: { q: 'Q6', anyOf: [1, 2] } }] },
      Q10: { q: 'Q9', anyOf: [1] },
    })
  })

  test('in Chinese, as a rules table', () => {
    const table = Object.entries(RELEVANCE).map(([id, c]) => `${id}: ${describeCondition(c!)}`)
    expect(table).toEqual([
      'Q2: 第1题选(3)或(4)',
      'Q6: 第5题选(1)',
      'Q8: 第7题选(1)，且第6题没有选(1)或(2)',
      'Q10: 第9题选(1)',
    ])
  })

  test('each condition reads earlier questions only, so one pass in paper order settles visibility', () => {
    for (const [id, condition] of Object.entries(RELEVANCE)) {
      for (const ref of referencedQuestions(condition!)) {
        expect(QUESTION_IDS.indexOf(ref)).toBeLessThan(QUESTION_IDS.indexOf(id as QuestionId))
      }
    }
  })

  test('every question a paper mark skips has a condition on the marking question, and no other does', () => {
    const marked = new Map<QuestionId, Set<QuestionId>>()
    for (const q of QUESTIONS) {
      for (const o of q.options) {
        const targets: QuestionId[] = []
        if (o.skipTo) targets.push(...QUESTION_IDS.slice(QUESTION_IDS.indexOf(q.id) + 1, QUESTION_IDS.indexOf(o.skipTo)))
        if (o.skips) targets.push(o.skips)
        for (const t of targets) marked.set(t, (marked.get(t) ?? new Set()).add(q.id))
      }
    }
    expect(Object.keys(RELEVANCE).sort()).toEqual([...marked.keys()].sort())
    for (const [target, controllers] of marked) {
      expect(new Set(referencedQuestions(RELEVANCE[target]!))).toEqual(controllers)
    }
  })

  test('the data carries exactly the paper marks of the hand-written goto list', () => {
    for (const q of QUESTIONS) {
      for (const o of q.options) {
        expect([q.id, o.value, o.skipTo]).toEqual([q.id, o.value, JUMPS[q.id]?.[o.value]])
        expect([q.id, o.value, o.skips]).toEqual([q.id, o.value, SKIPS[q.id]?.[o.value]])
      }
    }
  })
})

describe('skip rules', () => {
  const base: Answers = { Q1: [1], Q3: [1], Q4: [1], Q5: [2], Q7: [1], Q9: [1], Q11: [1], Q12: [1], Q13: [1], Q14: [1] }

  test('Q1 answered 安全 or 比较安全 skips Q2', () => {
    expect(isVisible({ Q1: [1] }, 'Q2')).toBe(false)
    expect(isVisible({ Q1: [2] }, 'Q2')).toBe(false)
  })

  test('Q1 answered 不太安全 or 不安全 asks Q2', () => {
    expect(isVisible({ Q1: [3] }, 'Q2')).toBe(true)
    expect(isVisible({ Q1: [4] }, 'Q2')).toBe(true)
  })

  test('Q5 answered 有 asks Q6; 没有 or 不了解 skips it', () => {
    expect(isVisible({ Q5: [1] }, 'Q6')).toBe(true)
    expect(isVisible({ Q5: [2] }, 'Q6')).toBe(false)
    expect(isVisible({ Q5: [3] }, 'Q6')).toBe(false)
  })

  test('Q6 answered 1 skips Q8 but still asks Q7', () => {
    const v = visibleQuestions({ ...base, Q5: [1], Q6: [1] })
    expect(v).toContain('Q7')
    expect(v).not.toContain('Q8')
  })

  test('Q6 answered 2 skips Q8 but still asks Q7', () => {
    const v = visibleQuestions({ ...base, Q5: [1], Q6: [2] })
    expect(v).toContain('Q7')
    expect(v).not.toContain('Q8')
  })

  test.each([3, 4, 5, 6])('Q6 answered %d keeps Q8 when Q7 is 有', (q6) => {
    expect(isVisible({ ...base, Q5: [1], Q6: [q6], Q7: [1] }, 'Q8')).toBe(true)
  })

  test('Q7 answered 没有 or 不了解 skips Q8', () => {
    expect(isVisible({ ...base, Q7: [2] }, 'Q8')).toBe(false)
    expect(isVisible({ ...base, Q7: [3] }, 'Q8')).toBe(false)
  })

  test('Q6 not asked (Q5 没有) does not hide Q8: Q8 then follows Q7 alone', () => {
    expect(isVisible({ ...base, Q5: [2], Q7: [1] }, 'Q8')).toBe(true)
    expect(isVisible({ ...base, Q5: [3], Q7: [1] }, 'Q8')).toBe(true)
  })

  test('a stale Q6=1 left behind after Q5 changed to 没有 does not hide Q8', () => {
    expect(isVisible({ ...base, Q5: [2], Q6: [1], Q7: [1] }, 'Q8')).toBe(true)
  })

  test('Q6 asked but not yet answered leaves Q8 visible while Q7 is 有', () => {
    expect(isVisible({ Q5: [1], Q7: [1] }, 'Q8')).toBe(true)
  })

  test('Q9 answered 有 asks Q10; 没有 or 不了解 skips it', () => {
    expect(isVisible({ Q9: [1] }, 'Q10')).toBe(true)
    expect(isVisible({ Q9: [2] }, 'Q10')).toBe(false)
    expect(isVisible({ Q9: [3] }, 'Q10')).toBe(false)
  })

  test('before any answer, the four follow-ups are hidden and ten questions are shown', () => {
    expect(visibleQuestions({})).toEqual(['Q1', 'Q3', 'Q4', 'Q5', 'Q7', 'Q9', 'Q11', 'Q12', 'Q13', 'Q14'])
  })

  test('answers to the longest path show all 14 questions', () => {
    expect(visibleQuestions({ Q1: [3], Q5: [1], Q6: [3], Q7: [1], Q9: [1] })).toEqual([...QUESTION_IDS])
  })
})

describe('condition runner', () => {
  test('anyOf matches when any chosen option is listed', () => {
    expect(evaluate({ q: 'Q2', anyOf: [3] }, { Q2: [1, 3] })).toBe(true)
    expect(evaluate({ q: 'Q2', anyOf: [4] }, { Q2: [1, 3] })).toBe(false)
  })

  test('anyOf on an unanswered question is false, and its not is true', () => {
    expect(evaluate({ q: 'Q1', anyOf: [1] }, {})).toBe(false)
    expect(evaluate({ q: 'Q1', anyOf: [1] }, { Q1: [] })).toBe(false)
    expect(evaluate({ not: { q: 'Q1', anyOf: [1] } }, {})).toBe(true)
  })

  test('all and any combine', () => {
    const a: Answers = { Q1: [1], Q3: [2] }
    expect(evaluate({ all: [{ q: 'Q1', anyOf: [1] }, { q: 'Q3', anyOf: [2] }] }, a)).toBe(true)
    expect(evaluate({ all: [{ q: 'Q1', anyOf: [1] }, { q: 'Q3', anyOf: [1] }] }, a)).toBe(false)
    expect(evaluate({ any: [{ q: 'Q1', anyOf: [4] }, { q: 'Q3', anyOf: [2] }] }, a)).toBe(true)
    expect(evaluate({ any: [{ q: 'Q1', anyOf: [4] }, { q: 'Q3', anyOf: [1] }] }, a)).toBe(false)
  })

  test('describeCondition reads any and nested not', () => {
    expect(describeCondition({ any: [{ q: 'Q1', anyOf: [4] }, { q: 'Q3', anyOf: [1, 2] }] })).toBe(
      '第1题选(4)，或第3题选(1)或(2)',
    )
    expect(describeCondition({ not: { all: [{ q: 'Q1', anyOf: [1] }] } })).toBe('并非“第1题选(1)”')
  })

  test('referencedQuestions lists the questions read', () => {
    expect(referencedQuestions(RELEVANCE.Q8!)).toEqual(['Q7', 'Q6'])
  })
})

describe('pruneHidden', () => {
  test('changing Q1 to 安全 drops the Q2 answer and its 其他 text', () => {
    const out = pruneHidden({ Q1: [1], Q2: [1, 10], Q3: [2] }, { Q2: '偷电动车' })
    expect(out).toEqual({ answers: { Q1: [1], Q3: [2] }, others: {} })
  })

  test('changing Q5 to 没有 drops Q6, and Q8 stays because Q6 no longer counts', () => {
    const out = pruneHidden({ Q5: [2], Q6: [1], Q7: [1], Q8: [3] })
    expect(out.answers).toEqual({ Q5: [2], Q7: [1], Q8: [3] })
  })

  test('changing Q6 to 反映了,没人管 drops Q8', () => {
    expect(pruneHidden({ Q5: [1], Q6: [1], Q7: [1], Q8: [3] }).answers).toEqual({ Q5: [1], Q6: [1], Q7: [1] })
  })

  test('changing Q9 to 没有 drops Q10', () => {
    expect(pruneHidden({ Q9: [2], Q10: [1], Q11: [1] }).answers).toEqual({ Q9: [2], Q11: [1] })
  })

  test('keeps visible answers and texts untouched, and drops unknown keys', () => {
    const answers = { Q1: [3], Q2: [10], Q12: [14], Q99: [1] } as Answers
    const out = pruneHidden(answers, { Q2: 'a', Q12: 'b' })
    expect(out).toEqual({ answers: { Q1: [3], Q2: [10], Q12: [14] }, others: { Q2: 'a', Q12: 'b' } })
  })

  test('effectiveAnswers equals the pruned answers', () => {
    const answers: Answers = { Q1: [1], Q2: [3], Q5: [1], Q6: [2], Q7: [1], Q8: [1] }
    expect(effectiveAnswers(answers)).toEqual(pruneHidden(answers).answers)
    expect(effectiveAnswers(answers)).toEqual({ Q1: [1], Q5: [1], Q6: [2], Q7: [1] })
  })
})
