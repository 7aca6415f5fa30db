import type { Condition } from './conditions'
import type { QuestionId } from './ids'

/**
 * "(单选题)" / "(多选题)" on the paper; `note` is a text shown in the flow (an XLSForm `note`):
 * it has no options, takes no answer, has no question number and is never required.
 */
export type QuestionKind = 'single' | 'multiple' | 'note'

/**
 * `Id` is the type of question ids: `string` in a Questionnaire (`Question<string>`); it defaults to
 * the 2023 `QuestionId` union so that code written against the 2023 data keeps its literal ids.
 */
export type QuestionOption<Id extends string = QuestionId> = {
  /** The number printed on the paper, 1-based: "(3)不太安全" → 3. */
  readonly value: number
  /** Wording as printed, without the "(不读出)" marker and the jump marks. */
  readonly label: string
  /** Choosing it clears every other option (multiple-choice only). */
  readonly exclusive?: boolean
  /** "其他(请注明:)": needs a short free text. */
  readonly other?: boolean
  /** "(不读出)": the caller does not read it out, a resident may still say it. */
  readonly notReadAloud?: boolean
  /** Paper mark "<跳至Qn>": questions between this one and Qn are not asked. Only in QUESTIONS (2023). */
  readonly skipTo?: Id
  /** Paper mark "<跳过Qn>": only Qn is not asked. Only in QUESTIONS (2023). */
  readonly skips?: Id
}

export type Question<Id extends string = QuestionId> = {
  readonly id: Id
  /** "(单选题)" / "(多选题)" on the paper, or a `note`. */
  readonly kind: QuestionKind
  /** Wording as printed, without the leading "N、" and the "(单选题)" suffix. */
  readonly text: string
  /** Neutral plain-language note on what is asked (XLSForm `hint`); never hints at an answer. May be ''. */
  readonly about: string
  /** Empty for a note. */
  readonly options: readonly QuestionOption<Id>[]
}

/** Chosen option numbers per question id. Absent or [] means unanswered. */
export type Answers = Partial<Record<string, number[]>>

/** Free text for the "其他" option, per question id. */
export type OtherTexts = Partial<Record<string, string>>

/**
 * Which single-choice question feeds an indicator: the options counted in the numerator
 * (`favourable`; for 夜间担心 the worried ones) and those meaning "不了解/不清楚" (`unknown`),
 * left out of the denominator when the rate settings say so.
 */
export type IndicatorSpec = {
  readonly question: string
  readonly favourable: readonly number[]
  readonly unknown: readonly number[]
}

/** The settings' mapping from indicators to questions. */
export type IndicatorMapping = {
  /** 安全感率. */
  readonly safety: IndicatorSpec
  /** 夜间独自出行担心的比例 (lower is better). */
  readonly nightWorry?: IndicatorSpec
  /** 满意率 of the 政法机关/政法队伍 question (2023: Q14), the campaign's headline 满意度. */
  readonly satisfaction: IndicatorSpec
  /** 扫黑除恶满意率 (2023: Q11). */
  readonly crackdownSatisfaction?: IndicatorSpec
  /** Questions shown as option distributions (2023: the multiple-choice Q2, Q4, Q12, Q13). */
  readonly distributions?: readonly string[]
}

/**
 * One questionnaire as data: what an XLSForm workbook holds. Question ids are strings ('Q1' …);
 * a question's printed number is its position among the questions that are not notes.
 */
export type Questionnaire = {
  /** e.g. '2023', '2026-1' (XLSForm settings `version`). */
  readonly version: string
  /** XLSForm settings `form_title`. */
  readonly title: string
  /** In paper order. */
  readonly questions: readonly Question<string>[]
  /** When each question is asked; a question not listed is always asked. Conditions read earlier questions only. */
  readonly relevance: Readonly<Partial<Record<string, Condition<string>>>>
  readonly indicators: IndicatorMapping
}
