import { fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ContactItem } from '../../../src/core/contract'
import { callCloud } from '../../../src/services/cloud'
import ContactsPage from '../../../src/packages/cadre/contacts/index'
import { stubDeviceApis } from '../support/survey-driver'
import { acceptPrivacy, CADRE, quietUnrenderedInputs, ok, refused, serveCloud, settle, type } from './support'

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

const id = (n: number) => n.toString(16).padStart(32, '0')
const MINE: ContactItem = {
  id: id(1),
  village: '新塘站',
  name: '李四',
  phoneMasked: '138****8000',
  responsible: '王芳',
  occupation: '务农',
  address: '新塘站村三组',
  mine: true,
  unassigned: false,
  createdAt: '2023-09-03T06:05:00.000Z'
}
const THEIRS: ContactItem = { id: id(2), village: '新塘站', name: '赵*', phoneMasked: '0734-***0763', responsible: '刘强', mine: false, unassigned: false, createdAt: '2023-09-02T01:00:00.000Z' }
/** Its cadre was moved away: nobody holds it. */
const FREE: ContactItem = { id: id(3), village: '新塘站', name: '钱*', phoneMasked: '139****1234', responsible: '陈刚', mine: false, unassigned: true, createdAt: '2023-09-01T01:00:00.000Z' }

const cards = () => Array.from(document.querySelectorAll<HTMLElement>('.contact-card'))
const cardOf = (name: string) => {
  const card = cards().find((c) => c.querySelector('.contact-card__name')?.textContent === name)
  if (!card) throw new Error(`no card for ${name}`)
  return card
}
const actions = (calls: ReturnType<typeof serveCloud>) => calls.filter((c) => c.name === 'contacts').map((c) => c.event)
async function open() {
  render(<ContactsPage />)
  await settle()
}
async function tapIn(card: HTMLElement, text: string) {
  fireEvent.click(within(card).getByText(text))
  await settle()
}

it('lists the village newest first as the server sends it, numbers masked, with the total', async () => {
  const calls = serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'contacts.list': () => ok({ contacts: [MINE, THEIRS], total: 2 }) })
  await open()
  expect(actions(calls)).toEqual([{ action: 'list', page: 0, pageSize: 20 }])
  expect(cards().map((c) => c.querySelector('.contact-card__name')?.textContent)).toEqual(['李四', '赵*'])
  expect(cards().map((c) => c.querySelector('.contact-card__phone')?.textContent)).toEqual(['138****8000', '0734-***0763'])
  expect(screen.getByText('新塘站共 2 户')).toBeTruthy()
  expect(document.body.textContent).not.toMatch(/1\d{10}|0734-\d{7}/)
  expect(within(cardOf('李四')).getByText('登记于 2023-09-03 14:05')).toBeTruthy()
})

it('offers 显示号码, 修改 and 删除 only on the households the cadre registered', async () => {
  serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'contacts.list': () => ok({ contacts: [MINE, THEIRS], total: 2 }) })
  await open()
  expect(screen.getAllByText('显示号码')).toHaveLength(1)
  for (const text of ['显示号码', '修改', '删除']) {
    expect(within(cardOf('李四')).queryByText(text)).toBeTruthy()
    expect(within(cardOf('赵*')).queryByText(text)).toBeNull()
  }
  expect(within(cardOf('赵*')).getByText(/其他干部登记/)).toBeTruthy()
})

it('显示号码 asks the server (which records it), shows the whole number, and a tap dials it', async () => {
  const calls = serveCloud(cloud, {
    'user.whoami': () => ok(CADRE),
    'contacts.list': () => ok({ contacts: [MINE, THEIRS], total: 2 }),
    'contacts.reveal': () => ok({ id: MINE.id, phone: '13800138000' })
  })
  await open()
  expect(screen.getByText(/每次显示完整号码都会被记录/)).toBeTruthy()
  await tapIn(cardOf('李四'), '显示号码')
  expect(actions(calls).at(-1)).toEqual({ action: 'reveal', id: MINE.id })
  fireEvent.click(within(cardOf('李四')).getByText('13800138000'))
  expect(device.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800138000' })
  expect(within(cardOf('赵*')).getByText('0734-***0763')).toBeTruthy()
  await tapIn(cardOf('李四'), '隐藏号码')
  expect(within(cardOf('李四')).queryByText('13800138000')).toBeNull()
  expect(within(cardOf('李四')).getByText('138****8000')).toBeTruthy()
})

it('a refused reveal says why and shows no number', async () => {
  const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
  serveCloud(cloud, {
    'user.whoami': () => ok(CADRE),
    'contacts.list': () => ok({ contacts: [MINE], total: 1 }),
    'contacts.reveal': () => refused('FORBIDDEN', '只能查看自己负责的联系人的完整号码')
  })
  await open()
  await tapIn(cardOf('李四'), '显示号码')
  expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: '只能查看自己负责的联系人的完整号码' }))
  expect(document.body.textContent).not.toMatch(/13800138000/)
})

it('searches by name or digits, then shows everyone again', async () => {
  const calls = serveCloud(cloud, {
    'user.whoami': () => ok(CADRE),
    'contacts.list': (e) => (e.search ? ok({ contacts: [MINE], total: 1 }) : ok({ contacts: [MINE, THEIRS], total: 2 }))
  })
  await open()
  type('search', ' 8000 ')
  fireEvent.click(screen.getByText('搜索'))
  await settle()
  expect(actions(calls).at(-1)).toEqual({ action: 'list', page: 0, pageSize: 20, search: '8000' })
  expect(screen.getByText('“8000”找到 1 户')).toBeTruthy()
  expect(cards()).toHaveLength(1)
  fireEvent.click(screen.getByText('显示全部'))
  await settle()
  expect(actions(calls).at(-1)).toEqual({ action: 'list', page: 0, pageSize: 20 })
  expect(cards()).toHaveLength(2)
})

it('pages by 20: 加载更多 asks for the next page and appends it', async () => {
  const all = Array.from({ length: 25 }, (_, i): ContactItem => ({ ...THEIRS, id: id(100 + i), name: `户${i + 1}` }))
  const calls = serveCloud(cloud, {
    'user.whoami': () => ok(CADRE),
    'contacts.list': (e) => ok({ contacts: all.slice((e.page as number) * 20, (e.page as number) * 20 + 20), total: 25 })
  })
  await open()
  expect(cards()).toHaveLength(20)
  fireEvent.click(screen.getByText('加载更多（已显示 20/25）'))
  await settle()
  expect(actions(calls).map((e) => e.page)).toEqual([0, 1])
  expect(cards()).toHaveLength(25)
  expect(cards()[24].querySelector('.contact-card__name')?.textContent).toBe('户25')
  expect(screen.queryByText(/加载更多/)).toBeNull()
})

it('删除 asks first; only a confirmed removal is sent, and the total drops', async () => {
  const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
  const calls = serveCloud(cloud, {
    'user.whoami': () => ok(CADRE),
    'contacts.list': () => ok({ contacts: [MINE, THEIRS], total: 2 }),
    'contacts.remove': (e) => ok({ id: e.id })
  })
  await open()
  await tapIn(cardOf('李四'), '删除')
  expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '删除这户？', content: expect.stringContaining('李四 138****8000') }))
  expect(actions(calls).filter((e) => e.action === 'remove')).toEqual([])
  expect(cards()).toHaveLength(2)

  modal.mockResolvedValueOnce({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
  await tapIn(cardOf('李四'), '删除')
  expect(actions(calls).filter((e) => e.action === 'remove')).toEqual([{ action: 'remove', id: MINE.id }])
  expect(cards().map((c) => c.querySelector('.contact-card__name')?.textContent)).toEqual(['赵*'])
  expect(screen.getByText('新塘站共 1 户')).toBeTruthy()
  expect(device.showToast).toHaveBeenCalledWith({ title: '已删除', icon: 'success' })
})

it('修改 edits in place without revealing the number, and sends only what changed', async () => {
  const calls = serveCloud(cloud, {
    'user.whoami': () => ok(CADRE),
    'contacts.list': () => ok({ contacts: [MINE, THEIRS], total: 2 }),
    'contacts.update': () => ok({ id: MINE.id, village: '新塘站', phoneMasked: '138****8000' })
  })
  await open()
  await tapIn(cardOf('李四'), '修改')
  const editor = document.querySelector('.contact-editor') as HTMLElement
  expect(editor.querySelector('taro-input-core[name="phone"]')?.getAttribute('placeholder')).toBe('不改号码请留空')
  expect(editor.querySelector('.contact-form__field--phone .contact-form__label')?.textContent).toContain('（现为138****8000）')
  type('occupation', '教师')
  type('address', '')
  fireEvent.click(within(editor).getByText('保存修改'))
  await settle()
  expect(actions(calls).filter((e) => e.action === 'update')).toEqual([{ action: 'update', id: MINE.id, occupation: '教师', address: '' }])
  expect(document.querySelector('.contact-editor')).toBeNull()
  expect(within(cardOf('李四')).getByText('职业(职务)：教师')).toBeTruthy()
  expect(within(cardOf('李四')).queryByText(/常住地址/)).toBeNull()
})

it('a new number typed while editing is checked like any other, and a taken one is refused with the village', async () => {
  const calls = serveCloud(cloud, {
    'user.whoami': () => ok(CADRE),
    'contacts.list': () => ok({ contacts: [MINE], total: 1 }),
    'contacts.update': () => refused('CONFLICT', '该号码已在云集登记')
  })
  await open()
  await tapIn(cardOf('李四'), '修改')
  const editor = document.querySelector('.contact-editor') as HTMLElement
  type('phone', '1390013')
  fireEvent.click(within(editor).getByText('保存修改'))
  await settle()
  expect(editor.querySelector('.contact-form__field--phone .contact-form__error')?.textContent).toBe('电话号码位数不对，手机号码应为11位')
  expect(actions(calls).filter((e) => e.action === 'update')).toEqual([])
  type('phone', '139 0013 9000')
  fireEvent.click(within(editor).getByText('保存修改'))
  await settle()
  expect(actions(calls).filter((e) => e.action === 'update')).toEqual([{ action: 'update', id: MINE.id, phone: '139 0013 9000' }])
  expect(within(editor).getByText('该号码已在云集登记')).toBeTruthy()
})

describe('unassigned households (认领)', () => {
  it('show 待认领 and a 认领 action; households of other cadres do not', async () => {
    serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'contacts.list': () => ok({ contacts: [MINE, THEIRS, FREE], total: 3 }) })
    await open()
    expect(within(cardOf('钱*')).getByText(/待认领/)).toBeTruthy()
    expect(within(cardOf('钱*')).getByText('认领')).toBeTruthy()
    expect(within(cardOf('钱*')).queryByText('显示号码')).toBeNull()
    expect(within(cardOf('赵*')).queryByText('认领')).toBeNull()
    expect(within(cardOf('李四')).queryByText('认领')).toBeNull()
  })

  it('认领 asks first, claims the household for the cadre, then shows it as theirs', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    let claimed = false
    const calls = serveCloud(cloud, {
      'user.whoami': () => ok(CADRE),
      'contacts.list': () => ok({ contacts: [MINE, claimed ? { ...FREE, name: '钱七', mine: true, unassigned: false, responsible: '王芳' } : FREE], total: 2 }),
      'contacts.reassign': () => {
        claimed = true
        return ok({ reassigned: 1, to: CADRE.openid, responsible: '王芳' })
      }
    })
    await open()
    await tapIn(cardOf('钱*'), '认领')
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '认领这户？', content: expect.stringContaining('每人每天最多认领30户') }))
    expect(actions(calls).filter((e) => e.action === 'reassign')).toEqual([{ action: 'reassign', ids: [FREE.id], to: CADRE.openid }])
    expect(device.showToast).toHaveBeenCalledWith({ title: '已认领', icon: 'success' })
    expect(within(cardOf('钱七')).getByText('显示号码')).toBeTruthy()
    expect(within(cardOf('钱七')).queryByText('认领')).toBeNull()
  })

  it('a refused claim (the day’s limit) says why and changes nothing', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    const limit = '每位干部每天最多认领30户,今天还可认领0户,请明天再试或请管理员分配'
    serveCloud(cloud, {
      'user.whoami': () => ok(CADRE),
      'contacts.list': () => ok({ contacts: [FREE], total: 1 }),
      'contacts.reassign': () => refused('RATE_LIMITED', limit)
    })
    await open()
    await tapIn(cardOf('钱*'), '认领')
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '没有认领', content: limit }))
    expect(within(cardOf('钱*')).getByText('认领')).toBeTruthy()
  })

  it('只看待认领 lists only the households nobody holds', async () => {
    const calls = serveCloud(cloud, {
      'user.whoami': () => ok(CADRE),
      'contacts.list': (e) => (e.unassigned ? ok({ contacts: [FREE], total: 1 }) : ok({ contacts: [MINE, THEIRS, FREE], total: 3 }))
    })
    await open()
    fireEvent.click(screen.getByText('只看待认领'))
    await settle()
    expect(actions(calls).at(-1)).toEqual({ action: 'list', page: 0, pageSize: 20, unassigned: true })
    expect(screen.getByText('新塘站待认领 1 户')).toBeTruthy()
    expect(cards()).toHaveLength(1)
    fireEvent.click(screen.getByText('显示全部住户'))
    await settle()
    expect(actions(calls).at(-1)).toEqual({ action: 'list', page: 0, pageSize: 20 })
    expect(cards()).toHaveLength(3)
  })
})
