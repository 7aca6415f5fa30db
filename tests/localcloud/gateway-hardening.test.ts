/**
 * Nothing a client sends can stop the local cloud: a body nested too deep is a 400 before any worker sees
 * it, a function that throws, crashes its worker, exits or never returns costs one answer (INTERNAL) and
 * its worker is replaced, and calls queued behind it are still served.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { REPO_ROOT } from '../../localcloud/start'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

/**
 * Long enough that a fresh worker (loading the SDK, its first database call) answers inside it on a
 * loaded 2-core machine while the whole suite runs; short enough to wait for a spinning one.
 */
const TIMEOUT_MS = 6000
const WORKERS = 2

/** The real `setup` and `user`, plus test-only functions that misbehave in each way a function can. */
const MISBEHAVING: Record<string, string> = {
  throws: `exports.main = async () => { throw new Error('boom') }`,
  crashes: `exports.main = () => new Promise(() => { setTimeout(() => { throw new Error('uncaught boom') }, 5) })`,
  exits: `exports.main = async () => { process.exit(7) }`,
  spins: `exports.main = async () => { for (;;) {} }`,
  unclonable: `exports.main = async () => ({ fn: () => 1 })`
}

let cloud: TestCloud
let functionsDir: string

beforeAll(async () => {
  functionsDir = mkdtempSync(join(tmpdir(), 'pingan-functions-'))
  for (const name of ['setup', 'user']) symlinkSync(join(REPO_ROOT, 'cloudfunctions', name), join(functionsDir, name), 'dir')
  for (const [name, source] of Object.entries(MISBEHAVING)) {
    mkdirSync(join(functionsDir, name))
    writeFileSync(join(functionsDir, name, 'index.js'), source)
  }
  cloud = await startTestCloud({ functionsDir, workers: WORKERS, functionTimeoutMs: TIMEOUT_MS })
})
afterAll(async () => {
  await cloud.close()
  rmSync(functionsDir, { recursive: true, force: true })
})

const deepJson = (depth: number) => `{"action":"whoami","x":${'['.repeat(depth)}${']'.repeat(depth)}}`
const deepValue = (depth: number) => {
  let x: unknown[] = []
  for (let i = 0; i < depth; i++) x = [x]
  return x
}
const whoami = (openid = 'resident-1') => cloud.post('user', { action: 'whoami' }, openid)
const answered = { status: 200, body: { ok: true, data: { openid: 'resident-1', role: 'resident' } } }

/** More calls than workers: every worker must answer. */
async function everyWorkerAnswers(): Promise<void> {
  const replies = await Promise.all(Array.from({ length: WORKERS * 2 }, () => whoami()))
  for (const reply of replies) expect(reply).toEqual(answered)
}

describe('bad bodies', () => {
  it('a 20,000-deep body, ten times, is a 400 with a Chinese message, and whoami still answers', async () => {
    const body = deepJson(20_000)
    expect(body.length).toBeGreaterThan(40_000)
    for (let i = 0; i < 10; i++) {
      expect(await cloud.post('user', body, 'resident-1')).toEqual({ status: 400, body: { ok: false, code: 'INVALID_INPUT', message: '请求内容嵌套过深' } })
    }
    await everyWorkerAnswers()
  })

  it('nesting is counted outside strings only: brackets inside a string are text', async () => {
    const res = await cloud.post('user', JSON.stringify({ action: 'whoami', note: '['.repeat(10_000) }), 'resident-1')
    expect(res).toEqual(answered)
  })

  it('an event that cannot be handed to a worker (called in-process) is refused and costs no worker', async () => {
    for (let i = 0; i < WORKERS + 1; i++) await expect(cloud.call('user', { action: 'whoami', x: deepValue(20_000) }, 'resident-1')).rejects.toThrow()
    await everyWorkerAnswers()
  })
})

describe('misbehaving functions', () => {
  it('a function that throws answers INTERNAL; its worker keeps serving', async () => {
    expect(await cloud.post('throws', {}, 'resident-1')).toEqual({ status: 500, body: { ok: false, code: 'INTERNAL', message: '云函数运行出错' } })
    await everyWorkerAnswers()
  })

  it('a result that cannot be sent back answers INTERNAL', async () => {
    expect(await cloud.post('unclonable', {}, 'resident-1')).toMatchObject({ status: 500, body: { ok: false, code: 'INTERNAL' } })
    await everyWorkerAnswers()
  })

  it('an uncaught exception kills only its worker: INTERNAL, and the worker is replaced', async () => {
    for (let i = 0; i < WORKERS + 1; i++) {
      expect(await cloud.post('crashes', {}, 'resident-1')).toMatchObject({ status: 500, body: { ok: false, code: 'INTERNAL' } })
    }
    await everyWorkerAnswers()
  })

  it('process.exit in a function ends only its worker, which is replaced', async () => {
    for (let i = 0; i < WORKERS + 1; i++) {
      expect(await cloud.post('exits', {}, 'resident-1')).toMatchObject({ status: 500, body: { ok: false, code: 'INTERNAL' } })
    }
    await everyWorkerAnswers()
  })

  it('a function that never returns is answered INTERNAL 云函数运行超时 at the timeout, and its worker replaced', async () => {
    const started = Date.now()
    expect(await cloud.post('spins', {}, 'resident-1')).toEqual({ status: 500, body: { ok: false, code: 'INTERNAL', message: '云函数运行超时' } })
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50)
    await everyWorkerAnswers()
  })

  it('calls queued behind stuck workers and an event no worker can take are still served', async () => {
    // In-process calls reach the queue at once: every worker spinning, then a bad event and normal calls.
    const settled = (p: Promise<unknown>) => p.then((value) => ({ value }), (error: Error) => ({ error: error.constructor.name }))
    const spins = Array.from({ length: WORKERS }, () => settled(cloud.call('spins', {}, 'resident-1')))
    const unsendable = settled(cloud.call('user', { action: 'whoami', x: deepValue(20_000) }, 'resident-1'))
    const queued = Array.from({ length: 3 }, () => settled(cloud.call('user', { action: 'whoami' }, 'resident-1')))
    expect(await Promise.all(spins)).toEqual(Array(WORKERS).fill({ error: 'FunctionTimeout' }))
    expect(await unsendable).toEqual({ error: 'UnsendableEvent' })
    expect(await Promise.all(queued)).toEqual(Array(3).fill({ value: answered.body }))
    await everyWorkerAnswers()
  })
})
