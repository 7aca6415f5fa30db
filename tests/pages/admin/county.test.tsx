import { screen } from '@testing-library/react'
import CountyPage from '../../../src/packages/admin/county/index'
import { stubDeviceApis } from '../support/survey-driver'
import { TOWN_ADMIN, cloud, open, sent, serve, tapText } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

const RANKING = {
  rows: [
    { town: '茶市镇', quota: 500, registered: 400, rate: 0.8, rank: 1, flag: 'top' as const, change: { registered: 100, rank: 1 } },
    { town: '云集街道', quota: 6440, registered: 3220, rate: 0.5, rank: 2, flag: null, change: { registered: 20, rank: -1 } },
    { town: '花桥镇', quota: 1000, registered: 0, rate: 0, rank: 3, flag: 'bottom' as const, change: null }
  ],
  total: { quota: 7940, registered: 3620, rate: 3620 / 7940 },
  previousRound: { day: '2026-09-10', takenAt: '2026-09-10T12:00:00.000Z' }
}

let device: ReturnType<typeof stubDeviceApis>
beforeEach(() => {
  device = stubDeviceApis()
  cloud.mockReset()
})
afterEach(() => jest.restoreAllMocks())

const rows = () =>
  Array.from(document.querySelectorAll('.rank-table__body')).map((r) => ({
    rank: r.querySelector('.rank-table__rank')?.textContent,
    town: r.querySelector('.rank-table__name')?.textContent,
    flag: r.querySelector('.rank-table__flag')?.textContent ?? null,
    rate: r.querySelector('.rank-table__rate-text')?.textContent,
    change: r.querySelector('.rank-table__change')?.textContent
  }))

it('ranks the towns with the village table: flags and the change since the last round', async () => {
  serve({ 'towns.ranking': RANKING })
  await open(<CountyPage />)
  expect(sent('towns', 'ranking')).toEqual([{ action: 'ranking' }])
  expect(document.querySelector('.rank-table__head .rank-table__village')?.textContent).toBe('乡镇(街道)')
  expect(rows()).toEqual([
    { rank: '1', town: '茶市镇', flag: '前五', rate: '80%', change: '▲1+100' },
    { rank: '2', town: '云集街道', flag: null, rate: '50%', change: '▼1+20' },
    { rank: '3', town: '花桥镇', flag: '后三', rate: '0%', change: '—' }
  ])
  expect(screen.getByText('上次督查：2026-09-10 20:00')).toBeTruthy()
  // The county's page works on no single town: no town picker.
  expect(document.querySelector('.town-select')).toBeNull()
})

it('a town opens its own village ranking', async () => {
  serve({ 'towns.ranking': RANKING })
  await open(<CountyPage />)
  await tapText('花桥镇')
  expect(device.navigateTo).toHaveBeenCalledWith({ url: `/packages/admin/ranking/index?town=${encodeURIComponent('花桥镇')}` })
})

it('a town admin is told it is the county\'s, and the ranking is not asked for', async () => {
  serve({}, TOWN_ADMIN)
  await open(<CountyPage />)
  expect(screen.getByText('仅限县级管理员使用')).toBeTruthy()
  expect(sent('towns', 'ranking')).toHaveLength(0)
  // Nor does a town admin see the county's tabs elsewhere.
})
