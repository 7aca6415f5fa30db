import { screen } from '@testing-library/react'
import type { Cadre, Invite } from '../../../src/core/contract'
import PeoplePage from '../../../src/packages/admin/people/index'
import { stubDeviceApis } from '../support/survey-driver'
import { TOWN_ADMIN, answerModal, cloud, open, pick, sent, serve, tapText, typeInto, type Routes } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

const DAY = 86_400_000
const future = new Date(Date.now() + 5 * DAY).toISOString()
const past = new Date(Date.now() - DAY).toISOString()
const invite = (code: string, fields: Partial<Invite> = {}): Invite => ({
  code,
  role: 'cadre',
  town: '云集街道',
  village: '云集',
  maxUses: 20,
  uses: 3,
  expiresAt: future,
  revoked: false,
  createdAt: new Date().toISOString(),
  ...fields
})

const INVITES = [
  invite('ABCDE23456'),
  invite('REVKD23456', { revoked: true }),
  invite('EXPRD23456', { expiresAt: past }),
  invite('USEDU23456', { uses: 20 })
]
const CADRES: Cadre[] = [
  { openid: 'c-yunji', town: '云集街道', name: '张三', village: '云集', since: '2023-09-01T02:00:00.000Z' },
  { openid: 'c-dukou', town: '云集街道', name: '李四', village: '渡口', since: '2023-09-02T02:00:00.000Z' },
  { openid: 'c-xincheng', town: '云集街道', name: '王五', village: '新城', since: '2023-09-03T02:00:00.000Z' }
]

let device: ReturnType<typeof stubDeviceApis>
function servePeople(extra: Routes = {}, who = undefined as Parameters<typeof serve>[1]) {
  serve({
    'user.listInvites': { invites: INVITES, total: INVITES.length },
    'user.listCadres': { cadres: CADRES, total: CADRES.length },
    'user.createInvite': (e: Record<string, unknown>) =>
      Number.isNaN(e.maxUses)
        ? { ok: false, code: 'INVALID_INPUT', message: '可用次数应为数字(maxUses)' }
        : invite('K7M2P9QXRT', {
            role: (e.role as Invite['role']) ?? 'cadre',
            town: e.town as string,
            village: (e.village as Invite['village']) ?? null,
            maxUses: e.maxUses as number,
            uses: 0,
            expiresAt: '2023-09-08T04:00:00.000Z'
          }),
    'user.revokeInvite': (e: Record<string, unknown>) => ({ code: e.code }),
    'user.revokeCadre': (e: Record<string, unknown>) => ({ openid: e.openid, released: 3 }),
    'user.moveCadre': (e: Record<string, unknown>) => ({ openid: e.openid, village: e.village, released: 3 }),
    ...extra
  }, who)
}

beforeEach(() => {
  device = stubDeviceApis()
  cloud.mockReset()
})
afterEach(() => jest.restoreAllMocks())

it('creates an invite for a village and shows the code large, with 复制 and the text for the chat', async () => {
  servePeople()
  await open(<PeoplePage />)
  await tapText('生成邀请码', document.querySelector('.people__create') as HTMLElement)
  expect(document.querySelector('.admin__error')?.textContent).toBe('请选择村(社区)')
  expect(sent('user', 'createInvite')).toHaveLength(0)

  await pick(1, 16) // 渡口 (picker 0 is the town)
  await typeInto('.people__max-uses', '5')
  await typeInto('.people__days', '3')
  await tapText('生成邀请码', document.querySelector('.people__create') as HTMLElement)
  expect(sent('user', 'createInvite')).toEqual([{ action: 'createInvite', town: '云集街道', village: '渡口', maxUses: 5, expiresInDays: 3 }])
  expect(document.querySelector('.people__code')?.textContent).toBe('K7M2P 9QXRT')
  await tapText('复制')
  expect(device.setClipboardData).toHaveBeenCalledWith({ data: 'K7M2P9QXRT' })
  const message = document.querySelector('.people__message')?.textContent ?? ''
  expect(message).toContain('渡口干部邀请码：K7M2P9QXRT')
  expect(message).toContain('可供5人使用，2023-09-08前有效')
  await tapText('复制这段文字')
  expect(device.setClipboardData).toHaveBeenLastCalledWith({ data: message })
  // The list is read again, so the new code is in it.
  expect(sent('user', 'listInvites')).toHaveLength(2)
})

it("a refused invite shows the function's message", async () => {
  servePeople()
  await open(<PeoplePage />)
  await pick(1, 1)
  await typeInto('.people__max-uses', '')
  await tapText('生成邀请码', document.querySelector('.people__create') as HTMLElement)
  expect(sent('user', 'createInvite')[0].maxUses).toBeNaN()
  expect(document.querySelector('.admin__error')?.textContent).toBe('可用次数应为数字(maxUses)')
  expect(document.querySelector('.people__code')).toBeNull()
})

it('lists invites with uses, expiry and state; only usable ones can be revoked, after a confirmation', async () => {
  servePeople()
  await open(<PeoplePage />)
  const items = Array.from(document.querySelectorAll('.people__item'))
  expect(items.map((i) => i.querySelector('.people__status')?.textContent)).toEqual(['有效', '已撤销', '已过期', '已用完'])
  expect(items[0].textContent).toContain('已用 3/20')
  expect(items.filter((i) => i.querySelector('.people__revoke'))).toHaveLength(1)

  const modal = answerModal(false)
  await tapText('撤销', items[0] as HTMLElement)
  expect(sent('user', 'revokeInvite')).toHaveLength(0)
  modal.mockRestore()
  answerModal(true)
  await tapText('撤销', items[0] as HTMLElement)
  expect(sent('user', 'revokeInvite')).toEqual([{ action: 'revokeInvite', code: 'ABCDE23456' }])
})

it('lists cadres by village, in 附件3 order, and revokes one after a confirmation that names them', async () => {
  servePeople()
  await open(<PeoplePage />)
  expect(Array.from(document.querySelectorAll('.people__group-title')).map((t) => t.textContent)).toEqual(['云集（1人）', '新城（1人）', '渡口（1人）'])
  const li = Array.from(document.querySelectorAll<HTMLElement>('.people__cadre')).find((c) => c.textContent?.includes('李四'))!
  const modal = answerModal(false)
  await tapText('撤销', li)
  expect((modal.mock.calls[0][0] as { content: string }).content).toContain('李四不再是渡口的干部')
  expect(sent('user', 'revokeCadre')).toHaveLength(0)
  modal.mockRestore()
  answerModal(true)
  await tapText('撤销', li)
  expect(sent('user', 'revokeCadre')).toEqual([{ action: 'revokeCadre', openid: 'c-dukou' }])
  expect(sent('user', 'listCadres')).toHaveLength(2)
})

it('moves a cadre to another village after a confirmation that says their households stay', async () => {
  servePeople()
  await open(<PeoplePage />)
  answerModal(true)
  // Pickers: town, create invite, invite filter, cadre filter, then one per cadre (云集, 新城, 渡口); 渡口's list leaves 渡口 out.
  await pick(6, 0) // 云集
  expect(sent('user', 'moveCadre')).toEqual([{ action: 'moveCadre', openid: 'c-dukou', village: '云集' }])
  expect(sent('user', 'listCadres')).toHaveLength(2)
})

it('filters cadres by village', async () => {
  servePeople()
  await open(<PeoplePage />)
  // Pickers: town, create invite, invite filter, cadre filter.
  await pick(3, 2) // 新城
  expect(sent('user', 'listCadres').at(-1)).toEqual({ action: 'listCadres', town: '云集街道', page: 0, pageSize: 20, village: '新城' })
})

it('loads further pages on request', async () => {
  const many = Array.from({ length: 25 }, (_, i) => ({ ...CADRES[0], openid: `c-${i}`, name: `干部${i}` }))
  servePeople({
    'user.listCadres': (e: Record<string, unknown>) => ({ cadres: many.slice((e.page as number) * 20, (e.page as number) * 20 + 20), total: many.length })
  })
  await open(<PeoplePage />)
  expect(document.querySelectorAll('.people__cadre')).toHaveLength(20)
  await tapText('加载更多（共 25 人）')
  expect(document.querySelectorAll('.people__cadre')).toHaveLength(25)
  expect(screen.queryByText(/加载更多（共 25 人）/)).toBeNull()
})

describe('towns', () => {
  it('a county admin creates a town-admin invite for the page\'s town: no village, the message says what it makes', async () => {
    servePeople()
    await open(<PeoplePage />)
    await pick(0, 1) // the page's town: 茶市镇
    await tapText('乡镇管理员')
    expect(document.querySelector('.people__create')?.closest('.card')?.querySelector('.village-select')).toBeNull()
    await tapText('生成邀请码', document.querySelector('.people__create') as HTMLElement)
    expect(sent('user', 'createInvite')).toEqual([{ action: 'createInvite', role: 'townAdmin', town: '茶市镇', maxUses: 20, expiresInDays: 7 }])
    expect(screen.getByText('茶市镇管理员邀请码')).toBeTruthy()
    expect(document.querySelector('.people__message')?.textContent).toMatch(/^【平安民调】茶市镇管理员邀请码：K7M2P9QXRT\n.*成为茶市镇的管理员/s)
  })

  it('a town admin\'s page is their town\'s: lists and invites carry it, its units are offered, and there is no town-admin invite', async () => {
    servePeople({}, TOWN_ADMIN)
    await open(<PeoplePage />)
    expect(screen.queryByText('乡镇管理员')).toBeNull()
    expect(sent('user', 'listInvites')[0]).toMatchObject({ town: '茶市镇' })
    expect(sent('user', 'listCadres')[0]).toMatchObject({ town: '茶市镇' })
    // Pickers: create invite (no town picker for a town admin).
    await pick(0, 1) // 新城, the first unit of 茶市镇
    await tapText('生成邀请码', document.querySelector('.people__create') as HTMLElement)
    expect(sent('user', 'createInvite')).toEqual([{ action: 'createInvite', town: '茶市镇', village: '新城', maxUses: 20, expiresInDays: 7 }])
  })
})
