/**
 * Cloud storage through wx-server-sdk, typed as it answers (its declarations are unions of callback
 * and promise forms). Locally the same calls reach localcloud/storage through the service URL.
 *
 * wx-server-sdk cannot list a folder, so this layer keeps its own list: every file it uploads, every
 * path a client is given to upload to (`trackPath`, before the upload) and every upload a function is
 * handed (`trackFile`) has a `stored_files` document until it is deleted here. A document is keyed by
 * the file's path, so the path given out and the fileID later handed back are one entry. Folders are
 * emptied from that list (`deleteFolder`).
 */
import { createHash } from 'crypto'
import { get as httpGet, request as httpRequest, type IncomingMessage } from 'http'
import { get as httpsGet, request as httpsRequest } from 'https'
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
  path: string
  /** The first segment of the path: `contact-imports`, `contact-exports`. */
  folder: string
  at: Date
  /** A file a document relies on (an inspection photo a score shows): no sweep deletes it. */
  kept?: boolean
}

/** deleteFile takes at most this many fileIDs per call. */
const DELETE_BATCH = 50

interface SdkStorage {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
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
  const e = error as { code?: string; errCode?: number; status?: number; errMsg?: string; message?: string }
  return e?.code === 'STORAGE_FILE_NONEXIST' || e?.errCode === -503003 || e?.status === -503003 || /NONEXIST|not exist|NoSuchKey/i.test(String(e?.errMsg ?? e?.message ?? ''))
}

/** A file larger than the caller accepts: refused before it is read whole. */
export class FileTooLarge extends Error {}

const DOWNLOAD_LINK_SECONDS = 600

/** The status and headers of a HEAD of `url`, or undefined when the server gives none (then the GET's count decides). */
function headOf(url: string): Promise<IncomingMessage | undefined> {
  return new Promise((resolve) => {
    const req = (url.startsWith('https:') ? httpsRequest : httpRequest)(url, { method: 'HEAD' }, (res) => {
      res.resume()
      resolve(res)
    })
    req.on('error', () => resolve(undefined))
    req.setTimeout(10_000, () => req.destroy())
    req.end()
  })
}

/** The body of `url`, counted as it arrives: past `maxBytes` the connection is dropped and FileTooLarge thrown. */
function getCapped(url: string, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https:') ? httpsGet : httpGet)(url, (res) => {
      if (res.statusCode === 404) return reject(Object.assign(new Error('NoSuchKey'), { code: 'STORAGE_FILE_NONEXIST' }))
      if (res.statusCode !== 200) return reject(new Error(`download failed: HTTP ${res.statusCode}`))
      if (Number(res.headers['content-length']) > maxBytes) {
        req.destroy()
        return reject(new FileTooLarge())
      }
      const chunks: Buffer[] = []
      let length = 0
      res.on('data', (chunk: Buffer) => {
        length += chunk.length
        if (length > maxBytes) {
          req.destroy()
          return reject(new FileTooLarge())
        }
        chunks.push(chunk)
      })
      res.on('end', () => resolve(Buffer.concat(chunks)))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

/**
 * The file's bytes, at most `maxBytes` of them; a missing file is the caller's mistake (NOT_FOUND), not
 * a failure. The SDK's downloadFile is a temporary URL and a GET of all of it into memory; here the
 * same URL is first asked its size (HEAD: the local storage answers it, as COS does for a signed GET
 * URL) and a larger file is refused unread. Where a HEAD gets no answer, the GET itself is counted
 * and dropped past `maxBytes`, so no more than that is ever held. (The SDK has no call that gives a
 * file's size without its URL: getFileInfo is not in wx-server-sdk.)
 */
export async function downloadFile(fileID: string, missingMessage: string, maxBytes: number): Promise<Buffer> {
  try {
    const res = await storage().getTempFileURL({ fileList: [{ fileID, maxAge: DOWNLOAD_LINK_SECONDS }] })
    const item = res.fileList[0]
    if (!item || item.status !== 0 || !item.tempFileURL) throw Object.assign(new Error(item?.errMsg ?? 'no download URL'), { status: item?.status })
    // Unencoded as the storage answers it; the SDK encodes it the same way before its GET.
    const url = encodeURI(item.tempFileURL)
    const head = await headOf(url)
    if (head?.statusCode === 404) refuse('NOT_FOUND', missingMessage)
    if (head?.statusCode === 200 && Number(head.headers['content-length']) > maxBytes) throw new FileTooLarge()
    return await getCapped(url, maxBytes)
  } catch (error) {
    if (isMissingFile(error)) refuse('NOT_FOUND', missingMessage)
    throw error
  }
}

/** The registry's id of a file: its path (from which any fileID of it is made), hashed, as paths hold characters a document id may not. */
const fileKey = (path: string): string => createHash('sha256').update(path).digest('hex').slice(0, 32)
const keyOfFileID = (fileID: string): string => fileKey(pathOfFileID(fileID) ?? fileID)

/**
 * Puts a file on the registry (idempotent: a path given out by `trackPath` becomes this fileID's entry),
 * so that `deleteFolder` finds it whatever happens next. Called before a function starts on an upload it was handed.
 */
export async function trackFile(fileID: string, db: Db = database(), kept = false): Promise<void> {
  const path = pathOfFileID(fileID) ?? ''
  await db.collection(FILES).doc(fileKey(path || fileID)).set({ data: { fileID, path, folder: path.split('/')[0], at: new Date(), kept } })
}

const PREFIX_DOC = 'storage-fileid-prefix'
const PROBE_PATH = 'storage-probe/fileid.txt'
let prefixCached: string | undefined

/**
 * What comes before a path in this environment's fileIDs (`cloud://<env>.<bucket>/`). The SDK does not
 * say, and the bucket cannot be derived from the env id, so it is learnt once from a tiny file the
 * function uploads (and deletes again), and kept in `settings`.
 */
async function fileIDPrefix(db: Db): Promise<string> {
  if (prefixCached) return prefixCached
  const stored = (await db.collection(COLLECTIONS.settings).where({ _id: PREFIX_DOC }).get()).data[0] as { value?: string } | undefined
  if (stored?.value) return (prefixCached = stored.value)
  const { fileID } = await storage().uploadFile({ cloudPath: PROBE_PATH, fileContent: Buffer.from('fileID probe') })
  await storage().deleteFile({ fileList: [fileID] }).catch(() => undefined)
  if (!fileID.endsWith(`/${PROBE_PATH}`)) throw new Error(`unexpected fileID form: ${fileID}`)
  const value = fileID.slice(0, -PROBE_PATH.length)
  await db.collection(COLLECTIONS.settings).doc(PREFIX_DOC).set({ data: { value } })
  return (prefixCached = value)
}

/**
 * Registers a path a client is about to upload to, with the fileID its upload will have, BEFORE the
 * upload: if the client never hands it to a function (the app closed, the network dropped), the
 * daily sweep and the purge still find it.
 */
export async function trackPath(path: string, db: Db = database()): Promise<string> {
  const fileID = `${await fileIDPrefix(db)}${path}`
  await trackFile(fileID, db)
  return fileID
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
    await db.collection(FILES).where({ _id: _.in(batch.map(keyOfFileID)) }).remove()
  }
  return deleted
}

/**
 * Deletes every registered file of a folder (`contact-imports`, `contact-exports`), or only those
 * registered before `before`. Pages of the registry until none is left: no capped read decides "all".
 */
export async function deleteFolder(folder: string, before?: Date, db: Db = database(), options: { keptToo?: boolean } = {}): Promise<number> {
  const _ = db.command
  const where: Record<string, unknown> = before ? { folder, at: _.lt(before) } : { folder }
  // A sweep passes keptToo: false and leaves the files documents rely on.
  if (options.keptToo === false) where.kept = _.neq(true)
  let deleted = 0
  for (;;) {
    const page = (await db.collection(FILES).where(where).field({ fileID: true }).limit(FOLDER_PAGE).get()).data as Pick<StoredFileDoc, '_id' | 'fileID'>[]
    if (page.length === 0) return deleted
    deleted += await deleteFiles(page.map((d) => d.fileID), db)
  }
}
