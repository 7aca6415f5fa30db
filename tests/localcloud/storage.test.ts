/**
 * Conformance of the local storage with the unchanged wx-server-sdk 4.0.2: what the SDK sends for
 * uploadFile, getTempFileURL, downloadFile and deleteFile is answered on the same service URL as the
 * database, by the same handler the gateway mounts.
 */
import { randomBytes } from 'crypto'
import fs from 'fs'
import http from 'http'
import { AddressInfo } from 'net'
import { openService, type Service } from '../../localcloud/service'
import { LOCAL_BUCKET, LocalStorage, storageDirOf } from '../../localcloud/storage'
import { loadSdk, tempDir, type Cloud } from './helpers'

let server: http.Server
let service: Service
let cloud: Cloud
let dir: string
let base: string
const bodies: Record<string, unknown>[] = []

beforeAll(async () => {
  dir = tempDir()
  service = openService(dir)
  server = http.createServer((req, res) => {
    if (req.method === 'POST') {
      // Spy on the JSON actions without consuming the stream the service reads.
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        try {
          bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')))
        } catch {
          // not JSON: the service answers 400
        }
      })
    }
    service.handler(req, res)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tcb`
  cloud = loadSdk(base)
})
afterAll(async () => {
  await new Promise<void>((r) => {
    server.close(() => r())
    server.closeAllConnections()
  })
  service.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

// The SDK's typings return unions of callback and promise forms; the tests use the promise form.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sdk = () => cloud as any

test('upload → getTempFileURL → download gives back the same bytes; delete removes the file', async () => {
  const bytes = randomBytes(200_000)
  const up = await sdk().uploadFile({ cloudPath: 'contact-imports/openid-1/表格 一.xlsx', fileContent: bytes })
  expect(up.fileID).toBe(`cloud://local.${LOCAL_BUCKET}/contact-imports/openid-1/表格 一.xlsx`)
  expect(bodies.find((b) => b.action === 'storage.getUploadMetadata')).toMatchObject({ path: 'contact-imports/openid-1/表格 一.xlsx', method: 'put' })
  // Buffer.equals: jest's deep equality walks 200,000 bytes one by one.
  expect(service.storage.read(up.fileID)?.equals(bytes)).toBe(true)

  const temp = await sdk().getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: 60 }] })
  expect(temp.fileList).toHaveLength(1)
  expect(temp.fileList[0]).toMatchObject({ fileID: up.fileID, status: 0 })
  const url: string = temp.fileList[0].tempFileURL
  expect(url.startsWith(`${base}/storage/files/`)).toBe(true)
  const fetched = await fetch(encodeURI(url))
  expect(fetched.status).toBe(200)
  expect(fetched.headers.get('content-type')).toContain('spreadsheetml')
  expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true)

  const down = await sdk().downloadFile({ fileID: up.fileID })
  expect(Buffer.compare(down.fileContent, bytes)).toBe(0)

  const del = await sdk().deleteFile({ fileList: [up.fileID] })
  expect(del.fileList).toEqual([{ fileID: up.fileID, status: 0, errMsg: 'ok' }])
  expect(service.storage.has(up.fileID)).toBe(false)
  expect((await fetch(encodeURI(url))).status).toBe(404)
})

test('uploading to the same path replaces the file', async () => {
  const a = await sdk().uploadFile({ cloudPath: 'x/same.txt', fileContent: Buffer.from('first') })
  const b = await sdk().uploadFile({ cloudPath: 'x/same.txt', fileContent: Buffer.from('second') })
  expect(b.fileID).toBe(a.fileID)
  expect((await sdk().downloadFile({ fileID: a.fileID })).fileContent.toString()).toBe('second')
})

test('files are kept on disk under DATA_DIR/storage and are found again from the same folder', async () => {
  const up = await sdk().uploadFile({ cloudPath: 'keep/me.bin', fileContent: Buffer.from([1, 2, 3]) })
  expect(fs.readFileSync(`${dir}/storage/keep/me.bin`)).toEqual(Buffer.from([1, 2, 3]))
  expect(new LocalStorage(storageDirOf(dir)).has(up.fileID)).toBe(true)
  expect(new LocalStorage(storageDirOf(tempDir())).has(up.fileID)).toBe(false)
})

test('missing files: download and temp URL fail with STORAGE_FILE_NONEXIST, delete reports it per file', async () => {
  const missing = `cloud://local.${LOCAL_BUCKET}/nothing/here.xlsx`
  const temp = await sdk().getTempFileURL({ fileList: [missing] })
  expect(temp.fileList[0]).toMatchObject({ fileID: missing, status: -503003, tempFileURL: '' })
  // The SDK surfaces storage failures as a TcbError keeping the string code (errCode -1).
  await expect(sdk().downloadFile({ fileID: missing })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' })
  const del = await sdk().deleteFile({ fileList: [missing] })
  expect(del.fileList[0]).toMatchObject({ fileID: missing, status: -503003 })
  // A fileID of another bucket is not ours to serve.
  const foreign = await sdk().getTempFileURL({ fileList: ['cloud://prod.7072-prod-1300000000/a.xlsx'] })
  expect(foreign.fileList[0].status).toBe(-503003)
})

test('paths that would leave the storage folder are refused, nothing is written outside it', async () => {
  for (const cloudPath of ['../escape.txt', 'a/../../escape.txt', '/abs.txt', 'a//b.txt', 'a\\b.txt']) {
    await expect(sdk().uploadFile({ cloudPath, fileContent: Buffer.from('x') })).rejects.toBeTruthy()
  }
  expect(fs.existsSync(`${dir}/escape.txt`)).toBe(false)
})

test('temp URLs are signed and expire; upload URLs are single-use', async () => {
  const up = await sdk().uploadFile({ cloudPath: 'signed/file.txt', fileContent: Buffer.from('secret') })
  const [item] = (await sdk().getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: 60 }] })).fileList
  const forged = item.tempFileURL.replace(/sign=[0-9a-f]+/, 'sign=' + '0'.repeat(32))
  expect((await fetch(forged)).status).toBe(403)
  const otherFile = item.tempFileURL.replace('signed/file.txt', 'keep/me.bin')
  expect((await fetch(otherFile)).status).toBe(403)
  const expired = item.tempFileURL.replace(/t=\d+/, 't=1')
  expect((await fetch(expired)).status).toBe(403)

  bodies.length = 0
  await sdk().uploadFile({ cloudPath: 'signed/again.txt', fileContent: Buffer.from('a') })
  const meta = await postJson(base, { action: 'storage.getUploadMetadata', path: 'signed/third.txt', method: 'put' })
  const url = (meta.data as { url: string }).url
  expect((await fetch(url, { method: 'PUT', body: 'one' })).status).toBe(200)
  expect((await fetch(url, { method: 'PUT', body: 'two' })).status).toBe(403)
})

test('database requests still reach the database on the same URL', async () => {
  service.db.ensureCollection('things')
  const db = sdk().database()
  await db.collection('things').add({ data: { _id: 't1', n: 1 } })
  expect((await db.collection('things').doc('t1').get()).data).toMatchObject({ n: 1 })
  expect(bodies.some((b) => b.action === 'database.insertDocument')).toBe(true)
})

test('an unknown storage action is an error reply, not a crash', async () => {
  const reply = await postJson(base, { action: 'storage.somethingNew' })
  expect(reply).toMatchObject({ code: 'INVALID_ACTION' })
})

async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return (await res.json()) as Record<string, unknown>
}
