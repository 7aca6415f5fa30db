/**
 * Only the functions' SDK may use the database service (/tcb), which shares the app's port: a request must
 * carry the SDK's signature made with the key only the function workers get, be JSON, and name the local
 * cloud itself as Host. Client uploads land only under the caller's own import folders.
 */
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { serviceRequest } from '../support/service-client'

let cloud: TestCloud
let serviceUrl: string

beforeAll(async () => {
  cloud = await startTestCloud()
  serviceUrl = `${cloud.url}/tcb`
})
afterAll(async () => {
  await cloud.close()
})

const readSettings = { action: 'database.getDocument', collectionName: 'settings', queryType: 'WHERE', query: '{}', limit: 100, envName: 'local' }
const makeMeCadre = {
  action: 'database.modifyDocument',
  collectionName: 'users',
  queryType: 'DOC',
  query: '{"_id":"attacker"}',
  data: '{"_id":"attacker","role":"cadre","village":"云集","name":"攻击者"}',
  multi: false,
  merge: false,
  upsert: true,
  envName: 'local'
}

describe('the database service answers only the functions SDK', () => {
  it('an unsigned read of settings is refused with 401 and answers no data', async () => {
    const res = await serviceRequest(serviceUrl, readSettings)
    expect(res.status).toBe(401)
    expect(res.body).not.toHaveProperty('data')
  })

  it('a text/plain POST (what any web page can send without a CORS preflight) is refused and writes nothing', async () => {
    const res = await serviceRequest(serviceUrl, makeMeCadre, { contentType: 'text/plain;charset=UTF-8' })
    expect(res.status).toBe(415)
    expect(cloud.count('users', { _id: 'attacker' })).toBe(0)
  })

  it('a request signed with another key is refused and writes nothing', async () => {
    const res = await serviceRequest(serviceUrl, makeMeCadre, { credentials: { ...cloud.serviceCredentials, secretKey: 'guessed' } })
    expect(res.status).toBe(401)
    expect(cloud.count('users', { _id: 'attacker' })).toBe(0)
  })

  it('a body the signature does not cover is refused', async () => {
    // The helper signs the params of an object body; a string body is sent as-is, signed as no params.
    const res = await serviceRequest(serviceUrl, JSON.stringify(makeMeCadre), { credentials: cloud.serviceCredentials })
    expect(res.status).toBe(401)
    expect(cloud.count('users', { _id: 'attacker' })).toBe(0)
  })

  it('a foreign Host (DNS rebinding) is refused even with a valid signature for it', async () => {
    const port = new URL(cloud.url).port
    const res = await serviceRequest(serviceUrl, readSettings, { host: `evil.example:${port}`, credentials: cloud.serviceCredentials })
    expect(res.status).toBe(403)
    const otherPort = await serviceRequest(serviceUrl, readSettings, { host: '127.0.0.1:1', credentials: cloud.serviceCredentials })
    expect(otherPort.status).toBe(403)
  })

  it('a signed JSON request to 127.0.0.1 or localhost is answered', async () => {
    const res = await serviceRequest(serviceUrl, readSettings, { credentials: cloud.serviceCredentials })
    expect(res.status).toBe(200)
    expect(res.body.data).toBeDefined()
    const port = new URL(cloud.url).port
    expect((await serviceRequest(serviceUrl, readSettings, { host: `localhost:${port}`, credentials: cloud.serviceCredentials })).status).toBe(200)
  })
})

describe('client uploads and downloads', () => {
  const upload = (path: string, openid: string) =>
    fetch(`${cloud.url}/local/upload?path=${encodeURIComponent(path)}`, { method: 'POST', headers: { 'x-openid': openid }, body: Buffer.from('表格') })

  it('writes only under the caller’s own import folders', async () => {
    expect((await upload('contact-imports/person-x/a.xlsx', 'person-x')).status).toBe(200)
    // A county admin's XLSForm questionnaire (campaigns.importQuestionnaire reads only the caller's own).
    expect((await upload('questionnaire-imports/person-x/q.xlsx', 'person-x')).status).toBe(200)
    for (const path of ['questionnaire-imports/person-y/q.xlsx', 'questionnaire-exports/q.xlsx', 'contact-imports/person-y/a.xlsx', 'a.xlsx', 'contact-exports/x.xlsx', 'contact-imports/person-x', 'settings/person-x/a.xlsx']) {
      const res = await upload(path, 'person-x')
      expect([path, res.status]).toEqual([path, 403])
      expect(await res.json()).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    expect(cloud.service.storage.has('cloud://local.local-1250000000/contact-imports/person-y/a.xlsx')).toBe(false)
  })

  it('an OPENID that is not one path segment gets no folder', async () => {
    expect((await upload('contact-imports/a/b/c.xlsx', 'a/b')).status).toBe(403)
    expect((await upload('contact-imports/../x/c.xlsx', '..')).status).toBe(400)
  })

  it('a temporary download URL from the service works in a plain browser GET (export links)', async () => {
    const up = await (await upload('contact-imports/person-z/a.xlsx', 'person-z')).json()
    const res = await serviceRequest(serviceUrl, { action: 'storage.batchGetDownloadUrl', file_list: [{ fileid: up.data.fileID, max_age: 60 }], envName: 'local' }, { credentials: cloud.serviceCredentials })
    expect(res.status).toBe(200)
    const download = await fetch(encodeURI(res.body.data.download_list[0].tempFileURL))
    expect(download.status).toBe(200)
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('表格')
  })
})
