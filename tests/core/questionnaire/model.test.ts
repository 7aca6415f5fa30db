import { readdirSync } from 'fs'
import { join } from 'path'
import {
  INDICATORS_2023,
  QUESTIONNAIRE_2023,
  QUESTIONS,
  RELEVANCE,
  checkQuestionnaire,
  questionnaireSchema,
  questionnaireWireSchema,
  reachableQuestions,
  visibleQuestions,
  type Condition,
  type Question,
  type Questionnaire,
} from '../../../src/core/questionnaire'
import { QUESTIONNAIRE_2026 } from '../../fixtures/xlsforms'

const clone = (q: Questionnaire): Questionnaire => JSON.parse(JSON.stringify(q))
const messages = (q: Questionnaire): string[] => checkQuestionnaire(q).map((i) => i.message)

/** The 2023 questionnaire with question `id` changed. */
const withQuestion = (id: string, change: (q: Question<string>) => Question<string>): Questionnaire => ({
  ...QUESTIONNAIRE_2023,
  questions: QUESTIONNAIRE_2023.questions.map((q) => (q.id === id ? change(q) : q)),
})
const withRelevance = (relevance: Record<string, Condition<string>>): Questionnaire => ({
  ...QUESTIONNAIRE_2023,
  relevance: { ...QUESTIONNAIRE_2023.relevance, ...relevance },
})

describe('QUESTIONNAIRE_2023 is today’s QUESTIONS, RELEVANCE and indicator mapping as one value', () => {
  test('the questions are QUESTIONS without the paper’s jump marks', () => {
    expect(QUESTIONNAIRE_2023.questions).toEqual(
      QUESTIONS.map((q) => ({ ...q, options: q.options.map(({ skipTo: _t, skips: _s, ...o }) => o) })),
    )
    expect(QUESTIONNAIRE_2023.questions.flatMap((q) => q.options).some((o) => 'skipTo' in o || 'skips' in o)).toBe(false)
  })

  test('the skips are RELEVANCE, the mapping the one indicators.ts hard-coded', () => {
    expect(QUESTIONNAIRE_2023.relevance).toBe(RELEVANCE)
    expect(QUESTIONNAIRE_2023.indicators).toBe(INDICATORS_2023)
    expect(INDICATORS_2023).toEqual({
      safety: { question: 'Q1', favourable: [1, 2], unknown: [] },
      nightWorry: { question: 'Q3', favourable: [1, 2], unknown: [] },
      satisfaction: { question: 'Q14', favourable: [1, 2], unknown: [5] },
      crackdownSatisfaction: { question: 'Q11', favourable: [1, 2], unknown: [5] },
      distributions: ['Q2', 'Q4', 'Q12', 'Q13'],
    })
    expect([QUESTIONNAIRE_2023.version, QUESTIONNAIRE_2023.title]).toEqual(['2023', '2023年综治民调问卷'])
  })

  test('passes its own structural check and the storage schema', () => {
    expect(checkQuestionnaire(QUESTIONNAIRE_2023)).toEqual([])
    expect(questionnaireSchema.parse(clone(QUESTIONNAIRE_2023))).toEqual(QUESTIONNAIRE_2023)
    expect(questionnaireSchema.parse(clone(QUESTIONNAIRE_2026))).toEqual(QUESTIONNAIRE_2026)
  })
})

describe('checkQuestionnaire: the structural rules, each in Chinese', () => {
  test.each<[string, Questionnaire, string]>([
    ['a duplicate id', withQuestion('Q3', (q) => ({ ...q, id: 'Q1' })), '题目名称 Q1 重复了'],
    ['an id that is no XLSForm name', withQuestion('Q3', (q) => ({ ...q, id: '3题' })), '题目名称“3题”不合规'],
    ['an id every object has', withQuestion('Q3', (q) => ({ ...q, id: 'constructor' })), '题目名称“constructor”不合规'],
    ['an empty text', withQuestion('Q3', (q) => ({ ...q, text: ' ' })), '第3题(Q3)的题目文字不能为空'],
    ['a choice question without options', withQuestion('Q3', (q) => ({ ...q, options: [] })), '第3题(Q3)没有选项'],
    ['a note with options', withQuestion('Q3', (q) => ({ ...q, kind: 'note' })), '说明Q3是说明，不能有选项'],
    ['an option 0', withQuestion('Q3', (q) => ({ ...q, options: [{ value: 0, label: 'x' }, ...q.options] })), '选项编号“0”应为正整数'],
    ['an option 1.5', withQuestion('Q3', (q) => ({ ...q, options: [...q.options, { value: 1.5, label: 'x' }] })), '选项编号“1.5”应为正整数'],
    ['a duplicate option', withQuestion('Q3', (q) => ({ ...q, options: [...q.options, { value: 1, label: 'x' }] })), '第3题(Q3)的选项1重复了'],
    ['an empty option label', withQuestion('Q3', (q) => ({ ...q, options: q.options.map((o) => ({ ...o, label: '' })) })), '第3题(Q3)的选项1没有文字'],
    ['two 其他', withQuestion('Q4', (q) => ({ ...q, options: q.options.map((o) => ({ ...o, other: true })) })), '只能有一个需要注明的“其他”'],
    ['a skip for no question', withRelevance({ Q99: { q: 'Q1', anyOf: [1] } }), '跳转条件写给了不存在的题目 Q99'],
    ['a skip on an unknown question', withRelevance({ Q3: { q: 'Q0', anyOf: [1] } }), '第3题(Q3)：跳转条件用到了不存在的题目 Q0'],
    ['a skip on a later question', withRelevance({ Q3: { q: 'Q4', anyOf: [1] } }), '第4题(Q4)不在第3题(Q3)之前'],
    ['a skip on itself', withRelevance({ Q3: { q: 'Q3', anyOf: [1] } }), '第3题(Q3)不在第3题(Q3)之前'],
    ['a skip on an option that does not exist', withRelevance({ Q3: { q: 'Q1', anyOf: [5] } }), '第1题(Q1)不存在的选项5'],
    ['a skip listing no option', withRelevance({ Q3: { q: 'Q1', anyOf: [] } }), '没有列出选项'],
    ['an empty and', withRelevance({ Q3: { all: [] } }), '空的“且/或”'],
    ['an unreachable question', withRelevance({ Q3: { all: [{ q: 'Q1', anyOf: [1] }, { q: 'Q2', anyOf: [1] }] } }), '第3题(Q3)的跳转条件在任何回答下都不成立'],
    ['an indicator on a multiple choice', { ...QUESTIONNAIRE_2023, indicators: { ...INDICATORS_2023, safety: { question: 'Q2', favourable: [1], unknown: [] } } }, '安全感率只能用单选题'],
    ['an indicator on no question', { ...QUESTIONNAIRE_2023, indicators: { ...INDICATORS_2023, nightWorry: { question: 'Q0', favourable: [1], unknown: [] } } }, '夜间独自出行担心的比例用到了不存在的题目 Q0'],
    ['an indicator option that does not exist', { ...QUESTIONNAIRE_2023, indicators: { ...INDICATORS_2023, satisfaction: { question: 'Q14', favourable: [1, 2], unknown: [6] } } }, '第14题(Q14)不存在的选项6'],
    ['an option both counted and unknown', { ...QUESTIONNAIRE_2023, indicators: { ...INDICATORS_2023, satisfaction: { question: 'Q14', favourable: [1, 5], unknown: [5] } } }, '选项5不能既计入又算作“不了解”'],
    ['no favourable option', { ...QUESTIONNAIRE_2023, indicators: { ...INDICATORS_2023, safety: { question: 'Q1', favourable: [], unknown: [] } } }, '安全感率没有列出计入的选项'],
    ['a missing required indicator', { ...QUESTIONNAIRE_2023, indicators: { ...INDICATORS_2023, satisfaction: undefined } } as unknown as Questionnaire, '没有指定政法机关执法满意率用哪道题'],
    ['a distribution of no question', { ...QUESTIONNAIRE_2023, indicators: { ...INDICATORS_2023, distributions: ['Q2', 'Q20'] } }, '选项分布用到了不存在的题目 Q20'],
    ['an empty version', { ...QUESTIONNAIRE_2023, version: '' }, '缺少版本号'],
    ['a version with a slash', { ...QUESTIONNAIRE_2023, version: '2026/1' }, '版本号“2026/1”不合规'],
    ['no question at all', { ...QUESTIONNAIRE_2023, questions: [], relevance: {}, indicators: INDICATORS_2023 }, '问卷里没有一道选择题'],
  ])('%s', (_what, q, says) => {
    expect(messages(q)).toEqual(expect.arrayContaining([expect.stringContaining(says)]))
  })
})

describe('reachableQuestions', () => {
  test('2023: every question is reached, by trying every answer path', () => {
    const reach = reachableQuestions(QUESTIONNAIRE_2023)
    expect(reach.exhaustive).toBe(true)
    // Paths that agree on what later conditions read are merged: at most 6 states (after Q6: Q5 × Q6 classes, …).
    expect(reach.states).toBe(6)
    expect([...reach.reachable].sort()).toEqual(QUESTIONNAIRE_2023.questions.map((q) => q.id).sort())
  })

  // Q3 needs Q2 = 1, and Q2 is only asked when Q1 is 3 or 4; asking also Q1 = 1 can never hold.
  const chained = withRelevance({ Q3: { all: [{ q: 'Q2', anyOf: [1] }, { q: 'Q1', anyOf: [1] }] } })

  test('the exact check sees through a chain of skips', () => {
    expect(reachableQuestions(chained).reachable.has('Q3')).toBe(false)
  })

  test('past the work limit a weaker check runs: it never calls a reachable question unreachable', () => {
    const loose = reachableQuestions(QUESTIONNAIRE_2023, 1)
    expect(loose.exhaustive).toBe(false)
    expect(loose.reachable.size).toBe(14)
    // It still catches a condition nothing could satisfy …
    const contradictory = withRelevance({ Q3: { all: [{ q: 'Q1', anyOf: [1] }, { q: 'Q1', anyOf: [2] }] } })
    expect(reachableQuestions(contradictory, 1).reachable.has('Q3')).toBe(false)
    // … but not one that only a chain of skips makes impossible (the documented weakness).
    expect(reachableQuestions(chained, 1).reachable.has('Q3')).toBe(true)
  })

  test('multiple choice: a subset with an exclusive option alone, and "none of the named ones"', () => {
    const q = withRelevance({
      Q13: { all: [{ q: 'Q12', anyOf: [13] }, { q: 'Q12', anyOf: [1] }] }, // 无 with another: never
      Q14: { not: { q: 'Q12', anyOf: [1, 13] } }, // some other force only: possible
    })
    const reach = reachableQuestions(q)
    expect(reach.reachable.has('Q13')).toBe(false)
    expect(reach.reachable.has('Q14')).toBe(true)
  })

  test('a long chain of skips over wide questions stays bounded: exact, or the weaker check, in seconds (the plain walk took 15 s)', () => {
    const questions = Array.from({ length: 200 }, (_, i) => ({
      id: `Q${i + 1}`,
      kind: 'single' as const,
      text: 'x',
      about: '',
      options: Array.from({ length: 60 }, (_, v) => ({ value: v + 1, label: `选项${v + 1}` })),
    }))
    const relevance = Object.fromEntries(
      questions.slice(1).map((_, i) => [`Q${i + 2}`, { any: Array.from({ length: 30 }, (_, v) => ({ q: `Q${i + 1}`, anyOf: [v + 1] })) }]),
    )
    const started = Date.now()
    const reach = reachableQuestions({ ...QUESTIONNAIRE_2023, questions, relevance })
    expect(Date.now() - started).toBeLessThan(5000)
    expect(reach.reachable.size).toBe(200)
  })
})

describe('questionnaireSchema: bounds before rules, nothing sent can make it loop or recurse', () => {
  test('refuses the structural issues with a path to the part', () => {
    const r = questionnaireSchema.safeParse(clone(withRelevance({ Q3: { q: 'Q4', anyOf: [1] } })))
    expect(r.success).toBe(false)
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['relevance.Q3', '第3题(Q3)：跳转条件只能用前面的题目，第4题(Q4)不在第3题(Q3)之前'],
    ])
  })

  test('refuses a condition nested deeper than twelve, without a stack overflow', () => {
    let deep: unknown = { q: 'Q1', anyOf: [1] }
    for (let i = 0; i < 100_000; i++) deep = { not: deep }
    const r = questionnaireSchema.safeParse({ ...clone(QUESTIONNAIRE_2023), relevance: { Q3: deep } })
    expect(r.error?.issues.map((i) => i.message)).toEqual(['跳转条件格式不对'])
  })

  test.each<[string, (q: Record<string, unknown>) => unknown, string]>([
    ['an unknown kind', (q) => ({ ...q, questions: [{ id: 'A', kind: 'text', text: 'x', about: '', options: [] }] }), '题型应为单选、多选或说明'],
    ['a condition with extra keys', (q) => ({ ...q, relevance: { Q3: { q: 'Q1', anyOf: [1], also: 1 } } }), '跳转条件格式不对'],
    ['a condition with a string option', (q) => ({ ...q, relevance: { Q3: { q: 'Q1', anyOf: ['1'] } } }), '跳转条件格式不对'],
    ['201 questions', (q) => ({ ...q, questions: Array.from({ length: 201 }, (_, i) => ({ id: `A${i}`, kind: 'note', text: 'x', about: '', options: [] })) }), '问卷最多200道题'],
    ['a long option label', (q) => ({ ...q, questions: [{ id: 'A', kind: 'single', text: 'x', about: '', options: [{ value: 1, label: '长'.repeat(201) }] }] }), '选项文字不能超过200个字'],
    ['not an object', () => 'Q1', '预期输入'],
  ])('refuses %s', (_what, change, says) => {
    const r = questionnaireSchema.safeParse(change(clone(QUESTIONNAIRE_2023) as unknown as Record<string, unknown>))
    expect(r.success).toBe(false)
    if (says !== '预期输入') expect(r.error?.issues.map((i) => i.message)).toEqual(expect.arrayContaining([says]))
  })
})

describe('questionnaireWireSchema: what the phone checks of a questionnaire it receives or keeps', () => {
  test('takes the shipped questionnaires as they are', () => {
    expect(questionnaireWireSchema.parse(clone(QUESTIONNAIRE_2023))).toEqual(QUESTIONNAIRE_2023)
    expect(questionnaireWireSchema.parse(clone(QUESTIONNAIRE_2026))).toEqual(QUESTIONNAIRE_2026)
  })

  test.each<[string, (q: Record<string, unknown>) => unknown]>([
    ['an unknown kind', (q) => ({ ...q, questions: [{ id: 'A', kind: 'text', text: 'x', about: '', options: [] }] })],
    ['a condition with extra keys', (q) => ({ ...q, relevance: { Q3: { q: 'Q1', anyOf: [1], also: 1 } } })],
    ['201 questions', (q) => ({ ...q, questions: Array.from({ length: 201 }, (_, i) => ({ id: `A${i}`, kind: 'note', text: 'x', about: '', options: [] })) })],
    ['not an object', () => 'Q1'],
  ])('refuses %s, as the full schema does (the bounds are the same)', (_what, change) => {
    const sent = change(clone(QUESTIONNAIRE_2023) as unknown as Record<string, unknown>)
    expect(questionnaireWireSchema.safeParse(sent).success).toBe(false)
    expect(questionnaireSchema.safeParse(sent).success).toBe(false)
  })

  test('refuses a condition nested deeper than twelve, without a stack overflow', () => {
    let deep: unknown = { q: 'Q1', anyOf: [1] }
    for (let i = 0; i < 100_000; i++) deep = { not: deep }
    expect(questionnaireWireSchema.safeParse({ ...clone(QUESTIONNAIRE_2023), relevance: { Q3: deep } }).success).toBe(false)
  })

  test('leaves the structural rules to the server, and the engine still runs through such a questionnaire in order', () => {
    // Q3 depends on the later Q4: the rules refuse it (and the import would); the phone's check does not.
    const odd = clone(withRelevance({ Q3: { q: 'Q4', anyOf: [1] } }))
    expect(questionnaireSchema.safeParse(odd).success).toBe(false)
    const kept = questionnaireWireSchema.parse(odd)
    // One walk in paper order sees only earlier answers: a condition on a later question never holds.
    expect(visibleQuestions({}, kept)).not.toContain('Q3')
    expect(visibleQuestions({ Q1: [1], Q4: [1] }, kept)).not.toContain('Q3')
    // The full schema is the wire schema with the rules added: parsing with it leaves the wire one as it was.
    expect(questionnaireWireSchema.safeParse(odd).success).toBe(true)
  })
})

describe('module load order', () => {
  const dir = join(__dirname, '../../../src/core/questionnaire')
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'))

  test.each(files)('%s can be the first module loaded (no import cycle reads a half-built module)', (file) => {
    jest.isolateModules(() => {
      expect(() => require(join(dir, file))).not.toThrow()
      const { QUESTIONNAIRE_2023: q, validate } = require(join(dir, 'index.ts'))
      expect(q.questions).toHaveLength(14)
      expect(validate({}, {}, q).length).toBe(10)
    })
  })
})
