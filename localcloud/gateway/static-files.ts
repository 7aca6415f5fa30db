import { existsSync, readFileSync, statSync } from 'fs'
import type { IncomingMessage, ServerResponse } from 'http'
import { extname, join, normalize } from 'path'
import { gzipSync } from 'zlib'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8'
}
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt'])

interface Entry {
  body: Buffer
  gzipped?: Buffer
  type: string
}

/** Serves the H5 build; files are read and gzipped once, then kept in memory. */
export function createStaticHandler(rootDir: string) {
  const cache = new Map<string, Entry>()

  function load(path: string): Entry | null {
    const hit = cache.get(path)
    if (hit) return hit
    if (!existsSync(path) || !statSync(path).isFile()) return null
    const body = readFileSync(path)
    const ext = extname(path)
    const entry: Entry = { body, type: TYPES[ext] ?? 'application/octet-stream' }
    if (COMPRESSIBLE.has(ext) && body.length > 512) entry.gzipped = gzipSync(body, { level: 9 })
    cache.set(path, entry)
    return entry
  }

  return function serveStatic(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://local')
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '')
    let entry = load(join(rootDir, relative))
    // The H5 router runs in hash mode: every unknown path gets the app shell.
    if (!entry) entry = load(join(rootDir, 'index.html'))
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('H5 应用尚未构建:请运行 npm run build:h5')
      return
    }
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
    const hashed = /\.[0-9a-f]{8}\.(js|css)$/.test(relative)
    const headers: Record<string, string> = {
      'content-type': entry.type,
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding'
    }
    if (entry.gzipped && acceptsGzip) {
      headers['content-encoding'] = 'gzip'
      res.writeHead(200, headers)
      res.end(req.method === 'HEAD' ? undefined : entry.gzipped)
    } else {
      res.writeHead(200, headers)
      res.end(req.method === 'HEAD' ? undefined : entry.body)
    }
  }
}
