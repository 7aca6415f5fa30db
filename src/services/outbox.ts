/**
 * The outbox: what a cadre records without signal (a registration, a visit, a reply to a concern)
 * waits on the phone and is sent by itself when the network returns. Pure: storage, sending, the
 * clock and timers are given to it (outbox-store.ts binds them to Taro), so every rule is tested
 * without a phone.
 *
 * The rules:
 * - Kept before it is first sent: a closed app, a reload or a lost answer loses nothing.
 * - Sent in the order recorded, one at a time; each with the same client-made id on every attempt,
 *   so a copy that did arrive (its answer lost) is found by the function and never counts twice.
 * - No answer (TIMEOUT, OFFLINE) or the cloud failing (INTERNAL): tried again later, waiting longer
 *   each time up to MAX_DELAY_MS; the network coming back tries at once. The cloud failing
 *   MAX_SERVER_FAILURES times in a row stops the automatic tries (a tap tries again).
 * - A refusal (CONFLICT: the number was taken meanwhile; INVALID_INPUT; FORBIDDEN…) is kept on the
 *   item with its Chinese message, never dropped: the cadre edits it, sends it again or discards it.
 * - Sent: removed from the phone at once (the personal data it carried goes with it).
 */
import type { Failure, InputIssue, Result } from '../core/contract/result'

export type OutboxKind = 'register' | 'visit' | 'reply'
export const OUTBOX_KINDS: readonly OutboxKind[] = ['register', 'visit', 'reply']

export const OUTBOX_KIND_LABELS: Record<OutboxKind, string> = { register: '登记', visit: '走访', reply: '答复' }

/** The function call an item makes, exactly as it will be sent. */
export interface OutboxCall {
  name: 'contacts' | 'visits' | 'concerns'
  event: { action: string } & Record<string, unknown>
}

export interface OutboxRefusal {
  code: string
  message: string
  issues?: InputIssue[]
}

export interface OutboxItem {
  /** The client-made id of this write (registrationId, visitId or replyId): the same on every attempt. */
  id: string
  kind: OutboxKind
  call: OutboxCall
  /** What the list shows, e.g. "李四 138****8000"; never a full number. */
  label: string
  createdAt: number
  /** Attempts that got no answer or a failing cloud, since it was recorded or last edited. */
  attempts: number
  /** Of those, the cloud failing in a row (INTERNAL). */
  serverFailures: number
  /** Earliest time (ms) of the next automatic attempt. */
  nextAt: number
  /** Set once the function refused it (or the cloud kept failing): no automatic attempts. */
  refusal?: OutboxRefusal
  /** Why the last attempt got no answer, for the list. */
  lastError?: string
}

export interface OutboxInput {
  id: string
  kind: OutboxKind
  call: OutboxCall
  label: string
}

export interface OutboxDeps {
  /** What was saved last (anything: an older app's format, a broken write, nothing). */
  load(): unknown
  /** Throws when the phone cannot store it (full). */
  save(items: OutboxItem[]): void
  send(call: OutboxCall): Promise<Result<unknown>>
  now?(): number
  random?(): number
  setTimer?(run: () => void, ms: number): unknown
  clearTimer?(handle: unknown): void
}

/** Most items kept at once: about 200 households' worth, far below WeChat's 10 MB of storage. */
export const MAX_ITEMS = 200
export const FIRST_DELAY_MS = 5_000
export const MAX_DELAY_MS = 5 * 60_000
export const MAX_SERVER_FAILURES = 5
export const STUCK_MESSAGE = '多次上传都没有成功,请稍后点“重新上传”'
export const FULL_MESSAGE = `手机上待上传的已有${MAX_ITEMS}条,请连网上传后再记录`

/** No answer, or a cloud that failed: worth trying again. */
const retriable = (f: Failure) => f.code === 'TIMEOUT' || f.code === 'OFFLINE' || f.code === 'INTERNAL'

/** How long to wait after the n-th attempt without an answer: doubling from FIRST_DELAY_MS, at most MAX_DELAY_MS, with jitter. */
export function retryDelay(attempts: number, random: number): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1))
  return Math.round(base * (0.75 + 0.5 * random))
}

const ID = /^[A-Za-z0-9_-]{8,64}$/

/** Items as saved, minus anything unreadable (an older app version, a broken write). */
export function readItems(raw: unknown): OutboxItem[] {
  if (!Array.isArray(raw)) return []
  const out: OutboxItem[] = []
  const seen = new Set<string>()
  for (const r of raw) {
    if (!r || typeof r !== 'object') continue
    const i = r as Partial<OutboxItem>
    const call = i.call as Partial<OutboxCall> | undefined
    if (typeof i.id !== 'string' || !ID.test(i.id) || seen.has(i.id)) continue
    if (!OUTBOX_KINDS.includes(i.kind as OutboxKind)) continue
    if (!call || !['contacts', 'visits', 'concerns'].includes(call.name as string) || !call.event || typeof call.event !== 'object' || typeof call.event.action !== 'string') continue
    seen.add(i.id)
    out.push({
      id: i.id,
      kind: i.kind as OutboxKind,
      call: { name: call.name as OutboxCall['name'], event: call.event },
      label: typeof i.label === 'string' ? i.label : '',
      createdAt: typeof i.createdAt === 'number' ? i.createdAt : 0,
      attempts: typeof i.attempts === 'number' ? i.attempts : 0,
      serverFailures: typeof i.serverFailures === 'number' ? i.serverFailures : 0,
      nextAt: typeof i.nextAt === 'number' ? i.nextAt : 0,
      ...(i.refusal && typeof i.refusal === 'object' && typeof i.refusal.message === 'string'
        ? { refusal: { code: String(i.refusal.code), message: i.refusal.message, ...(Array.isArray(i.refusal.issues) ? { issues: i.refusal.issues } : {}) } }
        : {}),
      ...(typeof i.lastError === 'string' ? { lastError: i.lastError } : {})
    })
  }
  return out.sort((a, b) => a.createdAt - b.createdAt)
}

/** What happened to one item when it was sent. */
export type Delivery =
  | { kind: 'sent'; data: unknown }
  | { kind: 'refused'; refusal: OutboxRefusal }
  /** Still on the phone, to be sent later (no network, no answer). */
  | { kind: 'kept'; message: string }
  /** Could not be kept on the phone (full): nothing was saved; the message says what to do. */
  | { kind: 'unsaved'; message: string }

export interface OutboxSnapshot {
  items: readonly OutboxItem[]
  /** The item on its way now. */
  sending: string | null
}

export class Outbox {
  private list: OutboxItem[]
  private sendingId: string | null = null
  private running: Promise<void> | null = null
  private rerun = false
  private forceNext = false
  private timer: unknown = null
  private stopped = false
  private readonly listeners = new Set<(s: OutboxSnapshot) => void>()
  private readonly results = new Map<string, (d: Delivery) => void>()
  private snapshotCache: OutboxSnapshot | null = null

  constructor(private readonly deps: OutboxDeps) {
    let raw: unknown
    try {
      raw = deps.load()
    } catch {
      raw = null
    }
    this.list = readItems(raw)
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now()
  }

  snapshot(): OutboxSnapshot {
    if (!this.snapshotCache) this.snapshotCache = { items: this.list.map((i) => ({ ...i })), sending: this.sendingId }
    return this.snapshotCache
  }

  subscribe(listener: (s: OutboxSnapshot) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private changed(): void {
    this.snapshotCache = null
    const s = this.snapshot()
    for (const l of [...this.listeners]) l(s)
  }

  /** Saves the list; false when the phone could not (the list in memory is then left as it was). */
  private persist(next: OutboxItem[]): boolean {
    try {
      this.deps.save(next)
    } catch {
      return false
    }
    this.list = next
    this.changed()
    return true
  }

  private update(id: string, change: (i: OutboxItem) => OutboxItem | null): void {
    const next: OutboxItem[] = []
    for (const i of this.list) {
      if (i.id !== id) next.push(i)
      else {
        const changed = change(i)
        if (changed) next.push(changed)
      }
    }
    // An item sent must leave the phone even if the write fails: keep trying to save without it.
    if (!this.persist(next)) {
      this.list = next
      this.changed()
    }
  }

  /** Keeps a new item on the phone (or, with its id already there, that item unchanged). */
  add(input: OutboxInput): { ok: true } | { ok: false; message: string } {
    if (this.list.some((i) => i.id === input.id)) return { ok: true }
    if (this.list.length >= MAX_ITEMS) return { ok: false, message: FULL_MESSAGE }
    const now = this.now()
    // createdAt strictly increasing: the order recorded is the order sent.
    const last = this.list.reduce((m, i) => Math.max(m, i.createdAt), 0)
    const item: OutboxItem = { ...input, createdAt: Math.max(now, last + 1), attempts: 0, serverFailures: 0, nextAt: now }
    return this.persist([...this.list, item]) ? { ok: true } : { ok: false, message: '手机存储空间不足,没有保存,请清理后重试' }
  }

  /**
   * Records and sends at once (after any older items): how a page submits. Resolves with what
   * happened to this item; 'kept' means it waits on the phone and goes by itself later.
   */
  async submit(input: OutboxInput): Promise<Delivery> {
    const added = this.add(input)
    if (!added.ok) return { kind: 'unsaved', message: added.message }
    const existing = this.list.find((i) => i.id === input.id)
    if (existing?.refusal) this.retry(input.id, false)
    const result = new Promise<Delivery>((resolve) => this.results.set(input.id, resolve))
    this.flush(true)
    return result
  }

  /**
   * Sends every item due, oldest first. `force`: everything waiting, whatever its wait (the network
   * just came back, a page opened, a tap). Several calls while a run is on its way make one more run.
   */
  flush(force = false): Promise<void> {
    if (this.stopped) return Promise.resolve()
    if (force) this.forceNext = true
    if (this.running) {
      this.rerun = true
      return this.running
    }
    this.running = (async () => {
      do {
        this.rerun = false
        const forced = this.forceNext
        this.forceNext = false
        await this.run(forced)
      } while (this.rerun)
      this.settleUnreached()
    })().finally(() => {
      this.running = null
      this.schedule()
    })
    return this.running
  }

  private settle(id: string, delivery: Delivery): void {
    const resolve = this.results.get(id)
    if (!resolve) return
    this.results.delete(id)
    resolve(delivery)
  }

  private async run(force: boolean): Promise<void> {
    for (;;) {
      if (this.stopped) break
      const now = this.now()
      // In order: the oldest item not refused goes first; if it must still wait, so do those after it.
      const item = this.list.find((i) => !i.refusal)
      if (!item || (!force && item.nextAt > now)) break
      this.sendingId = item.id
      this.changed()
      let res: Result<unknown>
      try {
        res = await this.deps.send(item.call)
      } catch {
        res = { ok: false, code: 'INTERNAL', message: '网络不稳定,请稍后重试' }
      }
      this.sendingId = null
      if (!this.list.some((i) => i.id === item.id)) {
        // Discarded while on its way: nothing more to do with it (its id keeps any copy single).
        this.changed()
        continue
      }
      if (res.ok) {
        this.update(item.id, () => null)
        this.settle(item.id, { kind: 'sent', data: res.data })
        continue
      }
      const failed = res
      if (!retriable(failed)) {
        const refusal: OutboxRefusal = { code: failed.code, message: failed.message, ...(failed.issues ? { issues: failed.issues } : {}) }
        this.update(item.id, (i) => ({ ...i, refusal }))
        this.settle(item.id, { kind: 'refused', refusal })
        continue
      }
      const serverFailures = failed.code === 'INTERNAL' ? item.serverFailures + 1 : 0
      // Only the automatic tries make the wait grow: a page opening, a tap or the network event that
      // found it still failing leave it as it was (never below the first wait).
      const attempts = force ? Math.max(1, item.attempts) : item.attempts + 1
      const stuck = serverFailures >= MAX_SERVER_FAILURES
      const random = this.deps.random ? this.deps.random() : Math.random()
      this.update(item.id, (i) => ({
        ...i,
        attempts,
        serverFailures,
        nextAt: this.now() + retryDelay(attempts, random),
        lastError: failed.message,
        ...(stuck ? { refusal: { code: 'INTERNAL', message: STUCK_MESSAGE } } : {})
      }))
      this.settle(item.id, { kind: 'kept', message: failed.message })
      // The network (or the cloud) is failing: the items after it would too. They keep their turn.
      break
    }
  }

  /** Anything a page awaits that the runs did not reach (an older item stopped them) waits on the phone. */
  private settleUnreached(): void {
    for (const id of [...this.results.keys()]) {
      const item = this.list.find((i) => i.id === id)
      this.settle(id, item?.refusal ? { kind: 'refused', refusal: item.refusal } : { kind: 'kept', message: item?.lastError ?? '' })
    }
  }

  /** Waits for the earliest item due, then sends. */
  private schedule(): void {
    if (this.timer !== null) {
      ;(this.deps.clearTimer ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>)
      this.timer = null
    }
    const due = this.list.filter((i) => !i.refusal).map((i) => i.nextAt)
    if (due.length === 0 || this.stopped) return
    const wait = Math.max(0, Math.min(...due) - this.now())
    const set = this.deps.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms))
    this.timer = set(() => {
      this.timer = null
      this.flush()
    }, wait)
  }

  /** A refused (or stuck) item sent again as it is; `now` sends at once. */
  retry(id: string, now = true): void {
    this.update(id, (i) => {
      const { refusal: _r, ...rest } = i
      return { ...rest, attempts: 0, serverFailures: 0, nextAt: this.now() }
    })
    if (now) this.flush(true)
  }

  /** The cadre changed what it says (after a refusal): the same id, sent again at once. */
  edit(id: string, call: OutboxCall, label: string): void {
    this.update(id, (i) => {
      const { refusal: _r, lastError: _e, ...rest } = i
      return { ...rest, call, label, attempts: 0, serverFailures: 0, nextAt: this.now() }
    })
    this.flush(true)
  }

  /** Removes an item without sending it (its personal data with it). */
  discard(id: string): void {
    this.update(id, () => null)
    this.settle(id, { kind: 'kept', message: '' })
  }

  /** Stops sending, for good: no timer, no flush (a user switch on the local cloud, tests). */
  stop(): void {
    this.stopped = true
    if (this.timer !== null) (this.deps.clearTimer ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>)
    this.timer = null
  }
}
