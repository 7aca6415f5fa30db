/** Dotted field paths on documents (`a.b.0.c`), with MongoDB's update semantics. */
import { isPlainObject } from './codec'
import { requestFailed } from './errors'

type Container = Record<string, unknown> | unknown[]

const isIndex = (seg: string): boolean => /^\d+$/.test(seg)

/** The value at `path`, descending into arrays only through numeric segments. */
export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc
  for (const seg of path.split('.')) {
    if (Array.isArray(cur)) {
      if (!isIndex(seg)) return undefined
      cur = cur[Number(seg)]
    } else if (isPlainObject(cur)) {
      cur = cur[seg]
    } else {
      return undefined
    }
  }
  return cur
}

/** Every value `path` reaches, looking inside arrays like a query does ($lookup, sort keys). */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const out: unknown[] = []
  const walk = (cur: unknown, segs: string[]): void => {
    if (segs.length === 0) {
      out.push(cur)
      return
    }
    if (Array.isArray(cur)) {
      if (isIndex(segs[0])) walk(cur[Number(segs[0])], segs.slice(1))
      else for (const item of cur) if (isPlainObject(item)) walk(item, segs)
      return
    }
    if (isPlainObject(cur)) walk(cur[segs[0]], segs.slice(1))
    else out.push(undefined)
  }
  walk(doc, path.split('.'))
  return out
}

function describe(v: unknown): string {
  return JSON.stringify(v) ?? String(v)
}

/** Sets `path`, creating objects on the way; fails like MongoDB when a scalar is in the way. */
export function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const segs = path.split('.')
  let cur: Container = doc
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i]
    let next: unknown
    if (Array.isArray(cur)) {
      if (!isIndex(seg)) throw requestFailed(`Cannot create field '${seg}' in element {${segs[i - 1]}: ${describe(cur)}}`)
      next = cur[Number(seg)]
    } else next = cur[seg]
    if (next === undefined || next === null) {
      next = {}
      assign(cur, seg, next)
    } else if (!isPlainObject(next) && !Array.isArray(next)) {
      throw requestFailed(`Cannot create field '${segs[i + 1]}' in element {${seg}: ${describe(next)}}`)
    }
    cur = next as Container
  }
  assign(cur, segs[segs.length - 1], value)
}

function assign(container: Container, seg: string, value: unknown): void {
  if (Array.isArray(container)) {
    if (!isIndex(seg)) throw requestFailed(`Cannot create field '${seg}' in an array`)
    const idx = Number(seg)
    while (container.length < idx) container.push(null)
    container[idx] = value
  } else {
    container[seg] = value
  }
}

/** Removes `path`; inside an array the element becomes null, as in MongoDB. */
export function unsetPath(doc: Record<string, unknown>, path: string): void {
  const segs = path.split('.')
  const parent = getPath(doc, segs.slice(0, -1).join('.') || '') as unknown
  const container = segs.length === 1 ? doc : parent
  const last = segs[segs.length - 1]
  if (Array.isArray(container)) {
    if (isIndex(last) && Number(last) < container.length) container[Number(last)] = null
  } else if (isPlainObject(container)) {
    delete container[last]
  }
}

/** SQLite JSON path for a dotted path, or null when SQL cannot express Mongo's meaning of it. */
export function sqlJsonPath(path: string): string | null {
  const segs = path.split('.')
  for (const seg of segs) {
    if (seg === '' || isIndex(seg) || /["\\'\u0000-\u001f]/.test(seg)) return null
  }
  return '$' + segs.map((s) => `."${s}"`).join('')
}
