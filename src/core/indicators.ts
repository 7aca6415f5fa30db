import { getQuestion } from './questionnaire/lookup'
import { INDICATORS, type IndicatorKey } from './questionnaire/check'
import { QUESTIONNAIRE_2023 } from './questionnaire/model'
import { effectiveAnswers, visibleQuestions } from './questionnaire/relevance'
import type { Answers, IndicatorSpec, Questionnaire } from './questionnaire/types'

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
function singleAnswer(answers: Answers, id: string, q: Questionnaire): number | undefined {
  const chosen = effectiveAnswers(answers, q)[id]
  if (!chosen || chosen.length !== 1) return undefined
  const known = getQuestion(id, q).options.some((o) => o.value === chosen[0])
  return known ? chosen[0] : undefined
}

/**
 * Share of respondents choosing one of `favourable` among those with a valid
 * single answer to question `id` of `q` (default 2023), leaving `excluded` options out of the denominator.
 * All records must be answers to `q`: never mix versions in one figure.
 */
export function favourableRate(
  records: readonly SurveyRecord[],
  id: string,
  favourable: readonly number[],
  excluded: readonly number[] = [],
  q: Questionnaire = QUESTIONNAIRE_2023,
): Rate {
  let sampleSize = 0
  let hits = 0
  for (const r of records) {
    const v = singleAnswer(r.answers, id, q)
    if (v === undefined || excluded.includes(v)) continue
    sampleSize++
    if (favourable.includes(v)) hits++
  }
  return { rate: sampleSize === 0 ? null : hits / sampleSize, favourable: hits, sampleSize }
}

const NO_RATE: Rate = { rate: null, favourable: 0, sampleSize: 0 }

/** One indicator from a mapping spec: its favourable options over valid answers, "不了解" out by default. */
export function rateOf(
  records: readonly SurveyRecord[],
  spec: IndicatorSpec,
  settings: RateSettings = DEFAULT_RATE_SETTINGS,
  q: Questionnaire = QUESTIONNAIRE_2023,
): Rate {
  return favourableRate(records, spec.question, spec.favourable, settings.excludeUnknown ? spec.unknown : [], q)
}

/**
 * The indicator `key` of `q`'s settings mapping (default 2023). An optional indicator the
 * questionnaire does not map has no rate (null, sample 0).
 */
export function indicatorRate(
  records: readonly SurveyRecord[],
  key: IndicatorKey,
  settings: RateSettings = DEFAULT_RATE_SETTINGS,
  q: Questionnaire = QUESTIONNAIRE_2023,
): Rate {
  const spec = q.indicators[key]
  return spec ? rateOf(records, spec, settings, q) : NO_RATE
}

/** Every mapped indicator of `q` with its Chinese title and question, in settings order. */
export function indicatorRates(
  records: readonly SurveyRecord[],
  settings: RateSettings = DEFAULT_RATE_SETTINGS,
  q: Questionnaire = QUESTIONNAIRE_2023,
): { key: IndicatorKey; title: string; question: string; rate: Rate }[] {
  return INDICATORS.flatMap(({ key, title }) => {
    const spec = q.indicators[key]
    return spec ? [{ key, title, question: spec.question, rate: rateOf(records, spec, settings, q) }] : []
  })
}

/** 安全感率: 2023 Q1 安全 + 比较安全 over valid answers; the mapping's `safety` for `q`. */
export function safetyRate(
  records: readonly SurveyRecord[],
  settings: RateSettings = DEFAULT_RATE_SETTINGS,
  q: Questionnaire = QUESTIONNAIRE_2023,
): Rate {
  return indicatorRate(records, 'safety', settings, q)
}

/** Night-time worry: 2023 Q3 担心 + 比较担心 over valid answers (lower is better); the mapping's `nightWorry`. */
export function nightWorryRate(
  records: readonly SurveyRecord[],
  settings: RateSettings = DEFAULT_RATE_SETTINGS,
  q: Questionnaire = QUESTIONNAIRE_2023,
): Rate {
  return indicatorRate(records, 'nightWorry', settings, q)
}

/**
 * 满意率 of a question the mapping names as `satisfaction` or `crackdownSatisfaction`
 * (2023: Q14 政法队伍, Q11 扫黑除恶): 满意 + 比较满意 over valid answers, "不了解/不清楚" out by default.
 * Throws for a question the mapping does not name: that is a programming error, not data.
 */
export function satisfactionRate(
  records: readonly SurveyRecord[],
  id: string,
  settings: RateSettings = DEFAULT_RATE_SETTINGS,
  q: Questionnaire = QUESTIONNAIRE_2023,
): Rate {
  const spec = [q.indicators.satisfaction, q.indicators.crackdownSatisfaction].find((s) => s?.question === id)
  if (!spec) throw new Error(`问卷${q.version}的设置里，${id}不是满意度指标`)
  return rateOf(records, spec, settings, q)
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
  readonly questionId: string
  /** Respondents the question was shown to (its relevance held). */
  readonly asked: number
  /** Of those, respondents who chose at least one option. */
  readonly answered: number
  readonly options: readonly OptionCount[]
}

/**
 * How often each option of question `id` of `q` (default 2023) was chosen, among respondents who
 * were asked. Answers left on a hidden question, unknown and repeated options are not counted.
 */
export function optionDistribution(
  records: readonly SurveyRecord[],
  id: string,
  q: Questionnaire = QUESTIONNAIRE_2023,
): OptionDistribution {
  const question = getQuestion(id, q)
  const counts = new Map<number, number>(question.options.map((o) => [o.value, 0]))
  let asked = 0
  let answered = 0
  for (const r of records) {
    if (!visibleQuestions(r.answers, q).includes(id)) continue
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
