import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http'
import type { AddressInfo } from 'net'
import { contactImportPrefix, inspectionPhotoPrefix, questionnaireImportPrefix, unitImportPrefix } from '../../src/core/contract'
import { FunctionRunner, FunctionTimeout, UnsendableEvent } from './function-runner'
import { BodyTooLarge, NestedTooDeep, parseJsonLimited, readBody } from '../read-body'
import type { ServiceCredentials } from '../service-auth'
import { checkCloudPath } from '../storage'
import { isCrossOrigin, isLocalHost } from '../local-host'
import { createStaticHandler } from './static-files'

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void

/** The path the SDK's database and storage requests arrive on (TCB_CONTEXT_CNFG.URL). */
export const SERVICE_PATH = '/tcb'
/** Largest event a function accepts here; WeChat's own limit on callFunction data is 5 MB. */
const EVENT_LIMIT_BYTES = 5 * 1024 * 1024
/** Deepest nesting an event may have; every contract's events are a few levels deep. */
export const EVENT_MAX_DEPTH = 32

export interface GatewayOptions {
  host: string
  port: number
  h5Dir: string
  functionsDir: string
  /** Answers the SDK's requests on SERVICE_PATH (the local cloud database, and storage). */
  service: RequestHandler
  /** The key pair the functions' SDK signs service requests with (the service checks it). */
  serviceCredentials: ServiceCredentials
  workers?: number
  /** Per-call function timeout (default 60 s, the cloud's). */
  functionTimeoutMs?: number
  /** Extra environment for the functions (e.g. ADMIN_OPENIDS). */
  functionEnv?: Record<string, string>
  /** Stores a file the app uploads (what `Taro.cloud.uploadFile` does on WeChat); answers its fileID. */
  clientUpload?: (cloudPath: string, bytes: Buffer) => string
}

/** Local stand-in for the mini-program's `wx.cloud.uploadFile`, used by the H5 build. */
export const CLIENT_UPLOAD_PATH = '/local/upload'
const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024
/**
 * The only folders the app uploads into, each the caller's own (on WeChat, storage set to 仅创建者可读写
 * plays this part): the functions then check that an import names a file under the caller's folder.
 */
export const CLIENT_UPLOAD_PREFIXES: ((openid: string) => string)[] = [contactImportPrefix, unitImportPrefix, inspectionPhotoPrefix, questionnaireImportPrefix]
/** An OPENID as WeChat makes them (28 characters of [A-Za-z0-9_-]); local ones are similar words. */
const SAFE_OPENID = /^[A-Za-z0-9_-]{1,64}$/

export interface Gateway {
  url: string
  runner: FunctionRunner
  close(): Promise<void>
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(text)
}

/**
 * One process, one port: the H5 build, `POST /api/<function>` running the built cloud functions
 * as the caller named by `x-openid`, and the SDK's service path answered by the local cloud.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const serveStatic = createStaticHandler(options.h5Dir)
  let runner: FunctionRunner | undefined

  async function callFunction(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, code: 'INVALID_INPUT', message: '请使用 POST 调用云函数' })
    if (!runner!.has(name)) return sendJson(res, 404, { ok: false, code: 'NOT_FOUND', message: `没有名为 ${name} 的云函数` })
    let event: unknown
    try {
      const body = await readBody(req, EVENT_LIMIT_BYTES)
      event = body.length ? parseJsonLimited(body.toString('utf8'), EVENT_MAX_DEPTH) : {}
    } catch (error) {
      if (error instanceof BodyTooLarge) return sendJson(res, 413, { ok: false, code: 'INVALID_INPUT', message: '请求内容过大' })
      if (error instanceof NestedTooDeep) return sendJson(res, 400, { ok: false, code: 'INVALID_INPUT', message: '请求内容嵌套过深' })
      return sendJson(res, 400, { ok: false, code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON' })
    }
    if (!event || typeof event !== 'object' || Array.isArray(event)) {
      return sendJson(res, 400, { ok: false, code: 'INVALID_INPUT', message: '请求内容应为 JSON 对象' })
    }
    const openid = String(req.headers['x-openid'] ?? '').slice(0, 64)
    try {
      const result = await runner!.invoke({ name, event, openid })
      sendJson(res, 200, result)
    } catch (error) {
      if (error instanceof UnsendableEvent) return sendJson(res, 400, { ok: false, code: 'INVALID_INPUT', message: '请求内容无法交给云函数' })
      console.error(`[gateway] ${name} failed:`, error)
      const message = error instanceof FunctionTimeout ? '云函数运行超时' : '云函数运行出错'
      sendJson(res, 500, { ok: false, code: 'INTERNAL', message })
    }
  }

  async function clientUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || !options.clientUpload) return sendJson(res, 405, { ok: false, code: 'INVALID_INPUT', message: '请使用 POST 上传文件' })
    const openid = String(req.headers['x-openid'] ?? '')
    if (!openid) return sendJson(res, 401, { ok: false, code: 'UNAUTHENTICATED', message: '请先登录' })
    const cloudPath = new URL(req.url ?? '/', 'http://local').searchParams.get('path') ?? ''
    let bytes: Buffer
    try {
      bytes = await readBody(req, UPLOAD_LIMIT_BYTES)
    } catch {
      return sendJson(res, 413, { ok: false, code: 'INVALID_INPUT', message: '文件过大(不超过10MB)' })
    }
    try {
      checkCloudPath(cloudPath)
    } catch {
      return sendJson(res, 400, { ok: false, code: 'INVALID_INPUT', message: '文件路径不对' })
    }
    const own = SAFE_OPENID.test(openid) && CLIENT_UPLOAD_PREFIXES.some((prefix) => {
      const folder = prefix(openid)
      return cloudPath.startsWith(folder) && cloudPath.length > folder.length
    })
    if (!own) return sendJson(res, 403, { ok: false, code: 'FORBIDDEN', message: '只能上传到自己的导入文件夹' })
    try {
      sendJson(res, 200, { ok: true, data: { fileID: options.clientUpload(cloudPath, bytes) } })
    } catch {
      sendJson(res, 400, { ok: false, code: 'INVALID_INPUT', message: '文件路径不对' })
    }
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (!isLocalHost(req) || (req.method !== 'GET' && req.method !== 'HEAD' && isCrossOrigin(req))) {
      req.resume()
      return sendJson(res, 403, { ok: false, code: 'FORBIDDEN', message: '只接受本机地址的访问(主机名不对或跨站请求)' })
    }
    if (path === CLIENT_UPLOAD_PATH) {
      clientUpload(req, res).catch((error) => {
        console.error('[gateway] upload', error)
        if (!res.headersSent) sendJson(res, 500, { ok: false, code: 'INTERNAL', message: '上传失败' })
      })
      return
    }
    if (path === SERVICE_PATH || path.startsWith(SERVICE_PATH + '/')) return options.service(req, res)
    const api = /^\/api\/([^/]+)$/.exec(path)
    if (api) {
      callFunction(decodeURIComponent(api[1]), req, res).catch((error) => {
        console.error('[gateway]', error)
        if (!res.headersSent) sendJson(res, 500, { ok: false, code: 'INTERNAL', message: '网关出错' })
      })
      return
    }
    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(req, res)
    res.writeHead(405).end()
  })
  server.keepAliveTimeout = 30_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${options.host}:${port}`
  // Listening on every interface: the functions still reach the service on the loopback.
  const wildcard = ['0.0.0.0', '::', ''].includes(options.host)
  runner = new FunctionRunner({
    functionsDir: options.functionsDir,
    serviceUrl: `${wildcard ? `http://127.0.0.1:${port}` : url}${SERVICE_PATH}`,
    credentials: options.serviceCredentials,
    workers: options.workers,
    timeoutMs: options.functionTimeoutMs,
    env: options.functionEnv
  })

  return {
    url,
    runner,
    async close() {
      await runner!.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections?.()
    }
  }
}
