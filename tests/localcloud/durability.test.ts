/**
 * Every acknowledged write survives `kill -9` of the server process: writes stream through the
 * real SDK into a child process, which is killed mid-stream and restarted on the same folder.
 */
import { ChildProcess, spawn } from 'child_process'
import fs from 'fs'
import net from 'net'
import path from 'path'
import { CloudDb, loadSdk, tempDir } from './helpers'

const root = path.resolve(__dirname, '../..')
const standalone = path.join(root, 'localcloud/db/standalone.ts')
let dir: string
let child: ChildProcess | undefined

/**
 * Runs standalone.ts in ONE node process, so SIGKILL hits the server itself (the tsx CLI would
 * put it in a grandchild): an esbuild bundle (starts in ~0.2 s), else `node --import tsx`.
 */
function command(): { cmd: string; args: string[]; env: NodeJS.ProcessEnv } {
  let esbuild: { buildSync(o: Record<string, unknown>): void } | undefined
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    esbuild = require('esbuild')
  } catch {
    return { cmd: process.execPath, args: ['--import', 'tsx', standalone], env: process.env }
  }
  const out = path.join(dir, 'standalone.js')
  if (!fs.existsSync(out)) esbuild?.buildSync({ entryPoints: [standalone], bundle: true, platform: 'node', format: 'cjs', outfile: out, packages: 'external', logLevel: 'silent' })
  // The bundle lives in a temp folder: point Node at the project's node_modules.
  return { cmd: process.execPath, args: [out], env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

function start(dataDir: string, port: number): Promise<ChildProcess> {
  const { cmd, args, env } = command()
  const proc = spawn(cmd, [...args, '--data-dir', dataDir, '--port', String(port)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      if (out.includes('listening ')) resolve(proc)
    })
    proc.stderr?.on('data', (c: Buffer) => (err += c.toString()))
    proc.on('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${err}`)))
  })
}

const exited = (p: ChildProcess): Promise<void> => new Promise((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', () => r())))

beforeAll(() => {
  dir = tempDir()
  // Requests cut off by the kill trigger the SDK's "[TCB][WARN] … longer than 3s" notice: expected here.
  const warn = console.warn.bind(console)
  jest.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => {
    if (!String(a[0]).startsWith('[TCB][WARN]')) warn(...a)
  })
})
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM')
    await exited(child)
  }
  fs.rmSync(dir, { recursive: true, force: true })
})

test('acknowledged writes survive kill -9 mid-stream', async () => {
  const dataDir = path.join(dir, 'data')
  const port = await freePort()
  child = await start(dataDir, port)
  const db: CloudDb = loadSdk(`http://127.0.0.1:${port}/tcb`).database()
  await db.createCollection('dur')

  const acked: string[] = []
  let failures = 0
  const writer = async (w: number): Promise<void> => {
    for (let i = 0; ; i++) {
      try {
        const r = await db.collection('dur').add({ data: { w, i, payload: 'x'.repeat(200), at: db.serverDate() } })
        acked.push(r._id)
      } catch {
        failures++
        return // the server is gone
      }
    }
  }
  const writers = Array.from({ length: 8 }, (_, w) => writer(w))
  while (acked.length < 600) await new Promise((r) => setTimeout(r, 5))
  const victim = child
  const killedAt = Date.now()
  victim.kill('SIGKILL')
  await exited(victim)
  await Promise.all(writers)
  expect(victim.signalCode).toBe('SIGKILL')
  expect(failures).toBe(8) // every writer was cut off mid-stream

  child = await start(dataDir, port)
  const _ = db.command
  let found = 0
  for (let i = 0; i < acked.length; i += 100) {
    const chunk = acked.slice(i, i + 100)
    const { data } = await db.collection('dur').where({ _id: _.in(chunk) }).limit(100).get()
    found += data.length
  }
  expect(found).toBe(acked.length)
  const total = (await db.collection('dur').count()).total
  expect(total).toBeGreaterThanOrEqual(acked.length)
  expect(total).toBeLessThanOrEqual(acked.length + 8) // at most the in-flight writes besides
  // The SDK never clears its 3 s "slow request" timer when a request fails: let those fire now
  // rather than after the test file ends.
  await new Promise((r) => setTimeout(r, Math.max(0, 3200 - (Date.now() - killedAt))))
}, 60_000)
