import { countyTable, rankCounty, rankVillages, totals, type Ranked, type VillageFigures } from '../../../src/core/ranking'
import { COLLECTIONS } from '../../lib/collections'
import { MAX_READ, readAll, type Db, type Stored } from '../../lib/data'
import { TOWNS, unitsOf, UNITS, type TownDoc, type UnitDoc } from '../../lib/towns'

/** village_counters/<unitKey(town, village)>: maintained by the contacts function in each registration's transaction. */
export interface VillageCounterDoc extends Stored {
  town: string
  village: string
  registered: number
}

export type Figures = VillageFigures
export interface VillageRanking {
  rows: Ranked<Figures>[]
  total: ReturnType<typeof totals>
}

const counts = (counters: VillageCounterDoc[]) => new Map(counters.map((c) => [c._id, c.registered]))

/**
 * A town's active villages with their quotas and registrations, from the units and their maintained
 * counters: a few small documents per village whatever the number of contacts, so exact at any size.
 */
export async function currentFigures(db: Db, town: string): Promise<Figures[]> {
  const [units, counters] = await Promise.all([unitsOf(db, town), readAll<VillageCounterDoc>(db, COLLECTIONS.villageCounters, { town })])
  return countyTable([town], units, counts(counters))[0].villages
}

export function rankTown(figures: readonly Figures[]): VillageRanking {
  return { rows: rankVillages(figures), total: totals(figures) }
}

export async function currentRanking(db: Db, town: string): Promise<VillageRanking> {
  return rankTown(await currentFigures(db, town))
}

/**
 * Every town's villages with their figures: every unit and every counter of the county, each read in
 * pages (1,000 a read), so the county's figures stay exact past the cloud's read limits.
 */
export async function countyFigures(db: Db): Promise<{ town: string; villages: Figures[] }[]> {
  const [towns, units, counters] = await Promise.all([
    townNames(db),
    readAll<UnitDoc>(db, UNITS),
    readAll<VillageCounterDoc>(db, COLLECTIONS.villageCounters)
  ])
  return countyTable(towns, units, counts(counters))
}

/** Every town's name in creation order, in pages; only the names (a town's letter is most of its document). */
async function townNames(db: Db): Promise<string[]> {
  const towns: Pick<TownDoc, 'name' | 'order'>[] = []
  for (let skip = 0; ; skip += MAX_READ) {
    const res = await db.collection(TOWNS).field({ name: true, order: true }).orderBy('_id', 'asc').skip(skip).limit(MAX_READ).get()
    towns.push(...(res.data as unknown as TownDoc[]))
    if (res.data.length < MAX_READ) break
  }
  return towns.sort((a, b) => a.order - b.order).map((t) => t.name)
}

export { rankCounty }
