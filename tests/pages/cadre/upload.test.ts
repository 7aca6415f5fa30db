import Taro from '@tarojs/taro'
import { IMPORT_MAX_BYTES } from '../../../src/core/contract'
import { callCloud } from '../../../src/services/cloud'
import { chooseXlsxFromChat, uploadForImport, uploadToCloud, xlsxProblem } from '../../../src/services/upload'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))
const cloud = callCloud as jest.MockedFunction<typeof callCloud>

afterEach(() => {
  process.env.TARO_ENV = 'h5'
  jest.restoreAllMocks()
})

it('an import is uploaded where prepareImport says (already registered on the server), never before asking', async () => {
  process.env.TARO_ENV = 'weapp'
  const upload = jest.fn().mockResolvedValue({ fileID: 'cloud://env.bucket/contact-imports/o1/ab12.xlsx', statusCode: 200, errMsg: 'ok' })
  Object.assign(Taro, { cloud: { uploadFile: upload } })
  cloud.mockResolvedValueOnce({ ok: true, data: { cloudPath: 'contact-imports/o1/ab12.xlsx' } } as never)
  await expect(uploadForImport({ name: 'a.xlsx', size: 10, path: 'wxfile://tmp_1.xlsx' })).resolves.toEqual({ ok: true, data: { fileID: 'cloud://env.bucket/contact-imports/o1/ab12.xlsx' } })
  expect(cloud).toHaveBeenCalledWith('contacts', { action: 'prepareImport' })
  expect(upload).toHaveBeenCalledWith({ cloudPath: 'contact-imports/o1/ab12.xlsx', filePath: 'wxfile://tmp_1.xlsx' })
  // Refused (e.g. no longer a cadre): nothing is uploaded.
  upload.mockClear()
  cloud.mockResolvedValueOnce({ ok: false, code: 'FORBIDDEN', message: '只有干部可以导入' } as never)
  await expect(uploadForImport({ name: 'a.xlsx', size: 10, path: 'wxfile://tmp_1.xlsx' })).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
  expect(upload).not.toHaveBeenCalled()
})

it('refuses before uploading what the server could not read', () => {
  expect(xlsxProblem({ name: '新塘站.xlsx', size: 2048 })).toBeNull()
  expect(xlsxProblem({ name: '新塘站.XLSX', size: IMPORT_MAX_BYTES })).toBeNull()
  expect(xlsxProblem({ name: '新塘站.xls', size: 2048 })).toBe('这是旧版 .xls 文件，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入')
  expect(xlsxProblem({ name: '名单.csv', size: 2048 })).toBe('请选择 Excel 表格（.xlsx 文件）')
  expect(xlsxProblem({ name: '新塘站.xlsx', size: IMPORT_MAX_BYTES + 1 })).toBe('表格文件不能超过10MB，请分成几个文件导入')
  expect(xlsxProblem({ name: '新塘站.xlsx', size: 0 })).toBe('这个文件是空的，请重新选择')
})

describe('on WeChat', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
  })

  it('picks one .xlsx from a chat; cancelling is no error', async () => {
    const choose = jest.fn()
    Object.assign(Taro, { chooseMessageFile: choose })
    choose.mockResolvedValueOnce({ tempFiles: [{ name: '新塘站.xlsx', size: 9000, path: 'wxfile://tmp_1.xlsx', type: 'file', time: 1 }], errMsg: 'ok' })
    await expect(chooseXlsxFromChat()).resolves.toEqual({ name: '新塘站.xlsx', size: 9000, path: 'wxfile://tmp_1.xlsx' })
    expect(choose).toHaveBeenCalledWith({ count: 1, type: 'file', extension: ['xlsx'] })
    choose.mockRejectedValueOnce({ errMsg: 'chooseMessageFile:fail cancel' })
    await expect(chooseXlsxFromChat()).resolves.toBeNull()
  })

  it('uploads through Taro.cloud at the given path and answers the fileID', async () => {
    const upload = jest.fn().mockResolvedValue({ fileID: 'cloud://env.bucket/contact-imports/o1/1.xlsx', statusCode: 200, errMsg: 'ok' })
    Object.assign(Taro, { cloud: { uploadFile: upload } })
    const res = await uploadToCloud('contact-imports/o1/1.xlsx', { name: 'a.xlsx', size: 10, path: 'wxfile://tmp_1.xlsx' })
    expect(res).toEqual({ ok: true, data: { fileID: 'cloud://env.bucket/contact-imports/o1/1.xlsx' } })
    expect(upload).toHaveBeenCalledWith({ cloudPath: 'contact-imports/o1/1.xlsx', filePath: 'wxfile://tmp_1.xlsx' })
    upload.mockRejectedValueOnce(new Error('network'))
    await expect(uploadToCloud('contact-imports/o1/2.xlsx', { name: 'a.xlsx', size: 10, path: 'wxfile://tmp_2.xlsx' })).resolves.toMatchObject({ ok: false, message: '上传失败，请检查网络后重试' })
  })
})
