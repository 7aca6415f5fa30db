/**
 * Where reads and writes go: straight to the store (committed view) or into a transaction's
 * private write set layered over the store (transaction view). Operations are written once
 * against the `View` interface.
 */
import { Doc, clone } from './codec'
import { duplicateKey } from './errors'
import { Filter, Order, compileFilter, sortDocs, translateFilter, translateOrder } from './query'
import { CollectionTable, DocId } from './store'
import { Transaction, TransactionManager, docKey } from './transactions'

export interface FindSpec {
  filter?: Filter
  order?: Order
  skip?: number
  /** -1 or undefined: no limit (limits of the real cloud are applied by the wire layer). */
  limit?: number
}

export interface View {
  get(collection: string, id: DocId): Doc | undefined
  find(collection: string, spec: FindSpec): Doc[]
  insert(collection: string, doc: Doc): void
  replace(collection: string, doc: Doc): void
  remove(collection: string, id: DocId): void
}

/** Resolves a collection name to its table (throws DATABASE_COLLECTION_NOT_EXIST if missing). */
export type TableResolver = (collection: string, forWrite: boolean) => CollectionTable | undefined

const hasOrder = (order: Order | undefined): boolean => Boolean(order && Object.keys(order).length > 0)

/** Finds with SQL doing as much as it exactly can, JS (mingo) doing the rest. */
export function planFind(table: CollectionTable, spec: FindSpec): Doc[] {
  const skip = spec.skip ?? 0
  const limit = spec.limit === undefined || spec.limit < 0 ? -1 : spec.limit
  const where = translateFilter(spec.filter, table.kinds)
  const orderSql = hasOrder(spec.order) ? translateOrder(spec.order, table.kinds) : 'rid ASC'
  if (where.exact && orderSql) return table.select(where, orderSql, limit, skip)
  const match = compileFilter(spec.filter)
  if (orderSql) {
    // Rows come in the final order: stop as soon as the page is full.
    const out: Doc[] = []
    let skipped = 0
    if (limit === 0) return out
    for (const doc of table.iterate(where, orderSql)) {
      if (!match(doc)) continue
      if (skipped < skip) {
        skipped++
        continue
      }
      out.push(doc)
      if (out.length === limit) break
    }
    return out
  }
  const all: Doc[] = []
  for (const doc of table.iterate(where, 'rid ASC')) if (match(doc)) all.push(doc)
  const sorted = sortDocs(all, spec.order)
  return limit < 0 ? sorted.slice(skip) : sorted.slice(skip, skip + limit)
}

export function planCount(table: CollectionTable, filter: Filter | undefined): number {
  const where = translateFilter(filter, table.kinds)
  if (where.exact) return table.count(where)
  const match = compileFilter(filter)
  let n = 0
  for (const doc of table.iterate(where, 'rid ASC')) if (match(doc)) n++
  return n
}

export class CommittedView implements View {
  constructor(private readonly tables: TableResolver, private readonly txns: TransactionManager) {}

  get(collection: string, id: DocId): Doc | undefined {
    return this.tables(collection, false)?.get(id)
  }

  find(collection: string, spec: FindSpec): Doc[] {
    const table = this.tables(collection, false)
    return table ? planFind(table, spec) : []
  }

  insert(collection: string, doc: Doc): void {
    ;(this.tables(collection, true) as CollectionTable).insert(doc)
    this.txns.noteWrite(collection, doc._id as DocId, undefined)
  }

  replace(collection: string, doc: Doc): void {
    const table = this.tables(collection, true) as CollectionTable
    const before = this.txns.keepsVersions ? table.get(doc._id as DocId) : undefined
    table.replace(doc)
    this.txns.noteWrite(collection, doc._id as DocId, before)
  }

  remove(collection: string, id: DocId): void {
    const table = this.tables(collection, true) as CollectionTable
    const before = this.txns.keepsVersions ? table.get(id) : undefined
    table.remove(id)
    this.txns.noteWrite(collection, id, before)
  }
}

/** Reads of one transaction: its snapshot of the committed state, with its own write set over it. */
export class TransactionView implements View {
  private readonly snapshot: number

  constructor(
    private readonly committed: CommittedView,
    private readonly tables: TableResolver,
    private readonly txns: TransactionManager,
    readonly txn: Transaction
  ) {
    txns.checkAlive(txn)
    this.snapshot = txns.snapshotOf(txn)
  }

  get(collection: string, id: DocId): Doc | undefined {
    const key = docKey(collection, id)
    const pending = this.txn.writes.get(key)
    if (pending) return pending.doc === null ? undefined : clone(pending.doc)
    const version = this.txns.versionAt(collection, key, this.snapshot)
    if (version.changed) return version.doc && clone(version.doc)
    return this.committed.get(collection, id)
  }

  find(collection: string, spec: FindSpec): Doc[] {
    const match = compileFilter(spec.filter)
    const changed = [...this.txns.changedSince(collection, this.snapshot)]
    const hidden = new Set([...this.txn.writes.keys(), ...changed.map((c) => c.key)])
    const docs = hidden.size === 0 ? this.committed.find(collection, { filter: spec.filter }) : this.committed.find(collection, { filter: spec.filter }).filter((d) => !hidden.has(docKey(collection, d._id)))
    for (const c of changed) {
      if (c.doc && !this.txn.writes.has(c.key) && match(c.doc)) docs.push(clone(c.doc))
    }
    for (const w of this.txn.writes.values()) {
      if (w.collection === collection && w.doc && match(w.doc)) docs.push(clone(w.doc))
    }
    const skip = spec.skip ?? 0
    const sorted = sortDocs(docs, spec.order)
    return spec.limit === undefined || spec.limit < 0 ? sorted.slice(skip) : sorted.slice(skip, skip + spec.limit)
  }

  insert(collection: string, doc: Doc): void {
    this.tables(collection, true)
    if (this.get(collection, doc._id as DocId) !== undefined) throw duplicateKey(collection, '_id_', { _id: doc._id })
    this.write(collection, doc._id as DocId, doc)
  }

  replace(collection: string, doc: Doc): void {
    this.write(collection, doc._id as DocId, doc)
  }

  remove(collection: string, id: DocId): void {
    this.write(collection, id, null)
  }

  private write(collection: string, id: DocId, doc: Doc | null): void {
    this.txns.claim(this.txn, collection, id)
    this.txn.writes.set(docKey(collection, id), { collection, id, doc: doc && clone(doc) })
  }
}
