import { screen } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import type { Whoami } from '../../src/core/contract'
import { SUBMISSION_ID_LENGTH } from '../../src/services/submission-id'
import ConcernPage from '../../src/pages/concern/index'
import { cloud, open, sent, serve, tapText, typeInto } from './admin/support'
import { quietUnrenderedInputs } from './cadre/support'
import { stubDeviceApis } from './support/survey-driver'

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn() }))

const RESIDENT: Whoami = { openid: 'o-resident', role: 'resident' }
const text = (selector: string) => document.querySelector(selector)?.textContent ?? null

let device: ReturnType<typeof stubDeviceApis>
beforeEach(() => {
  device = stubDeviceApis()
  cloud.mockReset()
  Current.router = null
  quietUnrenderedInputs()
})
afterEach(() => jest.restoreAllMocks())

const MINE = {
  items: [
    {
      id: 'c1',
      code: 'K7M2QX',
      category: '治安问题',
      text: '村口路灯坏了，晚上不安全',
      village: '新塘站',
      status: 'replied',
      createdAt: '2023-09-03T02:00:00.000Z',
      dueAt: '2023-09-06T02:00:00.000Z',
      replies: [{ text: '已联系电工，本周修好', at: '2023-09-04T06:30:00.000Z', by: '村(社区)干部' }],
      closedAt: null,
      resolved: null
    }
  ],
  total: 1
}

describe('反映问题', () => {
  it('says first that emergencies go to 110 (a tap calls it) and that this is no part of the survey', async () => {
    serve({}, RESIDENT)
    await open(<ConcernPage />)
    expect(text('.concern__notice')).toContain('紧急情况请直接拨打110')
    expect(text('.concern__notice')).toContain('与问卷调查无关')
    await tapText('110')
    expect(device.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '110' })
  })

  it('the callback number is optional and says who will see it', async () => {
    serve({}, RESIDENT)
    await open(<ConcernPage />)
    expect(screen.getByText('联系电话（可不填）')).toBeTruthy()
    expect(text('.concern__who')).toContain('本村(社区)干部和乡镇(街道)综治办可以看到')
    // Never a promise of a call.
    expect(document.body.textContent).not.toMatch(/会给您打电话|回电|来电/)
  })

  it('asks for a category and a text before sending anything', async () => {
    serve({}, RESIDENT)
    await open(<ConcernPage />)
    await tapText('提交')
    expect(screen.getByText('请选择问题类别')).toBeTruthy()
    await tapText('治安问题')
    await tapText('提交')
    expect(screen.getByText('请写下您要反映的问题')).toBeTruthy()
    expect(sent('concerns', 'submit')).toEqual([])
  })

  it('files a concern without a number, retries with the same submissionId, and shows the 6-character code', async () => {
    let fail = true
    serve({ 'concerns.submit': () => (fail ? { ok: false, code: 'INTERNAL', message: '网络不稳定,请稍后重试' } : { id: 'c1', code: 'K7M2QX', stored: true }) }, RESIDENT)
    await open(<ConcernPage />)
    await tapText('治安问题')
    await typeInto('taro-textarea-core[name="text"]', '村口路灯坏了，晚上不安全')
    await tapText('提交')
    expect(screen.getByText('网络不稳定,请稍后重试')).toBeTruthy()
    fail = false
    await tapText('提交')
    const [first, second] = sent('concerns', 'submit')
    expect(first).toEqual({ action: 'submit', submissionId: expect.any(String), town: '云集街道', category: '治安问题', text: '村口路灯坏了，晚上不安全' })
    expect(String(first.submissionId)).toHaveLength(SUBMISSION_ID_LENGTH)
    expect(second.submissionId).toBe(first.submissionId)
    expect(text('.concern__code')).toBe('K7M2QX')
    expect(text('.concern__filed')).toContain('询问办理情况时请报这个查询码')
  })

  it('sends a callback number only when one was typed', async () => {
    serve({ 'concerns.submit': { id: 'c2', code: 'ABC234', stored: true } }, RESIDENT)
    await open(<ConcernPage />)
    await tapText('民生实事')
    await typeInto('taro-textarea-core[name="text"]', '自来水停了三天')
    await typeInto('taro-input-core[name="callback"]', '138 0013 8000')
    await tapText('提交')
    expect(sent('concerns', 'submit')[0].callback).toEqual({ phone: '138 0013 8000' })
  })

  it('counts the characters against the 500 limit', async () => {
    serve({}, RESIDENT)
    await open(<ConcernPage />)
    await typeInto('taro-textarea-core[name="text"]', '字'.repeat(501))
    expect(text('.concern__count')).toBe('501/500')
    expect(document.querySelector('.concern__count--over')).toBeTruthy()
  })
})

describe('我的反映', () => {
  it('shows each concern’s status, code and replies', async () => {
    serve({ 'concerns.mine': MINE }, RESIDENT)
    await open(<ConcernPage />)
    await tapText('我的反映')
    expect(text('.concern__item-category')).toBe('治安问题')
    expect(text('.concern__item .status-chip')).toBe('已答复')
    expect(text('.concern__item')).toContain('查询码 K7M2QX')
    expect(text('.concern__reply-text')).toBe('村(社区)干部答复：已联系电工，本周修好')
  })

  it('opens on its tab from a link, and says when there is nothing yet', async () => {
    Current.router = { params: { tab: 'mine' }, path: '/pages/concern/index' } as unknown as typeof Current.router
    serve({ 'concerns.mine': { items: [], total: 0 } }, RESIDENT)
    await open(<ConcernPage />)
    expect(screen.getByText('您还没有反映过问题。')).toBeTruthy()
  })
})
