/**
 * Cloud storage through wx-server-sdk, typed as it answers (its declarations are unions of callback
 * and promise forms). Locally the same calls reach localcloud/storage through the service URL.
 *
 * wx-server-sdk cannot list a folder, so this layer keeps its own list: every file it uploads, and
 * every upload a function is handed (`trackFile`), has a `stored_files` document until it is deleted
 * here. Folders are emptied from that list (`deleteFolder`). A file a client uploads but never hands
 * to a function is not on it: the cloud console (存储) is the only place that sees those.
 */
import { createHash } from 'crypto'
import { COLLECTIONS } from './collections'
import { cloud, database } from './cloud'
import type { Db } from './db-types'
import { refuse } from './refusal'

const FILES = COLLECTIONS.storedFiles
/** Registry documents read per round when emptying a folder (the cloud's largest page). */
const FOLDER_PAGE = 1000

interface StoredFileDoc {
  _id: string
  fileID: string
  /** The first segment of the path: `contact-imports`, `contact-exports`. */
  folder: string
  at: Date
}

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

/** The registry's id of a file: fileIDs hold characters a document id may not. */
const fileKey = (fileID: string): string => createHash('sha256').update(fileID).digest('hex').slice(0, 32)

/**
 * Puts a file on the registry (idempotent), so that `deleteFolder` finds it whatever happens next.
 * Called before a function starts on an upload it was handed.
 */
export async function trackFile(fileID: string, db: Db = database()): Promise<void> {
  const folder = (pathOfFileID(fileID) ?? '').split('/')[0]
  await db.collection(FILES).doc(fileKey(fileID)).set({ data: { fileID, folder, at: new Date() } })
}

/** Uploads, then registers the file; a file that cannot be registered is deleted again. */
export async function uploadFile(cloudPath: string, bytes: Buffer): Promise<string> {
  const res = await storage().uploadFile({ cloudPath, fileContent: bytes })
  try {
    await trackFile(res.fileID)
  } catch (error) {
    await storage().deleteFile({ fileList: [res.fileID] }).catch(() => undefined)
    throw error
  }
  return res.fileID
}

/** A download URL valid for `maxAgeSeconds`. */
export async function temporaryUrl(fileID: string, maxAgeSeconds: number): Promise<string> {
  const res = await storage().getTempFileURL({ fileList: [{ fileID, maxAge: maxAgeSeconds }] })
  const item = res.fileList[0]
  if (!item || item.status !== 0 || !item.tempFileURL) throw new Error(`getTempFileURL failed for ${fileID}: ${item?.errMsg ?? 'no answer'}`)
  return item.tempFileURL
}

/**
 * Deletes the files (in batches) and their registry documents; answers how many existed and are gone.
 * Missing ones are not an error.
 */
export async function deleteFiles(fileIDs: string[], db: Db = database()): Promise<number> {
  const _ = db.command
  let deleted = 0
  for (let i = 0; i < fileIDs.length; i += DELETE_BATCH) {
    const batch = fileIDs.slice(i, i + DELETE_BATCH)
    const res = await storage().deleteFile({ fileList: batch })
    deleted += res.fileList.filter((f) => f.status === 0).length
    await db.collection(FILES).where({ _id: _.in(batch.map(fileKey)) }).remove()
  }
  return deleted
}

/**
 * Deletes every registered file of a folder (`contact-imports`, `contact-exports`), or only those
 * registered before `before`. Pages of the registry until none is left: no capped read decides "all".
 */
export async function deleteFolder(folder: string, before?: Date, db: Db = database()): Promise<number> {
  const _ = db.command
  const where = before ? { folder, at: _.lt(before) } : { folder }
  let deleted = 0
  for (;;) {
    const page = (await db.collection(FILES).where(where).field({ fileID: true }).limit(FOLDER_PAGE).get()).data as Pick<StoredFileDoc, '_id' | 'fileID'>[]
    if (page.length === 0) return deleted
    deleted += await deleteFiles(page.map((d) => d.fileID), db)
  }
}
