import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { EXPLAINED_MEANS } from '../../../src/core/contract'
import { SUBMISSION_ID_LENGTH } from '../../../src/services/submission-id'
import VisitsPage from '../../../src/packages/cadre/visits/index'
import VisitPage from '../../../src/packages/cadre/visit/index'
import { dropOutbox } from '../../../src/services/outbox-store'
import { cloud, open, sent, serve, tapText, typeInto } from '../admin/support'
import { stubDeviceApis } from '../support/survey-driver'
import { acceptPrivacy, CADRE, quietUnrenderedInputs } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

const text = (selector: string) => document.querySelector(selector)?.textContent ?? null
const texts = (selector: string) => Array.from(document.querySelectorAll(selector)).map((e) => e.textContent)

let device: ReturnType<typeof stubDeviceApis>
beforeEach(() => {
  dropOutbox()
  device = stubDeviceApis()
  cloud.mockReset()
  acceptPrivacy()
  quietUnrenderedInputs()
  Current.router = null
})
afterEach(() => jest.restoreAllMocks())

const FIGURES = { households: 1600, visited: 800, letter: 400, card: 1600, explained: 0, concerns: 4, replied: 3 }
const PROGRESS = {
  town: '云集街道',
  rows: [
    { village: '新塘站', ...FIGURES },
    { village: '新塘站', households: 40, visited: 40, letter: 40, card: 40, explained: 40, concerns: 0, replied: 0, cadre: { openid: 'o-cadre', name: '王芳' } }
  ],
  total: FIGURES
}
const household = (id: string, name: string, ticks: Partial<Record<'visited' | 'letter' | 'card' | 'explained', boolean>>, lastVisitAt: string | null = null) => ({
  id,
  village: '新塘站',
  responsible: '王芳',
  name,
  phoneMasked: '138****8000',
  occupation: '',
  address: '新塘站村三组',
  note: '',
  createdAt: '2023-09-01T02:00:00.000Z',
  mine: true,
  unassigned: false,
  visited: false,
  letter: false,
  card: false,
  explained: false,
  lastVisitAt,
  ...ticks
})

describe('入户走访 (the households by status)', () => {
  const UNVISITED = household('h1', '李四', {})
  const INCOMPLETE = household('h2', '张三', { visited: true, letter: true }, '2023-09-03T02:00:00.000Z')
  const COMPLETE = household('h3', '赵六', { visited: true, letter: true, card: true, explained: true }, '2023-09-04T02:00:00.000Z')
  const routes = {
    'visits.progress': PROGRESS,
    'visits.households': (e: Record<string, unknown>) =>
      e.status === 'unvisited' ? { households: [UNVISITED], total: 1 } : e.status === 'incomplete' ? { households: [INCOMPLETE], total: 1 } : { households: [COMPLETE], total: 1 }
  }

  it('shows the village’s five rates, one bar each, from the village’s row (not the cadre’s own)', async () => {
    serve(routes, CADRE)
    await open(<VisitsPage />)
    expect(texts('.rate-bar__label')).toEqual(['上门走访率', '发放公开信', '民情联系卡回执', '民调问卷讲解辅导', '群众诉求回复率'])
    expect(texts('.rate-bar__figure')).toEqual(['800/1600 · 50%', '400/1600 · 25%', '1600/1600 · 100%', '0/1600 · 0%', '3/4 · 75%'])
    const bars = Array.from(document.querySelectorAll<HTMLElement>('.rate-bar__bar'))
    expect(bars.map((b) => b.style.width)).toEqual(['50%', '25%', '100%', '0%', '75%'])
    expect(bars[2].className).toContain('rate-bar__bar--done')
  })

  it('lists 未走访 first, then 未完成 and 已完成 on their tabs, with the four ticks', async () => {
    serve(routes, CADRE)
    await open(<VisitsPage />)
    expect(sent('visits', 'households')[0]).toEqual({ action: 'households', status: 'unvisited', page: 0, pageSize: 20 })
    expect(text('.visits__name')).toBe('李四')
    expect(text('.visits__household .status-chip')).toBe('未走访')
    expect(text('.visits__total')).toBe('未走访 1 户')
    await tapText('未完成')
    expect(text('.visits__name')).toBe('张三')
    expect(texts('.visits__tick--done')).toEqual(['✓上门', '✓公开信'])
    expect(text('.visits__household .status-chip')).toBe('未完成')
    await tapText('已完成')
    expect(sent('visits', 'households').map((e) => e.status)).toEqual(['unvisited', 'incomplete', 'complete'])
    expect(texts('.visits__tick--done')).toEqual(['✓上门', '✓公开信', '✓联系卡', '✓讲解'])
    expect(text('.visits__household .status-chip')).toBe('已完成')
  })

  it('a tap on a household opens its visit screen, carrying what is ticked already', async () => {
    serve(routes, CADRE)
    await open(<VisitsPage />)
    await tapText('未完成')
    await tapText('张三')
    expect(device.navigateTo).toHaveBeenLastCalledWith({ url: `/packages/cadre/visit/index?contactId=h2&name=${encodeURIComponent('张三')}&letter=1` })
  })
})

describe('走访登记 (the visit screen)', () => {
  const at = (params: Record<string, string>) => {
    Current.router = { params, path: '/packages/cadre/visit/index' } as unknown as typeof Current.router
  }

  it('says in one line that explaining never says which answer to give', async () => {
    at({ contactId: 'h1', name: encodeURIComponent('李四') })
    serve({}, CADRE)
    await open(<VisitPage />)
    expect(text('.card__title')).toBe('走访李四')
    expect(text('.visit__rule')).toBe(EXPLAINED_MEANS)
  })

  it('records the ticks and a note with one visitId; with the cloud failing it waits on the phone and goes later under the same id', async () => {
    at({ contactId: 'h2', name: '张三', letter: '1' })
    let fail = true
    serve({ 'visits.record': (e: Record<string, unknown>) => (fail ? { ok: false, code: 'INTERNAL', message: '网络不稳定,请稍后重试' } : { visitId: e.visitId, stored: true }) }, CADRE)
    const back = jest.spyOn(Taro, 'navigateBack').mockImplementation(() => Promise.resolve({ errMsg: 'navigateBack:ok' }) as never)
    await open(<VisitPage />)
    expect(document.querySelectorAll('.visit__tick--on')).toHaveLength(1)
    // Ticked on an earlier visit: it stays (the function never unticks).
    expect(text('.visit__before')).toBe('（此前已完成）')
    await tapText('已发放公开信')
    expect(document.querySelectorAll('.visit__tick--on')).toHaveLength(1)
    await tapText('已收回民情联系卡回执')
    await tapText('已讲解辅导民调问卷')
    await typeInto('taro-textarea-core[name="note"]', '家中老人独居')
    await tapText('保存走访')
    // Not lost: kept on the phone (待上传), the cadre goes back to the list.
    expect(device.showToast).toHaveBeenCalledWith({ title: '已存手机，待上传', icon: 'none' })
    expect(back).toHaveBeenCalledTimes(1)
    expect(text('.pending-uploads__count')).toBe('待上传 1 条')
    expect(text('.pending-uploads__label')).toBe('走访：张三')
    fail = false
    await tapText('现在上传')
    const [first, second] = sent('visits', 'record')
    expect(first).toEqual({ action: 'record', visitId: expect.any(String), contactId: 'h2', letter: true, card: true, explained: true, note: '家中老人独居' })
    expect(String(first.visitId)).toHaveLength(SUBMISSION_ID_LENGTH)
    expect(second).toEqual(first)
    expect(document.querySelector('.pending-uploads')).toBeNull()
  })

  it('a refusal is said on the screen, nothing kept on the phone', async () => {
    at({ contactId: 'h3', name: '王五' })
    serve({ 'visits.record': { ok: false, code: 'FORBIDDEN', message: '您是新塘站的干部,不能记录云集住户的走访' } }, CADRE)
    const back = jest.spyOn(Taro, 'navigateBack').mockImplementation(() => Promise.resolve({ errMsg: 'navigateBack:ok' }) as never)
    await open(<VisitPage />)
    await tapText('保存走访')
    expect(text('.visit__error')).toBe('您是新塘站的干部,不能记录云集住户的走访')
    expect(back).not.toHaveBeenCalled()
    expect(document.querySelector('.pending-uploads')).toBeNull()
  })

  it('a tick can be taken off again before saving; no note, no note field sent', async () => {
    at({ contactId: 'h1', name: '李四' })
    serve({ 'visits.record': { visitId: 'x', stored: true } }, CADRE)
    jest.spyOn(Taro, 'navigateBack').mockImplementation(() => Promise.resolve({ errMsg: 'navigateBack:ok' }) as never)
    await open(<VisitPage />)
    await tapText('已发放公开信')
    await tapText('已发放公开信')
    await tapText('保存走访')
    expect(sent('visits', 'record')[0]).toEqual({ action: 'record', visitId: expect.any(String), contactId: 'h1', letter: false, card: false, explained: false })
  })
})
