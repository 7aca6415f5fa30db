import { questionNumber, type QuestionId } from './ids'
import { own } from './own'
import type { Answers, Questionnaire } from './types'

/**
 * A relevance condition, XLSForm-style, as plain data:
 *   { q: 'Q1', anyOf: [3, 4] }   Q1 answered with 3 or 4
 *   { not: c }, { all: [...] }, { any: [...] }
 * `Id` is `string` in a Questionnaire (`Condition<string>`); the default, the 2023 `QuestionId`
 * union, keeps code written against RELEVANCE typed as before.
 */
export type Condition<Id extends string = QuestionId> =
  | { readonly q: Id; readonly anyOf: readonly number[] }
  | { readonly not: Condition<Id> }
  | { readonly all: readonly Condition<Id>[] }
  | { readonly any: readonly Condition<Id>[] }

/**
 * Evaluates a condition against answers. Pass the effective answers (hidden
 * questions left out): an unanswered or hidden question then matches no
 * `anyOf`, so `not anyOf` holds for it.
 */
export function evaluate(condition: Condition<string>, answers: Answers): boolean {
  if ('q' in condition) {
    const chosen = own(answers, condition.q) ?? []
    return chosen.some((v) => condition.anyOf.includes(v))
  }
  if ('not' in condition) return !evaluate(condition.not, answers)
  if ('all' in condition) return condition.all.every((c) => evaluate(c, answers))
  return condition.any.some((c) => evaluate(c, answers))
}

/** Questions a condition reads, in order of appearance. */
export function referencedQuestions(condition: Condition<QuestionId>): QuestionId[]
export function referencedQuestions(condition: Condition<string>): string[]
export function referencedQuestions(condition: Condition<string>): string[] {
  if ('q' in condition) return [condition.q]
  if ('not' in condition) return referencedQuestions(condition.not)
  const parts = 'all' in condition ? condition.all : condition.any
  return parts.flatMap((c) => referencedQuestions(c))
}

const optionList = (values: readonly number[]): string =>
  values.map((v) => `(${v})`).join('或')

/** Chinese reading of a condition, for a rules table: "第1题选(3)或(4)"; numbers from `q` (default 2023). */
export function describeCondition(condition: Condition<string>, q?: Questionnaire): string {
  const n = (id: string): number => questionNumber(id, q)
  if ('q' in condition) return `第${n(condition.q)}题选${optionList(condition.anyOf)}`
  if ('not' in condition) {
    const inner = condition.not
    if ('q' in inner) return `第${n(inner.q)}题没有选${optionList(inner.anyOf)}`
    return `并非“${describeCondition(inner, q)}”`
  }
  if ('all' in condition) return condition.all.map((c) => describeCondition(c, q)).join('，且')
  return condition.any.map((c) => describeCondition(c, q)).join('，或')
}
