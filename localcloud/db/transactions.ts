/**
 * Transactions as the cloud's MongoDB runs them: snapshot isolation with first-writer-wins.
 *
 * - A transaction reads a snapshot: the committed state at its first operation, plus its own
 *   writes (kept in a private write set until commit). Later commits of others stay invisible.
 * - A write is refused AT THE WRITE (DATABASE_TRANSACTION_CONFLICT) when another open transaction
 *   has written that document, or when someone committed it after this snapshot. The loser is
 *   finished: every later operation and its commit report the same conflict.
 * - Reads never conflict. A plain (non-transactional) write is not blocked: it lands, and the open
 *   transaction holding that document fails at commit (which the SDK's runTransaction retries).
 *
 * Snapshots are made of versions: each committed write done while a transaction is open records
 * the document as it was before, so a snapshot can be rebuilt for the few documents that changed.
 * Versions no open snapshot can read are dropped.
 */
import crypto from 'crypto'
import { Doc } from './codec'
import { DbError } from './errors'
import { TRANSACTION_LIFETIME_MS } from './limits'
import { DocId } from './store'

export const docKey = (collection: string, id: unknown): string => `${collection}\u0000${typeof id}\u0000${String(id)}`

export interface PendingWrite {
  collection: string
  id: DocId
  /** The document after the transaction, or null when it removes it. */
  doc: Doc | null
}

export class Transaction {
  readonly writes = new Map<string, PendingWrite>()
  /** Sequence number of the committed state this transaction reads (set by its first operation). */
  snapshot: number | undefined
  /** Why a write of this transaction lost: every later operation and the commit fail with it. */
  doomed: string | undefined

  constructor(readonly id: string, readonly startedAt: number) {}
}

/** A committed write: the sequence number it got and the document it replaced (undefined: none). */
interface Version {
  seq: number
  before: Doc | undefined
}

interface History {
  id: DocId
  versions: Version[]
}

export const conflict = (message: string): DbError => new DbError('DATABASE_TRANSACTION_CONFLICT', message)

/** Above this many documents with versions, every transaction's end prunes the unreadable ones. */
const PRUNE_AT = 256

export class TransactionManager {
  private seq = 0
  /** collection → document key → its versions, oldest first. */
  private readonly history = new Map<string, Map<string, History>>()
  private historyCount = 0
  /** document key → the open transaction whose write set holds it. */
  private readonly holders = new Map<string, Transaction>()
  private readonly open = new Map<string, Transaction>()
  /** Keys written in the current atomic batch, to forget their versions if it rolls back. */
  private batch: { collection: string; key: string }[] | undefined

  constructor(private readonly lifetimeMs = TRANSACTION_LIFETIME_MS) {}

  begin(): Transaction {
    this.expire()
    const t = new Transaction(crypto.randomBytes(16).toString('hex'), Date.now())
    this.open.set(t.id, t)
    return t
  }

  get(id: unknown): Transaction {
    this.expire()
    const t = typeof id === 'string' ? this.open.get(id) : undefined
    if (!t) throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${String(id)} does not exist or has expired`)
    return t
  }

  /** The transaction's snapshot, taken now if this is its first operation. */
  snapshotOf(t: Transaction): number {
    if (t.snapshot === undefined) t.snapshot = this.seq
    return t.snapshot
  }

  /** Whether committed writes must keep the version they replace (some open transaction reads a snapshot). */
  get keepsVersions(): boolean {
    for (const t of this.open.values()) if (t.snapshot !== undefined) return true
    return false
  }

  /** Every committed write calls this, with the document it replaces when `keepsVersions`. */
  noteWrite(collection: string, id: DocId, before: Doc | undefined): void {
    this.seq++
    if (!this.keepsVersions) return // every snapshot taken from now on already includes this write
    const key = docKey(collection, id)
    let byKey = this.history.get(collection)
    if (!byKey) this.history.set(collection, (byKey = new Map()))
    let h = byKey.get(key)
    if (!h) {
      byKey.set(key, (h = { id, versions: [] }))
      this.historyCount++
    }
    h.versions.push({ seq: this.seq, before })
    this.batch?.push({ collection, key })
  }

  /** Runs `fn` (one SQLite transaction of committed writes); if it throws, its versions are forgotten. */
  atomic<T>(fn: () => T): T {
    const outer = this.batch
    const mine: { collection: string; key: string }[] = []
    this.batch = mine
    try {
      const result = fn()
      outer?.push(...mine)
      return result
    } catch (e) {
      for (const { collection, key } of mine.reverse()) {
        const byKey = this.history.get(collection)
        const h = byKey?.get(key)
        h?.versions.pop()
        if (byKey && h && h.versions.length === 0) {
          byKey.delete(key)
          this.historyCount--
        }
      }
      throw e
    } finally {
      this.batch = outer
    }
  }

  private lastWrite(collection: string, key: string): number {
    const v = this.history.get(collection)?.get(key)?.versions
    return v && v.length > 0 ? v[v.length - 1].seq : 0
  }

  /** The document as of `snapshot`, when it changed since (`changed: false`: read the committed one). */
  versionAt(collection: string, key: string, snapshot: number): { changed: false } | { changed: true; doc: Doc | undefined } {
    const versions = this.history.get(collection)?.get(key)?.versions
    const first = versions?.find((v) => v.seq > snapshot)
    return first ? { changed: true, doc: first.before } : { changed: false }
  }

  /** Documents of `collection` changed since `snapshot`, each with its version as of then. */
  *changedSince(collection: string, snapshot: number): Generator<{ key: string; id: DocId; doc: Doc | undefined }> {
    const byKey = this.history.get(collection)
    if (!byKey) return
    for (const [key, h] of byKey) {
      const first = h.versions.find((v) => v.seq > snapshot)
      if (first) yield { key, id: h.id, doc: first.before }
    }
  }

  /** Fails if `t` already lost a conflict. */
  checkAlive(t: Transaction): void {
    if (t.doomed !== undefined) throw conflict(t.doomed)
  }

  /**
   * Claims the document for `t`'s write set, first writer wins: refused when another open
   * transaction holds it or someone committed it after `t`'s snapshot. A refusal finishes `t`.
   */
  claim(t: Transaction, collection: string, id: DocId): void {
    this.checkAlive(t)
    const key = docKey(collection, id)
    const holder = this.holders.get(key)
    let reason: string | undefined
    if (holder && holder !== t) reason = `transaction conflict on ${collection}/${String(id)}: another open transaction has written it (WriteConflict)`
    else if (this.lastWrite(collection, key) > this.snapshotOf(t)) reason = `transaction conflict on ${collection}/${String(id)}: written by another operation since this transaction's snapshot (WriteConflict)`
    if (reason === undefined) {
      this.holders.set(key, t)
      return
    }
    this.doom(t, reason)
    throw conflict(reason)
  }

  /** The first document of `t`'s write set that a plain write changed since `t`'s snapshot. */
  commitConflict(t: Transaction): PendingWrite | undefined {
    if (t.snapshot === undefined) return undefined
    for (const [key, w] of t.writes) if (this.lastWrite(w.collection, key) > t.snapshot) return w
    return undefined
  }

  end(t: Transaction): void {
    this.release(t)
    this.open.delete(t.id)
    if (this.open.size === 0) {
      this.history.clear()
      this.historyCount = 0
    } else if (this.historyCount > PRUNE_AT) this.prune()
  }

  private doom(t: Transaction, reason: string): void {
    t.doomed = reason
    this.release(t)
    t.writes.clear()
  }

  private release(t: Transaction): void {
    for (const key of t.writes.keys()) if (this.holders.get(key) === t) this.holders.delete(key)
  }

  /** Drops versions older than every open snapshot: nobody can read them any more. */
  private prune(): void {
    let oldest = this.seq
    for (const t of this.open.values()) if (t.snapshot !== undefined) oldest = Math.min(oldest, t.snapshot)
    for (const [collection, byKey] of this.history) {
      for (const [key, h] of byKey) {
        while (h.versions.length > 0 && h.versions[0].seq <= oldest) h.versions.shift()
        if (h.versions.length === 0) {
          byKey.delete(key)
          this.historyCount--
        }
      }
      if (byKey.size === 0) this.history.delete(collection)
    }
  }

  get openCount(): number {
    return this.open.size
  }

  /** Documents with versions currently kept (for tests). */
  get historySize(): number {
    return this.historyCount
  }

  private expire(): void {
    const limit = Date.now() - this.lifetimeMs
    for (const t of this.open.values()) if (t.startedAt < limit) this.end(t)
  }
}
