import fc from 'fast-check'
import { evaluate, type Answers, type Condition, type QuestionKind } from '../../../src/core/questionnaire'
import { parseRelevant, toRelevant } from '../../../src/core/questionnaire/xlsform'

const KINDS: Record<string, QuestionKind> = { Q1: 'single', Q2: 'multiple', Q3: 'single', N: 'note' }
const kindOf = (name: string): QuestionKind | undefined => KINDS[name]
const read = (expr: string) => parseRelevant(expr, kindOf)
const condition = (expr: string): Condition<string> => {
  const r = read(expr)
  if (!r.ok) throw new Error(r.message)
  return r.condition
}
const refusal = (expr: string): string => {
  const r = read(expr)
  if (r.ok) throw new Error(`accepted: ${expr}`)
  return r.message
}

describe('parseRelevant reads the XLSForm subset into conditions', () => {
  test.each([
    ["${Q1} = '3'", { q: 'Q1', anyOf: [3] }],
    ['${Q1} = 3', { q: 'Q1', anyOf: [3] }],
    ['${Q1}="3"', { q: 'Q1', anyOf: [3] }],
    ["'3' = ${Q1}", { q: 'Q1', anyOf: [3] }],
    ["selected(${Q2}, '3')", { q: 'Q2', anyOf: [3] }],
    ["selected( ${Q1} , 3 )", { q: 'Q1', anyOf: [3] }],
    ["${Q1} != '3'", { not: { q: 'Q1', anyOf: [3] } }],
    ["not(selected(${Q2}, '1'))", { not: { q: 'Q2', anyOf: [1] } }],
    ["not(not(${Q1} = '1'))", { q: 'Q1', anyOf: [1] }],
    ["${Q1} = '3' or ${Q1} = '4'", { q: 'Q1', anyOf: [3, 4] }],
    ["${Q1} != '1' and ${Q1} != '2'", { not: { q: 'Q1', anyOf: [1, 2] } }],
    ["${Q3} = '1' and ${Q1} != '1' and ${Q1} != '2'", { all: [{ q: 'Q3', anyOf: [1] }, { not: { q: 'Q1', anyOf: [1, 2] } }] }],
    ["${Q1} = '1' or ${Q3} = '2' and selected(${Q2}, '4')", { any: [{ q: 'Q1', anyOf: [1] }, { all: [{ q: 'Q3', anyOf: [2] }, { q: 'Q2', anyOf: [4] }] }] }],
    ["(${Q1} = '1' or ${Q3} = '2') and selected(${Q2}, '4')", { all: [{ any: [{ q: 'Q1', anyOf: [1] }, { q: 'Q3', anyOf: [2] }] }, { q: 'Q2', anyOf: [4] }] }],
    ["((${Q1} = '1'))", { q: 'Q1', anyOf: [1] }],
    ["NOT(${Q1} = 1) AND ${Q3} = 2 Or ${Q3} = 4", { any: [{ all: [{ not: { q: 'Q1', anyOf: [1] } }, { q: 'Q3', anyOf: [2] }] }, { q: 'Q3', anyOf: [4] }] }],
    ['（${Q1}＝‘3’） or selected（${Q2}，“2”）', { any: [{ q: 'Q1', anyOf: [3] }, { q: 'Q2', anyOf: [2] }] }],
  ])('%s', (expr, expected) => {
    expect(condition(expr)).toEqual(expected)
  })

  test('an unknown name is left for the structural check (it has the row and knows the questions)', () => {
    expect(condition("${Q9} = '1'")).toEqual({ q: 'Q9', anyOf: [1] })
  })
})

describe('parseRelevant refuses in Chinese, and never evaluates anything', () => {
  test.each([
    ["${Q2} = '1'", "${Q2} 是多选题，不能用 = 或 !=，请写 selected(${Q2}, '1')"],
    ["${N} = '1'", '${N} 是说明，没有选项'],
    ['${Q1} > 2', '不支持 >、<'],
    ["${Q1} = ''", '不支持与空值比较'],
    ["${Q1} = 'a'", '“a”不是选项编号'],
    ['${Q1} = 0', '“0”不是选项编号'],
    ['${Q1} = 1.5', '“1.5”不是选项编号'],
    ["${Q1} = '3' ${Q3} = '1'", '两个条件之间要写 and 或 or'],
    ["${Q1} = '3' and", '表达式不完整'],
    ["(${Q1} = '3'", '右括号'],
    ["${Q1 = '3'", '少了右花括号'],
    ["${Q1} = '3", '引号没有配对'],
    ["count-selected(${Q2}) = 1", '不支持“count-selected”'],
    ["${Q1}", '这里应该是 = 或 !='],
    ["process.exit(1)", '不支持“process”'],
    ["${Q1} = '1' or __proto__", '不支持“__proto__”'],
    ['', '表达式不完整'],
  ])('%s', (expr, says) => {
    expect(refusal(expr)).toContain(says)
  })

  test('deep nesting and very long expressions are refused, not recursed into', () => {
    expect(refusal(`${'('.repeat(50)}\${Q1} = 1${')'.repeat(50)}`)).toContain('括号嵌套太深')
    expect(refusal(`\${Q1} = 1${' or ${Q1} = 1'.repeat(200)}`)).toContain('跳转条件太长')
  })
})

// ---------------------------------------------------------------------------
// Property: writing a condition and reading it back gives one that holds on exactly the same answers.

const atom = fc.record({ q: fc.constantFrom('Q1', 'Q2', 'Q3'), anyOf: fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }) })
const conditions: fc.Arbitrary<Condition<string>> = fc.letrec<{ c: Condition<string> }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    tie('c').map((c) => ({ not: c })),
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
  ),
})).c

/** Every answer set over Q1 (single, 1–3 or none), Q2 (multiple, any subset), Q3 (single): 4 × 8 × 4. */
const ALL_ANSWERS: Answers[] = []
for (let q1 = 0; q1 <= 3; q1++) {
  for (let mask = 0; mask < 8; mask++) {
    for (let q3 = 0; q3 <= 3; q3++) {
      const a: Answers = {}
      if (q1) a.Q1 = [q1]
      const q2 = [1, 2, 3].filter((_, i) => mask & (1 << i))
      if (q2.length) a.Q2 = q2
      if (q3) a.Q3 = [q3]
      ALL_ANSWERS.push(a)
    }
  }
}

describe('toRelevant ⇄ parseRelevant', () => {
  test('writes single choice with =, multiple with selected(), parenthesised where needed', () => {
    expect(toRelevant({ q: 'Q1', anyOf: [3, 4] }, kindOf)).toBe("${Q1} = '3' or ${Q1} = '4'")
    expect(toRelevant({ q: 'Q2', anyOf: [1] }, kindOf)).toBe("selected(${Q2}, '1')")
    expect(toRelevant({ not: { q: 'Q2', anyOf: [1, 2] } }, kindOf)).toBe("not(selected(${Q2}, '1') or selected(${Q2}, '2'))")
    expect(toRelevant({ all: [{ q: 'Q1', anyOf: [1, 2] }, { q: 'Q3', anyOf: [1] }] }, kindOf)).toBe(
      "(${Q1} = '1' or ${Q1} = '2') and ${Q3} = '1'",
    )
    expect(toRelevant({ any: [{ not: { q: 'Q1', anyOf: [1, 2] } }, { q: 'Q3', anyOf: [1] }] }, kindOf)).toBe(
      "(${Q1} != '1' and ${Q1} != '2') or ${Q3} = '1'",
    )
  })

  test('read back, any condition holds on exactly the same answers', () => {
    fc.assert(
      fc.property(conditions, (c) => {
        const back = condition(toRelevant(c, kindOf))
        for (const a of ALL_ANSWERS) expect([a, evaluate(back, a)]).toEqual([a, evaluate(c, a)])
      }),
      { numRuns: 300 },
    )
  })

  test('a written condition reads back unchanged once normalised (writing is idempotent)', () => {
    fc.assert(
      fc.property(conditions, (c) => {
        const once = condition(toRelevant(c, kindOf))
        expect(condition(toRelevant(once, kindOf))).toEqual(once)
      }),
      { numRuns: 300 },
    )
  })
})
