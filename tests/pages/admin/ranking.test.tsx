import { screen, within } from '@testing-library/react'
import type { AnswerOf, StatsContract } from '../../../src/core/contract'
import RankingPage from '../../../src/packages/admin/ranking/index'
import { stubDeviceApis } from '../support/survey-driver'
import { answerModal, cloud, open, sent, serve, tapText } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

type Villages = AnswerOf<StatsContract, 'villages'>
type Row = Villages['rows'][number]

const row = (rank: number, village: Row['village'], quota: number, registered: number, flag: Row['flag'], change: Row['change']): Row => ({
  rank,
  village,
  quota,
  registered,
  rate: registered / quota,
  flag,
  change
})

/** Nine villages: five flagged 前五, three 后三, one in between; 渡口 past its quota. */
const RANKING: Villages = {
  rows: [
    row(1, '渡口', 200, 224, 'top', { registered: 45, rank: 3 }),
    row(2, '毛塘', 200, 180, 'top', { registered: 20, rank: 0 }),
    row(3, '云集', 350, 300, 'top', { registered: 12, rank: -2 }),
    row(4, '新城', 300, 240, 'top', { registered: 0, rank: -1 }),
    row(5, '黄金', 350, 262, 'top', null),
    row(6, '保合', 300, 150, null, { registered: 5, rank: 1 }),
    row(7, '江新', 220, 22, 'bottom', { registered: 2, rank: 0 }),
    row(8, '石塘', 220, 11, 'bottom', { registered: 1, rank: 0 }),
    row(8, '栗坪', 220, 11, 'bottom', { registered: 0, rank: -1 })
  ],
  total: { quota: 6440, registered: 1400, rate: 1400 / 6440 },
  previousRound: { day: '2023-09-10', takenAt: '2023-09-10T06:05:00.000Z', takenBy: 'o-admin' }
}

let device: ReturnType<typeof stubDeviceApis>
beforeEach(() => {
  device = stubDeviceApis()
  cloud.mockReset()
})
afterEach(() => jest.restoreAllMocks())

const bodyRows = () => Array.from(document.querySelectorAll<HTMLElement>('.rank-table__body'))
const rowOf = (village: string) => {
  const found = bodyRows().find((r) => r.querySelector('.rank-table__name')?.textContent === village)
  if (!found) throw new Error(`no row for ${village}`)
  return found
}

it('lists the villages in rank order with rank, quota, registered and completion', async () => {
  serve({ 'stats.villages': RANKING })
  await open(<RankingPage />)
  expect(bodyRows().map((r) => r.querySelector('.rank-table__name')?.textContent)).toEqual(RANKING.rows.map((r) => r.village))
  expect(bodyRows().map((r) => r.querySelector('.rank-table__rank')?.textContent)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '8'])
  const yunji = within(rowOf('云集'))
  expect(yunji.getByText('350')).toBeTruthy()
  expect(yunji.getByText('300')).toBeTruthy()
  expect(yunji.getByText('85.7%')).toBeTruthy()
})

it('shows a rate past 100% as it is, with the bar full and marked', async () => {
  serve({ 'stats.villages': RANKING })
  await open(<RankingPage />)
  const dukou = rowOf('渡口')
  expect(within(dukou).getByText('112%')).toBeTruthy()
  expect(dukou.querySelector('.rank-table__bar--over')).not.toBeNull()
  expect((dukou.querySelector('.rank-table__bar-fill') as HTMLElement).style.width).toBe('100%')
  expect(rowOf('保合').querySelector('.rank-table__bar--over')).toBeNull()
  expect((rowOf('保合').querySelector('.rank-table__bar-fill') as HTMLElement).style.width).toBe('50%')
})

it('highlights the first five (前五) and the last three (后三) from the flags', async () => {
  serve({ 'stats.villages': RANKING })
  await open(<RankingPage />)
  const top = Array.from(document.querySelectorAll('.rank-table__row--top'))
  const bottom = Array.from(document.querySelectorAll('.rank-table__row--bottom'))
  expect(top.map((r) => r.querySelector('.rank-table__name')?.textContent)).toEqual(['渡口', '毛塘', '云集', '新城', '黄金'])
  expect(bottom.map((r) => r.querySelector('.rank-table__name')?.textContent)).toEqual(['江新', '石塘', '栗坪'])
  for (const r of top) expect(r.querySelector('.rank-table__flag')?.textContent).toBe('前五')
  for (const r of bottom) expect(r.querySelector('.rank-table__flag')?.textContent).toBe('后三')
  expect(rowOf('保合').querySelector('.rank-table__flag')).toBeNull()
  expect(rowOf('保合').className).not.toMatch(/--top|--bottom/)
})

it('shows the change since the previous round: places gained or lost, registrations added, "—" without one', async () => {
  serve({ 'stats.villages': RANKING })
  await open(<RankingPage />)
  const change = (v: string) => rowOf(v).querySelector('.rank-table__change')?.textContent
  expect(change('渡口')).toBe('▲3+45')
  expect(change('云集')).toBe('▼2+12')
  expect(change('毛塘')).toBe('持平+20')
  expect(change('黄金')).toBe('—')
  expect(rowOf('渡口').querySelector('.rank-table__move--up')).not.toBeNull()
  expect(rowOf('云集').querySelector('.rank-table__move--down')).not.toBeNull()
})

it('shows the sub-district total against 6440 and when the previous round was taken (China time)', async () => {
  serve({ 'stats.villages': RANKING })
  await open(<RankingPage />)
  expect(document.querySelector('.ranking__total')?.textContent).toBe('1400 / 6440 个号码，完成率 21.7%')
  const total = document.querySelector('.rank-table__total') as HTMLElement
  expect(within(total).getByText('合计')).toBeTruthy()
  expect(within(total).getByText('6440')).toBeTruthy()
  expect(screen.getByText('上次督查：2023-09-10 14:05（管理员记录）')).toBeTruthy()
})

it('before any round, every change reads "—" and says so', async () => {
  serve({ 'stats.villages': { ...RANKING, rows: RANKING.rows.map((r) => ({ ...r, change: null })), previousRound: null } })
  await open(<RankingPage />)
  expect(bodyRows().every((r) => r.querySelector('.rank-table__change')?.textContent === '—')).toBe(true)
  expect(screen.getByText(/^尚未督查/)).toBeTruthy()
})

it('a tap on a village opens its detail', async () => {
  serve({ 'stats.villages': RANKING })
  await open(<RankingPage />)
  await tapText('新城')
  expect(device.navigateTo).toHaveBeenCalledWith({ url: `/packages/admin/village/index?town=${encodeURIComponent('云集街道')}&village=${encodeURIComponent('新城')}` })
})

it('本轮督查 asks first: cancelled, nothing is recorded; confirmed, the round is taken and the table reloaded', async () => {
  serve({ 'stats.villages': RANKING, 'stats.snapshot': { day: '2023-09-20', villages: 23, total: RANKING.total } })
  await open(<RankingPage />)
  const modal = answerModal(false)
  await tapText('本轮督查')
  expect(modal).toHaveBeenCalledTimes(1)
  expect(sent('stats', 'snapshot')).toHaveLength(0)

  modal.mockRestore()
  answerModal(true)
  await tapText('本轮督查')
  expect(sent('stats', 'snapshot')).toHaveLength(1)
  expect(sent('stats', 'villages')).toHaveLength(2)
  expect(device.showToast).toHaveBeenCalledWith({ title: '已记录本轮督查', icon: 'success' })
})

it('a refused round says why', async () => {
  serve({ 'stats.villages': RANKING, 'stats.snapshot': { ok: false, code: 'INTERNAL', message: '网络不稳定,请稍后重试' } })
  await open(<RankingPage />)
  answerModal(true)
  await tapText('本轮督查')
  expect(screen.getByText('网络不稳定,请稍后重试')).toBeTruthy()
})

it('a failed load shows the message and a retry', async () => {
  let calls = 0
  serve({ 'stats.villages': () => (++calls === 1 ? { ok: false, code: 'INTERNAL', message: '服务暂时不可用' } : RANKING) })
  await open(<RankingPage />)
  expect(screen.getByText('排名加载失败：服务暂时不可用')).toBeTruthy()
  await tapText('重试')
  expect(bodyRows()).toHaveLength(RANKING.rows.length)
})

it('someone who is not an admin is told so, and nothing is asked of the stats function', async () => {
  serve({}, { openid: 'o-cadre', role: 'cadre', village: '云集', name: '张三' })
  await open(<RankingPage />)
  expect(screen.getByText('仅限管理员使用')).toBeTruthy()
  expect(document.querySelector('.rank-table')).toBeNull()
  expect(cloud.mock.calls.every(([name]) => name === 'user')).toBe(true)
})
