/**
 * Completion and ranking, as the plan's inspections use them (六、奖惩措施): the first five are
 * rewarded, the last three summoned. The same rules rank a town's villages and the county's towns.
 */
export interface Completion {
  quota: number
  registered: number
}

export interface VillageFigures extends Completion {
  village: string
}

export interface TownFigures extends Completion {
  town: string
}

export type RankFlag = 'top' | 'bottom' | null

export type Ranked<T extends Completion> = T & RankFields

export interface RankFields {
  /** registered ÷ quota; may pass 1 (100%). 0 when the quota is 0. */
  rate: number
  /** 1-based, by rate, highest first; equal rates share a rank (1, 2, 2, 4). */
  rank: number
  flag: RankFlag
}

export const TOP_COUNT = 5
export const BOTTOM_COUNT = 3

export function completionRate(registered: number, quota: number): number {
  return quota > 0 ? registered / quota : 0
}

/** Rank where ties share the best place: the number of rows strictly better, plus one. */
function sharedRanks(values: readonly number[], better: (a: number, b: number) => boolean): number[] {
  return values.map((r) => values.filter((other) => better(other, r)).length + 1)
}

/**
 * The plan's rank and flag of each value (highest first), in the order given. 'top': within the first
 * five by rank; 'bottom': within the last three counted from the end. A tie can straddle both ends,
 * so a row at the lowest value is never 'top' and one at the highest value never 'bottom': 21
 * villages tied at 0% share the bottom, not the top, and when every value is equal (the start of a
 * campaign) nobody is flagged. The one rule for completion rates and inspection scores alike.
 */
export function rankValues(values: readonly number[]): { rank: number; flag: RankFlag }[] {
  const ranks = sharedRanks(values, (a, b) => a > b)
  const fromEnd = sharedRanks(values, (a, b) => a < b)
  const best = Math.max(...values)
  const worst = Math.min(...values)
  return values.map((v, i) => {
    let flag: RankFlag = null
    if (ranks[i] <= TOP_COUNT && v > worst) flag = 'top'
    else if (fromEnd[i] <= BOTTOM_COUNT && v < best) flag = 'bottom'
    return { rank: ranks[i], flag }
  })
}

/**
 * Ranks rows (villages, towns) by completion rate (see rankValues for the flags).
 * Order: rank, then the order given (the plan's table order, the towns' creation order).
 */
export function rankByRate<T extends Completion>(rows: readonly T[]): Ranked<T>[] {
  const rates = rows.map((f) => completionRate(f.registered, f.quota))
  const placed = rankValues(rates)
  const ranked = rows.map((f, i) => ({ row: { ...f, rate: rates[i], rank: placed[i].rank, flag: placed[i].flag } as Ranked<T>, order: i }))
  ranked.sort((a, b) => a.row.rank - b.row.rank || a.order - b.order)
  return ranked.map((r) => r.row)
}

/** A town's villages ranked (see rankByRate). */
export const rankVillages = <T extends VillageFigures>(figures: readonly T[]): Ranked<T>[] => rankByRate(figures)

/** The county's towns ranked by the same rules as villages. */
export const rankTowns = <T extends TownFigures>(figures: readonly T[]): Ranked<T>[] => rankByRate(figures)

export function totals(figures: readonly Completion[]): { quota: number; registered: number; rate: number } {
  const quota = figures.reduce((s, f) => s + f.quota, 0)
  const registered = figures.reduce((s, f) => s + f.registered, 0)
  return { quota, registered, rate: completionRate(registered, quota) }
}

/** A unit as stored (`_id` = unitKey(town, name)); only what the figures need. */
export interface UnitRecord {
  _id: string
  town: string
  name: string
  quota: number
  order: number
  active?: boolean
  type?: string
}

/**
 * Whether a unit takes part in the phone-ledger ranking: an active village (村/社区). Retired units
 * keep their history but no longer score; other kinds of unit have no phone quota.
 */
export function isRankedUnit(unit: Pick<UnitRecord, 'active' | 'type'>): boolean {
  return unit.active !== false && (unit.type === undefined || unit.type === '村/社区')
}

/**
 * Each town's ranked villages with their registrations (`registered`: by unit id, from the
 * maintained counters), in the table's order. Every town named appears, in the order given; a town
 * with no village has none. A town's figures for the county are the totals of its villages.
 */
export function countyTable(
  towns: readonly string[],
  units: readonly UnitRecord[],
  registered: ReadonlyMap<string, number>
): { town: string; villages: VillageFigures[] }[] {
  const byTown = new Map(towns.map((town) => [town, [] as UnitRecord[]]))
  for (const unit of units) if (isRankedUnit(unit)) byTown.get(unit.town)?.push(unit)
  return [...byTown].map(([town, list]) => ({
    town,
    villages: [...list].sort((a, b) => a.order - b.order).map((u) => ({ village: u.name, quota: u.quota, registered: registered.get(u._id) ?? 0 }))
  }))
}

/** The county's towns ranked, each with the totals of its villages. */
export function rankCounty(table: readonly { town: string; villages: readonly Completion[] }[]): {
  rows: RankedTown[]
  total: { quota: number; registered: number; rate: number }
} {
  const figures = table.map(({ town, villages }) => {
    const { quota, registered } = totals(villages)
    return { town, quota, registered }
  })
  return { rows: rankTowns(figures), total: totals(figures) }
}

export type RankedVillage = Ranked<VillageFigures>
export type RankedTown = Ranked<TownFigures>
