import { act, fireEvent, render, screen } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { FOUR_KNOWS, HOTLINE_LABEL, OPEN_LETTER, SLOGANS } from '../../src/core/content'
import { failure, type Whoami } from '../../src/core/contract'
import { DEFAULT_TOWN, seedContent, type TownContent } from '../../src/core/towns'
import { callCloud } from '../../src/services/cloud'
import { localOpenid } from '../../src/services/local-user'
import Home from '../../src/pages/index/index'
import { stubDeviceApis, tap } from './support/survey-driver'

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn() }))
/** What the page last handed WeChat for a share to a chat and to Moments (jsdom has no share menu). */
const shares: { app?: () => unknown; timeline?: () => unknown } = {}
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro')
  return {
    __esModule: true,
    ...actual,
    default: actual.default,
    useShareAppMessage: (fn: () => unknown) => (shares.app = fn),
    useShareTimeline: (fn: () => unknown) => (shares.timeline = fn)
  }
})
const shareOf = (kind: 'app' | 'timeline') => shares[kind]?.()
const cloud = callCloud as jest.MockedFunction<typeof callCloud>

let device: ReturnType<typeof stubDeviceApis>
beforeEach(() => {
  device = stubDeviceApis()
  // jsdom has no layout, so the H5 swiper cannot measure its slides and says so; a browser does not.
  const warn = console.warn
  jest.spyOn(console, 'warn').mockImplementation((...args) => {
    if (!String(args[0]).startsWith('Swiper Loop Warning')) warn(...args)
  })
})
afterEach(() => jest.restoreAllMocks())

/** 茶市镇's own letter: nothing in it is 云集街道's. */
const CHASHI: TownContent = {
  letter: {
    title: '平安茶市 你我共建',
    body: '——致全镇人民群众的一封公开信\n\n各位乡亲:\n\n茶市镇正在开展平安建设。\n\n接到调查电话时，请如实评价。',
    sender: '中共衡南县茶市镇委员会\n衡南县茶市镇人民政府',
    date: '2026年9月1日'
  },
  slogans: ['平安茶市，人人参与', '接听民调电话，如实评价']
}
const CONTENT: Record<string, TownContent> = { [DEFAULT_TOWN]: seedContent(), 茶市镇: CHASHI, 花桥镇: seedContent() }
/** 花桥镇 was just created: it still holds the seed town's text (updatedAt null). */
const UPDATED: Record<string, string | null> = { [DEFAULT_TOWN]: null, 茶市镇: '2026-09-01T02:00:00.000Z', 花桥镇: null }

let role: Whoami['role'] = 'resident'
/** No network: every towns call fails as the client reports it. */
let offline = false
const as = (r: Whoami['role']) => {
  role = r
}
beforeEach(() => {
  role = 'resident'
  offline = false
  Current.router = null
  cloud.mockClear()
  cloud.mockImplementation((async (name: string, event: { action: string; town?: string }) => {
    if (name === 'user') return { ok: true, data: { openid: `o-${role}`, role, ...(role === 'townAdmin' ? { town: '茶市镇' } : {}) } }
    if (offline) return failure('INTERNAL', '网络不稳定,请稍后重试')
    if (event.action === 'list') return { ok: true, data: { towns: [{ name: DEFAULT_TOWN, units: 23, quota: 6440 }, { name: '茶市镇', units: 2, quota: 500 }] } }
    if (event.action === 'content') {
      const content = CONTENT[event.town ?? DEFAULT_TOWN]
      return content ? { ok: true, data: { town: event.town, ...content, updatedAt: UPDATED[event.town ?? DEFAULT_TOWN] } } : failure('NOT_FOUND', '没有这个乡镇(街道)')
    }
    throw new Error(`unexpected ${name}.${event.action}`)
  }) as unknown as typeof callCloud)
})
const contentAsked = () => cloud.mock.calls.filter(([n, e]) => n === 'towns' && (e as { action: string }).action === 'content').map(([, e]) => (e as unknown as { town: string }).town)
async function open() {
  const view = render(<Home />)
  for (let i = 0; i < 3; i++) await act(async () => undefined)
  return view
}

it('lays out the open letter: greeting, body, senders, date', async () => {
  as('resident')
  await open()
  for (const text of [OPEN_LETTER.title, OPEN_LETTER.greeting, OPEN_LETTER.closing, OPEN_LETTER.date, ...OPEN_LETTER.senders]) {
    expect(screen.getByText(text)).toBeTruthy()
  }
})

it('turns the slogans in a banner and lists them; a tap copies one', async () => {
  as('resident')
  await open()
  for (const s of SLOGANS) expect(screen.getAllByText(s)).toHaveLength(2)
  const listed = document.querySelectorAll('.slogan-list__item')
  fireEvent.click(listed[2])
  expect(device.setClipboardData).toHaveBeenCalledWith({ data: SLOGANS[2] })
  await act(async () => undefined)
  expect(device.showToast).toHaveBeenCalledWith({ title: '已复制', icon: 'success' })
})

it('shows both hotlines as 社情民意调查热线; a tap dials', async () => {
  as('resident')
  await open()
  expect(screen.getAllByText(HOTLINE_LABEL).length).toBeGreaterThan(0)
  fireEvent.click(screen.getByText('0734-12340'))
  expect(device.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '073412340' })
  fireEvent.click(screen.getByText('0731-12340'))
  expect(device.makePhoneCall).toHaveBeenLastCalledWith({ phoneNumber: '073112340' })
})

it('has the 四知 card, whose 知内容 leads to the practice', async () => {
  as('resident')
  await open()
  for (const k of FOUR_KNOWS) {
    expect(screen.getByText(k.title)).toBeTruthy()
    expect(screen.getByText(k.text)).toBeTruthy()
  }
  tap('看看这些题目：练习答题')
  expect(device.navigateTo).toHaveBeenCalledWith({ url: '/pages/survey/index' })
})

it('offers 模拟民调 to cadres only', async () => {
  as('resident')
  const resident = render(<Home />)
  await act(async () => undefined)
  expect(screen.queryByText('模拟民调（干部用）')).toBeNull()
  resident.unmount()

  as('cadre')
  await open()
  tap('模拟民调（干部用）')
  expect(device.navigateTo).toHaveBeenCalledWith({ url: '/packages/cadre/interview/index' })
})

it('leads each role to its own pages: residents to the invite code, cadres to their hub, admins to the ranking', async () => {
  as('resident')
  const resident = render(<Home />)
  await act(async () => undefined)
  expect(screen.queryByText('干部工作台')).toBeNull()
  expect(screen.queryByText('管理后台')).toBeNull()
  tap('我是村(社区)干部,输入邀请码')
  expect(device.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/cadre/home/index' })
  resident.unmount()

  as('cadre')
  const cadre = render(<Home />)
  await act(async () => undefined)
  expect(screen.queryByText('我是村(社区)干部,输入邀请码')).toBeNull()
  tap('干部工作台')
  expect(device.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/cadre/home/index' })
  cadre.unmount()

  as('admin')
  await open()
  expect(screen.queryByText('干部工作台')).toBeNull()
  tap('管理后台')
  expect(device.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/ranking/index' })
})

it('town admins get the admin entries; only county admins also get the county ranking', async () => {
  as('townAdmin')
  const town = await open()
  tap('管理后台')
  expect(device.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/ranking/index' })
  expect(screen.queryByText('全县乡镇排名')).toBeNull()
  expect(screen.queryByText('我是村(社区)干部,输入邀请码')).toBeNull()
  town.unmount()

  as('admin')
  await open()
  tap('全县乡镇排名')
  expect(device.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/county/index' })
})

describe('the town', () => {
  const letterText = () => document.querySelector('.open-letter')?.textContent ?? ''

  it('with no choice yet, shows the default town and asks which town the resident is in', async () => {
    await open()
    expect(contentAsked()).toEqual([DEFAULT_TOWN])
    expect(screen.getByText('请先选择您所在的乡镇(街道)')).toBeTruthy()
    expect(screen.getByText(OPEN_LETTER.title)).toBeTruthy()
  })

  it('a choice shows that town\'s letter and slogans (title, paragraphs, sender lines, date), remembered on the device; the hotlines stay', async () => {
    const first = await open()
    const picker = document.querySelector('.town-picker taro-picker-core') as HTMLElement & { range?: string[] }
    expect(picker.range).toEqual([DEFAULT_TOWN, '茶市镇'])
    await act(async () => {
      fireEvent(picker, new CustomEvent('change', { detail: { value: 1 } }))
    })
    for (let i = 0; i < 3; i++) await act(async () => undefined)
    expect(Taro.getStorageSync('town')).toBe('茶市镇')
    expect(document.querySelector('.open-letter__title')?.textContent).toBe('平安茶市 你我共建')
    expect(document.querySelector('.open-letter__subtitle')?.textContent).toBe('——致全镇人民群众的一封公开信')
    expect(document.querySelector('.open-letter__greeting')?.textContent).toBe('各位乡亲:')
    expect(Array.from(document.querySelectorAll('.open-letter__paragraph')).map((p) => p.textContent)).toEqual(['茶市镇正在开展平安建设。', '接到调查电话时，请如实评价。'])
    expect(Array.from(document.querySelectorAll('.open-letter__sender')).map((p) => p.textContent)).toEqual(['中共衡南县茶市镇委员会', '衡南县茶市镇人民政府'])
    expect(document.querySelector('.open-letter__date')?.textContent).toBe('2026年9月1日')
    expect(Array.from(document.querySelectorAll('.slogan-list__item')).map((p) => p.textContent)).toEqual(CHASHI.slogans)
    expect(letterText()).not.toContain('云集')
    expect(screen.getByText('0731-12340')).toBeTruthy()
    first.unmount()

    // Next visit: straight to the remembered town, no question asked.
    cloud.mockClear()
    await open()
    expect(contentAsked()).toEqual(['茶市镇'])
    expect(screen.queryByText('请先选择您所在的乡镇(街道)')).toBeNull()
    expect(screen.getByText('您所在的乡镇(街道)')).toBeTruthy()
  })

  it('a shared link\'s ?town= sets the town and remembers it', async () => {
    Taro.setStorageSync('town', DEFAULT_TOWN)
    Current.router = { params: { town: encodeURIComponent('茶市镇') }, path: '/pages/index/index' } as unknown as typeof Current.router
    await open()
    expect(contentAsked()).toEqual(['茶市镇'])
    expect(document.querySelector('.open-letter__title')?.textContent).toBe('平安茶市 你我共建')
    expect(Taro.getStorageSync('town')).toBe('茶市镇')
  })

  it('sharing carries the town', async () => {
    Taro.setStorageSync('town', '茶市镇')
    await open()
    expect(shareOf('app')).toEqual({ title: '平安茶市 你我共建：茶市镇致人民群众的一封公开信', path: `/pages/index/index?town=${encodeURIComponent('茶市镇')}` })
    expect(shareOf('timeline')).toEqual({ title: '平安茶市 你我共建：茶市镇致人民群众的一封公开信', query: `town=${encodeURIComponent('茶市镇')}` })
  })

  it('a new town that has not written its letter yet shows none (not the seed town\'s under its name)', async () => {
    Taro.setStorageSync('town', '花桥镇')
    await open()
    expect(document.querySelector('.open-letter')).toBeNull()
    expect(screen.queryByText(OPEN_LETTER.title)).toBeNull()
    expect(screen.getByText(/花桥镇的公开信和宣传标语正在准备中/)).toBeTruthy()
  })

  it('offline, the default town reads the letter built into the app', async () => {
    offline = true
    await open()
    expect(screen.getByText(OPEN_LETTER.title)).toBeTruthy()
    expect(screen.getByText(/暂时连不上网络/)).toBeTruthy()
    for (const s of SLOGANS) expect(screen.getAllByText(s).length).toBeGreaterThan(0)
  })

  it('offline, another town shows no letter at all rather than the default town\'s under its name, and offers a retry', async () => {
    Taro.setStorageSync('town', '茶市镇')
    offline = true
    await open()
    expect(document.querySelector('.open-letter')).toBeNull()
    expect(document.querySelector('.slogan-list')).toBeNull()
    expect(screen.queryByText(OPEN_LETTER.title)).toBeNull()
    expect(screen.getByText(/暂时无法显示茶市镇的公开信和宣传标语/)).toBeTruthy()
    offline = false
    await act(async () => tap('重试'))
    for (let i = 0; i < 3; i++) await act(async () => undefined)
    expect(document.querySelector('.open-letter__title')?.textContent).toBe('平安茶市 你我共建')
  })
})

it('locally, switches identity and asks the cloud again who this is', async () => {
  as('resident')
  await open()
  expect(screen.getByText('切换身份(本地)')).toBeTruthy()
  as('cadre')
  await act(async () => tap('干部'))
  expect(localOpenid()).toBe('local-cadre')
  expect(cloud.mock.calls.filter(([n]) => n === 'user')).toHaveLength(2)
  expect(screen.getByText('模拟民调（干部用）')).toBeTruthy()
})
