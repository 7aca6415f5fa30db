import { screen } from '@testing-library/react'
import type { ConflictItem } from '../../../src/core/contract'
import ConflictsPage from '../../../src/packages/admin/conflicts/index'
import ExportsPage from '../../../src/packages/admin/exports/index'
import { stubDeviceApis } from '../support/survey-driver'
import { cloud, open, sent, serve, tapText } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

const conflict = (i: number, fields: Partial<ConflictItem> = {}): ConflictItem => ({
  id: `c${i}`,
  contactId: 'a'.repeat(32),
  phoneMasked: `139****000${i}`,
  holderTown: '云集街道',
  holderVillage: '云集',
  holderResponsible: '张三',
  attemptTown: '云集街道',
  attemptVillage: '新塘站',
  attemptBy: '王五',
  at: new Date(Date.UTC(2023, 8, 1, 2, i)).toISOString(),
  ...fields
})

let device: ReturnType<typeof stubDeviceApis>
beforeEach(() => {
  device = stubDeviceApis()
  cloud.mockReset()
})
afterEach(() => jest.restoreAllMocks())

it('lists each conflict: the number masked, the holding village and its 包户责任人, the village and cadre who tried', async () => {
  serve({ 'contacts.conflicts': { conflicts: [conflict(2), conflict(1, { attemptTown: '茶市镇', attemptVillage: '古塘', attemptBy: '管理员' })], total: 2 } })
  await open(<ConflictsPage />)
  expect(sent('contacts', 'conflicts')).toEqual([{ action: 'conflicts', town: '云集街道', page: 0, pageSize: 20 }])
  const rows = Array.from(document.querySelectorAll('.conflicts__item')).map((el) => el.textContent)
  expect(rows).toHaveLength(2)
  expect(rows[0]).toContain('139****0002')
  expect(rows[0]).toContain('已登记：云集（云集街道） · 包户责任人 张三')
  expect(rows[0]).toContain('又登记：新塘站（云集街道） · 王五')
  expect(rows[1]).toContain('又登记：古塘（茶市镇） · 管理员')
  expect(screen.getByText('号码冲突（共 2 次）')).toBeTruthy()
})

it('pages on with 加载更多 while the total says there are more', async () => {
  serve({
    'contacts.conflicts': (e: Record<string, unknown>) =>
      e.page === 0 ? { conflicts: Array.from({ length: 20 }, (_, i) => conflict(i)), total: 21 } : { conflicts: [conflict(9, { id: 'last', phoneMasked: '138****9999' })], total: 21 }
  })
  await open(<ConflictsPage />)
  await tapText('加载更多（共 21 次）')
  expect(sent('contacts', 'conflicts').map((e) => e.page)).toEqual([0, 1])
  expect(document.querySelectorAll('.conflicts__item')).toHaveLength(21)
  expect(screen.queryByText(/加载更多/)).toBeNull()
})

it('says so when there is none, and shows a refusal with 重试', async () => {
  serve({ 'contacts.conflicts': { conflicts: [], total: 0 } })
  await open(<ConflictsPage />)
  expect(screen.getByText('还没有号码冲突。')).toBeTruthy()
  cloud.mockReset()
  serve({ 'contacts.conflicts': { ok: false, code: 'FORBIDDEN', message: '只有管理员可以进行此操作' } })
  await open(<ConflictsPage />)
  expect(screen.getByText('冲突记录加载失败：只有管理员可以进行此操作')).toBeTruthy()
})

it('is reached from the exports page', async () => {
  serve({})
  await open(<ExportsPage />)
  await tapText('查看号码冲突')
  expect(device.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/conflicts/index' })
})
