import { act, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Whoami } from '../../src/core/contract'
import { callCloud } from '../../src/services/cloud'
import { PRIVACY_VERSION } from '../../src/services/consent'
import { loadDraft } from '../../src/services/draft'
import InterviewPage from '../../src/packages/cadre/interview/index'
import { answer, currentQuestion, optionRows, stubDeviceApis, tap, tapOption } from './support/survey-driver'

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn() }))
const cloud = callCloud as jest.MockedFunction<typeof callCloud>

const CADRE: Whoami = { openid: 'o-cadre', role: 'cadre', village: '云集', name: '张三' }
type Sent = { action: string; submissionId: string; mode: string; outcome?: string; village?: string; answers: object; others: object }
const submissions = (): Sent[] => cloud.mock.calls.filter((c) => c[0] === 'survey').map((c) => c[1] as unknown as Sent)

function serve(who: Whoami) {
  cloud.mockImplementation((async (name: string, event: Sent) => {
    if (name === 'user') return { ok: true, data: who }
    return { ok: true, data: { submissionId: event.submissionId, stored: true } }
  }) as unknown as typeof callCloud)
}

async function open() {
  render(<InterviewPage />)
  await act(async () => undefined)
}

beforeEach(() => {
  stubDeviceApis()
  cloud.mockReset()
  Taro.setStorageSync('privacy-consent', PRIVACY_VERSION)
})
afterEach(() => jest.restoreAllMocks())

it('a resident who opens the page is told it is for cadres only', async () => {
  serve({ openid: 'o-res', role: 'resident' })
  await open()
  expect(screen.getByText('仅限村(社区)干部使用')).toBeTruthy()
  expect(screen.queryByText('记录这通电话')).toBeNull()
})

it('未接通 and 拒访 are recorded at once with no answers, then "下一通电话" starts afresh', async () => {
  serve(CADRE)
  await open()
  await act(async () => tap('未接通'))
  expect(screen.getByText('已记录：未接通')).toBeTruthy()
  tap('下一通电话')
  await act(async () => tap('拒访'))
  const [first, second] = submissions()
  expect(first).toMatchObject({ action: 'submit', mode: 'interview', outcome: 'unreached', answers: {}, others: {} })
  expect(second).toMatchObject({ mode: 'interview', outcome: 'refused', answers: {} })
  expect(first).not.toHaveProperty('village')
  expect(second.submissionId).not.toBe(first.submissionId)
})

it('reads like a script: "请问…", and options not read out are flagged', async () => {
  serve(CADRE)
  await open()
  tap('已接通，开始提问')
  expect(document.querySelector('.question__text')?.textContent).toMatch(/^请问，在目前的社会治安环境下/)
  for (const a of ['安全', '担心', '加大巡逻守护力度']) answer(a)
  expect(currentQuestion()).toBe('Q5')
  const flagged = optionRows().filter((r) => r.querySelector('.option__tag')?.textContent === '不读出')
  expect(flagged.map((r) => r.querySelector('.option__label')?.textContent)).toEqual(['不了解/不清楚'])
  expect(document.querySelector('.option__note')).toBeNull()
})

it('"中途挂断" submits the answers so far as hungUp', async () => {
  serve(CADRE)
  await open()
  tap('已接通，开始提问')
  answer('不太安全')
  tapOption('赌博')
  tap('中途挂断')
  expect(screen.getByText('对方中途挂断了？')).toBeTruthy()
  await act(async () => tap('确认挂断并提交'))
  expect(submissions()[0]).toMatchObject({ mode: 'interview', outcome: 'hungUp', answers: { Q1: [3], Q2: [6] } })
  expect(screen.getByText('已记录：中途挂断')).toBeTruthy()
  expect(loadDraft('interview')?.answers ?? {}).toEqual({})
})

it('a finished call is submitted as completed', async () => {
  serve(CADRE)
  await open()
  tap('已接通，开始提问')
  for (const a of ['安全', '担心', '加大巡逻守护力度', '没有', '没有', '没有', '满意', '无', '不了解/不清楚', '满意']) answer(a)
  expect(screen.getByText('问完了：核对后提交')).toBeTruthy()
  await act(async () => tap('提交（完成）'))
  expect(submissions()[0]).toMatchObject({
    mode: 'interview',
    outcome: 'completed',
    answers: { Q1: [1], Q3: [1], Q4: [3], Q5: [2], Q7: [2], Q9: [2], Q11: [1], Q12: [13], Q13: [12], Q14: [1] }
  })
  expect(screen.getByText('已记录：完成')).toBeTruthy()
})

it('keeps its own draft, apart from the practice', async () => {
  serve(CADRE)
  await open()
  tap('已接通，开始提问')
  tapOption('比较安全')
  expect(loadDraft('interview')?.answers).toEqual({ Q1: [2] })
  expect(loadDraft('practice')).toBeNull()
})
