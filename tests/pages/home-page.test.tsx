import { act, fireEvent, render, screen } from '@testing-library/react'
import { FOUR_KNOWS, HOTLINE_LABEL, OPEN_LETTER, SLOGANS } from '../../src/core/content'
import type { Whoami } from '../../src/core/contract'
import { callCloud } from '../../src/services/cloud'
import { localOpenid } from '../../src/services/local-user'
import Home from '../../src/pages/index/index'
import { stubDeviceApis, tap } from './support/survey-driver'

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn() }))
const cloud = callCloud as jest.MockedFunction<typeof callCloud>

let device: ReturnType<typeof stubDeviceApis>
beforeEach(() => {
  device = stubDeviceApis()
  cloud.mockReset()
  // jsdom has no layout, so the H5 swiper cannot measure its slides and says so; a browser does not.
  const warn = console.warn
  jest.spyOn(console, 'warn').mockImplementation((...args) => {
    if (!String(args[0]).startsWith('Swiper Loop Warning')) warn(...args)
  })
})
afterEach(() => jest.restoreAllMocks())

const as = (role: Whoami['role']) => cloud.mockResolvedValue({ ok: true, data: { openid: `o-${role}`, role } })
async function open() {
  render(<Home />)
  await act(async () => undefined)
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

it('locally, switches identity and asks the cloud again who this is', async () => {
  as('resident')
  await open()
  expect(screen.getByText('切换身份(本地)')).toBeTruthy()
  as('cadre')
  await act(async () => tap('干部'))
  expect(localOpenid()).toBe('local-cadre')
  expect(cloud).toHaveBeenCalledTimes(2)
  expect(screen.getByText('模拟民调（干部用）')).toBeTruthy()
})
