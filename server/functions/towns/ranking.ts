/**
 * The county's view (towns.ranking): towns ranked by phone-ledger completion (registered ÷ quota of
 * their active villages), by the same rules as villages, with the change since the last county round.
 */
import type { AnswerOf, TownsContract } from '../../../src/core/contract'
import { currentCampaign } from '../../lib/campaign'
import type { Db } from '../../lib/data'
import { countyFigures, rankCounty } from '../stats/figures'
import { latestCountyRound } from '../stats/rounds'

export async function countyRanking(db: Db): Promise<AnswerOf<TownsContract, 'ranking'>> {
  const year = (await currentCampaign(db)).year
  const [table, previous] = await Promise.all([countyFigures(db), latestCountyRound(db, year)])
  const { rows, total } = rankCounty(table)
  const before = new Map((previous?.rows ?? []).map((r) => [r.town, r]))
  return {
    rows: rows.map((row) => {
      const old = before.get(row.town)
      return { ...row, change: old ? { registered: row.registered - old.registered, rank: old.rank - row.rank } : null }
    }),
    total,
    previousRound: previous ? { day: previous.day, takenAt: new Date(previous.takenAt).toISOString() } : null
  }
}
