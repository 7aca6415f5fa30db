import Taro from '@tarojs/taro'
import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import { describeClearing, whatTapClears } from '../../core/questionnaire/explain'
import { progress, type Progress } from '../../core/questionnaire/flow'
import { getQuestion } from '../../core/questionnaire/lookup'
import type { Question, Questionnaire } from '../../core/questionnaire/types'
import { validate } from '../../core/questionnaire/validate'
import type { CallOutcome } from '../../core/contract/survey'
import { callCloud } from '../../services/cloud-survey'
import { hasPrivacyConsent, recordPrivacyConsent } from '../../services/consent'
import { clearDraft, loadDraft, saveDraft, type SurveyDraft, type SurveyMode, type VillageChoice } from '../../services/draft'
import { campaignOnPhone, questionnaireOnPhone, refreshCampaign, type CurrentCampaign } from '../../services/questionnaire'
import { newSubmissionId } from '../../services/submission-id'
import { chosenTown } from '../../services/town-choice'
import { DEFAULT_TOWN } from '../../core/towns'
import { BUILTIN_VERSION } from '../../core/campaigns'
import { answersSoFar, draftOf, flowFromDraft, freshFlow, surveyFlow, type FlowState } from './flow'

/**
 * privacy: the privacy notice must be accepted before anything is entered;
 * declined: it was not, nothing can be entered;
 * resume: a draft with answers was found: continue it or start again;
 * answering: questions and review.
 */
export type SurveyPhase = 'privacy' | 'declined' | 'resume' | 'answering'

export interface UseSurvey {
  phase: SurveyPhase
  flow: FlowState
  /** The questionnaire version being answered: the current campaign's (kept on the phone), or the draft's. */
  questionnaire: Questionnaire
  /** The current campaign as the phone knows it (its year, and when its personal data is deleted). */
  campaign: CurrentCampaign
  /** The resident's town (their choice on the home page, else the default town): whose villages are offered. */
  town: string
  /** The question on screen, null on the review screen. */
  question: Question<string> | null
  progress: Progress
  /** True while a submission is on its way: the submit buttons are disabled. */
  sending: boolean
  /** The server's (Chinese) refusal of the last submission, or why it did not arrive; the draft is kept. */
  error: string | null
  /** The last submission failed on the way (no network, no answer in time, a server fault): trying again may work. */
  canRetry: boolean
  acceptPrivacy(): void
  declinePrivacy(): void
  /** After declining: read the notice again. */
  showPrivacy(): void
  resume(): void
  restart(): void
  /** A tap on an option; one that would clear other answers asks first, saying what it clears. */
  toggle(value: number): void
  setOtherText(text: string): void
  next(): void
  previous(): void
  edit(id: string): void
  backToReview(): void
  setVillage(village: VillageChoice): void
  /**
   * Sends the questionnaire. Practice and completed calls need every visible question answered;
   * a hung-up call sends what was answered so far; an unreached or refused call sends nothing
   * but its outcome. Resolves true once stored; the draft is then gone and a fresh one begins.
   * `contact`: the household a mock call was placed to from the list (its last outcome is kept on it).
   */
  submit(outcome?: CallOutcome, contact?: string): Promise<boolean>
}

interface Boot {
  phase: SurveyPhase
  draft: SurveyDraft | null
  campaign: CurrentCampaign
  questionnaire: Questionnaire
}

/** Failures of the way there, not refusals: the same tap again (same submission id) may work. */
const RETRYABLE: ReadonlySet<string> = new Set(['TIMEOUT', 'OFFLINE', 'INTERNAL'])

function boot(mode: SurveyMode): Boot {
  const campaign = campaignOnPhone()
  // A draft goes on with the version it was begun on (one the phone no longer knows is no draft).
  const draft = loadDraft(mode)
  const questionnaire = (draft && questionnaireOnPhone(draft.version ?? BUILTIN_VERSION)) || campaign.questionnaire
  if (!hasPrivacyConsent()) return { phase: 'privacy', draft, campaign, questionnaire }
  return { phase: draft && Object.keys(draft.answers).length > 0 ? 'resume' : 'answering', draft, campaign, questionnaire }
}

/** The whole questionnaire logic a survey screen needs; the screen only renders it. */
export function useSurvey(mode: SurveyMode): UseSurvey {
  const [start] = useState(() => boot(mode))
  const [phase, setPhase] = useState<SurveyPhase>(start.phase)
  const [campaign, setCampaign] = useState(start.campaign)
  // The flow carries the version it answers; a new version comes only with a fresh flow ('restart').
  const [flow, dispatch] = useReducer(surveyFlow, start.draft, (d) =>
    d ? flowFromDraft(d, start.questionnaire) : freshFlow(newSubmissionId(), start.questionnaire)
  )
  const questionnaire = flow.questionnaire
  const answered = useRef(false)
  answered.current = Object.keys(flow.answers).length > 0
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [canRetry, setCanRetry] = useState(false)
  const inFlight = useRef(false)
  // Sent only when the resident chose one: without it the function takes the default town as well.
  const [chosen] = useState(chosenTown)

  // Kept on the device after every change, once the respondent is actually answering.
  useEffect(() => {
    if (phase === 'answering') saveDraft(mode, draftOf(flow))
  }, [mode, phase, flow])

  // The current campaign, fetched once (kept on the phone by the service). A new version replaces the
  // one on screen only before the first answer: a questionnaire under way is never changed under it.
  useEffect(() => {
    let live = true
    refreshCampaign().then((fetched) => {
      if (!live || !fetched) return
      setCampaign(fetched)
      if (fetched.questionnaire.version !== questionnaire.version && !answered.current) {
        dispatch({ type: 'restart', submissionId: newSubmissionId(), questionnaire: fetched.questionnaire })
      }
    })
    return () => {
      live = false
    }
    // Once per screen: the version on screen at mount is the one compared.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const afterConsent = useCallback(() => {
    setPhase(start.draft && Object.keys(start.draft.answers).length > 0 ? 'resume' : 'answering')
  }, [start])

  const restart = useCallback(() => {
    clearDraft(mode)
    setError(null)
    setCanRetry(false)
    // Starting again starts on the current campaign's version.
    dispatch({ type: 'restart', submissionId: newSubmissionId(), questionnaire: campaign.questionnaire })
    setPhase('answering')
  }, [mode, campaign])

  const submit = useCallback(
    async (outcome?: CallOutcome, contact?: string): Promise<boolean> => {
      if (inFlight.current) return false
      const noAnswers = outcome === 'unreached' || outcome === 'refused'
      const sent = noAnswers ? { answers: {}, others: {} } : outcome === 'hungUp' ? answersSoFar(flow, questionnaire) : { answers: flow.answers, others: flow.others }
      if (!noAnswers && outcome !== 'hungUp') {
        const problem = validate(sent.answers, sent.others, questionnaire)[0]
        if (problem) {
          setError(problem.message)
          return false
        }
      }
      inFlight.current = true
      setSending(true)
      setError(null)
      setCanRetry(false)
      let res: Awaited<ReturnType<typeof callCloud<'survey', 'submit'>>> | undefined
      try {
        res = await callCloud(
          'survey',
          mode === 'practice'
            ? { action: 'submit', submissionId: flow.submissionId, mode, version: questionnaire.version, village: flow.village, ...(chosen ? { town: chosen } : {}), ...sent }
            : { action: 'submit', submissionId: flow.submissionId, mode, version: questionnaire.version, outcome: outcome ?? 'completed', ...(contact ? { contact } : {}), ...sent }
        )
      } catch {
        res = undefined
      } finally {
        // Whatever happens to the call, the buttons come back: never "正在提交…" for good.
        inFlight.current = false
        setSending(false)
      }
      if (!res || !res.ok) {
        setError(res ? res.message : '网络不稳定,没有提交成功,内容已保留,请稍后重试')
        setCanRetry(!res || RETRYABLE.has(res.code))
        return false
      }
      clearDraft(mode)
      // The next one answers the current campaign's version.
      dispatch({ type: 'restart', submissionId: newSubmissionId(), questionnaire: campaign.questionnaire })
      return true
    },
    [flow, mode, chosen, questionnaire, campaign]
  )

  return {
    phase,
    flow,
    questionnaire,
    campaign,
    town: chosen ?? DEFAULT_TOWN,
    question: flow.current === 'review' ? null : getQuestion(flow.current, questionnaire),
    progress: progress(flow.answers, questionnaire),
    sending,
    error,
    canRetry,
    acceptPrivacy: () => {
      recordPrivacyConsent()
      afterConsent()
    },
    declinePrivacy: () => setPhase('declined'),
    showPrivacy: () => setPhase('privacy'),
    resume: () => setPhase('answering'),
    restart,
    toggle: (value) => {
      if (flow.current === 'review') return
      const id = flow.current
      const clearing = whatTapClears(flow, id, value, questionnaire)
      if (!clearing) return dispatch({ type: 'toggle', value })
      // Said before it happens: which answers this tap would take away.
      Taro.showModal({
        title: '确定要这样改吗？',
        content: describeClearing(id, value, clearing, questionnaire),
        confirmText: '确定修改',
        cancelText: '不改了',
        // Dark on white (the defaults are a pale green and black).
        confirmColor: '#b3121b',
        cancelColor: '#222222'
      })
        .then((r) => {
          if (r.confirm) dispatch({ type: 'toggle', value })
        })
        .catch(() => undefined)
    },
    setOtherText: (text) => dispatch({ type: 'otherText', text }),
    next: () => dispatch({ type: 'next' }),
    previous: () => dispatch({ type: 'previous' }),
    edit: (id) => dispatch({ type: 'edit', id }),
    backToReview: () => dispatch({ type: 'backToReview' }),
    setVillage: (village) => dispatch({ type: 'village', village }),
    submit
  }
}
