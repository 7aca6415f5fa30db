/**
 * Completion and ranking of villages, as the plan's inspections use them (六、奖惩措施):
 * the first five are rewarded, the last three summoned.
 */
export interface VillageFigures {
  village: string
  quota: number
  registered: number
}

export type RankFlag = 'top' | 'bottom' | null

export type Ranked<T extends VillageFigures> = T & RankFields

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

/** Rank where ties share the best place: the number of villages strictly better, plus one. */
function sharedRanks(rates: number[], better: (a: number, b: number) => boolean): number[] {
  return rates.map((r) => rates.filter((other) => better(other, r)).length + 1)
}

/**
 * Ranks villages by completion rate. 'top': within the first five by rank; 'bottom': within the last
 * three counted from the end. A tie can straddle both ends, so a village at the lowest rate is never
 * 'top' and one at the highest rate never 'bottom': 21 villages tied at 0% share the bottom, not the top,
 * and when every rate is equal (the start of a campaign) nobody is flagged.
 * Order: rank, then the order given (the plan's table order).
 */
export function rankVillages<T extends VillageFigures>(figures: readonly T[]): Ranked<T>[] {
  const rates = figures.map((f) => completionRate(f.registered, f.quota))
  const ranks = sharedRanks(rates, (a, b) => a > b)
  const fromEnd = sharedRanks(rates, (a, b) => a < b)
  const best = Math.max(...rates)
  const worst = Math.min(...rates)
  const rows = figures.map((f, i) => {
    let flag: RankFlag = null
    if (ranks[i] <= TOP_COUNT && rates[i] > worst) flag = 'top'
    else if (fromEnd[i] <= BOTTOM_COUNT && rates[i] < best) flag = 'bottom'
    return { ...f, rate: rates[i], rank: ranks[i], flag, order: i }
  })
  rows.sort((a, b) => a.rank - b.rank || a.order - b.order)
  return rows.map(({ order: _order, ...row }) => row as unknown as Ranked<T>)
}

export function totals(figures: readonly VillageFigures[]): { quota: number; registered: number; rate: number } {
  const quota = figures.reduce((s, f) => s + f.quota, 0)
  const registered = figures.reduce((s, f) => s + f.registered, 0)
  return { quota, registered, rate: completionRate(registered, quota) }
}

export type RankedVillage = Ranked<VillageFigures>
