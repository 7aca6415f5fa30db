import { existsSync } from 'fs'
import { join } from 'path'
import { Worker } from 'worker_threads'

export interface Invocation {
  name: string
  event: unknown
  /** Empty for calls with no user (timer triggers). */
  openid: string
  source?: 'wx_client' | 'wx_trigger' | 'local'
}

interface Pending {
  id: number
  message: { id: number; file: string; event: unknown; openid: string; source: string }
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  timer?: NodeJS.Timeout
}

/** The cloud's default function timeout (云函数超时时间), the longest a call may run here too. */
export const DEFAULT_FUNCTION_TIMEOUT_MS = 60_000

/** A call that ran past the function timeout; its worker was stopped and replaced. */
export class FunctionTimeout extends Error {}

/** An event no worker could be handed (structured clone refused it, e.g. nested too deep). */
export class UnsendableEvent extends Error {}

export interface RunnerOptions {
  /** The folder holding the built cloud functions (cloudfunctions/). */
  functionsDir: string
  /** Where the unchanged SDK sends database and storage requests. */
  serviceUrl: string
  /** The key pair the SDK signs its service requests with (SCF gives real functions theirs the same way). */
  credentials: { secretId: string; secretKey: string }
  workers?: number
  /** A call running longer is answered as a timeout and its worker replaced; default 60 s, as in the cloud. */
  timeoutMs?: number
  env?: Record<string, string>
}

/**
 * Runs the built cloud functions as WeChat would: one call at a time per worker thread,
 * each with its caller's identity in that worker's own environment. Whatever a function does
 * (throw, crash its thread, exit, never return) costs that one call: its worker is replaced and
 * the queue keeps moving.
 */
export class FunctionRunner {
  private readonly idle: Worker[] = []
  private readonly queue: Pending[] = []
  private readonly busy = new Map<Worker, Pending>()
  private readonly all = new Set<Worker>()
  private nextId = 1
  private closed = false

  constructor(private readonly options: RunnerOptions) {
    const count = options.workers ?? 6
    for (let i = 0; i < count; i++) this.spawn()
  }

  private readonly known = new Map<string, boolean>()

  /** Whether a built function of this name exists (looked up once per name: the hot path stays off the disk). */
  has(name: string): boolean {
    if (!/^[a-z][a-zA-Z0-9_-]*$/.test(name)) return false
    let found = this.known.get(name)
    if (found === undefined) {
      found = existsSync(this.fileOf(name))
      if (found) this.known.set(name, found)
    }
    return found
  }

  invoke(call: Invocation): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('the function runner is closed'))
      const id = this.nextId++
      const message = { id, file: this.fileOf(call.name), event: call.event, openid: call.openid, source: call.source ?? 'wx_client' }
      this.queue.push({ id, message, resolve, reject })
      this.dispatch()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const pending of [...this.busy.values(), ...this.queue.splice(0)]) this.settle(pending, new Error('the function runner is closed'))
    this.busy.clear()
    await Promise.all([...this.all].map((w) => w.terminate()))
    this.all.clear()
  }

  private fileOf(name: string): string {
    return join(this.options.functionsDir, name, 'index.js')
  }

  private settle(pending: Pending, error: Error | undefined, value?: unknown): void {
    clearTimeout(pending.timer)
    if (error) pending.reject(error)
    else pending.resolve(value)
  }

  private spawn(): void {
    if (this.closed) return
    const worker = new Worker(join(__dirname, 'function-worker.cjs'), {
      // Built functions are plain JavaScript: no TypeScript loader hooks in the workers, as in the cloud.
      execArgv: [],
      env: {
        ...process.env,
        ...this.options.env,
        // Points the unchanged SDK at the local cloud; both secrets must be present or the SDK
        // fires a credential check that kills the thread. The service refuses requests not signed with them.
        TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.options.serviceUrl }),
        TENCENTCLOUD_SECRETID: this.options.credentials.secretId,
        TENCENTCLOUD_SECRETKEY: this.options.credentials.secretKey,
        TENCENTCLOUD: 'true'
      }
    })
    worker.on('message', (reply: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      if (!this.all.has(worker)) return
      const pending = this.busy.get(worker)
      this.busy.delete(worker)
      this.idle.push(worker)
      if (pending && pending.id === reply.id) this.settle(pending, reply.ok ? undefined : new Error(reply.error), reply.result)
      this.dispatch()
    })
    // A reply that cannot be read back: that call fails, the worker itself is fine.
    worker.on('messageerror', (error) => {
      const pending = this.busy.get(worker)
      this.busy.delete(worker)
      if (this.all.has(worker)) this.idle.push(worker)
      if (pending) this.settle(pending, error)
      this.dispatch()
    })
    // An uncaught exception in the function ends its thread ('error', then 'exit'); process.exit() only 'exit'.
    worker.on('error', (error) => this.replace(worker, error))
    worker.on('exit', (code) => this.replace(worker, new Error(`the function's worker exited (code ${code})`)))
    this.all.add(worker)
    this.idle.push(worker)
  }

  /** Fails the worker's call, if any, and puts a fresh worker in its place. */
  private replace(worker: Worker, error: Error): void {
    if (!this.all.delete(worker)) return
    const pending = this.busy.get(worker)
    this.busy.delete(worker)
    const at = this.idle.indexOf(worker)
    if (at >= 0) this.idle.splice(at, 1)
    if (pending) this.settle(pending, error)
    worker.terminate().catch(() => {})
    try {
      this.spawn()
    } catch (spawnError) {
      console.error('[functions] could not start a worker:', spawnError)
    }
    this.dispatch()
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.shift()!
      const pending = this.queue.shift()!
      try {
        worker.postMessage(pending.message)
      } catch (error) {
        // Cloning failed before anything reached the worker: refuse this call, keep the worker.
        this.idle.unshift(worker)
        this.settle(pending, new UnsendableEvent(`the event cannot be passed to a function: ${(error as Error)?.message ?? error}`))
        continue
      }
      this.busy.set(worker, pending)
      const timeoutMs = this.options.timeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS
      pending.timer = setTimeout(() => {
        if (this.busy.get(worker) === pending) this.replace(worker, new FunctionTimeout(`the function ran past its ${timeoutMs} ms timeout`))
      }, timeoutMs)
    }
  }
}
