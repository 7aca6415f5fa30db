/**
 * Signs a request to the local cloud's service path exactly as the functions' SDK does, with the SDK's own
 * signer (@cloudbase/signature-nodejs, what @cloudbase/node-sdk calls): for tests and fixtures that speak
 * the service protocol directly (e.g. storage uploads), and to check what the service refuses.
 */
import http from 'http'
import type { ServiceCredentials } from '../../localcloud/service-auth'

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sign } = require('@cloudbase/signature-nodejs') as {
  sign(options: {
    secretId: string
    secretKey: string
    method: string
    url: string
    params: unknown
    headers: Record<string, string>
    withSignedParams: boolean
    timestamp: number
  }): { authorization: string; timestamp: number }
}

export interface ServiceRequestOptions {
  /** The Host header to send (and sign), e.g. a DNS-rebinding name; default the URL's own. */
  host?: string
  contentType?: string
  /** Unsigned when absent. */
  credentials?: ServiceCredentials
}

/** POSTs `body` to `serviceUrl` (…/tcb) and answers the status and the parsed JSON reply. */
export function serviceRequest(serviceUrl: string, body: unknown, options: ServiceRequestOptions = {}): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const target = new URL(`${serviceUrl}?env=local&seqId=test`)
  const host = options.host ?? target.host
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json', host, 'user-agent': 'tcb-node-sdk/3.17.2' }
  if (options.credentials) {
    const signed = sign({
      ...options.credentials,
      method: 'post',
      url: `http://${host}${target.pathname}${target.search}`,
      params: typeof body === 'string' ? {} : body,
      headers,
      withSignedParams: true,
      timestamp: Math.floor(Date.now() / 1000) - 1
    })
    headers.authorization = signed.authorization
    headers['x-timestamp'] = String(signed.timestamp)
  }
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(text)) } }, (res) => {
      let reply = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (reply += chunk))
      res.on('end', () => {
        let parsed: unknown = reply
        try {
          parsed = JSON.parse(reply)
        } catch {
          // leave as text
        }
        resolve({ status: res.statusCode ?? 0, body: parsed })
      })
    })
    req.on('error', reject)
    req.end(text)
  })
}
