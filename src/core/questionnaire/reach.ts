import { evaluate, referencedQuestions, type Condition } from './conditions'
import { own } from './own'
import type { Answers, Question, Questionnaire } from './types'

/** Most complete answer paths tried before giving up on the exact check. */
export const REACH_PATH_LIMIT = 100_000
/** A multiple-choice question whose conditions name more options than this is not enumerated. */
const MAX_MENTIONED = 12

/**
 * The answers worth trying on a controlling question: options the conditions never name
 * are alike, so one of them stands for all (one option each on single choice; each subset
 * of the named options on multiple choice, kept to what the exclusive rule allows).
 * null: too many to try.
 */
function branches(question: Question<string>, mentioned: ReadonlySet<number>): number[][] | null {
  const values = question.options.map((o) => o.value)
  const named = values.filter((v) => mentioned.has(v))
  const unnamed = values.find((v) => !mentioned.has(v))
  if (question.kind === 'single') return [...named.map((v) => [v]), ...(unnamed === undefined ? [] : [[unnamed]])]
  if (named.length > MAX_MENTIONED) return null
  const exclusive = new Set(question.options.filter((o) => o.exclusive).map((o) => o.value))
  const out: number[][] = []
  for (let mask = 0; mask < 1 << named.length; mask++) {
    const subset = named.filter((_, i) => mask & (1 << i))
    if (subset.length === 0) {
      if (unnamed !== undefined) out.push([unnamed])
    } else if (!(subset.length > 1 && subset.some((v) => exclusive.has(v)))) out.push(subset)
  }
  return out
}

function mentionedOptions(q: Questionnaire): Map<string, Set<number>> {
  const mentioned = new Map<string, Set<number>>()
  const visit = (c: Condition<string>): void => {
    if ('q' in c) {
      const set = mentioned.get(c.q) ?? new Set<number>()
      for (const v of c.anyOf) set.add(v)
      mentioned.set(c.q, set)
    } else if ('not' in c) visit(c.not)
    else for (const part of 'all' in c ? c.all : c.any) visit(part)
  }
  for (const question of q.questions) {
    const c = own(q.relevance, question.id)
    if (c) visit(c)
  }
  return mentioned
}

export interface Reach {
  /** Questions (and notes) some complete set of answers shows. */
  readonly reachable: ReadonlySet<string>
  /** true: every answer path was tried, so a question missing from `reachable` is never shown. */
  readonly exhaustive: boolean
}

/**
 * Which questions some answers can show, trying every answer path through the controlling
 * questions (those a condition reads), in paper order, each answered as a respondent could.
 * Exact up to REACH_PATH_LIMIT paths. Beyond it only a weaker, still sound check runs: a
 * condition that no answers of the questions it reads could satisfy (their own skips ignored)
 * marks its question unreachable; everything else counts as reachable.
 * Expects a structurally valid questionnaire (conditions name earlier questions and real options).
 */
export function reachableQuestions(q: Questionnaire, limit = REACH_PATH_LIMIT): Reach {
  const mentioned = mentionedOptions(q)
  const choices = new Map<string, number[][] | null>()
  for (const question of q.questions) {
    const named = mentioned.get(question.id)
    if (named && question.kind !== 'note') choices.set(question.id, branches(question, named))
  }
  const tooMany = [...choices.values()].some((b) => b === null)

  const reachable = new Set<string>()
  let paths = 0
  const explore = (i: number, effective: Answers): boolean => {
    if (i === q.questions.length) return ++paths <= limit
    const question = q.questions[i]
    const condition = own(q.relevance, question.id)
    if (condition && !evaluate(condition, effective)) return explore(i + 1, effective)
    reachable.add(question.id)
    const options = choices.get(question.id)
    if (!options) return explore(i + 1, effective)
    for (const chosen of options) {
      if (!explore(i + 1, { ...effective, [question.id]: chosen })) return false
    }
    return true
  }
  if (!tooMany && explore(0, {})) return { reachable, exhaustive: true }

  // Fallback: each condition on its own, its questions free.
  const loose = new Set<string>()
  for (const question of q.questions) {
    const condition = own(q.relevance, question.id)
    if (!condition || satisfiable(condition, q, choices, REACH_PATH_LIMIT)) loose.add(question.id)
  }
  return { reachable: loose, exhaustive: false }
}

function satisfiable(
  condition: Condition<string>,
  q: Questionnaire,
  choices: ReadonlyMap<string, number[][] | null>,
  limit: number,
): boolean {
  const refs = [...new Set(referencedQuestions(condition))]
  const lists: number[][][] = []
  let count = 1
  for (const id of refs) {
    const options = choices.get(id)
    // Unknown to enumerate: assume some answer works (never calls a reachable question unreachable).
    if (!options) return true
    // An unasked question (no answer) is a possibility too, unless it is always asked.
    const asked = own(q.relevance, id) === undefined
    lists.push(asked ? options : [...options, []])
    count *= lists[lists.length - 1].length
    if (count > limit) return true
  }
  const tryFrom = (k: number, answers: Answers): boolean => {
    if (k === refs.length) return evaluate(condition, answers)
    return lists[k].some((chosen) => tryFrom(k + 1, chosen.length ? { ...answers, [refs[k]]: chosen } : answers))
  }
  return tryFrom(0, {})
}
