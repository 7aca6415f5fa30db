import Taro from '@tarojs/taro'
import type { Answers, OtherTexts } from '../core/questionnaire'
import { BUILTIN_VERSION } from '../core/campaigns'
import { UNDISCLOSED_VILLAGE, wireAnswersSchema, wireOthersSchema } from '../core/contract/survey'
import { questionnaireOnPhone } from './questionnaire'
import { unitNameSchema } from '../core/towns'

export type SurveyMode = 'practice' | 'interview'
/** A unit of the resident's town (which ones exist is the town's data), or 不愿透露. */
export type VillageChoice = string
/** Where the respondent is: a question (of the version answered), or the review screen before submitting. */
export type Screen = string

/** Everything needed to pick a questionnaire up again after the app was closed. */
export interface SurveyDraft {
  answers: Answers
  others: OtherTexts
  current: Screen
  village: VillageChoice
  submissionId: string
  /** The questionnaire version being answered (absent in drafts from before versions: 2023). */
  version?: string
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
  // The wire shape of any version; which questions exist is the version's (the flow checks them).
  const answers = wireAnswersSchema.safeParse(d.answers ?? {})
  const others = wireOthersSchema.safeParse(d.others ?? {})
  const current = typeof d.current === 'string' && /^(review|[A-Za-z][A-Za-z0-9_]{0,31})$/.test(d.current) ? d.current : null
  if (!answers.success || !others.success || !current || typeof d.submissionId !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(d.submissionId)) {
    return null
  }
  // A draft answers one version the phone knows, and only that version's questions.
  const version = typeof d.version === 'string' && d.version ? d.version : BUILTIN_VERSION
  const q = questionnaireOnPhone(version)
  const known = (id: string) => q !== null && q.questions.some((question) => question.id === id)
  if (!q || ![...Object.keys(answers.data), ...Object.keys(others.data)].every(known) || (current !== 'review' && !known(current))) return null
  return {
    ...(version !== BUILTIN_VERSION || d.version ? { version } : {}),
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
