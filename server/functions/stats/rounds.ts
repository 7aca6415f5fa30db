/**
 * Inspection rounds (督查): a town's ranking of villages, and the county's ranking of towns, as they
 * stood when the round was taken. One document per day each: a second round the same day replaces
 * the first. The latest table is also kept one document per row, to read in the cloud console.
 */
import type { RankedRow, TownRank } from '../../../src/core/contract'
import { unitKey } from '../../../src/core/towns'
import { COLLECTIONS } from '../../lib/collections'
import { yearWhere } from '../../lib/campaign'
import { readAll, type Db, type Stored } from '../../lib/data'

export type Total = { quota: number; registered: number; rate: number }
export type CountyRow = Omit<TownRank, 'change'>

interface RoundMeta {
  day: string
  takenAt: Date
  takenBy: string
  /** The campaign's year (absent on rounds from before campaigns: 2023). `takenBy: 'close'` is its final round. */
  year?: number
}

/** stat_snapshots/<town>/<day> */
export interface TownRoundDoc extends Stored, RoundMeta {
  scope: 'town'
  town: string
  rows: RankedRow[]
  total: Total
}

/** stat_snapshots/county/<day> */
export interface CountyRoundDoc extends Stored, RoundMeta {
  scope: 'county'
  rows: CountyRow[]
  total: Total
}

export const townRoundId = (town: string, day: string): string => `${town}/${day}`
export const countyRoundId = (day: string): string => `county/${day}`

export const toRound = (s: RoundMeta) => ({ day: s.day, takenAt: new Date(s.takenAt).toISOString(), takenBy: s.takenBy })

async function latest<T>(db: Db, where: object): Promise<T | null> {
  const res = await db.collection(COLLECTIONS.statSnapshots).where(where).orderBy('day', 'desc').limit(1).get()
  return (res.data[0] as unknown as T | undefined) ?? null
}

/** Rounds of one campaign year only (default: all): a new year's changes are against its own rounds. */
const ofYear = (db: Db, where: object, year?: number) => (year === undefined ? where : db.command.and([where, yearWhere(db.command, year)]))

export const latestTownRound = (db: Db, town: string, year?: number) => latest<TownRoundDoc>(db, ofYear(db, { scope: 'town', town }, year))
export const latestCountyRound = (db: Db, year?: number) => latest<CountyRoundDoc>(db, ofYear(db, { scope: 'county' }, year))

/** Every round of a town (of one campaign year, when given), oldest first. */
export const townRounds = (db: Db, town: string, year?: number) => readAll<TownRoundDoc>(db, COLLECTIONS.statSnapshots, ofYear(db, { scope: 'town', town }, year), ['day', 'asc'])

/** Writes in flight at once: a county's round is hundreds of small writes, each a request of its own. */
const WRITES_IN_FLIGHT = 32

async function runLimited(writes: (() => Promise<unknown>)[]): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < writes.length) await writes[next++]()
  }
  await Promise.all(Array.from({ length: Math.min(WRITES_IN_FLIGHT, writes.length) }, worker))
}

/** Towns' rounds, and their latest tables in village_stats (one document per village, id unitKey). */
export async function writeTownRounds(db: Db, rounds: { town: string; rows: RankedRow[]; total: Total }[], meta: RoundMeta): Promise<void> {
  const snapshots = db.collection(COLLECTIONS.statSnapshots)
  const villageStats = db.collection(COLLECTIONS.villageStats)
  await runLimited(
    rounds.flatMap(({ town, rows, total }) => [
      () => snapshots.doc(townRoundId(town, meta.day)).set({ data: { scope: 'town', town, ...meta, rows, total } }),
      ...rows.map((row) => () => villageStats.doc(unitKey(town, row.village)).set({ data: { town, ...row, day: meta.day, updatedAt: meta.takenAt } }))
    ])
  )
}

/** The county's round, and its latest table in town_stats (one document per town, id the town's name). */
export async function writeCountyRound(db: Db, ranking: { rows: CountyRow[]; total: Total }, meta: RoundMeta): Promise<void> {
  const { rows, total } = ranking
  await db.collection(COLLECTIONS.statSnapshots).doc(countyRoundId(meta.day)).set({ data: { scope: 'county', ...meta, rows, total } })
  await runLimited(rows.map((row) => () => db.collection(COLLECTIONS.townStats).doc(row.town).set({ data: { ...row, day: meta.day, updatedAt: meta.takenAt } })))
}
