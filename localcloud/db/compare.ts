/** BSON comparison order (null < numbers < strings < objects < arrays < booleans < dates < regex). */
import { isDate, isPlainObject, isRegExp } from './codec'

function rank(v: unknown): number {
  if (v === null || v === undefined) return 1
  if (typeof v === 'number') return 2
  if (typeof v === 'string') return 3
  if (Array.isArray(v)) return 5
  if (typeof v === 'boolean') return 8
  if (isDate(v)) return 9
  if (isRegExp(v)) return 11
  if (isPlainObject(v)) return 4
  return 7
}

export function bsonCompare(a: unknown, b: unknown): number {
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb) return ra - rb
  switch (ra) {
    case 1:
      return 0
    case 2:
    case 3:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0
    case 8:
      return Number(a) - Number(b)
    case 9:
      return (a as Date).getTime() - (b as Date).getTime()
    case 5: {
      const x = a as unknown[]
      const y = b as unknown[]
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = bsonCompare(x[i], y[i])
        if (c !== 0) return c
      }
      return x.length - y.length
    }
    case 4: {
      const x = Object.entries(a as Record<string, unknown>)
      const y = Object.entries(b as Record<string, unknown>)
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = bsonCompare(x[i][1], y[i][1]) || (x[i][0] < y[i][0] ? -1 : x[i][0] > y[i][0] ? 1 : 0)
        if (c !== 0) return c
      }
      return x.length - y.length
    }
    default:
      return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
  }
}
