import { fireEvent, render, screen } from '@testing-library/react'
import type { Whoami } from '../../../src/core/contract'
import { callCloud } from '../../../src/services/cloud'
import CadreHome from '../../../src/packages/cadre/home/index'
import { stubDeviceApis } from '../support/survey-driver'
import { acceptPrivacy, CADRE, leave, ok, quietUnrenderedInputs, refused, serveCloud, settle, type } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))
const cloud = callCloud as jest.MockedFunction<typeof callCloud>

let device: ReturnType<typeof stubDeviceApis>
beforeEach(() => {
  device = stubDeviceApis()
  cloud.mockReset()
  acceptPrivacy()
  quietUnrenderedInputs()
})
afterEach(() => jest.restoreAllMocks())

const STATS = { town: '云集街道', village: '新塘站' as const, quota: 260, registered: 300, rate: 300 / 260, rank: 1, flag: 'top' as const, mine: 42 }
const text = (selector: string) => document.querySelector(selector)?.textContent ?? null

async function open() {
  render(<CadreHome />)
  await settle()
}

describe('a cadre', () => {
  it('sees the village’s quota, registrations, completion (past 100%), rank and their own count', async () => {
    serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'stats.myVillage': () => ok(STATS) })
    await open()
    expect(text('.village-progress__village')).toBe('新塘站')
    expect(text('.village-progress__figures')).toBe('已登记 300 户 / 任务 260 户')
    expect(text('.village-progress__rate')).toBe('完成率 115.4%（超额 40 户）')
    expect((document.querySelector('.village-progress__bar') as HTMLElement).style.width).toBe('100%')
    expect(text('.village-progress__rank')).toBe('云集街道第 1 名前五名')
    expect(text('.village-progress__mine')).toBe('我登记了 42 户')
  })

  it('a village behind: the bar shows the share, the flag says so', async () => {
    serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'stats.myVillage': () => ok({ ...STATS, registered: 65, rate: 0.25, rank: 22, flag: 'bottom', mine: 0 }) })
    await open()
    expect((document.querySelector('.village-progress__bar') as HTMLElement).style.width).toBe('25%')
    expect(text('.village-progress__rate')).toBe('完成率 25%')
    expect(screen.getByText('后三名，请加油')).toBeTruthy()
  })

  it('has a way to every task, registering first', async () => {
    serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'stats.myVillage': () => ok(STATS) })
    await open()
    const buttons = Array.from(document.querySelectorAll('.cadre-home__actions taro-button-core'))
    expect(buttons[0].className).toContain('btn--primary')
    const targets: Record<string, string> = {
      登记住户电话: '/packages/cadre/register/index',
      本村登记名单: '/packages/cadre/contacts/index',
      导入Excel: '/packages/cadre/import/index',
      导出Excel: '/packages/cadre/export/index',
      模拟民调: '/packages/cadre/interview/index'
    }
    for (const [label, url] of Object.entries(targets)) {
      fireEvent.click(screen.getByText(label))
      expect(device.navigateTo).toHaveBeenLastCalledWith({ url })
    }
  })

  it('when the figures cannot be read, says why and can try again', async () => {
    let fail = true
    serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'stats.myVillage': () => (fail ? refused('INTERNAL', '网络不稳定,请稍后重试') : ok(STATS)) })
    await open()
    expect(screen.getByText('网络不稳定,请稍后重试')).toBeTruthy()
    fail = false
    fireEvent.click(screen.getByText('重新读取'))
    await settle()
    expect(text('.village-progress__mine')).toBe('我登记了 42 户')
  })
})

describe('someone who is not a cadre yet', () => {
  const RESIDENT: Whoami = { openid: 'o-new', role: 'resident' }

  it('is checked as they type: the code’s length, then their name', async () => {
    const calls = serveCloud(cloud, { 'user.whoami': () => ok(RESIDENT) })
    await open()
    expect(screen.getByText('我是村(社区)干部')).toBeTruthy()
    type('code', 'ABC')
    leave('code')
    expect(screen.getByText('邀请码应为10位')).toBeTruthy()
    type('code', 'abcd-efgh-jk')
    expect(screen.queryByText('邀请码应为10位')).toBeNull()
    fireEvent.click(screen.getByText('确认加入'))
    await settle()
    expect(screen.getByText('请填写姓名')).toBeTruthy()
    expect(calls.filter((c) => c.event.action === 'redeemInvite')).toEqual([])
  })

  it('sees the server’s refusal word for word, and after a good code, the hub', async () => {
    let answer: unknown = refused('NOT_FOUND', '邀请码不存在或已失效,请向街道综治办确认')
    let who: Whoami = RESIDENT
    const calls = serveCloud(cloud, {
      'user.whoami': () => ok(who),
      'user.redeemInvite': () => answer,
      'stats.myVillage': () => ok({ ...STATS, registered: 0, rate: 0, rank: 1, flag: null, mine: 0 })
    })
    await open()
    type('code', 'ABCD EFGH JK')
    type('name', '王芳')
    fireEvent.click(screen.getByText('确认加入'))
    await settle()
    expect(screen.getByText('邀请码不存在或已失效,请向街道综治办确认')).toBeTruthy()
    expect(calls.find((c) => c.event.action === 'redeemInvite')?.event).toEqual({ action: 'redeemInvite', code: 'ABCD EFGH JK', name: '王芳' })

    answer = ok(CADRE)
    who = CADRE
    fireEvent.click(screen.getByText('确认加入'))
    await settle()
    await settle()
    expect(device.showToast).toHaveBeenCalledWith({ title: '已加入新塘站', icon: 'success' })
    expect(text('.cadre-home__hello')).toBe('王芳，您好！您是新塘站的干部。')
    expect(text('.village-progress__figures')).toBe('已登记 0 户 / 任务 260 户')
  })

  it('an admin is not asked for a code', async () => {
    serveCloud(cloud, { 'user.whoami': () => ok({ openid: 'local-admin', role: 'admin' }) })
    await open()
    expect(screen.getByText('管理员账号')).toBeTruthy()
    expect(screen.queryByText('确认加入')).toBeNull()
  })
})
