import { evaluate, type Condition } from './conditions'
import { questionNumber } from './ids'
import { toggleOption, type SurveyState } from './answering'
import { getQuestion } from './lookup'
import { QUESTIONNAIRE_2023, type Questionnaire } from './model'
import { own } from './own'
import { effectiveAnswers, visibleQuestions } from './relevance'
import type { Answers } from './types'

type Q = Questionnaire
/** The questions of `q` that carry a number (notes are shown, never numbered or counted). */
const numbered = (q: Q): string[] => q.questions.filter((x) => x.kind !== 'note').map((x) => x.id)

/**
 * What the screens say about skips and changes, worked out from the relevance table (never written
 * out per question), so a new jump mark on the paper explains itself.
 */

/** Who reads the sentence: the resident practising ("您选了"), or a cadre reading the script ("对方答了"). */
export type Asker = 'resident' | 'interviewer'

const quoted = (labels: readonly string[]): string => labels.map((l) => `“${l}”`).join('')

/** Labels of the chosen options, "其他" with its text: "其他：乱停车". */
export function chosenLabels(state: SurveyState, id: string, q: Q = QUESTIONNAIRE_2023): string[] {
  const chosen = state.answers[id] ?? []
  return getQuestion(id, q)
    .options.filter((o) => chosen.includes(o.value))
    .map((o) => (o.other && state.others[id] ? `${o.label}：${state.others[id]}` : o.label))
}

const optionLabels = (id: string, values: readonly number[], q: Q): string[] =>
  getQuestion(id, q).options.filter((o) => values.includes(o.value)).map((o) => o.label)

function said(id: string, values: readonly number[], asker: Asker, q: Q): string {
  const verb = asker === 'resident' ? '您选了' : '对方答了'
  return `第${questionNumber(id, q)}题${verb}${quoted(optionLabels(id, values, q))}`
}

/** Why `condition` does not hold on the effective answers, or null when that is not known yet. */
function whyNot(condition: Condition<string>, answers: Answers, asker: Asker, q: Q): string | null {
  if ('q' in condition) {
    const chosen = answers[condition.q] ?? []
    // Unanswered (or itself skipped): the reason is further up, or not given yet.
    return chosen.length > 0 ? said(condition.q, chosen, asker, q) : null
  }
  if ('not' in condition) {
    const inner = condition.not
    if ('q' in inner) {
      const hit = (answers[inner.q] ?? []).filter((v) => inner.anyOf.includes(v))
      return hit.length > 0 ? said(inner.q, hit, asker, q) : null
    }
    return null
  }
  if ('all' in condition) {
    const failing = condition.all.find((c) => !evaluate(c, answers))
    return failing ? whyNot(failing, answers, asker, q) : null
  }
  const reasons = condition.any.map((c) => whyNot(c, answers, asker, q))
  return reasons.every((r) => r !== null) ? reasons.join('，') : null
}

/**
 * Why question `id` is not asked: "第2题不用答：第1题您选了“安全”". Null when it is asked, or when
 * the answer that decides it has not been given yet.
 */
export function explainSkip(id: string, answers: Answers, asker: Asker = 'resident', q: Q = QUESTIONNAIRE_2023): string | null {
  const condition = own(q.relevance, id)
  if (!condition) return null
  const effective = effectiveAnswers(answers, q)
  if (evaluate(condition, effective)) return null
  const reason = whyNot(condition, effective, asker, q)
  if (!reason) return null
  return `第${questionNumber(id, q)}题${asker === 'resident' ? '不用答' : '不用问'}：${reason}`
}

/** The questions not asked between the question asked before `id` and `id` (the ones just jumped over). */
export function skippedJustBefore(answers: Answers, id: string, q: Q = QUESTIONNAIRE_2023): string[] {
  const ids = numbered(q)
  const visible = visibleQuestions(answers, q)
  const at = ids.indexOf(id)
  const before = visible.filter((v) => ids.includes(v) && ids.indexOf(v) < at)
  const from = before.length > 0 ? ids.indexOf(before[before.length - 1]) + 1 : 0
  return ids.slice(from, at).filter((x) => !visible.includes(x))
}

export interface PaperPosition {
  /** The paper's number of the question on screen; null on the review screen. */
  readonly number: number | null
  /** Always the paper's 14: it never moves while answering. */
  readonly total: number
  /** Questions before this one that are not asked (all of them on the review screen). */
  readonly skipped: number
  /** Questions behind the respondent (answered or skipped) ÷ total: only ever grows going forward. */
  readonly ratio: number
}

/**
 * Where the respondent is on the paper: the printed number, the paper's total and how many were
 * skipped so far, so the count never jumps (the visible total went 10 → 11 → 12 → 14 before).
 */
export function paperPosition(answers: Answers, current: string | 'review', q: Q = QUESTIONNAIRE_2023): PaperPosition {
  const ids = numbered(q)
  const visible = visibleQuestions(answers, q)
  const total = ids.length
  if (current === 'review') return { number: null, total, skipped: ids.filter((x) => !visible.includes(x)).length, ratio: 1 }
  // A note sits before the numbered question that follows it.
  const place = q.questions.findIndex((x) => x.id === current)
  const at = ids.indexOf(current) >= 0 ? ids.indexOf(current) : q.questions.slice(0, Math.max(place, 0)).filter((x) => x.kind !== 'note').length
  const skipped = ids.slice(0, at).filter((x) => !visible.includes(x)).length
  return { number: ids.includes(current) ? at + 1 : null, total, skipped, ratio: at / total }
}

/** "第5题（共14题，已跳过1题）"; on the review screen "共14题，跳过2题". */
export function positionLabel(p: PaperPosition): string {
  const skipped = p.skipped > 0 ? `，已跳过${p.skipped}题` : ''
  if (p.number === null) return `共${p.total}题${p.skipped > 0 ? `，跳过${p.skipped}题` : ''}`
  return `第${p.number}题（共${p.total}题${skipped}）`
}

export interface Clearing {
  /** Other options of this question a tap would untick (an exclusive "无" unticks the rest). */
  readonly options: readonly string[]
  /** Later questions the change makes not asked, with the answers they would lose. */
  readonly questions: readonly { readonly id: string; readonly labels: readonly string[] }[]
}

/**
 * What a tap on option `value` of question `id` would take away besides the obvious (a single choice
 * moving, an option unticked, a named item replacing "无"): null when nothing, so the screen can ask
 * before it clears.
 */
export function whatTapClears(state: SurveyState, id: string, value: number, q: Q = QUESTIONNAIRE_2023): Clearing | null {
  const next = toggleOption(state, id, value, q)
  const question = getQuestion(id, q)
  const before = state.answers[id] ?? []
  const after = next.answers[id] ?? []
  const options =
    question.kind === 'multiple'
      ? question.options
          // A named item replacing "无"/"不了解" is as plain as a single choice moving: not worth asking.
          .filter((o) => before.includes(o.value) && o.value !== value && !after.includes(o.value) && !o.exclusive)
          .map((o) => (o.other && state.others[id] ? `${o.label}：${state.others[id]}` : o.label))
      : []
  const questions = numbered(q)
    .filter((x) => x !== id && (state.answers[x]?.length ?? 0) > 0 && (next.answers[x]?.length ?? 0) === 0)
    .map((x) => ({ id: x, labels: chosenLabels(state, x, q) }))
  return options.length > 0 || questions.length > 0 ? { options, questions } : null
}

/**
 * The sentence asked before a tap clears anything: "改选“安全”后，第2题不用再答，已选的“赌博”会被清除。"
 */
export function describeClearing(id: string, value: number, clearing: Clearing, q: Q = QUESTIONNAIRE_2023): string {
  const label = optionLabels(id, [value], q)[0] ?? ''
  const parts: string[] = []
  if (clearing.options.length > 0) parts.push(`选“${label}”会取消本题已选的${quoted(clearing.options)}`)
  if (clearing.questions.length > 0) {
    const numbers = clearing.questions.map((x) => `第${questionNumber(x.id, q)}题`).join('、')
    const lost = clearing.questions.map((x) => `第${questionNumber(x.id, q)}题的${quoted(x.labels)}`).join('，')
    parts.push(`${clearing.options.length > 0 ? '并且' : `改选“${label}”后，`}${numbers}不用再答，已选的${lost}会被清除`)
  }
  return `${parts.join('，')}。`
}
