import fc from 'fast-check'
import { OTHER_TEXT_MAX, pruneHidden, validate, type Answers, type Problem } from '../../../src/core/questionnaire'
import {
  EXCLUSIVE,
  IDS,
  MULTIPLE,
  OPTION_COUNTS,
  OTHER,
  consistent,
  paperWalk,
  type Id,
  type LooseAnswers,
  type LooseOthers,
} from '../support/paper'

/** A complete, valid set along the shortest path. */
const SHORT: Answers = { Q1: [1], Q3: [3], Q4: [2], Q5: [2], Q7: [3], Q9: [3], Q11: [2], Q12: [13], Q13: [12], Q14: [1] }

const codes = (problems: Problem[]): string[] => problems.map((p) => `${p.questionId} ${p.code}`)

describe('validate: each problem with its Chinese message', () => {
  test('a complete valid set has no problems', () => {
    expect(validate(SHORT)).toEqual([])
  })

  test('the longest path with 其他 texts has no problems', () => {
    const answers = { ...SHORT, Q1: [3], Q2: [1, 10], Q5: [1], Q6: [4], Q7: [1], Q8: [2], Q9: [1], Q10: [5], Q12: [2, 14] }
    expect(validate(answers, { Q2: '偷电动车', Q12: '放贷' })).toEqual([])
  })

  test('REQUIRED: a visible question without answer, absent or empty', () => {
    const { Q4: _q4, ...rest } = SHORT
    expect(validate({ ...rest, Q3: [] })).toEqual([
      { questionId: 'Q3', code: 'REQUIRED', message: '第3题还没有作答' },
      { questionId: 'Q4', code: 'REQUIRED', message: '第4题还没有作答' },
    ])
  })

  test('REQUIRED: Q2 once Q1 is 不太安全', () => {
    expect(validate({ ...SHORT, Q1: [3] })).toEqual([
      { questionId: 'Q2', code: 'REQUIRED', message: '第2题还没有作答' },
    ])
  })

  test('NOT_RELEVANT: Q8 answered although Q6 反映了,没人管 skips it', () => {
    const answers = { ...SHORT, Q5: [1], Q6: [1], Q7: [1], Q8: [1] }
    expect(validate(answers)).toEqual([
      { questionId: 'Q8', code: 'NOT_RELEVANT', message: '根据前面的回答，第8题不用作答' },
    ])
  })

  test('an empty list on a hidden question is no answer and no problem', () => {
    expect(validate({ ...SHORT, Q2: [] })).toEqual([])
  })

  test('UNKNOWN_OPTION: once per unknown value, including 0 and fractions', () => {
    expect(validate({ ...SHORT, Q4: [2, 7, 0, 1.5] })).toEqual([
      { questionId: 'Q4', code: 'UNKNOWN_OPTION', message: '第4题没有选项7' },
      { questionId: 'Q4', code: 'UNKNOWN_OPTION', message: '第4题没有选项0' },
      { questionId: 'Q4', code: 'UNKNOWN_OPTION', message: '第4题没有选项1.5' },
    ])
  })

  test('TOO_MANY: two options on a single-choice question', () => {
    expect(validate({ ...SHORT, Q11: [1, 2] })).toEqual([
      { questionId: 'Q11', code: 'TOO_MANY', message: '第11题是单选题，只能选一项' },
    ])
  })

  test('DUPLICATE_OPTION: the same option twice (not TOO_MANY on single choice)', () => {
    expect(validate({ ...SHORT, Q4: [2, 2, 3, 3, 3] })).toEqual([
      { questionId: 'Q4', code: 'DUPLICATE_OPTION', message: '第4题重复选择了选项2' },
      { questionId: 'Q4', code: 'DUPLICATE_OPTION', message: '第4题重复选择了选项3' },
    ])
    expect(codes(validate({ ...SHORT, Q3: [3, 3] }))).toEqual(['Q3 DUPLICATE_OPTION'])
  })

  test('EXCLUSIVE_CONFLICT: Q12 无 with a force, Q13 不了解/不清楚 with a field', () => {
    expect(validate({ ...SHORT, Q12: [13, 2], Q13: [1, 12] })).toEqual([
      { questionId: 'Q12', code: 'EXCLUSIVE_CONFLICT', message: '第12题选了“无”，不能再选其他选项' },
      { questionId: 'Q13', code: 'EXCLUSIVE_CONFLICT', message: '第13题选了“不了解/不清楚”，不能再选其他选项' },
    ])
  })

  test('OTHER_TEXT_MISSING: 其他 chosen without text, or with blank text', () => {
    expect(validate({ ...SHORT, Q4: [6], Q12: [14] }, { Q12: '  　' })).toEqual([
      { questionId: 'Q4', code: 'OTHER_TEXT_MISSING', message: '第4题选了“其他”，请注明具体内容' },
      { questionId: 'Q12', code: 'OTHER_TEXT_MISSING', message: '第12题选了“其他”，请注明具体内容' },
    ])
  })

  test('OTHER_TEXT_TOO_LONG: more than 50 characters after trimming', () => {
    expect(OTHER_TEXT_MAX).toBe(50)
    expect(validate({ ...SHORT, Q4: [6] }, { Q4: ` ${'路'.repeat(50)} ` })).toEqual([])
    expect(validate({ ...SHORT, Q4: [6] }, { Q4: '路'.repeat(51) })).toEqual([
      { questionId: 'Q4', code: 'OTHER_TEXT_TOO_LONG', message: '第4题“其他”的说明不能超过50个字' },
    ])
  })

  test('a rare character counts as one: 50 × 𠮷 is allowed', () => {
    expect(validate({ ...SHORT, Q4: [6] }, { Q4: '𠮷'.repeat(50) })).toEqual([])
  })

  test('OTHER_TEXT_UNEXPECTED: text for a question whose 其他 is not chosen, or that has none', () => {
    expect(validate(SHORT, { Q4: '多装路灯', Q11: '说明' })).toEqual([
      { questionId: 'Q4', code: 'OTHER_TEXT_UNEXPECTED', message: '第4题没有选“其他”，不用填写说明' },
      { questionId: 'Q11', code: 'OTHER_TEXT_UNEXPECTED', message: '第11题没有选“其他”，不用填写说明' },
    ])
  })

  test('an empty text where none is expected is no problem', () => {
    expect(validate(SHORT, { Q4: '' })).toEqual([])
  })

  test('UNKNOWN_QUESTION: unknown keys in answers or others, each once', () => {
    const answers = { ...SHORT, Q15: [1], q1: [] } as unknown as Answers
    expect(validate(answers, { Q15: 'x', foo: 'y' })).toEqual([
      { questionId: 'Q15', code: 'UNKNOWN_QUESTION', message: '没有这道题：Q15' },
      { questionId: 'q1', code: 'UNKNOWN_QUESTION', message: '没有这道题：q1' },
      { questionId: 'foo', code: 'UNKNOWN_QUESTION', message: '没有这道题：foo' },
    ])
  })

  test('every problem at once, in paper order', () => {
    const answers = { Q1: [1, 2], Q2: [1], Q4: [6, 9], Q12: [13, 14] } as Answers
    expect(codes(validate(answers, { Q3: '多余' }))).toEqual([
      'Q1 TOO_MANY',
      'Q2 NOT_RELEVANT',
      'Q3 REQUIRED',
      'Q3 OTHER_TEXT_UNEXPECTED',
      'Q4 UNKNOWN_OPTION',
      'Q4 OTHER_TEXT_MISSING',
      'Q5 REQUIRED',
      'Q7 REQUIRED',
      'Q9 REQUIRED',
      'Q11 REQUIRED',
      'Q12 EXCLUSIVE_CONFLICT',
      'Q12 OTHER_TEXT_MISSING',
      'Q13 REQUIRED',
      'Q14 REQUIRED',
    ])
  })
})

// ---------------------------------------------------------------------------
// Property: validate finds no problem exactly when the independent oracle
// (support/paper.ts) says the answers are consistent.

const nonBlankText = fc
  .string({ minLength: 1, maxLength: 50 })
  .filter((s) => s.trim() !== '' && Array.from(s.trim()).length <= 50)

/** What a respondent would answer to each question if asked: always valid. */
const validIntent = fc.record(
  Object.fromEntries(
    IDS.map((id) => {
      const n = OPTION_COUNTS[id]
      if (!MULTIPLE.includes(id)) return [id, fc.integer({ min: 1, max: n }).map((v) => [v])]
      const all = Array.from({ length: n }, (_, i) => i + 1)
      const exclusive = EXCLUSIVE[id]
      return [
        id,
        fc.subarray(all, { minLength: 1 }).map((chosen) =>
          exclusive !== undefined && chosen.includes(exclusive) && chosen.length > 1
            ? chosen.filter((v) => v !== exclusive)
            : chosen,
        ),
      ]
    }),
  ) as Record<Id, fc.Arbitrary<number[]>>,
)

/** A consistent set: the intent, asked along the paper path, with texts for 其他. */
const consistentSet = fc
  .tuple(validIntent, fc.array(nonBlankText, { minLength: 14, maxLength: 14 }))
  .map(([intent, texts]) => {
    const { asked } = paperWalk((id) => intent[id])
    const answers: LooseAnswers = {}
    const others: LooseOthers = {}
    asked.forEach((id, i) => {
      answers[id] = intent[id]
      const other = OTHER[id]
      if (other !== undefined && intent[id].includes(other)) others[id] = texts[i]
    })
    return { answers, others }
  })

const anyKey = fc.constantFrom<string>(...IDS, 'Q0', 'Q15', 'q1', 'foo')
const anyValues = fc.array(fc.oneof(fc.integer({ min: -1, max: 16 }), fc.constant(1.5)), { maxLength: 4 })
const anyText = fc.oneof(
  fc.constant(''),
  fc.constant(' \u3000'),
  fc.constant('路'.repeat(51)),
  fc.constant('𠮷'.repeat(50)),
  nonBlankText,
  fc.string({ unit: 'binary', maxLength: 60 }),
)

type Mutation = (a: LooseAnswers, o: LooseOthers) => void
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  anyKey.map((k): Mutation => (a) => { delete a[k] }),
  fc.tuple(anyKey, anyValues).map(([k, v]): Mutation => (a) => { a[k] = v }),
  fc.tuple(anyKey, fc.integer({ min: 1, max: 14 })).map(([k, v]): Mutation => (a) => { a[k] = [...(a[k] ?? []), v] }),
  fc.tuple(anyKey, anyText).map(([k, t]): Mutation => (_, o) => { o[k] = t }),
  anyKey.map((k): Mutation => (_, o) => { delete o[k] }),
)

const mutatedSet = fc.tuple(consistentSet, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([set, ms]) => {
  const answers = JSON.parse(JSON.stringify(set.answers)) as LooseAnswers
  const others = { ...set.others }
  for (const m of ms) m(answers, others)
  return { answers, others }
})

const randomSet = fc.record({
  answers: fc.dictionary(anyKey, anyValues, { maxKeys: 16 }),
  others: fc.dictionary(anyKey, anyText, { maxKeys: 4 }),
})

const answerSets = fc.oneof(consistentSet, mutatedSet, randomSet)

describe('validate agrees with an independent oracle', () => {
  test('the generators produce plenty of both consistent and inconsistent sets', () => {
    const sample = fc.sample(answerSets, { numRuns: 600, seed: 42 })
    const good = sample.filter((s) => consistent(s.answers, s.others)).length
    expect(good).toBeGreaterThan(100)
    expect(sample.length - good).toBeGreaterThan(100)
  })

  test('the oracle itself rejects the obvious cases (guards the oracle)', () => {
    expect(consistent({}, {})).toBe(false)
    expect(consistent(SHORT as LooseAnswers, {})).toBe(true)
    expect(consistent({ ...SHORT, Q2: [1] } as LooseAnswers, {})).toBe(false)
    expect(consistent({ ...SHORT, Q12: [13, 1] } as LooseAnswers, {})).toBe(false)
  })

  test('no problems exactly when the answers are consistent with the rules', () => {
    fc.assert(
      fc.property(answerSets, ({ answers, others }) => {
        expect(validate(answers, others).length === 0).toBe(consistent(answers, others))
      }),
      { numRuns: 3000 },
    )
  })

  test('every problem has a known code and a Chinese message naming its question', () => {
    const known = [
      'UNKNOWN_QUESTION', 'REQUIRED', 'NOT_RELEVANT', 'UNKNOWN_OPTION', 'DUPLICATE_OPTION', 'TOO_MANY',
      'EXCLUSIVE_CONFLICT', 'OTHER_TEXT_MISSING', 'OTHER_TEXT_TOO_LONG', 'OTHER_TEXT_UNEXPECTED',
    ]
    fc.assert(
      fc.property(answerSets, ({ answers, others }) => {
        for (const p of validate(answers, others)) {
          expect(known).toContain(p.code)
          expect(p.message).toMatch(/[\u4e00-\u9fff]/)
          const n = IDS.indexOf(p.questionId as Id) + 1
          expect(p.message).toContain(n > 0 ? `第${n}题` : p.questionId)
        }
      }),
      { numRuns: 500 },
    )
  })
})

describe('pruneHidden, property', () => {
  const knownAnswers = fc.dictionary(fc.constantFrom(...IDS), anyValues, { maxKeys: 14 }) as fc.Arbitrary<Answers>
  const knownOthers = fc.dictionary(fc.constantFrom(...IDS), anyText, { maxKeys: 4 })

  test('its output never has an answer or text on a hidden question', () => {
    fc.assert(
      fc.property(knownAnswers, knownOthers, (answers, others) => {
        const out = pruneHidden(answers, others)
        const relevance = validate(out.answers, out.others).filter((p) => p.code === 'NOT_RELEVANT')
        expect(relevance).toEqual([])
      }),
      { numRuns: 1000 },
    )
  })

  test('it is idempotent and keeps every visible answer as it was', () => {
    fc.assert(
      fc.property(knownAnswers, knownOthers, (answers, others) => {
        const once = pruneHidden(answers, others)
        expect(pruneHidden(once.answers, once.others)).toEqual(once)
        for (const [id, chosen] of Object.entries(once.answers)) expect(chosen).toBe(answers[id as Id])
      }),
      { numRuns: 500 },
    )
  })

  test('on a consistent set it changes nothing', () => {
    fc.assert(
      fc.property(consistentSet, ({ answers, others }) => {
        expect(pruneHidden(answers as Answers, others)).toEqual({ answers, others })
      }),
      { numRuns: 300 },
    )
  })
})
