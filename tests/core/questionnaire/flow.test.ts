import {
  EMPTY_STATE,
  QUESTION_IDS,
  firstUnanswered,
  getQuestion,
  isComplete,
  nextQuestion,
  previousQuestion,
  progress,
  setAnswer,
  setOtherText,
  validate,
  visibleQuestions,
  type QuestionId,
  type SurveyState,
} from '../../../src/core/questionnaire'
import { OPTION_COUNTS, paperWalk } from '../support/paper'

/** Every combination of the branching answers: 4 × 3 × 6 × 3 × 3 = 648. */
const BRANCHING: QuestionId[] = ['Q1', 'Q5', 'Q6', 'Q7', 'Q9']
const combos: Record<string, number>[] = BRANCHING.reduce<Record<string, number>[]>(
  (acc, id) => acc.flatMap((c) => Array.from({ length: OPTION_COUNTS[id] }, (_, i) => ({ ...c, [id]: i + 1 }))),
  [{}],
)

/**
 * Filler answers for the other questions, varied by f = 1..5 so that every
 * option of every other single-choice question appears, and multiple choice
 * gets one, two, "其他", the exclusive option, or everything but it.
 */
function filler(id: QuestionId, f: number): number[] {
  const q = getQuestion(id)
  if (q.kind === 'single') return [Math.min(f, q.options.length)]
  const plain = q.options.filter((o) => !o.exclusive).map((o) => o.value)
  const exclusive = q.options.find((o) => o.exclusive)?.value
  const other = q.options.find((o) => o.other)!.value
  switch (f) {
    case 1: return [1]
    case 2: return [1, 2]
    case 3: return [other]
    case 4: return exclusive !== undefined ? [exclusive] : [2, 3]
    default: return plain
  }
}

interface Walk {
  visited: QuestionId[]
  state: SurveyState
  looped: boolean
}

/** Answers question after question, following nextQuestion from the start. */
function walk(answerFor: (id: QuestionId) => number[]): Walk {
  let state = EMPTY_STATE
  const visited: QuestionId[] = []
  let current = nextQuestion(state.answers, null)
  while (current !== null) {
    if (visited.includes(current) || visited.length > QUESTION_IDS.length) return { visited, state, looped: true }
    visited.push(current)
    state = setAnswer(state, current, answerFor(current))
    if (getQuestion(current).options.some((o) => o.other && state.answers[current!]!.includes(o.value))) {
      state = setOtherText(state, current, '村口路灯不亮')
    }
    current = nextQuestion(state.answers, current)
  }
  return { visited, state, looped: false }
}

describe('flow over every combination of branching answers', () => {
  const results = combos.flatMap((combo) =>
    [1, 2, 3, 4, 5].map((f) => {
      const answerFor = (id: QuestionId): number[] => (id in combo ? [combo[id]] : filler(id, f))
      return { combo, f, answerFor, ...walk(answerFor) }
    }),
  )

  test('there are 648 combinations, each walked with 5 fillers', () => {
    expect(combos).toHaveLength(648)
    expect(results).toHaveLength(3240)
  })

  test('nextQuestion from Q1 always ends at Q14, with no loop and in paper order', () => {
    const bad = results.filter(
      (r) =>
        r.looped ||
        r.visited[0] !== 'Q1' ||
        r.visited[r.visited.length - 1] !== 'Q14' ||
        r.visited.some((id, i) => i > 0 && QUESTION_IDS.indexOf(id) <= QUESTION_IDS.indexOf(r.visited[i - 1])),
    )
    expect(bad.map((r) => r.combo)).toEqual([])
  })

  test('the questions walked are exactly those an interviewer with the paper asks', () => {
    const bad = results.filter((r) => {
      const paper = paperWalk((id) => r.answerFor(id))
      return paper.stoppedAt !== null || paper.asked.join() !== r.visited.join()
    })
    expect(bad.map((r) => r.combo)).toEqual([])
  })

  test('at the end the answers are complete and valid, and visibleQuestions is the walked path', () => {
    const bad = results.filter(
      (r) =>
        !isComplete(r.state.answers) ||
        validate(r.state.answers, r.state.others).length > 0 ||
        visibleQuestions(r.state.answers).join() !== r.visited.join() ||
        progress(r.state.answers).ratio !== 1,
    )
    expect(bad.map((r) => [r.combo, r.f])).toEqual([])
  })

  test('previousQuestion walks the same path backwards from Q14 to Q1', () => {
    const bad = results.filter((r) => {
      const back: QuestionId[] = ['Q14']
      let current = previousQuestion(r.state.answers, 'Q14')
      while (current !== null && back.length <= 14) {
        back.push(current)
        current = previousQuestion(r.state.answers, current)
      }
      return back.reverse().join() !== r.visited.join()
    })
    expect(bad.map((r) => r.combo)).toEqual([])
  })

  test('every question is reachable, and only Q2, Q6, Q8, Q10 are ever skipped', () => {
    const reached = new Set(results.flatMap((r) => r.visited))
    expect(QUESTION_IDS.filter((id) => !reached.has(id))).toEqual([])
    const sometimesSkipped = QUESTION_IDS.filter((id) => results.some((r) => !r.visited.includes(id)))
    expect(sometimesSkipped).toEqual(['Q2', 'Q6', 'Q8', 'Q10'])
  })

  test('path lengths range from 10 (all follow-ups skipped) to 14', () => {
    const lengths = new Set(results.map((r) => r.visited.length))
    expect([...lengths].sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14])
  })
})

describe('nextQuestion and previousQuestion', () => {
  test('null start gives Q1; Q14 has no next; Q1 has no previous', () => {
    expect(nextQuestion({}, null)).toBe('Q1')
    expect(nextQuestion({}, 'Q14')).toBeNull()
    expect(previousQuestion({}, 'Q1')).toBeNull()
  })

  test('Q1 安全 goes on to Q3; 不安全 goes to Q2', () => {
    expect(nextQuestion({ Q1: [1] }, 'Q1')).toBe('Q3')
    expect(nextQuestion({ Q1: [4] }, 'Q1')).toBe('Q2')
  })

  test('from Q3 back: Q2 when asked, otherwise Q1', () => {
    expect(previousQuestion({ Q1: [3] }, 'Q3')).toBe('Q2')
    expect(previousQuestion({ Q1: [2] }, 'Q3')).toBe('Q1')
  })

  test('Q7 有 after Q6 不了解处理情况 goes to Q8; after Q6 反映了,没人管 goes to Q9', () => {
    expect(nextQuestion({ Q5: [1], Q6: [4], Q7: [1] }, 'Q7')).toBe('Q8')
    expect(nextQuestion({ Q5: [1], Q6: [1], Q7: [1] }, 'Q7')).toBe('Q9')
  })

  test('from a question that has just become hidden, next and previous still move on', () => {
    expect(nextQuestion({ Q1: [1] }, 'Q2')).toBe('Q3')
    expect(previousQuestion({ Q1: [1] }, 'Q2')).toBe('Q1')
  })
})

describe('progress', () => {
  test('empty answers: 0 of the 10 questions always shown', () => {
    expect(progress({})).toEqual({ answered: 0, total: 10, ratio: 0 })
  })

  test('Q1 不安全 opens Q2: 1 of 11', () => {
    expect(progress({ Q1: [4] })).toEqual({ answered: 1, total: 11, ratio: 1 / 11 })
  })

  test('answers left on hidden questions do not count', () => {
    expect(progress({ Q1: [1], Q2: [3] })).toEqual({ answered: 1, total: 10, ratio: 0.1 })
  })

  test('an empty list is not an answer', () => {
    expect(progress({ Q1: [] })).toEqual({ answered: 0, total: 10, ratio: 0 })
  })

  test('half-way through the shortest path', () => {
    expect(progress({ Q1: [1], Q3: [1], Q4: [1], Q5: [2], Q7: [2] })).toEqual({ answered: 5, total: 10, ratio: 0.5 })
  })
})

describe('isComplete and firstUnanswered', () => {
  const shortest = { Q1: [1], Q3: [1], Q4: [1], Q5: [2], Q7: [2], Q9: [2], Q11: [1], Q12: [13], Q13: [12], Q14: [1] }

  test('the shortest path fully answered is complete', () => {
    expect(isComplete(shortest)).toBe(true)
    expect(firstUnanswered(shortest)).toBeNull()
  })

  test('a missing Q13 makes it incomplete, and is where to resume', () => {
    const { Q13: _dropped, ...rest } = shortest
    expect(isComplete(rest)).toBe(false)
    expect(firstUnanswered(rest)).toBe('Q13')
  })

  test('switching Q9 to 有 opens Q10, which is then missing', () => {
    expect(isComplete({ ...shortest, Q9: [1] })).toBe(false)
    expect(firstUnanswered({ ...shortest, Q9: [1] })).toBe('Q10')
  })

  test('nothing answered resumes at Q1', () => {
    expect(firstUnanswered({})).toBe('Q1')
  })
})
