import Taro from '@tarojs/taro'
import { failure, IMPORT_MAX_BYTES, unitImportPrefix, type Result } from '../core/contract'
import { callCloud } from './cloud-staff'
import { localOpenid } from './local-user'

/**
 * A spreadsheet the cadre picked: on WeChat a temporary path from a chat (chooseMessageFile); in the
 * H5 build served by the local cloud, the browser's File itself.
 */
export type PickedFile = { name: string; size: number } & ({ path: string } | { file: Blob })

/** Where a 附件3-style sheet for a new town goes: towns.create reads only the caller's own prefix. */
export function unitImportPath(openid: string, now: number = Date.now()): string {
  return `${unitImportPrefix(openid)}${now}.xlsx`
}

/** Why this file cannot be imported, before anything is uploaded; null when it may be. */
export function xlsxProblem(file: { name: string; size: number }): string | null {
  if (/\.xls$/i.test(file.name)) return '这是旧版 .xls 文件，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入'
  if (!/\.xlsx$/i.test(file.name)) return '请选择 Excel 表格（.xlsx 文件）'
  if (file.size > IMPORT_MAX_BYTES) return `表格文件不能超过${IMPORT_MAX_BYTES / 1024 / 1024}MB，请分成几个文件导入`
  if (file.size === 0) return '这个文件是空的，请重新选择'
  return null
}

/** WeChat only: one .xlsx from a chat (e.g. sent to 文件传输助手 first). Null when the cadre cancels. */
export async function chooseXlsxFromChat(): Promise<PickedFile | null> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] })
    const f = res.tempFiles[0]
    return f ? { name: f.name, size: f.size, path: f.path } : null
  } catch (error) {
    if (/cancel/i.test(String((error as { errMsg?: string })?.errMsg ?? error))) return null
    throw error
  }
}

/** The local gateway's route answers like a function: `{ ok: true, data: { fileID } }` or a refusal. */
async function uploadLocally(cloudPath: string, file: Blob): Promise<Result<{ fileID: string }>> {
  const res = await fetch(`/local/upload?path=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-openid': localOpenid() },
    body: file
  })
  const body = (await res.json().catch(() => null)) as { ok?: unknown; data?: { fileID?: unknown }; message?: unknown } | null
  if (body?.ok === true && typeof body.data?.fileID === 'string') return { ok: true, data: { fileID: body.data.fileID } }
  return failure('INTERNAL', typeof body?.message === 'string' ? body.message : `上传失败（${res.status}），请重试`)
}

/**
 * Puts the picked file in cloud storage at `cloudPath` and answers its fileID: through Taro.cloud on
 * WeChat, through the local gateway's upload route in the H5 build.
 */
export async function uploadToCloud(cloudPath: string, picked: PickedFile): Promise<Result<{ fileID: string }>> {
  try {
    // The local gateway's route exists only for the H5 build: the WeChat bundle does not carry it.
    if (process.env.TARO_ENV === 'h5') return 'file' in picked ? await uploadLocally(cloudPath, picked.file) : failure('INVALID_INPUT', '请重新选择文件')
    if (!('path' in picked)) return failure('INVALID_INPUT', '请重新选择文件')
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: picked.path })
    return { ok: true, data: { fileID: res.fileID } }
  } catch {
    return failure('INTERNAL', '上传失败，请检查网络后重试')
  }
}

/**
 * Uploads a sheet to import: first asks `contacts.prepareImport` for its path (under the caller's own
 * folder, already on the server's file registry, so a sheet the app never gets to hand to importXlsx
 * is still swept away after a day), then puts it there. Answers the fileID for importXlsx.
 */
export async function uploadForImport(picked: PickedFile): Promise<Result<{ fileID: string }>> {
  const slot = await callCloud('contacts', { action: 'prepareImport' })
  if (!slot.ok) return slot
  return uploadToCloud(slot.data.cloudPath, picked)
}
