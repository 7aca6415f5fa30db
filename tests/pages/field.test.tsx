/**
 * Issue 13 in jsdom: what the screens say and keep in the field (weak signal, a family's phone, older
 * eyes). Layout itself (sizes, contrast, overflow) is measured in Chromium: tests/e2e/field.test.ts.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { callCloud } from '../../src/services/cloud'
import SurveyPage from '../../src/pages/survey/index'
import { loadDraft } from '../../src/services/draft'
import ThanksPage from '../../src/pages/thanks/index'
import ConcernPage from '../../src/pages/concern/index'
import RegisterPage from '../../src/packages/cadre/register/index'
import { TYPE_SIZE_KEY, typeScale } from '../../src/components/type-size'
import { answer, currentQuestion, stubDeviceApis, tap, tapOption, typeOther } from './support/survey-driver'
import { acceptPrivacy, CADRE, ok, quietUnrenderedInputs, refused, serveCloud, settle, type, valueOf } from './cadre/support'

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn() }))
const cloud = callCloud as jest.MockedFunction<typeof callCloud>

let device: ReturnType<typeof stubDeviceApis>
/** Every element the screens asked to bring into view, by id. */
let revealed: string[]
beforeEach(() => {
  device = stubDeviceApis()
  cloud.mockReset()
  acceptPrivacy()
  quietUnrenderedInputs()
  revealed = []
  // jsdom lays nothing out: record what a page brings into view instead.
  ;(HTMLElement.prototype as unknown as { scrollIntoView: () => void }).scrollIntoView = function (this: HTMLElement) {
    revealed.push(this.id)
  }
})
afterEach(() => jest.restoreAllMocks())

const UNITS = { town: '云集街道', units: [{ name: '云集', quota: 350, active: true, order: 0 }] }
const allowance = (left: number) => ok({ limit: 10, used: 10 - left, left })
const timedOut = refused('TIMEOUT', '网络不好,没有提交成功,内容已保留,请稍后重试')

/** The short path to the review screen: 安全 skips Q2, 没有 skips Q6, 不了解 skips Q8, 没有 skips Q10. */
function walkToReview() {
  for (const a of ['安全', '不大担心', '加大巡逻守护力度', '没有', '不了解/不清楚', '没有', '满意', '无', '不了解/不清楚', '比较满意']) answer(a)
}
const submits = (calls: ReturnType<typeof serveCloud>) => calls.filter((c) => c.name === 'survey' && c.event.action === 'submit').map((c) => c.event)

describe('1. the practice allowance, said before the first question', () => {
  it('"今天还可以练习 N 次" on the first question, gone once answering', async () => {
    serveCloud(cloud, { 'survey.practiceAllowance': () => allowance(7), 'towns.units': () => ok(UNITS) })
    render(<SurveyPage />)
    await settle()
    expect(currentQuestion()).toBe('Q1')
    expect(screen.getByText('今天还可以练习 7 次（每人每天 10 次）')).toBeTruthy()
    tapOption('安全')
    expect(screen.queryByText(/今天还可以练习/)).toBeNull()
  })

  it('none left: the screen says so and no question is offered to answer for nothing', async () => {
    serveCloud(cloud, { 'survey.practiceAllowance': () => allowance(0) })
    render(<SurveyPage />)
    await settle()
    expect(screen.getByText('今天的练习次数已经用完')).toBeTruthy()
    expect(document.querySelector('.question')).toBeNull()
    tap('返回首页')
    expect(device.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' })
  })

  it('the allowance not known (no network): practice goes on, nothing is claimed', async () => {
    serveCloud(cloud, { 'survey.practiceAllowance': () => timedOut })
    render(<SurveyPage />)
    await settle()
    expect(currentQuestion()).toBe('Q1')
    expect(screen.queryByText(/今天还可以练习|用完/)).toBeNull()
  })
})

describe('4. a submission that fails or times out', () => {
  it('says so by the button, keeps every answer, never stays "正在提交…", and 重试提交 sends the same id once', async () => {
    const answers = [timedOut, ok({ submissionId: 'x', stored: true })]
    const calls = serveCloud(cloud, {
      'survey.practiceAllowance': () => allowance(9),
      'towns.units': () => ok(UNITS),
      'survey.submit': () => answers.shift()
    })
    render(<SurveyPage />)
    await settle()
    walkToReview()
    const draft = loadDraft('practice')!
    await act(async () => tap('提交练习'))
    await settle()
    const notice = document.querySelector('.notice--error') as HTMLElement
    expect(notice.textContent).toContain('网络不好,没有提交成功,内容已保留,请稍后重试')
    // Brought into view where the eyes are, and the buttons are back.
    expect(revealed).toContain(notice.id)
    expect(screen.queryByText('正在提交…')).toBeNull()
    expect(screen.getByText('提交练习').closest('taro-button-core')?.hasAttribute('disabled')).toBe(false)
    expect(loadDraft('practice')).toEqual(draft)
    await act(async () => fireEvent.click(within(notice).getByText('重试提交')))
    await settle()
    expect(submits(calls).map((e) => e.submissionId)).toEqual([draft.submissionId, draft.submissionId])
    expect(device.redirectTo).toHaveBeenCalledWith({ url: '/pages/thanks/index' })
  })

  it('a call that throws instead of answering also ends in a message and the buttons back', async () => {
    serveCloud(cloud, {
      'survey.practiceAllowance': () => allowance(9),
      'towns.units': () => ok(UNITS),
      'survey.submit': () => {
        throw new Error('socket hang up')
      }
    })
    render(<SurveyPage />)
    await settle()
    walkToReview()
    await act(async () => tap('提交练习'))
    await settle()
    expect(document.querySelector('.notice--error')?.textContent).toContain('内容已保留')
    expect(screen.getByText('提交练习')).toBeTruthy()
    expect(screen.getByText('重试提交')).toBeTruthy()
  })

  it('a refusal that a retry cannot fix (the day\'s limit) offers no 重试', async () => {
    serveCloud(cloud, {
      'survey.practiceAllowance': () => allowance(1),
      'towns.units': () => ok(UNITS),
      'survey.submit': () => refused('RATE_LIMITED', '今天已提交10次练习,请明天再来')
    })
    render(<SurveyPage />)
    await settle()
    walkToReview()
    await act(async () => tap('提交练习'))
    await settle()
    expect(screen.getByText('今天已提交10次练习,请明天再来')).toBeTruthy()
    expect(screen.queryByText('重试提交')).toBeNull()
  })

  it('the concern form keeps what was written and retries with the same submission id', async () => {
    const answers = [refused('OFFLINE', '手机没有网络,没有提交成功,内容已保留,请连网后重试'), ok({ id: 'c1', code: 'ABCDEF', stored: true })]
    const calls = serveCloud(cloud, { 'towns.units': () => ok(UNITS), 'concerns.submit': () => answers.shift() })
    render(<ConcernPage />)
    await settle()
    fireEvent.click(screen.getByText('治安问题'))
    const box = document.querySelector('taro-textarea-core[name="text"]') as HTMLElement
    await act(async () => {
      fireEvent(box, new CustomEvent('input', { detail: { value: '路灯坏了' } }))
    })
    await act(async () => fireEvent.click(screen.getByText('提交')))
    await settle()
    expect(screen.getByText('手机没有网络,没有提交成功,内容已保留,请连网后重试')).toBeTruthy()
    await act(async () => fireEvent.click(screen.getByText('重试')))
    await settle()
    const sent = calls.filter((c) => c.name === 'concerns').map((c) => c.event)
    expect(sent).toHaveLength(2)
    expect(sent[1].submissionId).toBe(sent[0].submissionId)
    expect(sent[1].text).toBe('路灯坏了')
    expect(screen.getByText('ABCDEF')).toBeTruthy()
  })
})

describe('5 and 8. skips explained, review returns to the edited question and asks before clearing', () => {
  beforeEach(() => serveCloud(cloud, { 'survey.practiceAllowance': () => allowance(9), 'towns.units': () => ok(UNITS) }))

  it('the review shows each skipped question in its place, with the answer that skipped it', async () => {
    render(<SurveyPage />)
    await settle()
    walkToReview()
    const skipped = Array.from(document.querySelectorAll('.answer-review__skipped')).map((e) => e.textContent)
    expect(skipped).toEqual([
      '第2题不用答：第1题您选了“安全”',
      '第6题不用答：第5题您选了“没有”',
      '第8题不用答：第7题您选了“不了解/不清楚”',
      '第10题不用答：第9题您选了“没有”'
    ])
    expect(screen.getByText('共14题，跳过4题')).toBeTruthy()
  })

  it('修改 Q1 to 不安全 opens Q2; back to 安全 says Q2\'s answer will go before it goes; 改好了 returns to Q1\'s row', async () => {
    render(<SurveyPage />)
    await settle()
    walkToReview()
    const row = document.getElementById('answer-review-Q1') as HTMLElement
    fireEvent.click(within(row).getByText('修改'))
    expect(currentQuestion()).toBe('Q1')
    tapOption('不安全')
    tap('改好了，回到检查页')
    // Q2 is now asked: answer it from the review.
    fireEvent.click(within(document.getElementById('answer-review-Q2') as HTMLElement).getByText('去作答'))
    tapOption('赌博')
    tapOption('其他')
    typeOther('乱停车')
    tap('改好了，回到检查页')
    expect(revealed[revealed.length - 1]).toBe('answer-review-Q2')

    fireEvent.click(within(document.getElementById('answer-review-Q1') as HTMLElement).getByText('修改'))
    // Declined: Q2 keeps its answers.
    device.showModal.mockImplementationOnce(() => Promise.resolve({ confirm: false, cancel: true, errMsg: 'showModal:ok' }) as never)
    await act(async () => tapOption('安全'))
    expect(device.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ content: '改选“安全”后，第2题不用再答，已选的第2题的“赌博”“其他：乱停车”会被清除。' })
    )
    expect(loadDraft('practice')?.answers).toMatchObject({ Q1: [4], Q2: [6, 10] })
    await act(async () => tapOption('安全'))
    expect(loadDraft('practice')?.answers.Q2).toBeUndefined()
    tap('改好了，回到检查页')
    // Back on the review at the question just edited, marked, not at the top of the list.
    expect(screen.getByText('检查您的回答')).toBeTruthy()
    expect(revealed[revealed.length - 1]).toBe('answer-review-Q1')
    expect(document.getElementById('answer-review-Q1')?.classList.contains('answer-review__item--edited')).toBe(true)
    expect(document.getElementById('answer-review-Q2')?.textContent).toBe('第2题不用答：第1题您选了“安全”')
  })
})

describe('2. registering: errors and confirmations where the eyes are, the form ready at once', () => {
  it('登记 with 姓名 empty: a message by the button names it; after a success the confirmation is brought into view over an empty form', async () => {
    const calls = serveCloud(cloud, {
      'user.whoami': () => ok(CADRE),
      'contacts.register': () => ok({ id: 'h1', stored: true, phoneMasked: '138****8000' })
    })
    render(<RegisterPage />)
    await settle()
    fireEvent.click(screen.getByText('登记'))
    await settle()
    const missing = Array.from(document.querySelectorAll('.notice--error')).find((n) => n.textContent?.startsWith('还有'))! as HTMLElement
    expect(missing.textContent).toBe('还有3项要填好才能登记：姓名、电话号码、告知居民并征得同意（见红字）')
    expect(revealed).toContain(missing.id)
    // It follows the typing, without moving the page again.
    const moves = revealed.length
    type('name', '李四')
    type('phone', '13800138000')
    expect(missing.textContent).toBe('还有1项要填好才能登记：告知居民并征得同意（见红字）')
    expect(revealed).toHaveLength(moves)
    fireEvent.click(document.querySelector('.consent-box__row') as HTMLElement)
    fireEvent.click(screen.getByText('登记'))
    await settle()
    expect(calls.filter((c) => c.name === 'contacts')).toHaveLength(1)
    const done = document.querySelector('.notice--ok') as HTMLElement
    expect(within(done).getByText('上一户已登记：李四 138****8000')).toBeTruthy()
    expect(revealed[revealed.length - 1]).toBe(done.id)
    expect(valueOf('name')).toBe('')
    expect(valueOf('phone')).toBe('')
    expect(valueOf('responsible')).toBe('王芳')
    expect(document.querySelector('.notice--error')).toBeNull()
  })

  it('a registration that times out is kept on the phone: that confirmation too is brought into view over an empty form', async () => {
    serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'contacts.register': () => timedOut })
    render(<RegisterPage />)
    await settle()
    type('name', '李四')
    type('phone', '13800138000')
    fireEvent.click(document.querySelector('.consent-box__row') as HTMLElement)
    fireEvent.click(screen.getByText('登记'))
    await settle()
    const done = document.querySelector('.notice--ok') as HTMLElement
    expect(done.textContent).toContain('上一户已存在手机上（待上传）：李四 138****8000')
    expect(revealed).toContain(done.id)
    expect(valueOf('name')).toBe('')
    expect(screen.getByText('登记')).toBeTruthy()
  })
})

describe('larger type: the 大字 switch', () => {
  const scaleOf = (el: Element | null) => (el as HTMLElement | null)?.style.getPropertyValue('--ts')

  it('scales the page, is remembered, and every open page follows', async () => {
    serveCloud(cloud, { 'survey.practiceAllowance': () => allowance(9) })
    const thanks = render(<ThanksPage />)
    expect(scaleOf(document.querySelector('.thanks'))).toBe('1')
    fireEvent.click(screen.getByText('大字'))
    expect(scaleOf(document.querySelector('.thanks'))).toBe('1.25')
    expect(Taro.getStorageSync(TYPE_SIZE_KEY)).toBe('large')
    expect(screen.getByText('大字').getAttribute('aria-checked')).toBe('true')
    thanks.unmount()
    // Another page opened later starts large.
    render(<SurveyPage />)
    await settle()
    expect(scaleOf(document.querySelector('.survey'))).toBe('1.25')
    fireEvent.click(screen.getByText('标准'))
    expect(scaleOf(document.querySelector('.survey'))).toBe('1')
    expect(Taro.getStorageSync(TYPE_SIZE_KEY)).toBeFalsy()
  })

  it('the scale rule: H5 leaves the browser setting to the root; WeChat follows its font setting and narrow screens', () => {
    expect(typeScale({ large: true, platform: 'h5', fontSizeSetting: 20, windowWidth: 320 })).toBe(1.25)
    expect(typeScale({ large: false, platform: 'weapp', fontSizeSetting: 17, windowWidth: 375 })).toBe(1)
    // Smaller than 标准 never shrinks the type.
    expect(typeScale({ large: false, platform: 'weapp', fontSizeSetting: 14, windowWidth: 414 })).toBe(1)
    expect(typeScale({ large: false, platform: 'weapp', fontSizeSetting: 20, windowWidth: 375 })).toBe(1.176)
    expect(typeScale({ large: true, platform: 'weapp', fontSizeSetting: 40, windowWidth: 375 })).toBe(2)
    // 32rpx on a 360px screen is 15.4px: the factor brings it back to 16px.
    expect(typeScale({ large: false, platform: 'weapp', fontSizeSetting: 17, windowWidth: 360 }) * 32 * (360 / 750)).toBeCloseTo(16, 1)
  })
})
