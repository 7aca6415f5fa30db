import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { getQuestion } from '../../src/core/questionnaire'
import { callCloud } from '../../src/services/cloud'
import { PRIVACY_VERSION } from '../../src/services/consent'
import { draftKey, loadDraft } from '../../src/services/draft'
import SurveyPage from '../../src/pages/survey/index'
import { NOT_READ_ALOUD_NOTE } from '../../src/components/question-card'
import { answer, chosenLabels, currentQuestion, optionRows, stubDeviceApis, tap, tapOption, typeOther } from './support/survey-driver'

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn() }))
const cloud = callCloud as jest.MockedFunction<typeof callCloud>

let device: ReturnType<typeof stubDeviceApis>
beforeEach(() => {
  device = stubDeviceApis()
  cloud.mockReset()
})
afterEach(() => jest.restoreAllMocks())

const consent = () => Taro.setStorageSync('privacy-consent', PRIVACY_VERSION)
const noticeText = () => document.querySelector('.survey-nav__notice')?.textContent ?? null

describe('the privacy notice', () => {
  it('comes before the first question, and consent is remembered on the device', () => {
    const first = render(<SurveyPage />)
    expect(screen.getByText('平安民调 用户隐私保护指引')).toBeTruthy()
    expect(document.querySelector('.question')).toBeNull()
    tap('同意并继续')
    expect(currentQuestion()).toBe('Q1')
    first.unmount()
    render(<SurveyPage />)
    expect(screen.queryByText('平安民调 用户隐私保护指引')).toBeNull()
    expect(currentQuestion()).toBe('Q1')
  })

  it('declining enters nothing and offers to read it again', () => {
    render(<SurveyPage />)
    tap('不同意')
    expect(screen.getByText('未同意隐私保护指引')).toBeTruthy()
    expect(document.querySelector('.question')).toBeNull()
    expect(Taro.getStorageSync(draftKey('practice'))).toBeFalsy()
    tap('重新阅读隐私保护指引')
    expect(screen.getByText('同意并继续')).toBeTruthy()
  })
})

describe('one question a screen, with the skip rules', () => {
  beforeEach(consent)

  it('shows the options in the paper order and wording, none chosen', () => {
    render(<SurveyPage />)
    const labels = optionRows().map((r) => r.querySelector('.option__label')?.textContent)
    expect(labels).toEqual(getQuestion('Q1').options.map((o) => o.label))
    expect(chosenLabels()).toEqual([])
    // The paper's number and its fixed total.
    expect(screen.getByText('第1题（共14题）')).toBeTruthy()
  })

  it('refuses "下一题" until the question is answered, gently', () => {
    render(<SurveyPage />)
    tap('下一题')
    expect(currentQuestion()).toBe('Q1')
    expect(noticeText()).toBe('第1题还没有作答，请选一项后再点“下一题”')
    tapOption('比较安全')
    expect(noticeText()).toBeNull()
  })

  it('Q1 answered 安全: "下一题" goes to Q3, Q2 is never shown, and the screen says why', () => {
    render(<SurveyPage />)
    answer('安全')
    expect(currentQuestion()).toBe('Q3')
    expect(screen.queryByText(getQuestion('Q2').text)).toBeNull()
    expect(screen.getByText('第3题（共14题，已跳过1题）')).toBeTruthy()
    expect(screen.getByText('第2题不用答：第1题您选了“安全”')).toBeTruthy()
    // The next question skips nothing: no explanation there.
    answer('担心')
    expect(currentQuestion()).toBe('Q4')
    expect(screen.getByText('第4题（共14题，已跳过1题）')).toBeTruthy()
    expect(document.querySelector('.question-screen__skips')).toBeNull()
  })

  it('Q5 answered 没有: next is Q7', () => {
    render(<SurveyPage />)
    answer('安全')
    answer('担心')
    answer('加大巡逻守护力度')
    expect(currentQuestion()).toBe('Q5')
    answer('没有')
    expect(currentQuestion()).toBe('Q7')
  })

  it('Q6 answered 1 skips Q8 but Q7 is still asked', () => {
    render(<SurveyPage />)
    answer('不安全')
    expect(currentQuestion()).toBe('Q2')
    answer('赌博')
    answer('担心')
    answer('加大巡逻守护力度')
    answer('有')
    expect(currentQuestion()).toBe('Q6')
    answer('反映了,没人管')
    expect(currentQuestion()).toBe('Q7')
    answer('有')
    expect(currentQuestion()).toBe('Q9')
  })

  it('single choice: a tap selects, another tap moves the choice', () => {
    render(<SurveyPage />)
    tapOption('安全')
    tapOption('不安全')
    expect(chosenLabels()).toEqual(['不安全'])
  })

  it('Q12: "无" clears the others, after saying so; choosing another clears "无"', async () => {
    render(<SurveyPage />)
    for (const a of ['安全', '担心', '加大巡逻守护力度', '没有', '没有', '没有', '满意']) answer(a)
    expect(currentQuestion()).toBe('Q12')
    tapOption('煽动闹事')
    tapOption('沙霸')
    expect(chosenLabels()).toEqual(['煽动闹事', '沙霸'])
    // Declined: nothing changes.
    device.showModal.mockImplementationOnce(() => Promise.resolve({ confirm: false, cancel: true, errMsg: 'showModal:ok' }) as never)
    await act(async () => tapOption('无'))
    expect(device.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ content: '选“无”会取消本题已选的“煽动闹事”“沙霸”。' }))
    expect(chosenLabels()).toEqual(['煽动闹事', '沙霸'])
    await act(async () => tapOption('无'))
    expect(chosenLabels()).toEqual(['无'])
    expect(device.showModal).toHaveBeenCalledTimes(2)
    tapOption('矿霸')
    expect(chosenLabels()).toEqual(['矿霸'])
    tapOption('矿霸')
    expect(chosenLabels()).toEqual([])
  })

  it('the "其他" box appears only while 其他 is chosen', () => {
    render(<SurveyPage />)
    answer('安全')
    answer('担心')
    expect(currentQuestion()).toBe('Q4')
    expect(document.querySelector('.question__other-input')).toBeNull()
    tapOption('加大巡逻守护力度')
    expect(document.querySelector('.question__other-input')).toBeNull()
    tapOption('其他')
    expect(document.querySelector('.question__other-input')).not.toBeNull()
    tap('下一题')
    expect(noticeText()).toBe('第4题选了“其他”，请注明具体内容')
    typeOther('路灯太少')
    expect(screen.getByText('4/50字')).toBeTruthy()
    tapOption('其他')
    expect(document.querySelector('.question__other-input')).toBeNull()
  })

  it('an option the caller does not read out carries a note in a resident\'s words', () => {
    render(<SurveyPage />)
    for (const a of ['安全', '担心', '加大巡逻守护力度']) answer(a)
    expect(currentQuestion()).toBe('Q5')
    const row = optionRows().find((r) => r.textContent?.includes('不了解/不清楚'))!
    expect(within(row).getByText(NOT_READ_ALOUD_NOTE)).toBeTruthy()
    expect(document.querySelectorAll('.option__note')).toHaveLength(1)
    // No interviewer jargon on the resident path.
    expect(document.body.textContent).not.toMatch(/调查员|不读出/)
  })
})

describe('the draft on the device', () => {
  beforeEach(consent)

  it('is saved after every change and offered again when the page is opened', () => {
    const first = render(<SurveyPage />)
    answer('安全')
    tapOption('不担心')
    const saved = loadDraft('practice')
    expect(saved).toMatchObject({ answers: { Q1: [1], Q3: [4] }, current: 'Q3', village: '不愿透露' })
    first.unmount()

    render(<SurveyPage />)
    expect(screen.getByText('上次还没做完')).toBeTruthy()
    tap('继续上次的练习')
    expect(currentQuestion()).toBe('Q3')
    expect(chosenLabels()).toEqual(['不担心'])
  })

  it('"重新开始" drops the old draft and its submission id', () => {
    Taro.setStorageSync(draftKey('practice'), { answers: { Q1: [2] }, others: {}, current: 'Q3', village: '云集', submissionId: 'old-draft-id-0001' })
    render(<SurveyPage />)
    tap('重新开始')
    expect(currentQuestion()).toBe('Q1')
    expect(chosenLabels()).toEqual([])
    expect(loadDraft('practice')?.submissionId).not.toBe('old-draft-id-0001')
  })
})

/** 云集街道's units as towns.units answers them: 旧村 is retired, so no resident can pick it. */
const UNITS = {
  town: '云集街道',
  units: [
    { name: '云集', quota: 350, active: true, order: 0 },
    { name: '渡口', quota: 200, active: true, order: 1 },
    { name: '旧村', quota: 100, active: false, order: 2 }
  ]
}
type Answer = Awaited<ReturnType<typeof callCloud>>
const ALLOWANCE = { ok: true, data: { limit: 10, used: 3, left: 7 } } as Answer
/** towns.units from the table above; survey.practiceAllowance `allowance`; every survey.submit from `submit`; campaigns.current offline (the built-in 2023 one runs). */
function serve(submit: () => Promise<Answer>, allowance: Answer = ALLOWANCE) {
  cloud.mockImplementation(((name: string, event: { action: string }) =>
    name === 'towns'
      ? Promise.resolve({ ok: true, data: UNITS })
      : name === 'survey' && event.action === 'practiceAllowance'
        ? Promise.resolve(allowance)
        : name === 'survey'
          ? submit()
          : Promise.resolve({ ok: false, code: 'INTERNAL', message: '网络不稳定' })) as unknown as typeof callCloud)
}
const submissions = () =>
  cloud.mock.calls.filter(([name, e]) => name === 'survey' && (e as { action: string }).action === 'submit').map(([, e]) => e as unknown as Record<string, unknown>)

describe('review and submission', () => {
  beforeEach(consent)
  beforeEach(() => serve(() => Promise.resolve({ ok: true, data: { submissionId: 'x', stored: true } } as Answer)))

  const walkToReview = () => {
    for (const a of ['不安全']) answer(a)
    tapOption('其他')
    typeOther('乱停车')
    answer('赌博')
    for (const a of ['不大担心', '加大巡逻守护力度', '没有', '不了解/不清楚', '有', '比较好', '满意', '无', '不了解/不清楚', '比较满意']) answer(a)
  }

  it('lists every question asked with its answer, and "修改" jumps back to it', () => {
    render(<SurveyPage />)
    walkToReview()
    expect(screen.getByText('检查您的回答')).toBeTruthy()
    const items = Array.from(document.querySelectorAll('.answer-review__item'))
    expect(items.map((i) => i.querySelector('.answer-review__question')?.textContent?.split('、')[0])).toEqual(
      ['1', '2', '3', '4', '5', '7', '9', '10', '11', '12', '13', '14']
    )
    expect(within(items[1] as HTMLElement).getByText('赌博')).toBeTruthy()
    expect(within(items[1] as HTMLElement).getByText('其他：乱停车')).toBeTruthy()
    expect(within(items[5] as HTMLElement).getByText('不了解/不清楚')).toBeTruthy()
    fireEvent.click(within(items[2] as HTMLElement).getByText('修改'))
    expect(currentQuestion()).toBe('Q3')
    expect(chosenLabels()).toEqual(['不大担心'])
    tap('改好了，回到检查页')
    expect(screen.getByText('检查您的回答')).toBeTruthy()
  })

  it('sends the answers once with one submission id, clears the draft and goes to the thanks page', async () => {
    let resolve!: (v: Answer) => void
    serve(() => new Promise((r) => (resolve = r)))
    render(<SurveyPage />)
    walkToReview()
    const { submissionId } = loadDraft('practice')!
    // Taro's H5 button greys out on any disabled attribute, even "false": it must be absent here.
    expect(screen.getByText('提交练习').closest('taro-button-core')?.hasAttribute('disabled')).toBe(false)
    tap('提交练习')
    expect(screen.getByText('正在提交…').closest('taro-button-core')?.hasAttribute('disabled')).toBe(true)
    tap('正在提交…')
    expect(submissions()).toEqual([{
      action: 'submit',
      submissionId,
      mode: 'practice',
      version: '2023',
      village: '不愿透露',
      answers: { Q1: [4], Q2: [10, 6], Q3: [3], Q4: [3], Q5: [2], Q7: [3], Q9: [1], Q10: [2], Q11: [1], Q12: [13], Q13: [12], Q14: [2] },
      others: { Q2: '乱停车' }
    }])
    expect(submissionId).toMatch(/^[A-Za-z0-9_-]{22}$/)
    await act(async () => resolve({ ok: true, data: { submissionId, stored: true } }))
    expect(device.redirectTo).toHaveBeenCalledWith({ url: '/pages/thanks/index' })
    expect(loadDraft('practice')?.answers ?? {}).toEqual({})
  })

  it('on a refusal shows the message and keeps the draft; the retry sends the same id', async () => {
    const answers: Answer[] = [
      { ok: false, code: 'RATE_LIMITED', message: '提交太频繁，请稍后再试' },
      { ok: true, data: { submissionId: 'same', stored: false } }
    ]
    serve(() => Promise.resolve(answers.shift()!))
    render(<SurveyPage />)
    walkToReview()
    const before = loadDraft('practice')!
    await act(async () => tap('提交练习'))
    expect(screen.getByText('提交太频繁，请稍后再试')).toBeTruthy()
    expect(device.redirectTo).not.toHaveBeenCalled()
    expect(loadDraft('practice')).toEqual(before)
    await act(async () => tap('提交练习'))
    expect(submissions().map((e) => e.submissionId)).toEqual([before.submissionId, before.submissionId])
    expect(device.redirectTo).toHaveBeenCalledTimes(1)
  })
})

describe('the village, among the resident\'s town\'s units', () => {
  beforeEach(consent)
  beforeEach(() => serve(() => Promise.resolve({ ok: true, data: { submissionId: 'x', stored: true } } as Answer)))
  const walk = () => {
    for (const a of ['安全', '不担心', '加大巡逻守护力度', '没有', '不了解/不清楚', '有', '比较好', '满意', '无', '不了解/不清楚', '比较满意']) answer(a)
  }

  it('offers 不愿透露 then the active units of the default town, and sends no town when none was chosen', async () => {
    render(<SurveyPage />)
    walk()
    await act(async () => undefined)
    expect(screen.getByText('您所在的村(社区)（云集街道，可不填）')).toBeTruthy()
    expect(cloud).toHaveBeenCalledWith('towns', { action: 'units', town: '云集街道' })
    const picker = document.querySelector('.village-picker taro-picker-core') as HTMLElement & { range?: string[] }
    expect(picker.range).toEqual(['不愿透露', '云集', '渡口'])
    await act(async () => {
      fireEvent(picker, new CustomEvent('change', { detail: { value: 2 } }))
    })
    await act(async () => tap('提交练习'))
    expect(submissions()[0]).toMatchObject({ village: '渡口' })
    expect(submissions()[0]).not.toHaveProperty('town')
  })

  it('uses the town chosen on the home page: its units, and `town` in the submission', async () => {
    Taro.setStorageSync('town', '茶市镇')
    render(<SurveyPage />)
    walk()
    await act(async () => undefined)
    expect(cloud).toHaveBeenCalledWith('towns', { action: 'units', town: '茶市镇' })
    await act(async () => tap('提交练习'))
    expect(submissions()[0]).toMatchObject({ town: '茶市镇', village: '不愿透露' })
  })

  it('a draft\'s village the town no longer offers falls back to 不愿透露', async () => {
    Taro.setStorageSync(draftKey('practice'), { answers: {}, others: {}, current: 'Q1', village: '旧村', submissionId: 'old-draft-id-0002' })
    render(<SurveyPage />)
    walk()
    await act(async () => undefined)
    await act(async () => tap('提交练习'))
    expect(submissions()[0]).toMatchObject({ village: '不愿透露' })
  })
})
