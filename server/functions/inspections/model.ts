/**
 * What 督查 leaves in the database. Per town one settings document (its sheet, its schedule, and which
 * round is open: the one-open-round guard every opening checks in its transaction); per round one
 * document with the sheet frozen at opening; per unit of a round one score document with the figures
 * frozen at opening and what the inspector entered; per problem found one 整改 task. Scores and tasks
 * name their unit in `village` (with `town`), as every other collection does, so a renamed unit
 * (towns/units.ts) keeps its history.
 */
import { createHash } from 'crypto'
import type { Schedule, SheetItem, Task, TaskStatus, UnitKind } from '../../../src/core/contract'
import { addDays, type Rates, type UnitFigures } from '../../../src/core/inspections'
import { chinaDay } from '../../lib/china-day'
import { COLLECTIONS } from '../../lib/collections'
import type { Stored } from '../../lib/data'

export const SETTINGS = COLLECTIONS.inspectionSettings
export const ROUNDS = COLLECTIONS.inspectionRounds
export const SCORES = COLLECTIONS.inspectionScores
export const TASKS = COLLECTIONS.inspectionTasks

/** `_id` the town. Absent until an admin saves something or a round opens: the defaults apply. */
export interface TownInspectionDoc extends Stored {
  town: string
  sheet?: SheetItem[]
  sheetUpdatedAt?: Date | null
  schedule?: Schedule
  /** The round open now, or null: a second opening is refused while this is set. */
  openRound: string | null
  /** The round opened last (open or closed): the next one's "previous round". */
  lastRound: string | null
  /** The campaign year of the last round and its number within that year. */
  year: number | null
  lastNumber: number
  /** The China day a round was last opened: the timer opens at most one a day. */
  lastOpenedDay: string | null
}

export interface RoundDoc extends Stored {
  town: string
  year: number
  number: number
  status: 'open' | 'closed'
  day: string
  openedAt: Date
  /** An OPENID, or 'timer'. */
  openedBy: string
  openedByName: string
  closedAt: Date | null
  closedBy: string | null
  /** The sheet as it was at opening: a sheet saved later changes the next round, not this one. */
  sheet: SheetItem[]
  /** Units active at opening (one score document each). */
  units: number
  previous: string | null
}

export interface ScoreDoc extends Stored {
  round: string
  town: string
  year: number
  number: number
  /** The unit's name (kept up to date by a rename). */
  village: string
  /** The unit's kind at opening: a later change of kind does not move it between past rankings. */
  type: UnitKind
  order: number
  index: number
  figures: UnitFigures
  rates: Rates
  entered: Record<string, number> | null
  notes: Record<string, string>
  photos: Record<string, string[]>
  score: number | null
  scoredBy: string | null
  scoredByName: string | null
  scoredAt: Date | null
  /** Problems recorded by the last scoring: tasks `<score>/p0` … `<score>/p<n-1>`. */
  problems: number
}

export interface TaskDoc extends Stored {
  town: string
  village: string
  round: string
  roundNumber: number
  year: number
  text: string
  dueDays: number
  dueAt: Date
  status: TaskStatus
  createdAt: Date
  createdBy: string
  note: string | null
  doneAt: Date | null
  doneBy: string | null
  verifiedAt: Date | null
  verifiedBy: string | null
  /** The round whose inspector checked it (verified, or carried over): the next round's 上轮整改验收率. */
  checkedIn: string | null
  carriedTo: string | null
  carriedFrom: string | null
}

export const roundIdOf = (town: string, year: number, number: number): string => `${town}/${year}-${number}`
export const scoreIdOf = (round: string, index: number): string => `${round}/u${index}`
export const problemIdOf = (score: string, index: number): string => `${score}/p${index}`
/** The task a carried one becomes in the round that carried it: one per (task, round), whatever the retries. */
export const carriedIdOf = (round: string, task: string): string => `${round}/c-${createHash('sha256').update(task).digest('hex').slice(0, 12)}`

/** Not yet verified nor carried over: waits for a later round's inspector. */
export const WAITING: TaskStatus[] = ['open', 'done']

/** Due by the end of the China day `days` days from now (a deadline in whole days, as people say it). */
export function dueAtFrom(now: Date, days: number): Date {
  return new Date(`${addDays(chinaDay(now), days + 1)}T00:00:00+08:00`)
}

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null)

export function toTask(t: TaskDoc, now: Date = new Date()): Task {
  return {
    id: t._id,
    unit: t.village,
    text: t.text,
    status: t.status,
    dueAt: new Date(t.dueAt).toISOString(),
    overdue: t.status === 'open' && new Date(t.dueAt).getTime() < now.getTime(),
    round: t.round,
    roundNumber: t.roundNumber,
    createdAt: new Date(t.createdAt).toISOString(),
    note: t.note,
    doneAt: iso(t.doneAt),
    verifiedAt: iso(t.verifiedAt),
    carriedTo: t.carriedTo
  }
}

export function toRound(r: RoundDoc, scored: number) {
  return {
    id: r._id,
    town: r.town,
    number: r.number,
    status: r.status,
    openedAt: new Date(r.openedAt).toISOString(),
    closedAt: iso(r.closedAt),
    openedBy: r.openedByName,
    units: r.units,
    scored
  }
}

/** A new open 整改 task of `round` for a unit: found by an inspector's score, or carried over from an earlier round. */
export function openTask(
  round: Pick<RoundDoc, '_id' | 'town' | 'number' | 'year'>,
  fields: { village: string; text: string; dueDays: number; createdBy: string; carriedFrom: string | null },
  now: Date
): Omit<TaskDoc, '_id'> {
  return {
    town: round.town,
    village: fields.village,
    round: round._id,
    roundNumber: round.number,
    year: round.year,
    text: fields.text,
    dueDays: fields.dueDays,
    dueAt: dueAtFrom(now, fields.dueDays),
    status: 'open',
    createdAt: now,
    createdBy: fields.createdBy,
    note: null,
    doneAt: null,
    doneBy: null,
    verifiedAt: null,
    verifiedBy: null,
    checkedIn: null,
    carriedTo: null,
    carriedFrom: fields.carriedFrom
  }
}
