/**
 * Cadres without signal: a registration, a visit or a reply made offline waits on the phone (待上传),
 * survives a restart of the app, goes by itself when the network returns with the same id, and a
 * refusal found on upload stays on the item to be edited or discarded. Only the transport (callCloud)
 * is replaced; the outbox, its storage and the pages are the real ones.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import type { ContactItem } from '../../../src/core/contract'
import { callCloud } from '../../../src/services/cloud'
import { dropOutbox } from '../../../src/services/outbox-store'
import CadreHome from '../../../src/packages/cadre/home/index'
import RegisterPage from '../../../src/packages/cadre/register/index'
import ContactsPage from '../../../src/packages/cadre/contacts/index'
import CadreConcernsPage from '../../../src/packages/cadre/concerns/index'
import InterviewPage from '../../../src/packages/cadre/interview/index'
import { concern } from '../support/concerns'
import { stubDeviceApis } from '../support/survey-driver'
import { acceptPrivacy, CADRE, ok, quietUnrenderedInputs, refused, serveCloud, settle, type } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))
const cloud = callCloud as jest.MockedFunction<typeof callCloud>

const OFFLINE = { ok: false as const, code: 'OFFLINE', message: '手机没有网络,没有提交成功,内容已保留,请连网后重试' }
const STATS = { town: '云集街道', village: '新塘站' as const, quota: 260, registered: 3, rate: 3 / 260, rank: 9, flag: null, mine: 3 }
const STORAGE_KEY = 'outbox:v1:local-resident'
const text = (selector: string) => document.querySelector(selector)?.textContent ?? null
const texts = (selector: string) => Array.from(document.querySelectorAll(selector)).map((e) => e.textContent)
const stored = () => (Taro.getStorageSync(STORAGE_KEY) || []) as { id: string; call: { event: Record<string, unknown> } }[]

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

/** The network as the phone reports it: the outbox listens for it coming back. */
function network(on: boolean) {
  Object.defineProperty(window.navigator, 'onLine', { value: on, configurable: true })
  act(() => {
    window.dispatchEvent(new Event(on ? 'online' : 'offline'))
  })
}

async function registerOffline(name: string, phone: string) {
  type('name', name)
  type('phone', phone)
  fireEvent.click(document.querySelector('.consent-box__row') as HTMLElement)
  fireEvent.click(screen.getByText('登记'))
  await settle()
}

describe('a registration without signal', () => {
  it('is kept on the phone, the form is ready for the next household, and it goes by itself when the network returns, once', async () => {
    let online = false
    const calls = serveCloud(cloud, {
      'user.whoami': () => ok(CADRE),
      'contacts.register': () => (online ? ok({ id: 'a'.repeat(32), village: '新塘站', phoneMasked: '138****8000', stored: true }) : OFFLINE)
    })
    render(<RegisterPage />)
    await settle()
    network(false)
    await registerOffline('李四', '13800138000')

    expect(text('.register__last')).toContain('上一户已存在手机上（待上传）：李四 138****8000')
    expect((document.querySelector('taro-input-core[name="name"]') as unknown as { value: string }).value).toBe('')
    expect(text('.pending-uploads__count')).toBe('待上传 1 条')
    expect(text('.pending-uploads__label')).toBe('登记：李四 138****8000')
    expect(text('.pending-uploads__state')).toBe('等待网络，会自动上传')
    // On the phone, with what it takes to send it (and the consent the cadre gave).
    expect(stored().map((i) => i.call.event)).toEqual([
      expect.objectContaining({ action: 'register', name: '李四', phone: '13800138000', consent: true, registrationId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) })
    ])

    online = true
    network(true)
    await settle()
    const sent = calls.filter((c) => c.name === 'contacts').map((c) => c.event)
    expect(sent).toHaveLength(2)
    expect(sent[1]).toEqual(sent[0])
    expect(document.querySelector('.pending-uploads')).toBeNull()
    // Sent: nothing of the resident left on the phone.
    expect(Taro.getStorageSync(STORAGE_KEY)).toBe('')
  })

  it('survives the app being closed: after a restart the hub shows it and sends it at once', async () => {
    serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'stats.myVillage': () => ok(STATS), 'contacts.register': () => OFFLINE })
    const first = render(<RegisterPage />)
    await settle()
    await registerOffline('王五', '13900139000')
    await registerOffline('赵六', '0734-8160763')
    expect(text('.pending-uploads__count')).toBe('待上传 2 条')
    const ids = stored().map((i) => i.id)
    first.unmount()

    // A new start: nothing in memory, only what storage kept.
    dropOutbox()
    let sentIds: unknown[] = []
    serveCloud(cloud, {
      'user.whoami': () => ok(CADRE),
      'stats.myVillage': () => ok(STATS),
      'contacts.register': (e) => {
        sentIds.push(e.registrationId)
        return ok({ id: 'b'.repeat(32), village: '新塘站', phoneMasked: '139****9000', stored: true })
      }
    })
    render(<CadreHome />)
    await settle()
    await settle()
    // Sent in the order recorded, each with the id it was recorded with.
    expect(sentIds).toEqual(ids)
    expect(document.querySelector('.pending-uploads')).toBeNull()
  })

  it('a number taken meanwhile is shown on the item with the function’s message; edited, it goes again under the same id', async () => {
    let answer: 'offline' | 'taken' | 'ok' = 'offline'
    const calls = serveCloud(cloud, {
      'user.whoami': () => ok(CADRE),
      'stats.myVillage': () => ok(STATS),
      'contacts.register': () =>
        answer === 'offline' ? OFFLINE : answer === 'taken' ? refused('CONFLICT', '该号码已在云集登记') : ok({ id: 'c'.repeat(32), village: '新塘站', phoneMasked: '137****7000', stored: true })
    })
    render(<CadreHome />)
    await settle()
    const register = render(<RegisterPage />)
    await settle()
    await registerOffline('孙七', '13800138000')
    register.unmount()

    answer = 'taken'
    fireEvent.click(screen.getByText('现在上传'))
    await settle()
    const item = document.querySelector('.pending-uploads__item') as HTMLElement
    expect(item.className).toContain('pending-uploads__item--refused')
    expect(within(item).getByText('没有上传成功：该号码已在云集登记')).toBeTruthy()
    expect(text('.pending-uploads__refused-count')).toBe('其中 1 条需要处理')
    // Refused: kept (also in storage), no automatic attempt.
    expect(stored()).toHaveLength(1)

    fireEvent.click(within(item).getByText('修改'))
    await settle()
    expect((item.querySelector('taro-input-core[name="name"]') as unknown as { value: string }).value).toBe('孙七')
    act(() => {
      fireEvent(item.querySelector('taro-input-core[name="phone"]')!, new CustomEvent('input', { detail: { value: '13700137000' } }))
    })
    answer = 'ok'
    fireEvent.click(within(item).getByText('改好了，重新上传'))
    await settle()
    const sent = calls.filter((c) => c.name === 'contacts').map((c) => c.event)
    expect(sent.at(-1)).toMatchObject({ name: '孙七', phone: '13700137000', registrationId: sent[0].registrationId })
    expect(document.querySelector('.pending-uploads')).toBeNull()
  })

  it('放弃 removes a refused item from the phone without sending it', async () => {
    let answer = OFFLINE as unknown
    serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'contacts.register': () => answer })
    render(<RegisterPage />)
    await settle()
    await registerOffline('周八', '13800138000')
    answer = refused('INVALID_INPUT', '包户责任人不能超过20个字')
    fireEvent.click(screen.getByText('现在上传'))
    await settle()
    fireEvent.click(screen.getByText('放弃'))
    await settle()
    expect(device.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '放弃这条？' }))
    expect(document.querySelector('.pending-uploads')).toBeNull()
    expect(Taro.getStorageSync(STORAGE_KEY)).toBe('')
  })

  it('a refusal while online stays on the form as before: nothing is kept for upload', async () => {
    serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'contacts.register': () => refused('CONFLICT', '该号码已在云集登记') })
    render(<RegisterPage />)
    await settle()
    await registerOffline('吴九', '13800138000')
    expect(screen.getByText('该号码已在云集登记')).toBeTruthy()
    expect(document.querySelector('.pending-uploads')).toBeNull()
    expect(Taro.getStorageSync(STORAGE_KEY)).toBe('')
  })
})

describe('the cadre pages without signal', () => {
  it('open with the identity kept from the last answer, and say that records wait on the phone', async () => {
    serveCloud(cloud, { 'user.whoami': () => ok(CADRE) })
    const online = render(<RegisterPage />)
    await settle()
    online.unmount()
    serveCloud(cloud, { 'user.whoami': () => OFFLINE })
    render(<RegisterPage />)
    await settle()
    expect(text('.cadre-gate__offline')).toBe('现在没有网络。登记、走访和答复会先存在本手机上，有网络后自动上传。')
    expect(document.querySelector('taro-input-core[name="phone"]')).not.toBeNull()
  })

  it('never seen as a cadre on this phone: no identity to work offline with', async () => {
    serveCloud(cloud, { 'user.whoami': () => OFFLINE })
    render(<RegisterPage />)
    await settle()
    expect(screen.getByText('无法确认身份')).toBeTruthy()
    expect(document.querySelector('taro-input-core[name="phone"]')).toBeNull()
  })

  it('a resident answer clears the kept identity', async () => {
    serveCloud(cloud, { 'user.whoami': () => ok(CADRE) })
    render(<RegisterPage />).unmount()
    await settle()
    serveCloud(cloud, { 'user.whoami': () => ok({ openid: 'o-cadre', role: 'resident' }) })
    render(<RegisterPage />).unmount()
    await settle()
    serveCloud(cloud, { 'user.whoami': () => OFFLINE })
    render(<RegisterPage />)
    await settle()
    expect(screen.getByText('无法确认身份')).toBeTruthy()
  })

  it('a reply written offline waits (待上传) and goes later with the same replyId', async () => {
    let online = false
    const calls = serveCloud(cloud, {
      'user.whoami': () => ok(CADRE),
      'concerns.list': () => ok({ town: '云集街道', year: 2023, items: [concern('a')], total: 1 }),
      'concerns.reply': () => (online ? ok({ id: 'a', status: 'replied', stored: true }) : OFFLINE)
    })
    render(<CadreConcernsPage />)
    await settle()
    act(() => {
      fireEvent(document.querySelector('taro-textarea-core[name="reply-a"]')!, new CustomEvent('input', { detail: { value: '已安排维修，本周修好' } }))
    })
    fireEvent.click(screen.getByText('答复'))
    await settle()
    expect(device.showToast).toHaveBeenCalledWith({ title: '已存手机，待上传', icon: 'none' })
    expect(texts('.pending-uploads__label')).toEqual([`答复：${concern('a').code}：已安排维修，本周修好`])
    online = true
    network(false)
    network(true)
    await settle()
    const replies = calls.filter((c) => c.name === 'concerns' && c.event.action === 'reply').map((c) => c.event)
    expect(replies.length).toBeGreaterThanOrEqual(2)
    expect(new Set(replies.map((r) => r.replyId)).size).toBe(1)
    expect(document.querySelector('.pending-uploads')).toBeNull()
  })
})

describe('a mock call from the household list', () => {
  const id = (n: number) => n.toString(16).padStart(32, '0')
  const MINE: ContactItem = { id: id(1), village: '新塘站', name: '李四', phoneMasked: '138****8000', responsible: '王芳', mine: true, unassigned: false, createdAt: '2023-09-03T06:05:00.000Z', lastCall: null }
  const THEIRS: ContactItem = { id: id(2), village: '新塘站', name: '赵*', phoneMasked: '0734-***0763', responsible: '刘强', mine: false, unassigned: false, createdAt: '2023-09-02T01:00:00.000Z' }

  it('reveals the number as 显示号码 does (audited), dials it, then opens the interview for that household', async () => {
    const calls = serveCloud(cloud, {
      'user.whoami': () => ok(CADRE),
      'contacts.list': () => ok({ contacts: [MINE, THEIRS], total: 2 }),
      'contacts.reveal': () => ok({ id: MINE.id, phone: '13800138000' })
    })
    render(<ContactsPage />)
    await settle()
    const cards = Array.from(document.querySelectorAll<HTMLElement>('.contact-card'))
    expect(within(cards[0]).getByText('还没有打过模拟民调电话')).toBeTruthy()
    // Only the cadre's own households can be called: the others' numbers stay masked.
    expect(within(cards[1]).queryByText('拨打并记录模拟民调')).toBeNull()
    fireEvent.click(within(cards[0]).getByText('拨打并记录模拟民调'))
    await settle()
    expect(calls.filter((c) => c.event.action === 'reveal').map((c) => c.event)).toEqual([{ action: 'reveal', id: MINE.id }])
    expect(device.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800138000' })
    expect(device.navigateTo).toHaveBeenCalledWith({ url: `/packages/cadre/interview/index?contact=${MINE.id}&name=${encodeURIComponent('李四')}` })
    // A second call uses the number already on screen: no second reveal.
    fireEvent.click(within(cards[0]).getByText('拨打并记录模拟民调'))
    await settle()
    expect(calls.filter((c) => c.event.action === 'reveal')).toHaveLength(1)
    expect(device.makePhoneCall).toHaveBeenCalledTimes(2)
  })

  it('a cancelled dial opens nothing; a refused reveal says why and dials nothing', async () => {
    let reveal: unknown = ok({ id: MINE.id, phone: '0734-8160763' })
    serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'contacts.list': () => ok({ contacts: [MINE], total: 1 }), 'contacts.reveal': () => reveal })
    device.makePhoneCall.mockImplementation(() => Promise.reject({ errMsg: 'makePhoneCall:fail cancel' }) as never)
    render(<ContactsPage />)
    await settle()
    fireEvent.click(screen.getByText('拨打并记录模拟民调'))
    await settle()
    expect(device.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '07348160763' })
    expect(device.navigateTo).not.toHaveBeenCalled()

    dropOutbox()
    reveal = refused('FORBIDDEN', '只能查看自己负责的联系人的完整号码')
    device.makePhoneCall.mockClear()
    const fresh = render(<ContactsPage />)
    await settle()
    fireEvent.click(within(fresh.container).getByText('拨打并记录模拟民调'))
    await settle()
    expect(device.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '无法拨打', content: '只能查看自己负责的联系人的完整号码' }))
    expect(device.makePhoneCall).not.toHaveBeenCalled()
  })

  it('the household shows its last outcome', async () => {
    serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'contacts.list': () => ok({ contacts: [{ ...MINE, lastCall: { outcome: 'refused', at: '2023-09-05T11:30:00.000Z' } }], total: 1 }) })
    render(<ContactsPage />)
    await settle()
    expect(text('.contact-card__last-call')).toBe('上次模拟民调：拒访（2023-09-05 19:30）')
  })

  it('the interview screen opened for a household records the outcome on it, then leads back to the list', async () => {
    Current.router = { params: { contact: MINE.id, name: encodeURIComponent('李四') }, path: '/packages/cadre/interview/index' } as unknown as typeof Current.router
    const calls = serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'survey.submit': (e) => ok({ submissionId: e.submissionId, stored: true }) })
    const back = jest.spyOn(Taro, 'navigateBack').mockImplementation(() => Promise.resolve({ errMsg: 'navigateBack:ok' }) as never)
    render(<InterviewPage />)
    await settle()
    expect(text('.interview__household')).toBe('打给：李四（结果会显示在登记名单上）')
    fireEvent.click(screen.getByText('拒访'))
    await settle()
    expect(calls.filter((c) => c.name === 'survey').map((c) => c.event)).toEqual([
      expect.objectContaining({ action: 'submit', mode: 'interview', outcome: 'refused', contact: MINE.id, answers: {} })
    ])
    fireEvent.click(screen.getByText('返回登记名单，拨打下一户'))
    expect(back).toHaveBeenCalled()
  })

  it('opened from the hub (no household), a call names none', async () => {
    const calls = serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'survey.submit': (e) => ok({ submissionId: e.submissionId, stored: true }) })
    render(<InterviewPage />)
    await settle()
    expect(document.querySelector('.interview__household')).toBeNull()
    fireEvent.click(screen.getByText('未接通'))
    await settle()
    expect(calls.filter((c) => c.name === 'survey')[0].event).not.toHaveProperty('contact')
    expect(screen.getByText('下一通电话')).toBeTruthy()
  })
})
