/**
 * Local emulator of WeChat cloud storage, speaking what wx-server-sdk 4.0.2 sends (see
 * /work/shared/notes/wechat-cloud.md): `storage.*` JSON actions on the service URL, then a PUT of the
 * raw bytes to the upload URL it handed out, and GETs of signed temporary download URLs.
 * Files live under `<dataDir>/storage/<path>`, so they survive a restart like the database.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'fs'
import type { IncomingMessage, ServerResponse } from 'http'
import { dirname, extname, resolve, sep } from 'path'
import { BodyTooLarge, readBody } from '../read-body'

/** The bucket part of every local fileID: `cloud://<env>.<BUCKET>/<path>`. */
export const LOCAL_BUCKET = 'local-1250000000'
/** Largest upload accepted (the mini-program's own limit for a chosen file is far below). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024
/** An upload URL is good for this long, as the cloud's signed upload URLs are short-lived. */
const UPLOAD_TTL_MS = 10 * 60_000
/** getTempFileURL's default lifetime when the caller gives none (the cloud's default is a day). */
const DEFAULT_MAX_AGE_S = 86_400

const UPLOAD_ROUTE = '/storage/upload/'
const FILE_ROUTE = '/storage/files/'

export interface StorageReply {
  requestId: string
  data?: unknown
  code?: string
  message?: string
}

interface PendingUpload {
  path: string
  expiresAt: number
}

const CONTENT_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.pdf': 'application/pdf'
}

class StorageError extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
  }
}

/** `cloud://env.bucket/a/b.xlsx` → `a/b.xlsx`, or undefined when it is no fileID of this bucket. */
export function pathOfFileId(fileId: unknown): string | undefined {
  if (typeof fileId !== 'string') return undefined
  const m = /^cloud:\/\/[^./]+\.([^/]+)\/(.+)$/.exec(fileId)
  if (!m || m[1] !== LOCAL_BUCKET) return undefined
  return m[2]
}

/**
 * A cloud path as COS keys allow, minus what could leave the storage folder: no absolute paths,
 * no `.`/`..` or empty segments, no backslashes or control characters.
 */
export function checkCloudPath(path: unknown): string {
  if (typeof path !== 'string' || path === '') throw new StorageError('INVALID_PARAM', 'path is required')
  if (path.length > 1024) throw new StorageError('INVALID_PARAM', 'path is longer than 1024 characters')
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(path)) throw new StorageError('INVALID_PARAM', 'path contains a backslash or a control character')
  const segments = path.split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..')) throw new StorageError('INVALID_PARAM', `invalid path: ${path}`)
  return path
}

export class LocalStorage {
  readonly root: string
  private readonly pending = new Map<string, PendingUpload>()
  /** Signs temporary URLs; a restart invalidates the old ones, as expired URLs would be. */
  private readonly key = randomBytes(32)

  constructor(dir: string) {
    this.root = resolve(dir)
    mkdirSync(this.root, { recursive: true })
  }

  fileIdOf(path: string, env = 'local'): string {
    return `cloud://${env || 'local'}.${LOCAL_BUCKET}/${path}`
  }

  /** Where a cloud path lives on disk; refuses anything that would resolve outside the root. */
  private fileOf(path: string): string {
    const file = resolve(this.root, checkCloudPath(path))
    if (!file.startsWith(this.root + sep)) throw new StorageError('INVALID_PARAM', `invalid path: ${path}`)
    return file
  }

  has(fileId: string): boolean {
    const path = pathOfFileId(fileId)
    return path !== undefined && this.exists(path)
  }

  read(fileId: string): Buffer | undefined {
    const path = pathOfFileId(fileId)
    return path !== undefined && this.exists(path) ? readFileSync(this.fileOf(path)) : undefined
  }

  private exists(path: string): boolean {
    try {
      return statSync(this.fileOf(path)).isFile()
    } catch {
      return false
    }
  }

  /** Answers one `storage.*` action. `base` is the service URL as the caller reached it. */
  handleAction(body: Record<string, unknown>, base: string): StorageReply {
    const requestId = randomBytes(8).toString('hex')
    try {
      return { requestId, data: this.dispatch(body, base) }
    } catch (e) {
      if (e instanceof StorageError) return { requestId, code: e.code, message: e.message }
      return { requestId, code: 'STORAGE_REQUEST_FAIL', message: (e as Error)?.message ?? String(e) }
    }
  }

  private dispatch(body: Record<string, unknown>, base: string): unknown {
    const env = typeof body.envName === 'string' ? body.envName : ''
    switch (body.action) {
      case 'storage.getUploadMetadata': {
        const path = checkCloudPath(body.path)
        this.fileOf(path)
        this.expireUploads()
        const token = randomBytes(16).toString('hex')
        this.pending.set(token, { path, expiresAt: Date.now() + UPLOAD_TTL_MS })
        return { url: `${base}${UPLOAD_ROUTE}${token}`, token: 'local', authorization: 'local', fileId: this.fileIdOf(path, env), cosFileId: token }
      }
      case 'storage.batchGetDownloadUrl': {
        const list = body.file_list
        if (!Array.isArray(list) || list.length === 0) throw new StorageError('INVALID_PARAM', 'file_list must be a non-empty array')
        return {
          download_list: list.map((item: { fileid?: unknown; max_age?: unknown }) => {
            const fileID = String(item?.fileid ?? '')
            const path = pathOfFileId(fileID)
            const maxAge = typeof item?.max_age === 'number' && item.max_age > 0 ? item.max_age : DEFAULT_MAX_AGE_S
            if (path === undefined || !this.exists(path)) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', maxAge }
            // Returned unencoded: the SDK applies encodeURI before its GET.
            return { fileID, tempFileURL: this.signedUrl(base, path, maxAge), code: 'SUCCESS', maxAge }
          })
        }
      }
      case 'storage.batchDeleteFile': {
        const list = body.fileid_list
        if (!Array.isArray(list) || list.length === 0) throw new StorageError('INVALID_PARAM', 'fileid_list must be a non-empty array')
        return {
          delete_list: list.map((fileID: unknown) => {
            const path = pathOfFileId(fileID)
            if (path === undefined || !this.exists(path)) return { fileID, code: 'STORAGE_FILE_NONEXIST' }
            rmSync(this.fileOf(path))
            return { fileID, code: 'SUCCESS' }
          })
        }
      }
      default:
        throw new StorageError('INVALID_ACTION', `action not supported by the local storage: ${String(body.action)}`)
    }
  }

  /** True for the byte routes (upload PUTs, download GETs) under the service path. */
  ownsRoute(pathname: string, mount: string): boolean {
    return pathname.startsWith(mount + UPLOAD_ROUTE) || pathname.startsWith(mount + FILE_ROUTE)
  }

  /** PUT of an upload's bytes, or GET/HEAD of a signed download URL. */
  handleBytes(req: IncomingMessage, res: ServerResponse, mount: string): void {
    const url = new URL(req.url ?? '/', 'http://local')
    if (url.pathname.startsWith(mount + UPLOAD_ROUTE)) {
      if (req.method !== 'PUT') return sendXmlError(res, 405, 'MethodNotAllowed', 'use PUT to upload')
      return this.receiveUpload(req, res, url.pathname.slice((mount + UPLOAD_ROUTE).length))
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendXmlError(res, 405, 'MethodNotAllowed', 'use GET to download')
    let path: string
    try {
      path = url.pathname
        .slice((mount + FILE_ROUTE).length)
        .split('/')
        .map((s) => decodeURIComponent(s))
        .join('/')
      checkCloudPath(path)
    } catch {
      return sendXmlError(res, 400, 'InvalidURI', 'bad file path')
    }
    const expires = Number(url.searchParams.get('t'))
    const sign = url.searchParams.get('sign') ?? ''
    if (!Number.isFinite(expires) || !this.validSignature(path, expires, sign)) return sendXmlError(res, 403, 'AccessDenied', 'bad signature')
    if (expires * 1000 < Date.now()) return sendXmlError(res, 403, 'AccessDenied', 'the URL has expired')
    if (!this.exists(path)) return sendXmlError(res, 404, 'NoSuchKey', 'the file does not exist')
    const bytes = readFileSync(this.fileOf(path))
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      'content-length': bytes.length,
      'cache-control': 'private, no-store'
    })
    res.end(req.method === 'HEAD' ? undefined : bytes)
  }

  /** Stores bytes at a cloud path (as a finished upload would) and answers its fileID. */
  write(path: string, bytes: Buffer): string {
    const file = this.fileOf(path)
    mkdirSync(dirname(file), { recursive: true })
    // Written beside, then renamed: a reader never sees half a file.
    const temp = `${file}.${randomBytes(4).toString('hex')}.part`
    writeFileSync(temp, bytes)
    renameSync(temp, file)
    return this.fileIdOf(path)
  }

  private receiveUpload(req: IncomingMessage, res: ServerResponse, token: string): void {
    this.expireUploads()
    const upload = this.pending.get(token)
    if (!upload) {
      req.resume()
      return sendXmlError(res, 403, 'AccessDenied', 'unknown or expired upload URL')
    }
    readBody(req, MAX_UPLOAD_BYTES).then(
      (bytes) => {
        this.pending.delete(token)
        try {
          this.write(upload.path, bytes)
        } catch {
          return sendXmlError(res, 400, 'InvalidArgument', `invalid path: ${upload.path}`)
        }
        res.writeHead(200, { 'content-length': 0 })
        res.end()
      },
      (error) => {
        if (error instanceof BodyTooLarge) sendXmlError(res, 413, 'EntityTooLarge', `uploads are limited to ${MAX_UPLOAD_BYTES} bytes`)
      }
    )
  }

  private signedUrl(base: string, path: string, maxAgeS: number): string {
    const expires = Math.floor(Date.now() / 1000) + Math.ceil(maxAgeS)
    return `${base}${FILE_ROUTE}${path}?sign=${this.signature(path, expires)}&t=${expires}`
  }

  private signature(path: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${path}\u0000${expires}`).digest('hex').slice(0, 32)
  }

  private validSignature(path: string, expires: number, sign: string): boolean {
    const expected = Buffer.from(this.signature(path, expires))
    const given = Buffer.from(sign)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  private expireUploads(): void {
    const now = Date.now()
    for (const [token, upload] of this.pending) if (upload.expiresAt < now) this.pending.delete(token)
  }
}

/** COS answers failures with an XML body the SDK parses (`<Error><Code>…`). */
function sendXmlError(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) return
  const body = `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

export function storageDirOf(dataDir: string): string {
  return resolve(dataDir, 'storage')
}
