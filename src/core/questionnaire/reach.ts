import { evaluate, referencedQuestions, type Condition } from './conditions'
import { own } from './own'
import type { Answers, Question, Questionnaire } from './types'

/** Work (states × answers tried) before giving up on the exact check: well under a second. */
export const REACH_WORK_LIMIT = 50_000
/** Answer combinations tried per condition by the fallback check; more: assumed satisfiable. */
const SATISFIABLE_LIMIT = 10_000
/** A multiple-choice question whose options fall into more classes than this is not enumerated. */
const MAX_CLASSES = 12

/**
 * The answers worth trying on a controlling question. Options that every condition treats alike
 * (named by exactly the same atoms, e.g. (3) and (4) in "Q1 is (3) or (4)"; or named by none) form a
 * class, and one option stands for its class. Single choice: one answer per class. Multiple choice:
 * each non-empty set of classes the exclusive rule allows (a class is represented by a non-exclusive
 * option when it has one). null: too many to try.
 */
function branches(question: Question<string>, atoms: readonly (readonly number[])[]): number[][] | null {
  const classes = new Map<string, number[]>()
  for (const o of question.options) {
    const signature = atoms.flatMap((anyOf, i) => (anyOf.includes(o.value) ? [i] : [])).join(',')
    classes.set(signature, [...(classes.get(signature) ?? []), o.value])
  }
  const exclusive = new Set(question.options.filter((o) => o.exclusive).map((o) => o.value))
  const representatives = [...classes.values()].map((values) => values.find((v) => !exclusive.has(v)) ?? values[0])
  if (question.kind === 'single') return representatives.map((v) => [v])
  if (representatives.length > MAX_CLASSES) return null
  const out: number[][] = []
  for (let mask = 1; mask < 1 << representatives.length; mask++) {
    const subset = representatives.filter((_, i) => mask & (1 << i))
    if (!(subset.length > 1 && subset.some((v) => exclusive.has(v)))) out.push(subset)
  }
  return out
}

/** Every `anyOf` a condition of `q` uses, per question it reads. */
function atomsByQuestion(q: Questionnaire): Map<string, number[][]> {
  const atoms = new Map<string, number[][]>()
  const visit = (c: Condition<string>): void => {
    if ('q' in c) atoms.set(c.q, [...(atoms.get(c.q) ?? []), [...c.anyOf]])
    else if ('not' in c) visit(c.not)
    else for (const part of 'all' in c ? c.all : c.any) visit(part)
  }
  for (const question of q.questions) {
    const c = own(q.relevance, question.id)
    if (c) visit(c)
  }
  return atoms
}

export interface Reach {
  /** Questions (and notes) some complete set of answers shows. */
  readonly reachable: ReadonlySet<string>
  /** true: every answer path was covered, so a question missing from `reachable` is never shown. */
  readonly exhaustive: boolean
  /** The most distinct states carried past one question (2023: 4). */
  readonly states: number
}

/**
 * Which questions some answers can show. Exact: walks the questions in paper order, carrying every
 * distinct state a respondent can be in — the answers of the controlling questions (those a
 * condition reads) that a later condition still reads — and answering each shown controlling
 * question every way that matters (see `branches`). Equal states are merged, so a long chain of
 * skips stays small. Past `limit` units of work only a weaker, still sound check runs: a condition
 * that no answers of the questions it reads could satisfy (their own skips ignored) marks its
 * question unreachable; everything else counts as reachable.
 * Expects a structurally valid questionnaire (conditions name earlier questions and real options).
 */
export function reachableQuestions(q: Questionnaire, limit = REACH_WORK_LIMIT): Reach {
  const atoms = atomsByQuestion(q)
  const choices = new Map<string, number[][] | null>()
  for (const question of q.questions) {
    const named = atoms.get(question.id)
    if (named && question.kind !== 'note') choices.set(question.id, branches(question, named))
  }

  // lastRead[id]: the last position whose condition reads `id`; past it, its answer no longer matters.
  const lastRead = new Map<string, number>()
  q.questions.forEach((question, i) => {
    const condition = own(q.relevance, question.id)
    if (condition) for (const ref of referencedQuestions(condition)) lastRead.set(ref, i)
  })

  const reachable = new Set<string>()
  let work = 0
  let widest = 1
  let states: Answers[] = [{}]
  let exact = ![...choices.values()].some((b) => b === null)
  for (let i = 0; exact && i < q.questions.length; i++) {
    const question = q.questions[i]
    const condition = own(q.relevance, question.id)
    const options = choices.get(question.id)
    const next = new Map<string, Answers>()
    // Controlling questions up to here that a later condition still reads.
    const live = q.questions.slice(0, i + 1).map((x) => x.id).filter((id) => (lastRead.get(id) ?? -1) > i)
    const keep = (state: Answers): void => {
      const key = live.map((id) => state[id]?.join('.') ?? '').join('|')
      if (next.has(key)) return
      const kept: Answers = {}
      for (const id of live) if (state[id] !== undefined) kept[id] = state[id]
      next.set(key, kept)
    }
    for (const state of states) {
      work += 1 + (options?.length ?? 0)
      if (work > limit) {
        exact = false
        break
      }
      if (condition && !evaluate(condition, state)) {
        keep(state)
        continue
      }
      reachable.add(question.id)
      if (!options) keep(state)
      else for (const chosen of options) keep({ ...state, [question.id]: chosen })
    }
    states = [...next.values()]
    widest = Math.max(widest, states.length)
  }
  if (exact) return { reachable, exhaustive: true, states: widest }

  // Fallback: each condition on its own, its questions free.
  const loose = new Set<string>()
  for (const question of q.questions) {
    const condition = own(q.relevance, question.id)
    if (!condition || satisfiable(condition, q, choices, SATISFIABLE_LIMIT)) loose.add(question.id)
  }
  return { reachable: loose, exhaustive: false, states: widest }
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
