/**
 * Update operators ($set, $unset, $inc, $mul, $min, $max, $rename, $push, $pull, $pullAll,
 * $addToSet, $pop, $currentDate, $setOnInsert) with MongoDB's rules for dotted paths and conflicts.
 */
import { Doc, clone, isPlainObject, isRegExp, valueKey } from './codec'
import { bsonCompare } from './compare'
import { invalidParam, requestFailed } from './errors'
import { newQuery } from './mingo'
import { getPath, setPath, unsetPath } from './paths'
import { sortDocs } from './query'

const OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll',
  '$addToSet', '$pop', '$currentDate', '$setOnInsert'
])

/** True when every top-level key is an operator; mixing operators and fields is refused. */
export function isOperatorUpdate(update: Doc): boolean {
  const keys = Object.keys(update)
  const ops = keys.filter((k) => k.startsWith('$'))
  if (ops.length > 0 && ops.length !== keys.length) throw invalidParam('update document mixes operators and plain fields')
  return ops.length > 0
}

/**
 * Returns a new document with `update` applied (`update` must use operators).
 * `inserting` enables $setOnInsert (upsert creating a document).
 */
export function applyUpdate(doc: Doc, update: Doc, now: Date, inserting = false): Doc {
  const out = clone(doc)
  checkConflicts(update)
  for (const [op, spec] of Object.entries(update)) {
    if (!OPERATORS.has(op)) throw requestFailed(`Unknown modifier: ${op}`)
    if (!isPlainObject(spec)) throw requestFailed(`Modifiers operate on fields but we found type ${typeof spec} instead`)
    for (const [path, arg] of Object.entries(spec)) {
      if (path === '_id' || path.startsWith('_id.')) {
        if (op === '$setOnInsert' || (op === '$set' && doc._id === arg)) continue
        throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'")
      }
      applyOne(out, op, path, arg, now, inserting)
    }
  }
  return out
}

function targets(update: Doc): string[] {
  const paths: string[] = []
  for (const [op, spec] of Object.entries(update)) {
    if (!isPlainObject(spec)) continue
    for (const [path, arg] of Object.entries(spec)) {
      paths.push(path)
      if (op === '$rename' && typeof arg === 'string') paths.push(arg)
    }
  }
  return paths
}

/** MongoDB refuses an update touching a path and its prefix (e.g. `a` and `a.b`) at once. */
function checkConflicts(update: Doc): void {
  const paths = targets(update)
  for (let i = 0; i < paths.length; i++) {
    for (let j = 0; j < paths.length; j++) {
      if (i === j) continue
      const a = paths[i]
      const b = paths[j]
      if (a === b || b.startsWith(`${a}.`)) {
        throw requestFailed(`Updating the path '${b}' would create a conflict at '${a}'`)
      }
    }
  }
}

function numberArg(op: string, arg: unknown): number {
  if (typeof arg !== 'number') throw requestFailed(`Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: ${JSON.stringify(arg)}`)
  return arg
}

function arrayAt(doc: Doc, path: string, create: boolean): unknown[] | undefined {
  const cur = getPath(doc, path)
  if (cur === undefined) {
    if (!create) return undefined
    const arr: unknown[] = []
    setPath(doc, path, arr)
    return arr
  }
  if (!Array.isArray(cur)) {
    throw requestFailed(`The field '${path}' must be an array but is of type ${cur === null ? 'null' : typeof cur} in document {_id: ${JSON.stringify(doc._id)}}`)
  }
  return cur
}

function applyOne(doc: Doc, op: string, path: string, arg: unknown, now: Date, inserting: boolean): void {
  switch (op) {
    case '$set':
      setPath(doc, path, clone(arg))
      return
    case '$setOnInsert':
      if (inserting) setPath(doc, path, clone(arg))
      return
    case '$unset':
      unsetPath(doc, path)
      return
    case '$inc':
    case '$mul': {
      const n = numberArg(op, arg)
      const cur = getPath(doc, path)
      if (cur === undefined) setPath(doc, path, op === '$inc' ? n : 0)
      else if (typeof cur === 'number') setPath(doc, path, op === '$inc' ? cur + n : cur * n)
      else throw requestFailed(`Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${path}' of non-numeric type ${cur === null ? 'null' : typeof cur}`)
      return
    }
    case '$min':
    case '$max': {
      const cur = getPath(doc, path)
      const c = bsonCompare(arg, cur)
      if (cur === undefined || (op === '$min' ? c < 0 : c > 0)) setPath(doc, path, clone(arg))
      return
    }
    case '$rename': {
      if (typeof arg !== 'string' || arg === '') throw requestFailed('The $rename target must be a non-empty string')
      const cur = getPath(doc, path)
      if (cur === undefined) return
      unsetPath(doc, path)
      setPath(doc, arg, cur)
      return
    }
    case '$currentDate':
      setPath(doc, path, new Date(now.getTime()))
      return
    case '$push':
      return push(doc, path, arg)
    case '$addToSet': {
      const arr = arrayAt(doc, path, true) as unknown[]
      const items = isPlainObject(arg) && Array.isArray(arg.$each) ? arg.$each : [arg]
      const seen = new Set(arr.map(valueKey))
      for (const item of items) {
        const k = valueKey(item)
        if (!seen.has(k)) {
          seen.add(k)
          arr.push(clone(item))
        }
      }
      return
    }
    case '$pullAll': {
      if (!Array.isArray(arg)) throw requestFailed('$pullAll requires an array argument')
      const arr = arrayAt(doc, path, false)
      if (!arr) return
      const drop = new Set(arg.map(valueKey))
      setPath(doc, path, arr.filter((x) => !drop.has(valueKey(x))))
      return
    }
    case '$pull': {
      const arr = arrayAt(doc, path, false)
      if (!arr) return
      const matches = pullMatcher(arg)
      setPath(doc, path, arr.filter((x) => !matches(x)))
      return
    }
    case '$pop': {
      const arr = arrayAt(doc, path, false)
      if (!arr || arr.length === 0) return
      if (Number(arg) < 0) arr.shift()
      else arr.pop()
      return
    }
  }
}

function push(doc: Doc, path: string, arg: unknown): void {
  const arr = arrayAt(doc, path, true) as unknown[]
  const modifiers = isPlainObject(arg) && Array.isArray(arg.$each) ? arg : { $each: [arg] }
  const each = (modifiers.$each as unknown[]).map((x) => clone(x))
  const position = modifiers.$position
  if (typeof position === 'number') {
    const at = position < 0 ? Math.max(0, arr.length + position) : Math.min(position, arr.length)
    arr.splice(at, 0, ...each)
  } else {
    arr.push(...each)
  }
  let result = arr
  if (modifiers.$sort !== undefined) {
    const s = modifiers.$sort
    result = isPlainObject(s)
      ? (sortDocs(result as Doc[], s as Record<string, number>) as unknown[])
      : [...result].sort((a, b) => bsonCompare(a, b) * (Number(s) < 0 ? -1 : 1))
  }
  if (typeof modifiers.$slice === 'number') {
    const n = modifiers.$slice
    result = n >= 0 ? result.slice(0, n) : result.slice(n)
  }
  if (result !== arr) setPath(doc, path, result)
}

/** $pull condition: operators apply to each element, a plain document matches object elements. */
function pullMatcher(cond: unknown): (x: unknown) => boolean {
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond)
    if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) {
      const q = newQuery({ v: cond })
      return (x) => q.test({ v: x })
    }
    const q = newQuery(cond)
    return (x) => isPlainObject(x) && q.test(x)
  }
  if (isRegExp(cond)) return (x) => typeof x === 'string' && cond.test(x)
  const k = valueKey(cond)
  return (x) => valueKey(x) === k
}
