/** Node http plumbing: a request handler for the gateway, and a standalone server for tests. */
import http from 'http'
import { AddressInfo } from 'net'
import { LocalDatabase, LocalDatabaseOptions } from './database'
import { handleAction } from './wire'

/** Bodies above this are refused (a 16 MB document plus EJSON overhead fits). */
const MAX_BODY_BYTES = 64 * 1024 * 1024

export type DatabaseHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void

/** A `(req, res)` handler answering the SDK's `database.*` POSTs, whatever the route it is mounted on. */
export function createDatabaseHandler(db: LocalDatabase): DatabaseHandler {
  return (req, res) => {
    const chunks: Buffer[] = []
    let size = 0
    let refused = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES && !refused) {
        refused = true
        send(res, 413, { code: 'INVALID_PARAM', message: 'request body too large' })
        req.destroy()
      } else if (!refused) chunks.push(chunk)
    })
    req.on('end', () => {
      if (refused) return
      let body: unknown
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        send(res, 400, { code: 'INVALID_PARAM', message: 'body must be JSON' })
        return
      }
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        send(res, 400, { code: 'INVALID_PARAM', message: 'body must be a JSON object' })
        return
      }
      send(res, 200, handleAction(db, body as Record<string, unknown>))
    })
  }
}

function send(res: http.ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

export interface DatabaseServer {
  /** Pass as `serviceUrl` to `cloud.init`, or as `URL` in `TCB_CONTEXT_CNFG`. */
  url: string
  port: number
  db: LocalDatabase
  close(): Promise<void>
}

export async function startDatabaseServer(
  options: LocalDatabaseOptions & { port?: number; host?: string }
): Promise<DatabaseServer> {
  const db = new LocalDatabase(options)
  const server = http.createServer(createDatabaseHandler(db))
  // The SDK's keep-alive agent drops idle sockets after 4.8 s and does not retry a request that
  // meets a socket the server has just closed (ECONNRESET): the server must never close first.
  server.keepAliveTimeout = 120_000
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${host}:${port}/tcb`,
    port,
    db,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close()
          resolve()
        })
        // The SDK keeps connections alive; without this close() would wait for them to idle out.
        server.closeAllConnections()
      })
  }
}
