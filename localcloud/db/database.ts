/**
 * The local cloud database: owns the SQLite store, the transaction manager and the operations the
 * SDK's actions map to. Also the direct admin API (collections, indexes, seeding, counts), which
 * applies none of the real cloud's read limits.
 */
import crypto from 'crypto'
import { Doc, clone, encodeStored, isPlainObject, isRegExp } from './codec'
import { DbError, invalidParam, requestFailed } from './errors'
import { Projection, applyProjection } from './projection'
import { Filter } from './query'
import { Stage, runAggregate } from './aggregate'
import { CollectionTable, DocId, Store } from './store'
import { setPath } from './paths'
import { TransactionManager, conflict } from './transactions'
import { applyUpdate, isOperatorUpdate } from './update'
import { CommittedView, FindSpec, TableResolver, TransactionView, View, planCount } from './views'

export interface LocalDatabaseOptions {
  /** Folder holding `clouddb.sqlite` (+ WAL files); created if missing. */
  dataDir: string
  /** 'NORMAL' (default) survives a killed process; 'FULL' also survives power loss, slower. */
  synchronous?: 'NORMAL' | 'FULL'
  /**
   * The real cloud refuses to use a collection nobody created (DATABASE_COLLECTION_NOT_EXIST);
   * so does this emulator unless this is true.
   */
  autoCreateCollections?: boolean
}

export interface ModifySpec {
  filter: Filter
  update: Doc
  multi: boolean
  /** true: `update` holds operators (or fields to $set); false: it replaces the document. */
  merge: boolean
  upsert: boolean
}

export interface ModifyResult {
  updated: number
  upsertedId?: DocId
}

// Random bytes drawn in blocks: one randomBytes call per id costs more than the SQLite insert.
let pool = Buffer.alloc(0)
let poolAt = 0

/** 32 hex characters, like the ids the cloud generates. */
export function newDocId(): string {
  if (poolAt + 16 > pool.length) {
    pool = crypto.randomBytes(16 * 256)
    poolAt = 0
  }
  poolAt += 16
  return pool.toString('hex', poolAt - 16, poolAt)
}

export class LocalDatabase {
  readonly store: Store
  readonly transactions = new TransactionManager()
  private readonly committed: CommittedView
  private readonly autoCreate: boolean

  constructor(options: LocalDatabaseOptions) {
    this.store = new Store(options)
    this.autoCreate = Boolean(options.autoCreateCollections)
    this.committed = new CommittedView(this.tables, this.transactions)
  }

  private readonly tables: TableResolver = (collection, forWrite) => {
    const table = this.store.collection(collection)
    if (table) return table
    if (!this.autoCreate) return this.store.requireCollection(collection)
    if (!forWrite) return undefined
    this.store.createCollection(collection)
    return this.store.collection(collection) as CollectionTable
  }

  // ---- admin API -------------------------------------------------------------------------

  /** Creates the collection if missing; returns true when it was created. */
  ensureCollection(name: string): boolean {
    return this.store.createCollection(name)
  }

  hasCollection(name: string): boolean {
    return this.store.collection(name) !== undefined
  }

  listCollections(): string[] {
    return this.store.collectionNames()
  }

  dropCollection(name: string): boolean {
    return this.store.dropCollection(name)
  }

  /** Unique index over the field paths (creating the collection if needed). Fails on existing duplicates. */
  ensureUniqueIndex(collection: string, fieldPaths: string[]): void {
    this.store.createCollection(collection)
    this.store.requireCollection(collection).ensureIndex(fieldPaths, true)
  }

  /** Plain (non-unique) index, e.g. to make counts on a field fast. */
  ensureIndex(collection: string, fieldPaths: string[]): void {
    this.store.createCollection(collection)
    this.store.requireCollection(collection).ensureIndex(fieldPaths, false)
  }

  /** Bulk insert in one SQLite transaction (creates the collection). All or nothing. */
  insert(collection: string, docs: Doc | Doc[]): DocId[] {
    this.store.createCollection(collection)
    return this.insertDocs(collection, Array.isArray(docs) ? docs : [docs])
  }

  count(collection: string, filter?: Filter): number {
    const table = this.store.requireCollection(collection)
    return planCount(table, filter)
  }

  find(collection: string, spec: FindSpec & { projection?: Projection } = {}): Doc[] {
    return this.findDocs(collection, spec)
  }

  get(collection: string, id: DocId): Doc | undefined {
    return this.store.requireCollection(collection).get(id)
  }

  aggregate(collection: string, stages: Stage[]): Doc[] {
    return runAggregate(this.tables, collection, stages)
  }

  close(): void {
    this.store.close()
  }

  // ---- operations behind the SDK's actions ---------------------------------------------------

  private view(transactionId?: unknown): View {
    if (transactionId === undefined || transactionId === null || transactionId === '') return this.committed
    return new TransactionView(this.committed, this.tables, this.transactions, this.transactions.get(transactionId))
  }

  /** Runs `fn` atomically: one SQLite transaction for direct writes (a private write set needs none). */
  private atomically<T>(view: View, fn: () => T): T {
    return view === this.committed ? this.transactions.atomic(() => this.store.tx(fn)) : fn()
  }

  insertDocs(collection: string, docs: Doc[], transactionId?: unknown): DocId[] {
    const view = this.view(transactionId)
    this.tables(collection, true)
    return this.atomically(view, () =>
      docs.map((input) => {
        if (!isPlainObject(input)) throw invalidParam('document must be an object')
        const doc: Doc = input._id === undefined ? { _id: newDocId(), ...input } : { ...input }
        view.insert(collection, doc)
        return doc._id as DocId
      })
    )
  }

  findDocs(collection: string, spec: FindSpec & { projection?: Projection }, transactionId?: unknown): Doc[] {
    const docs = this.view(transactionId).find(collection, spec)
    return applyProjection(docs, spec.projection)
  }

  countDocs(collection: string, filter: Filter | undefined): number {
    const table = this.tables(collection, false)
    return table ? planCount(table, filter) : 0
  }

  modify(collection: string, spec: ModifySpec, now: number, transactionId?: unknown): ModifyResult {
    const view = this.view(transactionId)
    const date = new Date(now)
    if (!isPlainObject(spec.update)) throw invalidParam('update data must be an object')
    let ops: Doc | undefined
    if (spec.merge) {
      ops = isOperatorUpdate(spec.update) ? spec.update : { $set: spec.update }
      if (Object.keys(spec.update).length === 0) throw invalidParam('update data must not be empty')
    } else if (isOperatorUpdate(spec.update)) {
      throw invalidParam('a replacement document must not contain update operators')
    }
    const replacement = (id: unknown): Doc => {
      if (spec.update._id !== undefined && spec.update._id !== id) throw requestFailed("the (immutable) field '_id' was found to have been altered")
      return { ...clone(spec.update), _id: id }
    }
    return this.atomically(view, () => {
      const targets = view.find(collection, { filter: spec.filter, limit: spec.multi ? -1 : 1 })
      // The cloud counts matched documents (MongoDB's n, not nModified): a no-op update is `updated: 1`.
      for (const doc of targets) {
        const next = ops ? applyUpdate(doc, ops, date) : replacement(doc._id)
        if (encodeStored(next) !== encodeStored(doc)) view.replace(collection, next)
      }
      const updated = targets.length
      if (targets.length > 0 || !spec.upsert) return { updated }
      const id = upsertId(spec.filter, spec.update)
      const created = ops ? applyUpdate({ ...equalityFields(spec.filter), _id: id }, ops, date, true) : replacement(id)
      view.insert(collection, created)
      return { updated: 0, upsertedId: id }
    })
  }

  /** `updateAndReturn`: updates the first match and returns it as it is after the update. */
  modifyAndReturn(collection: string, filter: Filter, update: Doc, now: number, transactionId?: unknown): { updated: number; doc?: Doc } {
    const view = this.view(transactionId)
    const ops = isOperatorUpdate(update) ? update : { $set: update }
    return this.atomically(view, () => {
      const [doc] = view.find(collection, { filter, limit: 1 })
      if (!doc) return { updated: 0 }
      const next = applyUpdate(doc, ops, new Date(now))
      if (encodeStored(next) === encodeStored(doc)) return { updated: 1, doc: next }
      view.replace(collection, next)
      return { updated: 1, doc: next }
    })
  }

  removeDocs(collection: string, filter: Filter, multi: boolean, transactionId?: unknown): number {
    const view = this.view(transactionId)
    return this.atomically(view, () => {
      const targets = view.find(collection, { filter, limit: multi ? -1 : 1 })
      for (const doc of targets) view.remove(collection, doc._id as DocId)
      return targets.length
    })
  }

  startTransaction(): string {
    return this.transactions.begin().id
  }

  /**
   * Applies the write set atomically. A transaction that lost a write conflict, or one holding a
   * document a plain write changed since its snapshot, fails with DATABASE_TRANSACTION_CONFLICT
   * (nothing applied), which makes the SDK's runTransaction retry.
   */
  commitTransaction(transactionId: unknown): void {
    const t = this.transactions.get(transactionId)
    try {
      this.transactions.checkAlive(t)
      const clash = this.transactions.commitConflict(t)
      if (clash) throw conflict(`transaction conflict on ${clash.collection}/${String(clash.id)}: written by another operation since this transaction's snapshot`)
      this.transactions.atomic(() =>
        this.store.tx(() => {
          for (const w of t.writes.values()) {
            const table = this.store.requireCollection(w.collection)
            if (w.doc === null) this.committed.remove(w.collection, w.id)
            else if (table.has(w.id)) this.committed.replace(w.collection, w.doc)
            else this.committed.insert(w.collection, w.doc)
          }
        })
      )
    } finally {
      this.transactions.end(t)
    }
  }

  abortTransaction(transactionId: unknown): void {
    // Aborting an unknown/finished transaction is harmless (the SDK aborts after a failed commit).
    try {
      this.transactions.end(this.transactions.get(transactionId))
    } catch (e) {
      if (!(e instanceof DbError)) throw e
    }
  }
}

/** `_id` for an upsert: the filter's `_id` equality, else the data's, else a new one. */
function upsertId(filter: Filter, update: Doc): DocId {
  const id = filter._id
  if (typeof id === 'string' || typeof id === 'number') return id
  if (isPlainObject(id) && (typeof id.$eq === 'string' || typeof id.$eq === 'number')) return id.$eq as DocId
  if (typeof update._id === 'string' || typeof update._id === 'number') return update._id
  return newDocId()
}

/** Fields an upsert copies from its filter: plain equalities (MongoDB does the same). */
function equalityFields(filter: Filter): Doc {
  const out: Doc = {}
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$') || k === '_id') continue
    if (isPlainObject(v)) {
      const keys = Object.keys(v)
      if (keys.length === 1 && keys[0] === '$eq') setPath(out, k, clone(v.$eq))
      else if (!keys.some((x) => x.startsWith('$'))) setPath(out, k, clone(v))
    } else if (!isRegExp(v)) {
      setPath(out, k, clone(v))
    }
  }
  return out
}

