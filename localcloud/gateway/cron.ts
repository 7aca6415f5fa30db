/**
 * The 7-field cron of WeChat cloud timer triggers: second minute hour day-of-month month
 * day-of-week year, evaluated in China time (UTC+8). Supports `*`, numbers, ranges `a-b`,
 * lists `a,b` and steps `*\/n`, `a-b/n`; day-of-week 0–6 with 0 = Sunday, or MON…SUN.
 */
const FIELDS = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'weekday', min: 0, max: 6 },
  { name: 'year', min: 1970, max: 2099 }
] as const

const WEEKDAYS: Record<string, number> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 }

export type CronSchedule = Set<number>[]

function parseField(text: string, min: number, max: number): Set<number> {
  const values = new Set<number>()
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/')
    const step = stepText === undefined ? 1 : Number(stepText)
    let from = min
    let to = max
    if (range !== '*' && range !== '?') {
      const [a, b] = range.split('-').map((x) => (x.toUpperCase() in WEEKDAYS ? WEEKDAYS[x.toUpperCase()] : Number(x)))
      from = a
      to = b === undefined ? (stepText === undefined ? a : max) : b
    }
    if (![from, to, step].every(Number.isInteger) || from < min || to > max || from > to || step < 1) {
      throw new Error(`cron field "${text}" is not valid (${min}–${max})`)
    }
    for (let v = from; v <= to; v += step) values.add(v)
  }
  return values
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/)
  if (parts.length !== 7) throw new Error(`cron "${expression}" needs 7 fields: second minute hour day month weekday year`)
  return parts.map((p, i) => parseField(p, FIELDS[i].min, FIELDS[i].max))
}

/** Whether the schedule fires in the second that contains `at`. */
export function cronMatches(schedule: CronSchedule, at: Date): boolean {
  const china = new Date(at.getTime() + 8 * 3600_000)
  const fields = [
    china.getUTCSeconds(),
    china.getUTCMinutes(),
    china.getUTCHours(),
    china.getUTCDate(),
    china.getUTCMonth() + 1,
    china.getUTCDay(),
    china.getUTCFullYear()
  ]
  return fields.every((v, i) => schedule[i].has(v))
}
