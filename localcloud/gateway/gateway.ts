import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http'
import type { AddressInfo } from 'net'
import { FunctionRunner } from './function-runner'
import { BodyTooLarge, readBody } from '../read-body'
import { createStaticHandler } from './static-files'

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void

/** The path the SDK's database and storage requests arrive on (TCB_CONTEXT_CNFG.URL). */
export const SERVICE_PATH = '/tcb'
/** Largest event a function accepts here; WeChat's own limit on callFunction data is 5 MB. */
const EVENT_LIMIT_BYTES = 5 * 1024 * 1024

export interface GatewayOptions {
  host: string
  port: number
  h5Dir: string
  functionsDir: string
  /** Answers the SDK's requests on SERVICE_PATH (the local cloud database, and storage). */
  service: RequestHandler
  workers?: number
  /** Extra environment for the functions (e.g. ADMIN_OPENIDS). */
  functionEnv?: Record<string, string>
  /** Stores a file the app uploads (what `Taro.cloud.uploadFile` does on WeChat); answers its fileID. */
  clientUpload?: (cloudPath: string, bytes: Buffer) => string
}

/** Local stand-in for the mini-program's `wx.cloud.uploadFile`, used by the H5 build. */
export const CLIENT_UPLOAD_PATH = '/local/upload'
const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024

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
      event = body.length ? JSON.parse(body.toString('utf8')) : {}
    } catch (error) {
      if (error instanceof BodyTooLarge) return sendJson(res, 413, { ok: false, code: 'INVALID_INPUT', message: '请求内容过大' })
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
      console.error(`[gateway] ${name} crashed:`, error)
      sendJson(res, 500, { ok: false, code: 'INTERNAL', message: '云函数运行出错' })
    }
  }

  async function clientUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || !options.clientUpload) return sendJson(res, 405, { ok: false, code: 'INVALID_INPUT', message: '请使用 POST 上传文件' })
    if (!req.headers['x-openid']) return sendJson(res, 401, { ok: false, code: 'UNAUTHENTICATED', message: '请先登录' })
    const cloudPath = new URL(req.url ?? '/', 'http://local').searchParams.get('path') ?? ''
    let bytes: Buffer
    try {
      bytes = await readBody(req, UPLOAD_LIMIT_BYTES)
    } catch {
      return sendJson(res, 413, { ok: false, code: 'INVALID_INPUT', message: '文件过大(不超过10MB)' })
    }
    try {
      sendJson(res, 200, { ok: true, data: { fileID: options.clientUpload(cloudPath, bytes) } })
    } catch {
      sendJson(res, 400, { ok: false, code: 'INVALID_INPUT', message: '文件路径不对' })
    }
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
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
  runner = new FunctionRunner({
    functionsDir: options.functionsDir,
    serviceUrl: `${url}${SERVICE_PATH}`,
    workers: options.workers,
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
