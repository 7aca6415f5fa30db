import type { QuestionId } from './ids'

export type QuestionKind = 'single' | 'multiple'

export interface QuestionOption {
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
  /** Paper mark "<跳至Qn>": questions between this one and Qn are not asked. */
  readonly skipTo?: QuestionId
  /** Paper mark "<跳过Qn>": only Qn is not asked. */
  readonly skips?: QuestionId
}

export interface Question {
  readonly id: QuestionId
  /** "(单选题)" / "(多选题)" on the paper. */
  readonly kind: QuestionKind
  /** Wording as printed, without the leading "N、" and the "(单选题)" suffix. */
  readonly text: string
  /** Neutral plain-language note on what is asked; never hints at an answer. */
  readonly about: string
  readonly options: readonly QuestionOption[]
}

/** Chosen option numbers per question. Absent or [] means unanswered. */
export type Answers = Partial<Record<QuestionId, number[]>>

/** Free text for the "其他" option, per question. */
export type OtherTexts = Partial<Record<QuestionId, string>>
