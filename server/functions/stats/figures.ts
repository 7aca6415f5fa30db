import { rankVillages, totals, type Ranked, type VillageFigures } from '../../../src/core/ranking'
import type { VillageName } from '../../../src/core/villages'
import { COLLECTIONS } from '../../lib/collections'
import { readAll, type Db, type Stored } from '../../lib/data'

export interface VillageDoc extends Stored {
  name: VillageName
  quota: number
  order: number
}
export interface VillageCounterDoc extends Stored {
  village: VillageName
  registered: number
}

/**
 * Every village's quota and registrations, from the villages and their maintained counters:
 * 23 + 23 small documents whatever the number of contacts, so the figures are exact at any size.
 */
export interface Figures extends VillageFigures {
  village: VillageName
}

export async function currentFigures(db: Db): Promise<Figures[]> {
  const [villages, counters] = await Promise.all([
    readAll<VillageDoc>(db, COLLECTIONS.villages, {}, ['order', 'asc']),
    readAll<VillageCounterDoc>(db, COLLECTIONS.villageCounters)
  ])
  const registered = new Map(counters.map((c) => [c._id, c.registered]))
  return villages.map((v) => ({ village: v.name, quota: v.quota, registered: registered.get(v.name) ?? 0 }))
}

export async function currentRanking(db: Db): Promise<{ rows: Ranked<Figures>[]; total: ReturnType<typeof totals> }> {
  const figures = await currentFigures(db)
  return { rows: rankVillages(figures), total: totals(figures) }
}
