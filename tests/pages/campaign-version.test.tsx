/**
 * The app follows the version (data layer: services/questionnaire + useSurvey): campaigns.current
 * fetched and kept on the phone, the built-in 2023 one when nothing was ever fetched, a draft kept on
 * the version it was begun on, the version sent with the submission; the privacy notice shows the
 * campaign's deletion date. Only the transport (callCloud) is replaced.
 */
import { act, renderHook, screen } from '@testing-library/react'
import { render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { defaultPhases, deletionNotice } from '../../src/core/campaigns'
import { useSurvey } from '../../src/components/survey'
import SurveyPage from '../../src/pages/survey/index'
import { callCloud } from '../../src/services/cloud'
import { PRIVACY_VERSION } from '../../src/services/consent'
import { draftKey, loadDraft } from '../../src/services/draft'
import { campaignOnPhone, questionnaireOnPhone, type CurrentCampaign } from '../../src/services/questionnaire'
import { QUESTIONNAIRE_2026 } from '../fixtures/questionnaire-2026'
import { stubDeviceApis } from './support/survey-driver'

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn() }))
const cloud = callCloud as jest.MockedFunction<typeof callCloud>

const base = { year: 2026, status: 'current' as const, endsOn: '2026-11-15', closedAt: null }
const CURRENT_2026: CurrentCampaign = {
  ...base,
  name: '2026年公众安全感和满意度测评(综治民调)',
  questionnaireVersion: '2026-1',
  phases: defaultPhases(2026),
  removed: null,
  deletionNotice: deletionNotice(base),
  questionnaire: QUESTIONNAIRE_2026
}
const OFFLINE = { ok: false as const, code: 'INTERNAL' as const, message: '网络不稳定,请稍后重试' }

/** campaigns.current answers `current` (or is offline); survey.submit is stored. */
function serve(current: CurrentCampaign | null) {
  cloud.mockImplementation((async (name: string) => {
    if (name === 'campaigns') return current ? { ok: true, data: current } : OFFLINE
    if (name === 'survey') return { ok: true, data: { submissionId: 'x', stored: true, version: 'whatever' } }
    return OFFLINE
  }) as unknown as typeof callCloud)
}
const settle = async () => {
  for (let i = 0; i < 3; i++) await act(async () => undefined)
}
const submissions = () => cloud.mock.calls.filter(([n]) => n === 'survey').map(([, e]) => e as unknown as Record<string, unknown>)

beforeEach(() => {
  stubDeviceApis()
  cloud.mockReset()
  Taro.setStorageSync('privacy-consent', PRIVACY_VERSION)
})

/** Answers every question up to Q14 (those the answers open: none of Q2, Q6, Q8, Q10). */
function walkToQ14(result: { current: ReturnType<typeof useSurvey> }) {
  const answers: [string, number][] = [['Q1', 1], ['Q3', 4], ['Q4', 1], ['Q5', 2], ['Q7', 3], ['Q9', 3], ['Q11', 1], ['Q12', 13], ['Q13', 12]]
  for (const [id, value] of answers) {
    expect(result.current.question?.id).toBe(id)
    act(() => result.current.toggle(value))
    act(() => result.current.next())
  }
  expect(result.current.question?.id).toBe('Q14')
}

it('never fetched and offline: the built-in 2023 questionnaire runs, and 2023 is what is sent', async () => {
  serve(null)
  const { result } = renderHook(() => useSurvey('practice'))
  await settle()
  expect(result.current.questionnaire.version).toBe('2023')
  expect(result.current.campaign.year).toBe(2023)
  expect(campaignOnPhone().year).toBe(2023)
  walkToQ14(result)
  act(() => result.current.toggle(4))
  act(() => result.current.next())
  // No Q15 in 2023: 不满意 ends the questionnaire.
  expect(result.current.question).toBeNull()
  await act(async () => {
    await result.current.submit()
  })
  expect(submissions()).toEqual([expect.objectContaining({ version: '2023', answers: expect.objectContaining({ Q14: [4] }) })])
})

it('fetched: the current version runs (before any answer), is kept on the phone, and is sent; Q15 follows Q14 (4)', async () => {
  serve(CURRENT_2026)
  const { result } = renderHook(() => useSurvey('practice'))
  await settle()
  expect(result.current.questionnaire.version).toBe('2026-1')
  // Q2, Q6, Q8, Q10 and Q15 wait for the answers that open them.
  expect(result.current.progress.total).toBe(10)
  expect(campaignOnPhone()).toEqual(CURRENT_2026)
  expect(questionnaireOnPhone('2026-1')).toEqual(QUESTIONNAIRE_2026)
  walkToQ14(result)
  const before = result.current.progress.total
  act(() => result.current.toggle(4))
  expect(result.current.progress.total).toBe(before + 1)
  act(() => result.current.next())
  expect(result.current.question?.id).toBe('Q15')
  expect(loadDraft('practice')).toMatchObject({ version: '2026-1', current: 'Q15' })
  act(() => result.current.toggle(1))
  act(() => result.current.next())
  expect(result.current.question).toBeNull()
  await act(async () => {
    await result.current.submit()
  })
  expect(submissions()).toEqual([expect.objectContaining({ version: '2026-1', answers: expect.objectContaining({ Q14: [4], Q15: [1] }) })])
})

it('offline later: the version kept on the phone runs', async () => {
  serve(CURRENT_2026)
  const first = renderHook(() => useSurvey('practice'))
  await settle()
  first.unmount()
  serve(null)
  const { result } = renderHook(() => useSurvey('practice'))
  await settle()
  expect(result.current.questionnaire.version).toBe('2026-1')
  expect(result.current.campaign.year).toBe(2026)
})

it('a draft begun on 2023 goes on with 2023 when 2026 arrives; starting again takes 2026', async () => {
  Taro.setStorageSync(draftKey('practice'), { answers: { Q1: [1], Q3: [2] }, others: {}, current: 'Q4', village: '不愿透露', submissionId: 'draft-2023-0123456789', version: '2023' })
  serve(CURRENT_2026)
  const { result } = renderHook(() => useSurvey('practice'))
  await settle()
  expect(result.current.phase).toBe('resume')
  expect(result.current.questionnaire.version).toBe('2023')
  act(() => result.current.restart())
  expect(result.current.questionnaire.version).toBe('2026-1')
  expect(result.current.flow.answers).toEqual({})
})

it('a draft of a version the phone does not know is no draft', () => {
  Taro.setStorageSync(draftKey('practice'), { answers: { Q15: [1] }, others: {}, current: 'Q15', village: '不愿透露', submissionId: 'draft-2027-0123456789', version: '2027-1' })
  expect(loadDraft('practice')).toBeNull()
})

it('the privacy notice says when the year’s personal data is deleted', async () => {
  localStorage.clear()
  serve(CURRENT_2026)
  render(<SurveyPage />)
  await settle()
  expect(screen.getByText('2026年测评计划于2026年11月15日结束；测评关闭时（最迟在结束后30日内）删除登记的居民电话号码等个人信息。')).toBeTruthy()
})
