import {
  QUESTION_IDS,
  RELEVANCE,
  describeClearing,
  explainSkip,
  nextQuestion,
  paperPosition,
  positionLabel,
  skippedJustBefore,
  visibleQuestions,
  whatTapClears,
  type Answers,
  type QuestionId,
} from '../../../src/core/questionnaire'

/** The short path of issue 13: 1→3→4→5→7→9→11→12→13→14. */
const SHORT: Answers = { Q1: [1], Q3: [3], Q4: [3], Q5: [2], Q7: [3], Q9: [2], Q11: [2], Q12: [13], Q13: [3], Q14: [1] }

describe('explainSkip: why a question is not asked, from the relevance table', () => {
  it('Q1 安全: "第2题不用答：第1题您选了“安全”"', () => {
    expect(explainSkip('Q2', { Q1: [1] })).toBe('第2题不用答：第1题您选了“安全”')
    expect(explainSkip('Q2', { Q1: [2] })).toBe('第2题不用答：第1题您选了“比较安全”')
  })

  it('for the interviewer the words are the script\'s', () => {
    expect(explainSkip('Q2', { Q1: [1] }, 'interviewer')).toBe('第2题不用问：第1题对方答了“安全”')
  })

  it('a question that is asked, or not decided yet, has no explanation', () => {
    expect(explainSkip('Q2', { Q1: [3] })).toBeNull()
    expect(explainSkip('Q2', {})).toBeNull()
    expect(explainSkip('Q3', { Q1: [1] })).toBeNull()
  })

  it('Q8 names whichever answer skips it: Q7, or Q6 (1)(2)', () => {
    expect(explainSkip('Q8', { Q5: [2], Q7: [2] })).toBe('第8题不用答：第7题您选了“没有”')
    expect(explainSkip('Q8', { Q5: [1], Q6: [1], Q7: [1] })).toBe('第8题不用答：第6题您选了“反映了,没人管”')
    expect(explainSkip('Q8', { Q5: [1], Q6: [2], Q7: [3] })).toBe('第8题不用答：第7题您选了“不了解/不清楚”')
    // Q6 not asked (Q5 没有): Q8 follows Q7 alone, as on the paper.
    expect(explainSkip('Q8', { Q5: [2], Q6: [1], Q7: [1] })).toBeNull()
  })

  it('every question hidden on any path of the branching answers is explained', () => {
    for (const q1 of [1, 2, 3, 4])
      for (const q5 of [1, 2, 3])
        for (const q6 of [1, 2, 3, 4, 5, 6])
          for (const q7 of [1, 2, 3])
            for (const q9 of [1, 2, 3]) {
              const answers: Answers = { Q1: [q1], Q5: [q5], Q6: [q6], Q7: [q7], Q9: [q9] }
              const visible = visibleQuestions(answers)
              for (const id of Object.keys(RELEVANCE) as QuestionId[]) {
                const why = explainSkip(id, answers)
                if (visible.includes(id)) expect(why).toBeNull()
                else expect(why).toMatch(new RegExp(`^第${id.slice(1)}题不用答：第\\d+题您选了“.+”$`))
              }
            }
  })
})

describe('skippedJustBefore: what a "下一题" jumped over', () => {
  it('on the short path, Q3 follows a skipped Q2, Q7 a skipped Q6', () => {
    expect(skippedJustBefore(SHORT, 'Q3')).toEqual(['Q2'])
    expect(skippedJustBefore(SHORT, 'Q7')).toEqual(['Q6'])
    expect(skippedJustBefore(SHORT, 'Q9')).toEqual(['Q8'])
    expect(skippedJustBefore(SHORT, 'Q11')).toEqual(['Q10'])
    expect(skippedJustBefore(SHORT, 'Q4')).toEqual([])
    expect(skippedJustBefore(SHORT, 'Q1')).toEqual([])
  })
})

describe('paperPosition: the paper\'s number and a total that never moves', () => {
  it('walking the short path: 第N题 of 14, the skipped count only grows, the bar only fills', () => {
    const labels: string[] = []
    let ratio = -1
    let skipped = 0
    for (let at: QuestionId | null = nextQuestion(SHORT, null); at; at = nextQuestion(SHORT, at)) {
      const p = paperPosition(SHORT, at)
      expect(p.total).toBe(14)
      expect(p.ratio).toBeGreaterThan(ratio)
      expect(p.skipped).toBeGreaterThanOrEqual(skipped)
      ratio = p.ratio
      skipped = p.skipped
      labels.push(positionLabel(p))
    }
    expect(labels).toEqual([
      '第1题（共14题）',
      '第3题（共14题，已跳过1题）',
      '第4题（共14题，已跳过1题）',
      '第5题（共14题，已跳过1题）',
      '第7题（共14题，已跳过2题）',
      '第9题（共14题，已跳过3题）',
      '第11题（共14题，已跳过4题）',
      '第12题（共14题，已跳过4题）',
      '第13题（共14题，已跳过4题）',
      '第14题（共14题，已跳过4题）',
    ])
    expect(positionLabel(paperPosition(SHORT, 'review'))).toBe('共14题，跳过4题')
    expect(paperPosition(SHORT, 'review').ratio).toBe(1)
  })

  it('the count at a question does not change with the answer given on it', () => {
    // The old count went 10 → 11 when Q1 became 不安全: the position now stays 第1题 of 14.
    expect(positionLabel(paperPosition({}, 'Q1'))).toBe(positionLabel(paperPosition({ Q1: [4] }, 'Q1')))
    expect(positionLabel(paperPosition({ Q1: [4] }, 'Q2'))).toBe('第2题（共14题）')
  })

  it('the long path skips nothing', () => {
    const LONG: Answers = { Q1: [4], Q2: [1], Q3: [1], Q4: [1], Q5: [1], Q6: [3], Q7: [1], Q8: [1], Q9: [1], Q10: [1] }
    expect(QUESTION_IDS.every((id) => paperPosition(LONG, id).skipped === 0)).toBe(true)
  })
})

describe('whatTapClears: what a change takes away, said before it does', () => {
  it('Q1 changed to 安全 clears the answered Q2, with its "其他" text', () => {
    const state = { answers: { Q1: [4], Q2: [6, 10], Q3: [1] }, others: { Q2: '乱停车' } }
    const clearing = whatTapClears(state, 'Q1', 1)
    expect(clearing).toEqual({ options: [], questions: [{ id: 'Q2', labels: ['赌博', '其他：乱停车'] }] })
    expect(describeClearing('Q1', 1, clearing!)).toBe('改选“安全”后，第2题不用再答，已选的第2题的“赌博”“其他：乱停车”会被清除。')
  })

  it('Q12 "无" unticks the forces already ticked', () => {
    const state = { answers: { Q12: [3, 11] }, others: {} }
    const clearing = whatTapClears(state, 'Q12', 13)
    expect(clearing).toEqual({ options: ['煽动闹事', '沙霸'], questions: [] })
    expect(describeClearing('Q12', 13, clearing!)).toBe('选“无”会取消本题已选的“煽动闹事”“沙霸”。')
  })

  it('Q5 changed to 没有 clears Q6, and Q8 when Q6 had let it be asked only through Q7', () => {
    const state = { answers: { Q5: [1], Q6: [3], Q7: [1], Q8: [2] }, others: {} }
    // Q6 hidden: Q8 then depends on Q7 alone and stays.
    expect(whatTapClears(state, 'Q5', 2)).toEqual({ options: [], questions: [{ id: 'Q6', labels: ['能得到有效处理'] }] })
    // Q6 changed to (1): Q8 goes.
    expect(whatTapClears(state, 'Q6', 1)).toEqual({ options: [], questions: [{ id: 'Q8', labels: ['比较好'] }] })
  })

  it('nothing to say for an ordinary tap: a first answer, a single choice moving, an option unticked', () => {
    expect(whatTapClears({ answers: {}, others: {} }, 'Q1', 1)).toBeNull()
    expect(whatTapClears({ answers: { Q3: [1] }, others: {} }, 'Q3', 2)).toBeNull()
    expect(whatTapClears({ answers: { Q4: [1, 3] }, others: {} }, 'Q4', 3)).toBeNull()
    // A named force replacing "无".
    expect(whatTapClears({ answers: { Q12: [13] }, others: {} }, 'Q12', 12)).toBeNull()
    // 不安全 → 不太安全 keeps Q2 asked.
    expect(whatTapClears({ answers: { Q1: [4], Q2: [1] }, others: {} }, 'Q1', 3)).toBeNull()
  })
})
