/**
 * The part of wx-server-sdk's database API this project uses, typed as it actually answers.
 * (The SDK's own declarations return `string | void | …` unions and `any` transactions.)
 */
export interface QueryResult<T = Record<string, unknown>> {
  data: T[]
}
export interface DocResult<T = Record<string, unknown>> {
  data: T
}

export interface Query {
  where(filter: object): Query
  orderBy(field: string, direction: 'asc' | 'desc'): Query
  skip(n: number): Query
  limit(n: number): Query
  field(projection: Record<string, boolean>): Query
  get(): Promise<QueryResult>
  count(): Promise<{ total: number }>
  update(options: { data: object }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface DocumentRef {
  get(): Promise<DocResult>
  set(options: { data: object }): Promise<{ _id?: string; stats: { updated: number; created?: number } }>
  update(options: { data: object }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface Aggregate {
  match(filter: object): Aggregate
  group(spec: object): Aggregate
  sort(spec: Record<string, 1 | -1>): Aggregate
  project(spec: object): Aggregate
  skip(n: number): Aggregate
  limit(n: number): Aggregate
  end(): Promise<{ list: Record<string, unknown>[] }>
}

export interface CollectionRef extends Query {
  doc(id: string): DocumentRef
  add(options: { data: object }): Promise<{ _id: string }>
  aggregate(): Aggregate
}

/** What a transaction offers: document operations and `add`, not `where()` queries. */
export interface TransactionScope {
  collection(name: string): {
    doc(id: string): DocumentRef
    add(options: { data: object }): Promise<{ _id: string }>
    where(filter: object): { get(): Promise<QueryResult> }
  }
}

export interface Db {
  collection(name: string): CollectionRef
  runTransaction<T>(fn: (tx: TransactionScope) => Promise<T>, retries?: number): Promise<T>
  createCollection(name: string): Promise<unknown>
  serverDate(options?: { offset?: number }): unknown
  command: Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
}
