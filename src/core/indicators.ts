import { getQuestion, type QuestionId } from './questionnaire'
import { effectiveAnswers, visibleQuestions } from './questionnaire/relevance'
import type { Answers } from './questionnaire/types'

/** One completed (or partial) questionnaire. */
export interface SurveyRecord {
  readonly answers: Answers
}

/** A share of favourable answers; `rate` is null when nobody counts. */
export interface Rate {
  readonly rate: number | null
  /** Answers counted as favourable. */
  readonly favourable: number
  /** Valid answers in the denominator. */
  readonly sampleSize: number
}

export interface RateSettings {
  /** Leave "不了解/不清楚" out of the denominator (default true). */
  readonly excludeUnknown: boolean
}

export const DEFAULT_RATE_SETTINGS: RateSettings = { excludeUnknown: true }

/** The one option a respondent validly chose on a single-choice question, if any. */
function singleAnswer(answers: Answers, id: QuestionId): number | undefined {
  const chosen = effectiveAnswers(answers)[id]
  if (!chosen || chosen.length !== 1) return undefined
  const known = getQuestion(id).options.some((o) => o.value === chosen[0])
  return known ? chosen[0] : undefined
}

/**
 * Share of respondents choosing one of `favourable` among those with a valid
 * single answer, leaving `excluded` options out of the denominator.
 */
export function favourableRate(
  records: readonly SurveyRecord[],
  id: QuestionId,
  favourable: readonly number[],
  excluded: readonly number[] = [],
): Rate {
  let sampleSize = 0
  let hits = 0
  for (const r of records) {
    const v = singleAnswer(r.answers, id)
    if (v === undefined || excluded.includes(v)) continue
    sampleSize++
    if (favourable.includes(v)) hits++
  }
  return { rate: sampleSize === 0 ? null : hits / sampleSize, favourable: hits, sampleSize }
}

/** 安全感率: Q1 安全 + 比较安全 over valid answers. */
export function safetyRate(records: readonly SurveyRecord[]): Rate {
  return favourableRate(records, 'Q1', [1, 2])
}

/** Night-time worry: Q3 担心 + 比较担心 over valid answers (lower is better). */
export function nightWorryRate(records: readonly SurveyRecord[]): Rate {
  return favourableRate(records, 'Q3', [1, 2])
}

/** 满意率 for Q11 (扫黑除恶) or Q14 (政法队伍): 满意 + 比较满意 over valid answers. */
export function satisfactionRate(
  records: readonly SurveyRecord[],
  id: 'Q11' | 'Q14',
  settings: RateSettings = DEFAULT_RATE_SETTINGS,
): Rate {
  const UNKNOWN = 5 // "不了解/不清楚"
  return favourableRate(records, id, [1, 2], settings.excludeUnknown ? [UNKNOWN] : [])
}

export interface OptionCount {
  readonly value: number
  readonly label: string
  /** Respondents who chose it. */
  readonly count: number
  /** count / asked; null when nobody was asked. Multiple choice: shares add up to more than 1. */
  readonly share: number | null
}

export interface OptionDistribution {
  readonly questionId: QuestionId
  /** Respondents the question was shown to (its relevance held). */
  readonly asked: number
  /** Of those, respondents who chose at least one option. */
  readonly answered: number
  readonly options: readonly OptionCount[]
}

/**
 * How often each option was chosen, among respondents who were asked. Answers
 * left on a hidden question, unknown and repeated options are not counted.
 */
export function optionDistribution(records: readonly SurveyRecord[], id: QuestionId): OptionDistribution {
  const question = getQuestion(id)
  const counts = new Map<number, number>(question.options.map((o) => [o.value, 0]))
  let asked = 0
  let answered = 0
  for (const r of records) {
    if (!visibleQuestions(r.answers).includes(id)) continue
    asked++
    const chosen = new Set((r.answers[id] ?? []).filter((v) => counts.has(v)))
    if (chosen.size > 0) answered++
    for (const v of chosen) counts.set(v, (counts.get(v) ?? 0) + 1)
  }
  return {
    questionId: id,
    asked,
    answered,
    options: question.options.map((o) => {
      const count = counts.get(o.value) ?? 0
      return { value: o.value, label: o.label, count, share: asked === 0 ? null : count / asked }
    }),
  }
}
