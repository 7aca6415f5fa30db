import { act, renderHook } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useSurvey } from '../../src/components/survey'
import { callCloud } from '../../src/services/cloud'
import { PRIVACY_VERSION } from '../../src/services/consent'
import { draftKey, loadDraft } from '../../src/services/draft'

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn() }))
const cloud = callCloud as jest.MockedFunction<typeof callCloud>

beforeEach(() => {
  localStorage.clear()
  cloud.mockReset()
})

it('asks for privacy consent before anything, then saves a draft with every change', () => {
  const { result } = renderHook(() => useSurvey('practice'))
  expect(result.current.phase).toBe('privacy')
  act(() => result.current.acceptPrivacy())
  expect(result.current.phase).toBe('answering')
  act(() => result.current.toggle(3))
  act(() => result.current.next())
  expect(result.current.question?.id).toBe('Q2')
  expect(loadDraft('practice')).toMatchObject({ answers: { Q1: [3] }, current: 'Q2' })
  expect(result.current.progress).toMatchObject({ answered: 1, total: 11 })
})

it('offers to resume a stored draft, at the question it was left on', () => {
  Taro.setStorageSync('privacy-consent', PRIVACY_VERSION)
  Taro.setStorageSync(draftKey('practice'), { answers: { Q1: [1], Q3: [2] }, others: {}, current: 'Q4', village: '渡口', submissionId: 'kept-id-0123456789abc' })
  const { result } = renderHook(() => useSurvey('practice'))
  expect(result.current.phase).toBe('resume')
  act(() => result.current.resume())
  expect(result.current.question?.id).toBe('Q4')
  expect(result.current.flow).toMatchObject({ village: '渡口', submissionId: 'kept-id-0123456789abc' })
})

it('a second submit while the first is on its way sends nothing', async () => {
  Taro.setStorageSync('privacy-consent', PRIVACY_VERSION)
  let resolve!: (v: Awaited<ReturnType<typeof callCloud>>) => void
  // campaigns.current (asked once by the hook) is offline; the submission waits.
  cloud.mockImplementation(((name: string) => (name === 'survey' ? new Promise((r) => (resolve = r)) : Promise.resolve({ ok: false, code: 'INTERNAL', message: '网络不稳定' }))) as unknown as typeof callCloud)
  const { result } = renderHook(() => useSurvey('interview'))
  let first!: Promise<boolean>
  let second!: Promise<boolean>
  act(() => {
    first = result.current.submit('unreached')
  })
  expect(result.current.sending).toBe(true)
  await act(async () => {
    second = result.current.submit('unreached')
  })
  await act(async () => resolve({ ok: true, data: { submissionId: 'x', stored: true } }))
  await expect(first).resolves.toBe(true)
  await expect(second).resolves.toBe(false)
  expect(cloud.mock.calls.filter(([name]) => name === 'survey')).toHaveLength(1)
})

it('an incomplete practice is not sent: the first missing question is named', async () => {
  Taro.setStorageSync('privacy-consent', PRIVACY_VERSION)
  const { result } = renderHook(() => useSurvey('practice'))
  act(() => result.current.toggle(1))
  await act(async () => {
    await expect(result.current.submit()).resolves.toBe(false)
  })
  expect(result.current.error).toBe('第3题还没有作答')
  expect(cloud.mock.calls.filter(([name]) => name === 'survey')).toHaveLength(0)
})
