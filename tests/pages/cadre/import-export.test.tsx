import { fireEvent, render, screen } from '@testing-library/react'
import { callCloud } from '../../../src/services/cloud'
import { setLocalOpenid } from '../../../src/services/local-user'
import ExportPage from '../../../src/packages/cadre/export/index'
import ImportPage from '../../../src/packages/cadre/import/index'
import { stubDeviceApis } from '../support/survey-driver'
import { acceptPrivacy, CADRE, ok, refused, serveCloud, settle } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))
const cloud = callCloud as jest.MockedFunction<typeof callCloud>

let device: ReturnType<typeof stubDeviceApis>
let fetchMock: jest.Mock
const realFetch = globalThis.fetch
beforeEach(() => {
  device = stubDeviceApis()
  cloud.mockReset()
  acceptPrivacy()
  setLocalOpenid(CADRE.openid)
  // The local gateway's upload route (it answers like a function), the one transport the import page uses besides callCloud.
  fetchMock = jest.fn(async () => ({ ok: true, status: 200, json: async () => ({ ok: true, data: { fileID: 'cloud://local.local-1250000000/contact-imports/o-cadre/1.xlsx' } }) }))
  globalThis.fetch = fetchMock as unknown as typeof fetch
})
afterEach(() => {
  globalThis.fetch = realFetch
  jest.restoreAllMocks()
})

/** Where prepareImport tells the app to upload (registered on the server before the upload). */
const PREPARED = 'contact-imports/o-cadre/3f9a1c2b7d4e5f60718293a4.xlsx'
const xlsx = (name = '新塘站.xlsx', bytes = 'PK-sheet') => new File([bytes], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
const fileInput = () => document.querySelector('input.import__file') as HTMLInputElement
async function pick(file: File) {
  fireEvent.change(fileInput(), { target: { files: [file] } })
  await settle()
  await settle()
}
const confirmConsent = () => fireEvent.click(document.querySelector('.consent-box__row') as HTMLElement)

describe('import', () => {
  it('explains the 附件2 layout and needs the residents’ consent before a file is chosen', async () => {
    serveCloud(cloud, { 'user.whoami': () => ok(CADRE) })
    render(<ImportPage />)
    await settle()
    for (const h of ['序号', '包户责任人', '姓名', '电话号码', '职业(职务)', '常住地址', '备注']) expect(screen.getByText(h)).toBeTruthy()
    expect(screen.getByText('· 包户责任人空着的行，记为您（王芳）。')).toBeTruthy()
    const click = jest.spyOn(fileInput(), 'click')
    fireEvent.click(screen.getByText('选择Excel文件导入'))
    expect(screen.getByText('请先确认表格中的居民都已被告知用途并同意')).toBeTruthy()
    expect(click).not.toHaveBeenCalled()
    confirmConsent()
    fireEvent.click(screen.getByText('选择Excel文件导入'))
    expect(click).toHaveBeenCalledTimes(1)
  })

  it('uploads to the path prepareImport gave, imports it, and lists the refused rows with their reasons', async () => {
    const calls = serveCloud(cloud, {
      'user.whoami': () => ok(CADRE),
      'contacts.prepareImport': () => ok({ cloudPath: PREPARED }),
      'contacts.importXlsx': () =>
        ok({
          imported: 3,
          skipped: [
            { row: 5, reason: '电话号码位数不对，手机号码应为11位' },
            { row: 7, reason: '该号码已在云集登记' }
          ]
        })
    })
    render(<ImportPage />)
    await settle()
    confirmConsent()
    await pick(xlsx())

    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    const path = decodeURIComponent(url.replace(/^\/local\/upload\?path=/, ''))
    expect(path).toBe(PREPARED)
    expect(init).toMatchObject({ method: 'POST', headers: { 'x-openid': 'o-cadre' } })
    expect(init.body).toBeInstanceOf(File)
    expect(calls.filter((c) => c.name === 'contacts').map((c) => c.event)).toEqual([
      { action: 'prepareImport' },
      { action: 'importXlsx', fileID: 'cloud://local.local-1250000000/contact-imports/o-cadre/1.xlsx', consent: true }
    ])
    expect(screen.getByText('导入3户')).toBeTruthy()
    expect(screen.getByText('2行没有导入：')).toBeTruthy()
    const rows = Array.from(document.querySelectorAll('.skipped-rows__tr')).map((r) => r.textContent)
    expect(rows).toEqual(['行号原因', '5电话号码位数不对，手机号码应为11位', '7该号码已在云集登记'])
    expect(device.showToast).toHaveBeenCalledWith({ title: '导入3户', icon: 'success' })
    expect(device.pageScrollTo).toHaveBeenCalledWith({ selector: '.import__outcome', duration: 300 })
  })

  it('an old .xls or a refused sheet: says what to do, and nothing is imported', async () => {
    const calls = serveCloud(cloud, {
      'user.whoami': () => ok(CADRE),
      'contacts.prepareImport': () => ok({ cloudPath: PREPARED }),
      'contacts.importXlsx': () => refused('INVALID_INPUT', '没有找到表头,请使用附件2的格式')
    })
    render(<ImportPage />)
    await settle()
    confirmConsent()
    await pick(xlsx('名单.xls'))
    expect(screen.getByText('这是旧版 .xls 文件，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入')).toBeTruthy()
    expect(fetchMock).not.toHaveBeenCalled()

    await pick(xlsx())
    expect(screen.getByText('没有找到表头,请使用附件2的格式')).toBeTruthy()
    expect(calls.filter((c) => c.name === 'contacts').map((c) => c.event.action)).toEqual(['prepareImport', 'importXlsx'])
    expect(document.querySelector('.import__outcome')).toBeNull()
  })

  it('a failed upload is reported and the server is not asked to import', async () => {
    const calls = serveCloud(cloud, { 'user.whoami': () => ok(CADRE), 'contacts.prepareImport': () => ok({ cloudPath: PREPARED }) })
    fetchMock.mockImplementationOnce(async () => ({ ok: false, status: 400, json: async () => ({ ok: false, code: 'INVALID_INPUT', message: '文件路径不对' }) }))
    render(<ImportPage />)
    await settle()
    confirmConsent()
    await pick(xlsx())
    expect(screen.getByText('文件路径不对')).toBeTruthy()
    expect(calls.filter((c) => c.name === 'contacts').map((c) => c.event.action)).toEqual(['prepareImport'])
  })
})

describe('export', () => {
  it('says exports are recorded, then offers the sheet of the cadre’s village as a download', async () => {
    const calls = serveCloud(cloud, {
      'user.whoami': () => ok(CADRE),
      'contacts.exportXlsx': () => ok({ fileID: 'cloud://x/contact-exports/a.xlsx', tempFileURL: 'http://127.0.0.1:8787/tcb/storage/files/a.xlsx?sign=1', rows: 12 })
    })
    render(<ExportPage />)
    await settle()
    expect(screen.getByText(/每次导出都会被记录/)).toBeTruthy()
    fireEvent.click(screen.getByText('导出Excel表格'))
    await settle()
    expect(calls.filter((c) => c.name === 'contacts').map((c) => c.event)).toEqual([{ action: 'exportXlsx' }])
    expect(screen.getByText('已导出 12 户')).toBeTruthy()
    const link = screen.getByText('下载表格') as HTMLAnchorElement
    expect(link.getAttribute('href')).toBe('http://127.0.0.1:8787/tcb/storage/files/a.xlsx?sign=1')
    expect(link.getAttribute('download')).toBe('新塘站电话号码收集表.xlsx')
  })
})
