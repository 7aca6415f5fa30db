import type { IncomingMessage } from 'http'
import { isIP } from 'net'

/**
 * DNS rebinding needs a host NAME that the attacker's DNS points at 127.0.0.1: a request whose Host is
 * an IP literal or `localhost` (with our port) cannot come from such a page. Every route of the local
 * cloud (the app, /api, uploads, the database service) asks this first, so a web page the user visits
 * can never act as the local admin, read a download, or write the database.
 */
export function isLocalHost(req: IncomingMessage): boolean {
  const host = String(req.headers.host ?? '').toLowerCase()
  const port = req.socket.localPort
  const match = /^(\[[0-9a-f:.]+\]|[^:]+):(\d+)$/.exec(host)
  if (!match || Number(match[2]) !== port) return false
  const name = match[1].replace(/^\[|\]$/g, '')
  return name === 'localhost' || isIP(name) !== 0
}

/** A cross-site request (its Origin names another host than it was sent to) is never ours. */
export function isCrossOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (!origin || origin === 'null') return origin === 'null'
  try {
    return new URL(origin).host.toLowerCase() !== String(req.headers.host ?? '').toLowerCase()
  } catch {
    return true
  }
}
