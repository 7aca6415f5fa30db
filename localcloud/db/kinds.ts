/**
 * Per-collection record of which value kinds each field path has ever held. SQL translation is
 * only exact when a path never crossed an array and, for some comparisons, never held booleans or
 * objects; this record (monotonic, conservative) is how the planner knows. It also validates keys.
 */
import { invalidParam } from './errors'
import { isDate, isPlainObject } from './codec'

export const KIND = {
  NULL: 1,
  NUMBER: 2,
  STRING: 4,
  BOOL: 8,
  OBJECT: 16,
  ARRAY: 32,
  DATE: 64,
  OTHER: 128
} as const

/** Past this many distinct paths (e.g. maps keyed by user id) the planner gives up on SQL. */
const MAX_PATHS = 5000

export function kindOf(value: unknown): number {
  if (value === null || value === undefined) return KIND.NULL
  switch (typeof value) {
    case 'number':
      return KIND.NUMBER
    case 'string':
      return KIND.STRING
    case 'boolean':
      return KIND.BOOL
  }
  if (Array.isArray(value)) return KIND.ARRAY
  if (isDate(value)) return KIND.DATE
  if (isPlainObject(value)) return KIND.OBJECT
  return KIND.OTHER
}

export class FieldKinds {
  private readonly map = new Map<string, number>()
  overflow = false

  constructor(serialized?: string) {
    if (!serialized) return
    const parsed = JSON.parse(serialized) as { overflow?: boolean; paths?: Record<string, number> }
    this.overflow = Boolean(parsed.overflow)
    for (const [k, v] of Object.entries(parsed.paths ?? {})) this.map.set(k, v)
  }

  serialize(): string {
    return JSON.stringify(this.overflow ? { overflow: true } : { paths: Object.fromEntries(this.map) })
  }

  /** Records the document's paths; returns true when something new was learnt. Rejects `$` keys. */
  observe(doc: Record<string, unknown>): boolean {
    return this.walk(doc, '')
  }

  private walk(obj: Record<string, unknown>, prefix: string): boolean {
    let changed = false
    for (const key of Object.keys(obj)) {
      const value = obj[key]
      if (value === undefined) continue
      if (key.startsWith('$')) throw invalidParam(`field name ${key} must not start with '$'`)
      const path = prefix ? `${prefix}.${key}` : key
      const kind = kindOf(value)
      if (!this.overflow) {
        const old = this.map.get(path) ?? 0
        if ((old & kind) === 0) {
          this.map.set(path, old | kind)
          changed = true
          if (this.map.size > MAX_PATHS) {
            this.overflow = true
            this.map.clear()
          }
        }
      }
      if (kind === KIND.OBJECT) changed = this.walk(value as Record<string, unknown>, path) || changed
      else if (kind === KIND.ARRAY) checkArrayKeys(value as unknown[])
    }
    return changed
  }

  /** Kinds seen at `path` (0: never present, so always missing). */
  of(path: string): number {
    return this.map.get(path) ?? 0
  }

  /** True when `path` or one of its prefixes ever held an array (Mongo would look inside it). */
  crossesArray(path: string): boolean {
    if (this.overflow) return true
    let i = -1
    do {
      i = path.indexOf('.', i + 1)
      const prefix = i < 0 ? path : path.slice(0, i)
      if ((this.of(prefix) & KIND.ARRAY) !== 0) return true
    } while (i >= 0)
    return false
  }
}

function checkArrayKeys(arr: unknown[]): void {
  for (const item of arr) {
    if (isPlainObject(item)) {
      for (const key of Object.keys(item)) {
        if (key.startsWith('$')) throw invalidParam(`field name ${key} must not start with '$'`)
        const v = item[key]
        if (isPlainObject(v)) checkArrayKeys([v])
        else if (Array.isArray(v)) checkArrayKeys(v)
      }
    } else if (Array.isArray(item)) checkArrayKeys(item)
  }
}
