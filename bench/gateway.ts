// One call through the gateway (HTTP → worker → function → SDK → local database), with 1 and 20
// callers at once. The local cloud runs in its own process, as `npm start` does; this one only calls.
import { spawn } from 'child_process'
import { mkdtempSync, rmSync } from 'fs'
import { Agent, request } from 'http'
import { tmpdir } from 'os'
import { join } from 'path'
import { ms, runConcurrent, summarize } from './support/latency'

const CALLS = 1000
const WARMUP = 200
const ROOT = join(__dirname, '..')

async function startServer(dataDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'localcloud', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk) => {
      out += chunk
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) resolve(m[1])
    })
    child.on('exit', (code) => reject(new Error(`local cloud exited with ${code}`)))
  })
  return { url, stop: () => child.kill('SIGTERM') }
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'pingan-bench-gateway-'))
  const server = await startServer(dataDir)
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const post = (name: string, event: object, openid: string) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify(event)
      const req = request(
        `${server.url}/api/${name}`,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-openid': openid, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = ''
          res.on('data', (c) => (text += c))
          res.on('end', () => (JSON.parse(text).ok ? resolve() : reject(new Error(text))))
        }
      )
      req.on('error', reject)
      req.end(body)
    })

  const cases: [string, (i: number) => Promise<void>][] = [
    ['user.whoami (one read)', (i) => post('user', { action: 'whoami' }, `bench-${i % 50}`)],
    ['user.createInvite (transaction: read + 2 writes)', () => post('user', { action: 'createInvite', village: '云集' }, 'local-admin')]
  ]
  try {
    console.log(`gateway: ${CALLS} calls per row after ${WARMUP} warm-up calls, server in its own process`)
    for (const [name, task] of cases) {
      await runConcurrent(WARMUP, 20, task)
      for (const concurrency of [1, 20]) {
        const started = performance.now()
        const s = summarize(await runConcurrent(CALLS, concurrency, task))
        const rate = (CALLS / (performance.now() - started)) * 1000
        console.log(
          `  ${name.padEnd(50)} ${String(concurrency).padStart(2)} callers  median ${ms(s.median)}  p99 ${ms(s.p99)}  ${rate.toFixed(0)} calls/s`
        )
      }
    }
  } finally {
    agent.destroy()
    server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
