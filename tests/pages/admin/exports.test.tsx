import { screen } from '@testing-library/react'
import { PURGE_CONFIRMATION } from '../../../src/core/contract'
import ExportsPage from '../../../src/packages/admin/exports/index'
import { stubDeviceApis } from '../support/survey-driver'
import { answerModal, cloud, open, sent, serve, tapText, typeInto } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

const file = (name: string, rows: number) => ({ fileID: `cloud://env.bucket/${name}`, tempFileURL: `http://127.0.0.1:8787/storage/files/${name}?sign=1`, rows })

function serveExports() {
  serve({
    'stats.exportRanking': file('ranking.xlsx', 23),
    'contacts.exportXlsx': file('contacts.xlsx', 9),
    'contacts.purge': { removed: 9, filesDeleted: 2 }
  })
}

beforeEach(() => {
  stubDeviceApis()
  cloud.mockReset()
})
afterEach(() => jest.restoreAllMocks())

it('exports the ranking for the circular without asking (no personal data), then offers the link', async () => {
  serveExports()
  await open(<ExportsPage />)
  const modal = answerModal(true)
  await tapText('导出排名表格')
  expect(modal).not.toHaveBeenCalled()
  expect(sent('stats', 'exportRanking')).toEqual([{ action: 'exportRanking', town: '云集街道' }])
  expect(document.querySelector('a.admin__link')?.getAttribute('href')).toBe(file('ranking.xlsx', 23).tempFileURL)
  expect(screen.getByText(/已导出 23 行/)).toBeTruthy()
})

it('exports all contacts only after the warning about full numbers', async () => {
  serveExports()
  await open(<ExportsPage />)
  const modal = answerModal(false)
  await tapText('导出全部联系人（Excel）')
  expect(modal).toHaveBeenCalledTimes(1)
  expect(sent('contacts', 'exportXlsx')).toHaveLength(0)
  modal.mockRestore()
  answerModal(true)
  await tapText('导出全部联系人（Excel）')
  expect(sent('contacts', 'exportXlsx')).toEqual([{ action: 'exportXlsx', town: '云集街道' }])
})

it('purges only once the phrase is typed exactly and the last confirmation is given', async () => {
  serveExports()
  await open(<ExportsPage />)
  const purgeButton = () => Array.from(document.querySelectorAll<HTMLElement>('.exports__purge'))[0]
  // Taro's H5 button carries the prop as an attribute (disabled=""); the page leaves it out when enabled.
  const disabled = () => !['false', null].includes(purgeButton().getAttribute('disabled'))
  expect(disabled()).toBe(true)
  const modal = answerModal(false)
  await typeInto('.exports__phrase', '确认清除')
  expect(disabled()).toBe(true)
  await tapText('清除全部联系人')
  expect(modal).not.toHaveBeenCalled()

  await typeInto('.exports__phrase', PURGE_CONFIRMATION)
  expect(disabled()).toBe(false)
  await tapText('清除全部联系人')
  expect(modal).toHaveBeenCalledTimes(1)
  expect(sent('contacts', 'purge')).toHaveLength(0)

  modal.mockRestore()
  answerModal(true)
  await tapText('清除全部联系人')
  expect(sent('contacts', 'purge')).toEqual([{ action: 'purge', town: '云集街道', confirm: PURGE_CONFIRMATION }])
  expect(screen.getByText(/已清除 9 条联系人，删除 2 个导出文件/)).toBeTruthy()
})

it('says plainly what the purge destroys', async () => {
  serveExports()
  await open(<ExportsPage />)
  expect(document.querySelector('.exports__warning')?.textContent).toMatch(/永久删除，无法恢复/)
})
