import Taro from '@tarojs/taro'
import { answersSchema, isQuestionId, othersSchema, type Answers, type OtherTexts, type QuestionId } from '../core/questionnaire'
import { UNDISCLOSED_VILLAGE } from '../core/contract/survey'
import { unitNameSchema } from '../core/towns'

export type SurveyMode = 'practice' | 'interview'
/** A unit of the resident's town (which ones exist is the town's data), or 不愿透露. */
export type VillageChoice = string
/** Where the respondent is: a question, or the review screen before submitting. */
export type Screen = QuestionId | 'review'

/** Everything needed to pick a questionnaire up again after the app was closed. */
export interface SurveyDraft {
  answers: Answers
  others: OtherTexts
  current: Screen
  village: VillageChoice
  submissionId: string
}

/** One key per mode: a cadre's mock call never overwrites their own practice. */
export const draftKey = (mode: SurveyMode): string => `survey-draft:${mode}`

export function isVillageChoice(value: unknown): value is VillageChoice {
  return value === UNDISCLOSED_VILLAGE || (typeof value === 'string' && unitNameSchema.safeParse(value).success)
}

/** Reads a draft; anything unreadable (an older app version, a broken write) counts as none. */
export function loadDraft(mode: SurveyMode): SurveyDraft | null {
  let raw: unknown
  try {
    raw = Taro.getStorageSync(draftKey(mode))
  } catch {
    return null
  }
  if (!raw || typeof raw !== 'object') return null
  const d = raw as Record<string, unknown>
  const answers = answersSchema.safeParse(d.answers ?? {})
  const others = othersSchema.safeParse(d.others ?? {})
  const current = d.current === 'review' || (typeof d.current === 'string' && isQuestionId(d.current)) ? (d.current as Screen) : null
  if (!answers.success || !others.success || !current || typeof d.submissionId !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(d.submissionId)) {
    return null
  }
  return {
    answers: answers.data as Answers,
    others: others.data as OtherTexts,
    current,
    village: isVillageChoice(d.village) ? d.village : UNDISCLOSED_VILLAGE,
    submissionId: d.submissionId
  }
}

export function saveDraft(mode: SurveyMode, draft: SurveyDraft): void {
  try {
    Taro.setStorageSync(draftKey(mode), draft)
  } catch {
    // Storage full or unavailable: the questionnaire still works, it just cannot be resumed.
  }
}

export function clearDraft(mode: SurveyMode): void {
  try {
    Taro.removeStorageSync(draftKey(mode))
  } catch {
    // nothing to clear
  }
}
