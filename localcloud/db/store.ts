/**
 * SQLite persistence: one table per collection `(rid INTEGER PRIMARY KEY, id UNIQUE, doc TEXT)`,
 * documents as JSON text, expression indexes on `json_extract(doc, path)`.
 *
 * Durability: WAL with synchronous=NORMAL by default. A write is acknowledged only after its SQLite
 * COMMIT, which has written the WAL frames to the OS, so it survives the process being killed
 * (kill -9); only an OS crash or power loss may lose the last commits. `synchronous: 'FULL'` adds
 * an fsync per commit for power-loss safety at several times the cost per write.
 */
import Database from 'better-sqlite3'
import fs from 'fs'
import path from 'path'
import { Doc, decodeStored, encodeStored } from './codec'
import { collectionNotExist, duplicateKey, invalidParam, requestFailed } from './errors'
import { FieldKinds } from './kinds'
import { MAX_DOCUMENT_BYTES, MAX_INDEXED_VALUE_BYTES } from './limits'
import { getPath, sqlJsonPath } from './paths'
import { SqlPart } from './query'

export interface StoreOptions {
  dataDir: string
  synchronous?: 'NORMAL' | 'FULL'
}

export interface IndexInfo {
  /** MongoDB-style name, e.g. `openid_1_date_1`, used in duplicate-key messages. */
  name: string
  sqlName: string
  fields: string[]
  unique: boolean
}

export type DocId = string | number

export const DB_FILE = 'clouddb.sqlite'

const quote = (ident: string): string => `"${ident.replace(/"/g, '""')}"`
const sanitize = (s: string): string => s.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40)

export class Store {
  readonly sqlite: Database.Database
  private readonly tables = new Map<string, CollectionTable>()
  private readonly statements = new Map<string, Database.Statement>()
  private readonly runInTransaction: (fn: () => unknown) => unknown

  constructor(options: StoreOptions) {
    fs.mkdirSync(options.dataDir, { recursive: true })
    this.sqlite = new Database(path.join(options.dataDir, DB_FILE))
    this.sqlite.pragma('journal_mode = WAL')
    this.sqlite.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`)
    // 64 MB page cache: random 32-hex ids make the id index's pages hot all over (1M documents).
    this.sqlite.pragma('cache_size = -65536')
    this.sqlite.exec(`
      CREATE TABLE IF NOT EXISTS _collections (
        name TEXT PRIMARY KEY, tbl TEXT NOT NULL UNIQUE, kinds TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS _indexes (
        collection TEXT NOT NULL, name TEXT NOT NULL, sql_name TEXT NOT NULL UNIQUE,
        fields TEXT NOT NULL, is_unique INTEGER NOT NULL);
    `)
    this.runInTransaction = this.sqlite.transaction((fn: () => unknown) => fn())
    const rows = this.sqlite.prepare('SELECT name, tbl, kinds FROM _collections').all() as { name: string; tbl: string; kinds: string }[]
    for (const row of rows) this.tables.set(row.name, new CollectionTable(this, row.name, row.tbl, new FieldKinds(row.kinds)))
  }

  /** Runs `fn` in one SQLite transaction (a savepoint when nested); any throw rolls it all back. */
  tx<T>(fn: () => T): T {
    return this.runInTransaction(fn) as T
  }

  prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql)
    if (!stmt) {
      stmt = this.sqlite.prepare(sql)
      if (this.statements.size > 1000) this.statements.clear()
      this.statements.set(sql, stmt)
    }
    return stmt
  }

  collection(name: string): CollectionTable | undefined {
    return this.tables.get(name)
  }

  requireCollection(name: string): CollectionTable {
    const table = this.tables.get(name)
    if (!table) throw collectionNotExist(name)
    return table
  }

  collectionNames(): string[] {
    return [...this.tables.keys()]
  }

  /** Creates the collection's table; returns false when it already existed. */
  createCollection(name: string): boolean {
    if (typeof name !== 'string' || name.length === 0 || name.length > 128 || name.includes('\u0000')) {
      throw invalidParam(`invalid collection name: ${String(name)}`)
    }
    if (this.tables.has(name)) return false
    const taken = new Set((this.sqlite.prepare('SELECT tbl FROM _collections').pluck().all() as string[]))
    let tbl = `col_${sanitize(name)}`
    for (let i = 2; taken.has(tbl); i++) tbl = `col_${sanitize(name)}_${i}`
    this.tx(() => {
      this.sqlite.exec(`CREATE TABLE ${quote(tbl)} (rid INTEGER PRIMARY KEY, id UNIQUE NOT NULL, doc TEXT NOT NULL)`)
      this.sqlite.prepare('INSERT INTO _collections (name, tbl, kinds, created_at) VALUES (?, ?, ?, ?)').run(name, tbl, '', Date.now())
    })
    this.tables.set(name, new CollectionTable(this, name, tbl, new FieldKinds()))
    return true
  }

  dropCollection(name: string): boolean {
    const table = this.tables.get(name)
    if (!table) return false
    this.statements.clear()
    this.tx(() => {
      this.sqlite.exec(`DROP TABLE ${quote(table.table)}`)
      this.sqlite.prepare('DELETE FROM _collections WHERE name = ?').run(name)
      this.sqlite.prepare('DELETE FROM _indexes WHERE collection = ?').run(name)
    })
    this.tables.delete(name)
    return true
  }

  close(): void {
    if (!this.sqlite.open) return
    this.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    this.sqlite.close()
  }
}

export class CollectionTable {
  readonly indexes: IndexInfo[]
  private readonly q: string

  constructor(
    private readonly store: Store,
    readonly name: string,
    readonly table: string,
    readonly kinds: FieldKinds
  ) {
    this.q = quote(table)
    const rows = store.sqlite.prepare('SELECT name, sql_name, fields, is_unique FROM _indexes WHERE collection = ?').all(name) as {
      name: string
      sql_name: string
      fields: string
      is_unique: number
    }[]
    this.indexes = rows.map((r) => ({ name: r.name, sqlName: r.sql_name, fields: JSON.parse(r.fields) as string[], unique: r.is_unique === 1 }))
  }

  get(id: DocId): Doc | undefined {
    const text = this.store.prepare(`SELECT doc FROM ${this.q} WHERE id = ?`).pluck().get(id) as string | undefined
    return text === undefined ? undefined : decodeStored(text)
  }

  has(id: DocId): boolean {
    return this.store.prepare(`SELECT 1 FROM ${this.q} WHERE id = ?`).pluck().get(id) !== undefined
  }

  insert(doc: Doc): void {
    const text = this.prepareWrite(doc)
    try {
      this.store.prepare(`INSERT INTO ${this.q} (id, doc) VALUES (?, ?)`).run(doc._id as DocId, text)
    } catch (e) {
      throw this.mapConstraint(e, doc)
    }
  }

  /** Replaces the stored document with the same `_id`; returns false if there was none. */
  replace(doc: Doc): boolean {
    const text = this.prepareWrite(doc)
    try {
      return this.store.prepare(`UPDATE ${this.q} SET doc = ? WHERE id = ?`).run(text, doc._id as DocId).changes > 0
    } catch (e) {
      throw this.mapConstraint(e, doc)
    }
  }

  remove(id: DocId): boolean {
    return this.store.prepare(`DELETE FROM ${this.q} WHERE id = ?`).run(id).changes > 0
  }

  select(where: SqlPart, orderBy: string, limit = -1, offset = 0): Doc[] {
    const sql = `SELECT doc FROM ${this.q} WHERE ${where.sql} ORDER BY ${orderBy} LIMIT ? OFFSET ?`
    const texts = this.store.prepare(sql).pluck().all(...where.params, limit, offset) as string[]
    return texts.map(decodeStored)
  }

  /** Streams documents; the caller must not run other statements until it stops iterating. */
  *iterate(where: SqlPart, orderBy: string): Generator<Doc> {
    const sql = `SELECT doc FROM ${this.q} WHERE ${where.sql} ORDER BY ${orderBy}`
    for (const text of this.store.prepare(sql).pluck().iterate(...where.params)) yield decodeStored(text as string)
  }

  count(where: SqlPart): number {
    return this.store.prepare(`SELECT COUNT(*) FROM ${this.q} WHERE ${where.sql}`).pluck().get(...where.params) as number
  }

  /** Raw SQL over this table (aggregation pushdown); `$table` in `sql` is replaced by its name. */
  query(sql: string, params: unknown[]): Record<string, unknown>[] {
    return this.store.prepare(sql.replace('$table', this.q)).all(...params) as Record<string, unknown>[]
  }

  ensureIndex(fields: string[], unique: boolean): IndexInfo | undefined {
    if (!Array.isArray(fields) || fields.length === 0) throw invalidParam('index needs at least one field')
    if (fields.length === 1 && fields[0] === '_id') return undefined
    const existing = this.indexes.find((i) => i.unique === unique && i.fields.join('\u0000') === fields.join('\u0000'))
    if (existing) return existing
    const exprs = fields.map((f) => {
      const jp = sqlJsonPath(f)
      if (!jp || f === '_id') throw invalidParam(`cannot index field path: ${f}`)
      return `json_extract(doc, '${jp}')`
    })
    const info: IndexInfo = {
      name: fields.map((f) => `${f}_1`).join('_'),
      sqlName: `${this.table}__${fields.map(sanitize).join('__')}${unique ? '__u' : ''}`,
      fields,
      unique
    }
    this.store.tx(() => {
      if (unique) {
        // MongoDB counts missing/null as a value: two documents without the field collide.
        const dup = this.store.sqlite
          .prepare(`SELECT ${exprs.map((e, i) => `${e} AS k${i}`).join(', ')} FROM ${this.q} GROUP BY ${exprs.join(', ')} HAVING COUNT(*) > 1 LIMIT 1`)
          .get() as Record<string, unknown> | undefined
        if (dup) throw duplicateKey(this.name, info.name, Object.fromEntries(fields.map((f, i) => [f, dup[`k${i}`]])))
      }
      this.store.sqlite.exec(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quote(info.sqlName)} ON ${this.q} (${exprs.join(', ')})`)
      this.store.sqlite
        .prepare('INSERT INTO _indexes (collection, name, sql_name, fields, is_unique) VALUES (?, ?, ?, ?, ?)')
        .run(this.name, info.name, info.sqlName, JSON.stringify(fields), unique ? 1 : 0)
    })
    this.indexes.push(info)
    return info
  }

  /** Validation shared by insert and replace; returns the JSON text to store. */
  private prepareWrite(doc: Doc): string {
    const id = doc._id
    if (!(typeof id === 'string' && id.length > 0) && !(typeof id === 'number' && Number.isFinite(id))) {
      throw invalidParam('_id must be a non-empty string or a number')
    }
    const text = encodeStored(doc)
    if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES) throw requestFailed('document is larger than the 16 MB limit')
    if (this.kinds.observe(doc)) {
      this.store.prepare('UPDATE _collections SET kinds = ? WHERE name = ?').run(this.kinds.serialize(), this.name)
    }
    for (const index of this.indexes) {
      for (const f of index.fields) {
        const v = getPath(doc, f)
        if (typeof v === 'string' && Buffer.byteLength(v) > MAX_INDEXED_VALUE_BYTES) {
          throw requestFailed(`value of indexed field ${f} is longer than ${MAX_INDEXED_VALUE_BYTES} bytes`)
        }
      }
      if (index.unique) this.checkNullUnique(index, doc, text)
    }
    return text
  }

  /** SQLite lets NULLs repeat in a UNIQUE index; MongoDB does not, so check that case here. */
  private checkNullUnique(index: IndexInfo, doc: Doc, text: string): void {
    const values = index.fields.map((f) => getPath(doc, f))
    if (!values.some((v) => v === null || v === undefined)) return
    const conds = index.fields.map((f) => {
      const jp = sqlJsonPath(f) as string
      return `json_extract(doc, '${jp}') IS json_extract(?, '${jp}')`
    })
    const sql = `SELECT 1 FROM ${this.q} WHERE ${conds.join(' AND ')} AND id IS NOT ? LIMIT 1`
    const hit = this.store.prepare(sql).pluck().get(...index.fields.map(() => text), doc._id as DocId)
    if (hit !== undefined) throw duplicateKey(this.name, index.name, Object.fromEntries(index.fields.map((f, i) => [f, values[i] ?? null])))
  }

  private mapConstraint(e: unknown, doc: Doc): unknown {
    const err = e as { code?: string; message?: string }
    if (err.code !== 'SQLITE_CONSTRAINT_UNIQUE' && err.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return e
    const index = this.indexes.find((i) => err.message?.includes(`'${i.sqlName}'`))
    if (!index) return duplicateKey(this.name, '_id_', { _id: doc._id })
    return duplicateKey(this.name, index.name, Object.fromEntries(index.fields.map((f) => [f, getPath(doc, f) ?? null])))
  }
}

