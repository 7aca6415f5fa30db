/**
 * Who may use the local cloud's service path: only the functions' SDK. The function workers get a
 * random key pair made at start (TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY, as SCF gives real
 * functions), and @cloudbase/node-sdk signs every request with it (TC3-HMAC-SHA256, the tcb flavour:
 * the sorted top-level params are hashed). Here that signature is checked again with the same key,
 * so a web page, a DNS-rebinding attacker or any other local program without the key is refused.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto'
import type { IncomingHttpHeaders } from 'http'

export interface ServiceCredentials {
  secretId: string
  secretKey: string
}

export function newServiceCredentials(): ServiceCredentials {
  return { secretId: `local-${randomBytes(6).toString('hex')}`, secretKey: randomBytes(32).toString('hex') }
}

const ALGORITHM = 'TC3-HMAC-SHA256'
const SERVICE = 'tcb'
/** The SDK sends X-Signature-Expires: 600; a signature older (or newer) than that is refused. */
const MAX_AGE_S = 600

export interface SignedRequest {
  method: string
  /** The request target as the server saw it: path and query (`/tcb?env=&seqId=…`). */
  url: string
  headers: IncomingHttpHeaders
  /** The parsed JSON body. */
  body: Record<string, unknown>
}

/** Same key text as the signer's camSafeUrlEncode(key.toLowerCase().trim()). */
function keyOf(key: string): string {
  return encodeURIComponent(key.toLowerCase().trim())
    .replace(/!/g, '%21')
    .replace(/'/g, '%27')
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')
    .replace(/\*/g, '%2A')
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? '')

/** The signer's hash of the params: every top-level key with a non-empty value, sorted. */
function paramsHash(body: Record<string, unknown>): string {
  const params = new Map<string, string>()
  for (const [key, value] of Object.entries(body)) if (value !== undefined) params.set(keyOf(key), textOf(value).trim())
  const hash = createHash('sha256')
  for (const key of [...params.keys()].sort((l, r) => l.localeCompare(r))) {
    const value = params.get(key)!
    if (!value) continue
    hash.update(`&${key}=`).update(value).update('\r\n')
  }
  return hash.digest('hex')
}

const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest()

function signature(secretKey: string, request: SignedRequest, signedHeaders: string[], timestamp: number): string {
  const [path, query = ''] = request.url.split(/\?(.*)/s)
  const headerLines = signedHeaders.map((name) => {
    const raw = textOf(request.headers[name] ?? '')
    // The signer keeps content-type as sent and lowercases every other value.
    return `${name}:${name === 'content-type' ? raw : raw.trim().toLowerCase()}`
  })
  const canonical = [
    request.method.toLowerCase(),
    `//${request.headers.host ?? ''}${path}`,
    query,
    `${headerLines.join('\n')}\n`,
    signedHeaders.join(';'),
    paramsHash(request.body)
  ].join('\n')
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10)
  const scope = `${date}/${SERVICE}/tc3_request`
  const toSign = `${ALGORITHM}\n${timestamp}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`
  const signing = hmac(hmac(hmac(`TC3${secretKey}`, date), SERVICE), 'tc3_request')
  return createHmac('sha256', signing).update(toSign).digest('hex')
}

/** Why a request is refused, or undefined when it carries a valid signature made with these credentials. */
export function checkSignature(request: SignedRequest, credentials: ServiceCredentials, nowMs = Date.now()): string | undefined {
  const authorization = String(request.headers.authorization ?? '')
  const m = /^TC3-HMAC-SHA256 Credential=([^/,\s]+)\/[^,]*,(?: SignedParams=[^,]*,)? SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization)
  if (!m) return 'missing or malformed Authorization'
  const [, secretId, headerList, given] = m
  if (secretId !== credentials.secretId) return 'unknown secretId'
  const signedHeaders = headerList.split(';')
  // Host and content-type are checked by the caller: they must be among the signed ones.
  if (!signedHeaders.includes('host') || !signedHeaders.includes('content-type')) return 'host and content-type must be signed'
  const timestamp = Number(request.headers['x-timestamp'])
  if (!Number.isInteger(timestamp) || Math.abs(nowMs / 1000 - timestamp) > MAX_AGE_S) return 'signature expired'
  const expected = Buffer.from(signature(credentials.secretKey, request, signedHeaders, timestamp))
  return timingSafeEqual(Buffer.from(given), expected) ? undefined : 'bad signature'
}
