import { answerLabels, answersSoFar, freshFlow, surveyFlow, type FlowAction, type FlowState } from '../../src/components/survey/flow'

const apply = (state: FlowState, ...actions: FlowAction[]): FlowState => actions.reduce(surveyFlow, state)
const run = (...actions: FlowAction[]): FlowState => apply(freshFlow('test-submission-1'), ...actions)
const pick = (value: number): FlowAction => ({ type: 'toggle', value })
const next: FlowAction = { type: 'next' }

describe('moving through the questionnaire', () => {
  it('starts at Q1 with nothing chosen', () => {
    const s = run()
    expect(s.current).toBe('Q1')
    expect(s.answers).toEqual({})
  })

  it('refuses "next" on an unanswered question with a gentle word, and stays', () => {
    const s = run(next)
    expect(s.current).toBe('Q1')
    expect(s.notice).toBe('第1题还没有作答，请选一项后再点“下一题”')
    expect(run(next, pick(3)).notice).toBeNull()
  })

  it('Q1 answered 安全 goes straight to Q3', () => {
    expect(run(pick(1), next).current).toBe('Q3')
  })

  it('Q1 answered 不太安全 asks Q2', () => {
    expect(run(pick(3), next).current).toBe('Q2')
  })

  it('Q5 answered 没有 goes to Q7', () => {
    const s = run(pick(1), next, pick(1), next, pick(1), next, pick(2), next)
    expect(s.current).toBe('Q7')
  })

  it('Q6 answered 1 skips Q8 but still asks Q7', () => {
    let s = run(pick(1), next, pick(1), next, pick(1), next, pick(1), next)
    expect(s.current).toBe('Q6')
    s = apply(s, pick(1), next)
    expect(s.current).toBe('Q7')
    s = apply(s, pick(1), next)
    expect(s.current).toBe('Q9')
  })

  it('"previous" follows the skips backwards and never needs an answer', () => {
    const s = run(pick(1), next, { type: 'previous' })
    expect(s.current).toBe('Q1')
    expect(run(pick(1), next, { type: 'previous' }, { type: 'previous' }).current).toBe('Q1')
  })

  it('changing an earlier answer drops the answers it now hides', () => {
    let s = run(pick(3), next, pick(7), next)
    expect(s.answers.Q2).toEqual([7])
    s = apply(s, { type: 'previous' }, { type: 'previous' }, pick(1))
    expect(s.current).toBe('Q1')
    expect(s.answers).toEqual({ Q1: [1] })
  })

  it('multiple choice: "无" on Q12 clears the others and another option clears "无"', () => {
    const atQ12 = freshFlow('test-submission-1')
    const s0: FlowState = { ...atQ12, current: 'Q12' }
    const s1 = apply(s0, pick(1), pick(3))
    expect(s1.answers.Q12).toEqual([1, 3])
    const s2 = surveyFlow(s1, pick(13))
    expect(s2.answers.Q12).toEqual([13])
    expect(surveyFlow(s2, pick(5)).answers.Q12).toEqual([5])
  })

  it('"其他" needs its text before moving on, and the text is cut at 50 characters', () => {
    let s = run(pick(3), next, pick(10), next)
    expect(s.current).toBe('Q2')
    expect(s.notice).toBe('第2题选了“其他”，请注明具体内容')
    s = surveyFlow(s, { type: 'otherText', text: '啊'.repeat(60) })
    expect(Array.from(s.others.Q2 ?? '')).toHaveLength(50)
    expect(surveyFlow(s, next).current).toBe('Q3')
  })

  it('after the last question comes the review; "修改" goes back and returns to the review', () => {
    let s = run(pick(1), next)
    for (const q of ['Q3', 'Q4', 'Q5', 'Q7', 'Q9', 'Q11', 'Q12', 'Q13', 'Q14']) {
      expect(s.current).toBe(q)
      s = apply(s, pick(2), next)
    }
    expect(s.current).toBe('review')
    s = surveyFlow(s, { type: 'edit', id: 'Q4' })
    expect(s).toMatchObject({ current: 'Q4', fromReview: true })
    s = apply(s, pick(3), { type: 'backToReview' })
    expect(s).toMatchObject({ current: 'review', fromReview: false })
    expect(s.answers.Q4).toEqual([2, 3])
  })
})

describe('what is shown and sent', () => {
  it('lists chosen labels in paper order, "其他" with its text', () => {
    const s = run(pick(3), next, pick(10), pick(1), { type: 'otherText', text: '噪音扰民' })
    expect(answerLabels(s, 'Q2')).toEqual(['盗窃/抢劫/拐骗', '其他：噪音扰民'])
  })

  it('a hang-up keeps what was answered but drops a half-done question', () => {
    const s = run(pick(3), next, pick(10))
    expect(answersSoFar(s)).toEqual({ answers: { Q1: [3] }, others: {} })
  })
})
