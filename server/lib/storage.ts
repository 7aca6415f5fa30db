/**
 * Cloud storage through wx-server-sdk, typed as it answers (its declarations are unions of callback
 * and promise forms). Locally the same calls reach localcloud/storage through the service URL.
 */
import { cloud } from './cloud'
import { refuse } from './refusal'

/** deleteFile takes at most this many fileIDs per call. */
const DELETE_BATCH = 50

interface SdkStorage {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>
  getTempFileURL(options: { fileList: { fileID: string; maxAge: number }[] }): Promise<{
    fileList: { fileID: string; tempFileURL: string; status: number; errMsg?: string }[]
  }>
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number }[] }>
}

const storage = (): SdkStorage => cloud as unknown as SdkStorage

/** `cloud://env.bucket/a/b.xlsx` → `a/b.xlsx`. */
export function pathOfFileID(fileID: string): string | undefined {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)
  return m ? m[1] : undefined
}

function isMissingFile(error: unknown): boolean {
  const e = error as { code?: string; errCode?: number; errMsg?: string; message?: string }
  return e?.code === 'STORAGE_FILE_NONEXIST' || e?.errCode === -503003 || /NONEXIST|not exist|NoSuchKey/i.test(String(e?.errMsg ?? e?.message ?? ''))
}

/** The file's bytes; a missing file is the caller's mistake (NOT_FOUND), not a failure. */
export async function downloadFile(fileID: string, missingMessage: string): Promise<Buffer> {
  try {
    const res = await storage().downloadFile({ fileID })
    return Buffer.isBuffer(res.fileContent) ? res.fileContent : Buffer.from(res.fileContent)
  } catch (error) {
    if (isMissingFile(error)) refuse('NOT_FOUND', missingMessage)
    throw error
  }
}

export async function uploadFile(cloudPath: string, bytes: Buffer): Promise<string> {
  const res = await storage().uploadFile({ cloudPath, fileContent: bytes })
  return res.fileID
}

/** A download URL valid for `maxAgeSeconds`. */
export async function temporaryUrl(fileID: string, maxAgeSeconds: number): Promise<string> {
  const res = await storage().getTempFileURL({ fileList: [{ fileID, maxAge: maxAgeSeconds }] })
  const item = res.fileList[0]
  if (!item || item.status !== 0 || !item.tempFileURL) throw new Error(`getTempFileURL failed for ${fileID}: ${item?.errMsg ?? 'no answer'}`)
  return item.tempFileURL
}

/** Deletes the files (in batches); answers how many existed and are gone. Missing ones are not an error. */
export async function deleteFiles(fileIDs: string[]): Promise<number> {
  let deleted = 0
  for (let i = 0; i < fileIDs.length; i += DELETE_BATCH) {
    const res = await storage().deleteFile({ fileList: fileIDs.slice(i, i + DELETE_BATCH) })
    deleted += res.fileList.filter((f) => f.status === 0).length
  }
  return deleted
}
