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
}

export interface RunnerOptions {
  /** The folder holding the built cloud functions (cloudfunctions/). */
  functionsDir: string
  /** Where the unchanged SDK sends database and storage requests. */
  serviceUrl: string
  workers?: number
  env?: Record<string, string>
}

/**
 * Runs the built cloud functions as WeChat would: one call at a time per worker thread,
 * each with its caller's identity in that worker's own environment.
 */
export class FunctionRunner {
  private readonly idle: Worker[] = []
  private readonly queue: Pending[] = []
  private readonly busy = new Map<Worker, Pending>()
  private readonly all: Worker[] = []
  private nextId = 1

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
      const id = this.nextId++
      const message = { id, file: this.fileOf(call.name), event: call.event, openid: call.openid, source: call.source ?? 'wx_client' }
      this.queue.push({ id, message, resolve, reject })
      this.dispatch()
    })
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()))
  }

  private fileOf(name: string): string {
    return join(this.options.functionsDir, name, 'index.js')
  }

  private spawn(): void {
    const worker = new Worker(join(__dirname, 'function-worker.cjs'), {
      // Built functions are plain JavaScript: no TypeScript loader hooks in the workers, as in the cloud.
      execArgv: [],
      env: {
        ...process.env,
        ...this.options.env,
        // Points the unchanged SDK at the local cloud; both secrets must be present or the SDK
        // fires a credential check that kills the thread.
        TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.options.serviceUrl }),
        TENCENTCLOUD_SECRETID: 'local',
        TENCENTCLOUD_SECRETKEY: 'local',
        TENCENTCLOUD: 'true'
      }
    })
    worker.on('message', (reply: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const pending = this.busy.get(worker)
      this.busy.delete(worker)
      this.idle.push(worker)
      if (pending && pending.id === reply.id) {
        if (reply.ok) pending.resolve(reply.result)
        else pending.reject(new Error(reply.error))
      }
      this.dispatch()
    })
    worker.on('error', (error) => {
      const pending = this.busy.get(worker)
      this.busy.delete(worker)
      pending?.reject(error)
      this.all.splice(this.all.indexOf(worker), 1)
      this.spawn()
      this.dispatch()
    })
    this.all.push(worker)
    this.idle.push(worker)
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.shift()!
      const pending = this.queue.shift()!
      this.busy.set(worker, pending)
      worker.postMessage(pending.message)
    }
  }
}
