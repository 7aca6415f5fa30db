/**
 * DNS rebinding against the whole local cloud, not only its database service: a page whose host name
 * resolves to 127.0.0.1 could otherwise call /api as `local-admin` (x-openid) and export every number.
 * Every route answers only requests addressed to an IP literal or localhost, and refuses cross-site writes.
 */
import { request } from 'http'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

let cloud: TestCloud
let port: number

beforeAll(async () => {
  cloud = await startTestCloud()
  port = Number(new URL(cloud.url).port)
}, 60_000)
afterAll(async () => {
  await cloud.close()
})

function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const exportAll = JSON.stringify({ action: 'exportXlsx' })

describe('the Host every route accepts', () => {
  it('a function call as the admin to a rebound host name is refused and exports nothing', async () => {
    const before = cloud.count('audit_log')
    const res = await send('POST', '/api/contacts', { host: `evil.example:${port}`, 'x-openid': 'local-admin' }, exportAll)
    expect(res.status).toBe(403)
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(cloud.count('audit_log')).toBe(before)
  })

  it('the app itself, uploads and the database service refuse a rebound host name too', async () => {
    expect((await send('GET', '/', { host: `evil.example:${port}` })).status).toBe(403)
    expect((await send('POST', '/local/upload?path=contact-imports/local-admin/a.xlsx', { host: `evil.example:${port}`, 'x-openid': 'local-admin' }, 'x')).status).toBe(403)
    expect((await send('POST', '/tcb', { host: `evil.example:${port}` }, '{}')).status).toBe(403)
  })

  it('a cross-site write (its Origin names another site) is refused even to 127.0.0.1', async () => {
    const res = await send('POST', '/api/user', { host: `127.0.0.1:${port}`, origin: 'http://evil.example', 'x-openid': 'local-admin' }, JSON.stringify({ action: 'whoami' }))
    expect(res.status).toBe(403)
    expect((await send('POST', '/api/user', { host: `127.0.0.1:${port}`, origin: 'null', 'x-openid': 'local-admin' }, JSON.stringify({ action: 'whoami' }))).status).toBe(403)
  })

  it('the app at 127.0.0.1, localhost or a LAN address (an IP literal) is served, same-origin writes pass', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `192.168.1.20:${port}`]) {
      const res = await send('POST', '/api/user', { host, origin: `http://${host}`, 'x-openid': 'someone' }, JSON.stringify({ action: 'whoami' }))
      expect([host, res.status]).toEqual([host, 200])
    }
    expect((await send('POST', '/api/user', { host: `127.0.0.1:${port}`, 'x-openid': 'someone' }, JSON.stringify({ action: 'whoami' }))).status).toBe(200)
  })
})
