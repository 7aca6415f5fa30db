/**
 * Optimistic transactions: each has a private write set; reads see their own writes; at commit,
 * any document the transaction read or wrote that someone else wrote since is a conflict
 * (reply DATABASE_TRANSACTION_CONFLICT, which makes the SDK's runTransaction retry).
 *
 * Write times are tracked only while some transaction is open, so the map stays small.
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
  /** Documents this transaction read or wrote, each with the sequence number its view dates from. */
  readonly touched = new Map<string, number>()
  readonly writes = new Map<string, PendingWrite>()

  constructor(readonly id: string, readonly startedAt: number, readonly startSeq: number) {}
}

export class TransactionManager {
  private seq = 0
  private readonly lastWrite = new Map<string, number>()
  private readonly open = new Map<string, Transaction>()

  constructor(private readonly lifetimeMs = TRANSACTION_LIFETIME_MS) {}

  begin(): Transaction {
    this.expire()
    const t = new Transaction(crypto.randomBytes(16).toString('hex'), Date.now(), this.seq)
    this.open.set(t.id, t)
    return t
  }

  get(id: unknown): Transaction {
    this.expire()
    const t = typeof id === 'string' ? this.open.get(id) : undefined
    if (!t) throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${String(id)} does not exist or has expired`)
    return t
  }

  /**
   * Marks a document as used by `t`. Any write to it by others since `t` BEGAN is a conflict, not only
   * since it was first read: a transaction that found a document missing (a read that returns nothing
   * and so touches nothing) and then writes it must still lose to one that created it meanwhile.
   */
  touch(t: Transaction, key: string): void {
    if (!t.touched.has(key)) t.touched.set(key, t.startSeq)
  }

  /** Every committed write calls this, so open transactions that saw the document will conflict. */
  noteWrite(key: string): void {
    this.seq++
    if (this.open.size > 0) this.lastWrite.set(key, this.seq)
  }

  /** The key of a document written since `t` saw it, if any. */
  conflictOf(t: Transaction): string | undefined {
    for (const [key, seenAt] of t.touched) {
      if ((this.lastWrite.get(key) ?? 0) > seenAt) return key
    }
    return undefined
  }

  end(t: Transaction): void {
    this.open.delete(t.id)
    if (this.open.size === 0) this.lastWrite.clear()
    else if (this.lastWrite.size > 10_000) this.prune()
  }

  /** Drops write times older than every open transaction: they can no longer conflict. */
  private prune(): void {
    let oldest = Infinity
    for (const t of this.open.values()) oldest = Math.min(oldest, t.startSeq)
    for (const [key, seq] of this.lastWrite) if (seq <= oldest) this.lastWrite.delete(key)
  }

  get openCount(): number {
    return this.open.size
  }

  /** Write times currently remembered (for tests). */
  get trackedWrites(): number {
    return this.lastWrite.size
  }

  private expire(): void {
    const limit = Date.now() - this.lifetimeMs
    for (const t of this.open.values()) if (t.startedAt < limit) this.end(t)
  }
}
