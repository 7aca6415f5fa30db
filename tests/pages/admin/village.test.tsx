import { screen } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import type { AnswerOf, ContactItem, StatsContract } from '../../../src/core/contract'
import VillagePage from '../../../src/packages/admin/village/index'
import { stubDeviceApis } from '../support/survey-driver'
import { answerModal, cloud, open, pick, sent, serve, tapText, typeInto } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

type Villages = AnswerOf<StatsContract, 'villages'>
type Rounds = AnswerOf<StatsContract, 'rounds'>

const villages = (quota: number): Villages => ({
  rows: [
    { village: '渡口', quota, registered: 150, rate: 150 / quota, rank: 1, flag: 'top', change: { registered: 30, rank: 2 } },
    { village: '云集', quota: 350, registered: 10, rate: 10 / 350, rank: 2, flag: 'bottom', change: null }
  ],
  total: { quota: quota + 350, registered: 160, rate: 160 / (quota + 350) },
  previousRound: { day: '2023-09-20', takenAt: '2023-09-20T02:00:00.000Z', takenBy: 'timer' }
})

const ROUNDS: Rounds = {
  rounds: [
    { day: '2023-09-10', takenAt: '2023-09-10T02:00:00.000Z', takenBy: 'o-admin', total: { quota: 6440, registered: 80, rate: 80 / 6440 }, rows: [{ village: '渡口', quota: 200, registered: 60, rate: 0.3, rank: 1, flag: 'top' }] },
    { day: '2023-09-20', takenAt: '2023-09-20T02:00:00.000Z', takenBy: 'timer', total: { quota: 6440, registered: 130, rate: 130 / 6440 }, rows: [{ village: '渡口', quota: 200, registered: 120, rate: 0.6, rank: 1, flag: 'top' }] }
  ]
}

const CADRES: AnswerOf<StatsContract, 'cadres'> = {
  village: '渡口',
  rows: [
    { openid: 'c1', name: '李四', registered: 100 },
    { openid: 'c2', name: '王五', registered: 50 }
  ]
}

const household = (n: number, name: string): ContactItem => ({
  id: n.toString(16).padStart(32, '0'),
  village: '渡口',
  name,
  phoneMasked: `139****000${n}`,
  responsible: '陈刚',
  mine: false,
  unassigned: true,
  createdAt: '2023-09-01T01:00:00.000Z'
})
let unassigned: ContactItem[] = []

let quota = 200
function serveVillage() {
  serve({
    'contacts.list': () => ({ contacts: unassigned, total: unassigned.length }),
    'user.listCadres': {
      cadres: [
        { openid: 'c1', name: '李四', village: '渡口', since: '2023-09-01T00:00:00.000Z' },
        { openid: 'c2', name: '王五', village: '渡口', since: '2023-09-02T00:00:00.000Z' }
      ],
      total: 2
    },
    'contacts.reassign': (e: Record<string, unknown>) => {
      const ids = e.ids as string[]
      unassigned = unassigned.filter((c) => !ids.includes(c.id))
      return { reassigned: ids.length, to: e.to, responsible: e.to === 'c2' ? '王五' : '李四' }
    },
    'stats.villages': () => villages(quota),
    'stats.cadres': CADRES,
    'stats.rounds': ROUNDS,
    'stats.setQuota': (e: Record<string, unknown>) => {
      const previous = quota
      quota = e.quota as number
      return { village: e.village, quota, previous }
    },
    'contacts.exportXlsx': { fileID: 'cloud://env.bucket/contact-exports/x.xlsx', tempFileURL: 'http://127.0.0.1:8787/storage/files/x.xlsx?sign=1', rows: 150 }
  })
}

beforeEach(() => {
  stubDeviceApis()
  cloud.mockReset()
  quota = 200
  unassigned = []
  // WeChat may hand the query over still encoded: the page decodes it.
  Current.router = { params: { village: encodeURIComponent('渡口') }, path: '/packages/admin/village/index', onReady: '', onHide: '', onShow: '' } as unknown as typeof Current.router
})
afterEach(() => jest.restoreAllMocks())

it("shows the village's figures, flag and change since the previous round", async () => {
  serveVillage()
  await open(<VillagePage />)
  expect(screen.getByText('1/2')).toBeTruthy()
  expect(screen.getByText('150/200')).toBeTruthy()
  expect(screen.getByText('75%')).toBeTruthy()
  expect(document.querySelector('.village__flag--top')?.textContent).toBe('前五')
  expect(screen.getByText('较上轮：名次▲2，登记+30')).toBeTruthy()
})

it('lists the per-cadre counts of that village only', async () => {
  serveVillage()
  await open(<VillagePage />)
  expect(sent('stats', 'cadres')).toEqual([{ action: 'cadres', town: '云集街道', village: '渡口' }])
  const rows = Array.from(document.querySelectorAll('.village__cadre')).map((r) => r.textContent)
  expect(rows).toEqual(['李四100 个', '王五50 个'])
})

it('draws a bar per round plus the figure now, by registrations or by rate', async () => {
  serveVillage()
  await open(<VillagePage />)
  expect(sent('stats', 'rounds')).toEqual([{ action: 'rounds', town: '云集街道', village: '渡口' }])
  const labels = () => Array.from(document.querySelectorAll('.trend-chart__label')).map((l) => l.textContent)
  const values = () => Array.from(document.querySelectorAll('.trend-chart__value')).map((l) => l.textContent)
  const heights = () => Array.from(document.querySelectorAll<HTMLElement>('.trend-chart__bar')).map((b) => b.style.height)
  expect(labels()).toEqual(['9-10', '9-20', '现在'])
  expect(values()).toEqual(['60', '120', '150'])
  // Against the quota (200), the highest figure here.
  expect(heights()).toEqual(['30%', '60%', '75%'])
  expect(document.querySelectorAll('.trend-chart__column--current')).toHaveLength(1)
  await tapText('完成率', document.querySelector('.admin__segments') as HTMLElement)
  expect(values()).toEqual(['30%', '60%', '75%'])
  expect(heights()).toEqual(['30%', '60%', '75%'])
  expect(document.querySelector('.trend-chart__reference-label')?.textContent).toBe('100%')
})

it('a quota change is confirmed first, names old and new and says it is recorded; cancelled, nothing is sent', async () => {
  serveVillage()
  await open(<VillagePage />)
  await typeInto('.village__quota-input', '250')
  const modal = answerModal(false)
  await tapText('修改任务数')
  expect(modal).toHaveBeenCalledTimes(1)
  const { title, content } = modal.mock.calls[0][0] as { title: string; content: string }
  expect(title).toBe('修改任务数')
  expect(content).toContain('由 200 改为 250')
  expect(content).toContain('记入操作日志')
  expect(sent('stats', 'setQuota')).toHaveLength(0)

  modal.mockRestore()
  answerModal(true)
  await tapText('修改任务数')
  expect(sent('stats', 'setQuota')).toEqual([{ action: 'setQuota', town: '云集街道', village: '渡口', quota: 250 }])
  expect(screen.getByText('已修改：任务数 200 → 250，已记入操作日志。')).toBeTruthy()
  // The figures are read again: 150 of 250 now.
  expect(screen.getByText('150/250')).toBeTruthy()
  expect(screen.getByText('60%')).toBeTruthy()
})

it('a quota that is not a whole number is refused before asking', async () => {
  serveVillage()
  await open(<VillagePage />)
  const modal = answerModal(true)
  await typeInto('.village__quota-input', '12.5')
  await tapText('修改任务数')
  expect(screen.getByText('请填写新的任务数（0或正整数）')).toBeTruthy()
  await typeInto('.village__quota-input', '200')
  await tapText('修改任务数')
  expect(screen.getByText('任务数已经是 200')).toBeTruthy()
  expect(modal).not.toHaveBeenCalled()
  expect(sent('stats', 'setQuota')).toHaveLength(0)
})

it("exports the village's contacts after a warning, and offers the link on H5", async () => {
  serveVillage()
  await open(<VillagePage />)
  const modal = answerModal(true)
  await tapText('导出本村(社区)联系人')
  expect((modal.mock.calls[0][0] as { content: string }).content).toContain('完整电话号码')
  expect(sent('contacts', 'exportXlsx')).toEqual([{ action: 'exportXlsx', town: '云集街道', village: '渡口' }])
  const link = document.querySelector('a.admin__link') as HTMLAnchorElement
  expect(link.getAttribute('href')).toBe('http://127.0.0.1:8787/storage/files/x.xlsx?sign=1')
  expect(screen.getByText(/已导出 150 行/)).toBeTruthy()
})

it('an unknown village in the link is said plainly', async () => {
  serveVillage()
  Current.router = { params: { village: '不存在' }, path: '/packages/admin/village/index' } as unknown as typeof Current.router
  await open(<VillagePage />)
  expect(screen.getByText('没有这个村(社区)')).toBeTruthy()
  expect(sent('stats', 'villages')).toHaveLength(0)
})

describe('households nobody holds', () => {
  it("lists the village's unassigned households and hands the picked ones to a cadre of the village", async () => {
    unassigned = [household(1, '钱七'), household(2, '孙八'), household(3, '周九')]
    serveVillage()
    await open(<VillagePage />)
    expect(sent('contacts', 'list')).toEqual([{ action: 'list', town: '云集街道', village: '渡口', unassigned: true, page: 0, pageSize: 20 }])
    expect(sent('user', 'listCadres')).toEqual([{ action: 'listCadres', town: '云集街道', village: '渡口', pageSize: 100 }])
    expect(Array.from(document.querySelectorAll('.unassigned__name')).map((n) => n.textContent)).toEqual(['钱七', '孙八', '周九'])
    expect(screen.getByText('共 3 户，已选 0 户')).toBeTruthy()

    await tapText('钱七')
    await tapText('周九')
    expect(screen.getByText('共 3 户，已选 2 户')).toBeTruthy()
    // The cadre picker offers that village's cadres (picker 0 is the county admin's town); the second is 王五.
    await pick(1, 1)
    const modal = answerModal(true)
    await tapText('交给王五（2户）')
    expect((modal.mock.calls[0][0] as { content: string }).content).toContain('2户将交给王五负责')
    expect(sent('contacts', 'reassign')).toEqual([{ action: 'reassign', ids: [household(1, '').id, household(3, '').id], to: 'c2', town: '云集街道' }])
    // Read again: only 孙八 is left, and the cadres' counts are read again.
    expect(Array.from(document.querySelectorAll('.unassigned__name')).map((n) => n.textContent)).toEqual(['孙八'])
    expect(sent('stats', 'cadres').length).toBeGreaterThan(1)
  })

  it('asks for households and a cadre before handing over; a refusal is shown', async () => {
    unassigned = [household(1, '钱七')]
    serveVillage()
    await open(<VillagePage />)
    const modal = answerModal(true)
    await tapText('交给…（0户）')
    expect(screen.getByText('请先点选要交接的住户')).toBeTruthy()
    await tapText('钱七')
    await tapText('交给…（1户）')
    expect(screen.getByText('请选择交给哪位干部')).toBeTruthy()
    expect(modal).not.toHaveBeenCalled()
    expect(sent('contacts', 'reassign')).toHaveLength(0)
  })

  it('says so when nobody is unassigned', async () => {
    serveVillage()
    await open(<VillagePage />)
    expect(screen.getByText('本村(社区)没有待分配的住户。')).toBeTruthy()
  })
})
