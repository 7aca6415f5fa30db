import { fireEvent, screen } from '@testing-library/react'
import TownsPage from '../../../src/packages/admin/towns/index'
import { readTypedUnits } from '../../../src/packages/admin/towns/typed-units'
import { stubDeviceApis } from '../support/survey-driver'
import { ADMIN, TOWN_ADMIN, answerModal, cloud, open, sent, serve, settle, tapText, typeInto } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

const LIST = { towns: [{ name: '云集街道', units: 23, quota: 6440 }, { name: '茶市镇', units: 2, quota: 500 }] }
const CHASHI_UNITS = {
  town: '茶市镇',
  units: [
    { name: '新城', quota: 300, active: true, order: 0 },
    { name: '茶市', quota: 200, active: true, order: 1 },
    { name: '老街', quota: 50, active: false, order: 2 }
  ]
}
const routes = {
  'towns.list': LIST,
  'towns.units': (e: Record<string, unknown>) => (e.town === '茶市镇' ? CHASHI_UNITS : { town: e.town, units: [] }),
  'towns.create': (e: Record<string, unknown>) => ({ name: e.name, created: true, unitsAdded: Array.isArray(e.units) ? e.units.length : 4, skipped: e.fileID ? [{ row: 6, reason: '新城与第3行重名' }] : [] }),
  'towns.saveUnit': (e: Record<string, unknown>) => ({ town: e.town, unit: { name: (e.rename as string) ?? e.name, quota: (e.quota as number) ?? 300, active: e.active !== false, order: 0 } })
}

let fetchMock: jest.Mock
const realFetch = globalThis.fetch
beforeEach(() => {
  stubDeviceApis()
  cloud.mockReset()
  fetchMock = jest.fn(async () => ({ ok: true, status: 200, json: async () => ({ ok: true, data: { fileID: 'cloud://local.local-1250000000/unit-imports/o-admin/1.xlsx' } }) }))
  globalThis.fetch = fetchMock as unknown as typeof fetch
})
afterEach(() => {
  globalThis.fetch = realFetch
  jest.restoreAllMocks()
})

describe('rows typed or pasted as "名称 任务数"', () => {
  it('reads each line (spaces, tabs from Excel, two pairs a line), and reports bad lines by their number', () => {
    expect(readTypedUnits('村(社区)\t任务数\n新城 300\n渡口\t200\t毛塘\t150\n\n古塘 0\n石塘 很多\n新城 100')).toEqual({
      units: [
        { name: '新城', quota: 300 },
        { name: '渡口', quota: 200 },
        { name: '毛塘', quota: 150 }
      ],
      skipped: [
        { row: 5, reason: '古塘:任务数应大于0' },
        { row: 6, reason: '石塘:任务数应为数字' },
        { row: 7, reason: '新城与第2行重名' }
      ]
    })
  })
})

it('lists the towns; a tap makes one the page\'s town, and its units are shown with retired ones marked', async () => {
  serve(routes)
  await open(<TownsPage />)
  const items = Array.from(document.querySelectorAll('.towns__item')).map((i) => i.textContent)
  expect(items).toEqual(['云集街道23个村(社区) · 任务数 6440', '茶市镇2个村(社区) · 任务数 500'])
  await tapText('茶市镇')
  expect(sent('towns', 'units').at(-1)).toEqual({ action: 'units', town: '茶市镇' })
  expect(Array.from(document.querySelectorAll('.towns__unit-name')).map((n) => n.textContent)).toEqual(['新城', '茶市', '老街（已停用）'])
})

it('creates a town from typed rows: the preview counts them and shows the lines it will leave out', async () => {
  serve(routes)
  await open(<TownsPage />)
  await typeInto('.towns__new-name', '花桥镇')
  await typeInto('.towns__typed', '新城 300\n渡口 两百\n毛塘 150')
  expect(document.querySelector('.towns__preview')?.textContent).toBe('2个村(社区)，任务数合计 450')
  expect(Array.from(document.querySelectorAll('.skipped-rows__tr')).map((r) => r.textContent)).toEqual(['行号原因', '2渡口:任务数应为数字'])
  await tapText('添加乡镇(街道)和2个村(社区)')
  expect(sent('towns', 'create')).toEqual([{ action: 'create', name: '花桥镇', units: [{ name: '新城', quota: 300 }, { name: '毛塘', quota: 150 }] }])
  expect(screen.getByText('已添加花桥镇，新增2个村(社区)')).toBeTruthy()
  // The new town becomes the page's: its units are asked for.
  expect(sent('towns', 'units').at(-1)).toEqual({ action: 'units', town: '花桥镇' })
})

it('creates a town from an uploaded .xlsx under the admin\'s own folder, and shows the rows the function skipped', async () => {
  serve(routes)
  await open(<TownsPage />)
  await typeInto('.towns__new-name', '花桥镇')
  await tapText('上传Excel')
  const input = document.querySelector('.xlsx-picker__file') as HTMLInputElement
  fireEvent.change(input, { target: { files: [new File(['PK-sheet'], '花桥镇附件3.xlsx')] } })
  await settle()
  await settle()
  const [url] = fetchMock.mock.calls[0] as [string]
  expect(decodeURIComponent(url.replace(/^\/local\/upload\?path=/, ''))).toMatch(/^unit-imports\/o-admin\/\d{13}\.xlsx$/)
  expect(sent('towns', 'create')).toEqual([{ action: 'create', name: '花桥镇', fileID: 'cloud://local.local-1250000000/unit-imports/o-admin/1.xlsx' }])
  expect(Array.from(document.querySelectorAll('.towns__created .skipped-rows__tr')).map((r) => r.textContent)).toEqual(['行号原因', '6新城与第3行重名'])
})

it('renames a unit and retires another after asking; both through towns.saveUnit', async () => {
  serve(routes)
  await open(<TownsPage />)
  await tapText('茶市镇')
  const first = document.querySelectorAll('.towns__unit')[0] as HTMLElement
  await tapText('改名', first)
  await typeInto('.towns__rename-input', '新城社区')
  await tapText('保存名称', first)
  expect(sent('towns', 'saveUnit')).toEqual([{ action: 'saveUnit', town: '茶市镇', name: '新城', rename: '新城社区' }])

  answerModal(true)
  await tapText('停用', document.querySelectorAll('.towns__unit')[1] as HTMLElement)
  expect(sent('towns', 'saveUnit').at(-1)).toEqual({ action: 'saveUnit', town: '茶市镇', name: '茶市', active: false })
  await tapText('恢复', document.querySelectorAll('.towns__unit')[2] as HTMLElement)
  expect(sent('towns', 'saveUnit').at(-1)).toEqual({ action: 'saveUnit', town: '茶市镇', name: '老街', active: true })
})

it('is a county admin\'s page: a town admin is told so', async () => {
  serve(routes, TOWN_ADMIN)
  await open(<TownsPage />)
  expect(screen.getByText('仅限县级管理员使用')).toBeTruthy()
  expect(sent('towns', 'list')).toHaveLength(0)
  expect(ADMIN.role).toBe('admin')
})
