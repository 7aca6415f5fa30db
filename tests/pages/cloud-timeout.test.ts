/**
 * The typed client's H5 path (the local gateway) with fetch standing in for the network: every call
 * ends, a stalled one in TIMEOUT, no network in OFFLINE, a function's refusal in its own code, each
 * with a Chinese message a page can show as it is.
 */
import { callCloud, DEFAULT_TIMEOUT_MS, isTransportFailure, OFFLINE_MESSAGE, setCloudTimeout, TIMEOUT_MESSAGE } from '../../src/services/cloud'
import '../../src/services/cloud-staff'

type Fetch = (url: string, init: RequestInit) => Promise<Response>
let calls: { url: string; init: RequestInit }[] = []
const g = globalThis as unknown as { fetch?: Fetch }
const saved = g.fetch

function network(answer: (init: RequestInit) => Promise<unknown>) {
  g.fetch = (url, init) => {
    calls.push({ url, init })
    return answer(init).then((body) => ({ json: async () => body }) as Response)
  }
}
const setOnline = (on: boolean) => {
  Object.defineProperty(window.navigator, 'onLine', { value: on, configurable: true })
  window.dispatchEvent(new Event(on ? 'online' : 'offline'))
}
const whoami = { action: 'whoami' } as const

beforeEach(() => {
  calls = []
  setOnline(true)
  setCloudTimeout(50)
})
afterEach(() => {
  setCloudTimeout()
  g.fetch = saved
})

it('waits 15 s by default', () => {
  expect(DEFAULT_TIMEOUT_MS).toBe(15_000)
})

it('a request that never answers ends in TIMEOUT with the message that the content is kept, and the request is aborted', async () => {
  network(() => new Promise(() => {}))
  const started = Date.now()
  const res = await callCloud('user', whoami)
  expect(res).toEqual({ ok: false, code: 'TIMEOUT', message: TIMEOUT_MESSAGE })
  expect(TIMEOUT_MESSAGE).toBe('网络不好,没有提交成功,内容已保留,请稍后重试')
  expect(Date.now() - started).toBeGreaterThanOrEqual(45)
  expect(calls[0].init.signal?.aborted).toBe(true)
  expect(isTransportFailure(res)).toBe(true)
})

it('an answer arriving after the timeout is dropped: the call already ended in TIMEOUT', async () => {
  let answer!: (v: unknown) => void
  network(() => new Promise((resolve) => (answer = resolve)))
  const res = await callCloud('contacts', { action: 'register', name: '李四', phone: '13800138000', consent: true, registrationId: 'reg-timeout-1' })
  answer({ ok: true, data: { id: 'x', village: '新城', phoneMasked: '138****8000', stored: true } })
  await new Promise((r) => setTimeout(r, 10))
  expect(res).toMatchObject({ ok: false, code: 'TIMEOUT' })
  // What was sent carries the phone's id, so sending it again after the timeout never counts twice.
  expect(JSON.parse(String(calls[0].init.body))).toMatchObject({ registrationId: 'reg-timeout-1' })
})

it('a per-call timeout overrides the default', async () => {
  setCloudTimeout(10_000)
  network(() => new Promise(() => {}))
  await expect(callCloud('user', whoami, { timeoutMs: 20 })).resolves.toMatchObject({ code: 'TIMEOUT' })
})

it('with the phone offline nothing is sent and the answer is OFFLINE at once', async () => {
  network(async () => ({ ok: true, data: {} }))
  setOnline(false)
  const res = await callCloud('user', whoami)
  expect(res).toEqual({ ok: false, code: 'OFFLINE', message: OFFLINE_MESSAGE })
  expect(calls).toHaveLength(0)
  setOnline(true)
})

it('a request that cannot get through (fetch rejects) is OFFLINE, not a refusal', async () => {
  g.fetch = () => Promise.reject(new TypeError('Failed to fetch'))
  await expect(callCloud('user', whoami)).resolves.toEqual({ ok: false, code: 'OFFLINE', message: OFFLINE_MESSAGE })
})

it('a refusal keeps the function’s code and message: distinguishable from no answer', async () => {
  network(async () => ({ ok: false, code: 'CONFLICT', message: '该号码已在新城登记' }))
  const res = await callCloud('contacts', { action: 'register', name: '李四', phone: '13800138000', consent: true })
  expect(res).toEqual({ ok: false, code: 'CONFLICT', message: '该号码已在新城登记' })
  expect(isTransportFailure(res)).toBe(false)
})

it('an answer in time is the answer', async () => {
  network(async () => ({ ok: true, data: { openid: 'o', role: 'resident' } }))
  await expect(callCloud('user', whoami)).resolves.toEqual({ ok: true, data: { openid: 'o', role: 'resident' } })
})
