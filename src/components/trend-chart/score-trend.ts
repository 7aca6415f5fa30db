import type { AnswerOf, InspectionsContract } from '../../core/contract'
import { formatPoints } from '../figures/points'
import type { TrendPoint } from '.'

/** One unit's 督查 scores round by round (`inspections.history`), as trend points: score and rank, rounds it was not scored in left out. */
export function scoreTrend(history: AnswerOf<InspectionsContract, 'history'> | null | undefined, unit: string): TrendPoint[] {
  const line = history?.units.find((u) => u.unit === unit)
  const points: TrendPoint[] = []
  history?.rounds.forEach((r, i) => {
    const score = line?.scores[i]
    if (score === null || score === undefined) return
    const rank = line?.ranks[i]
    points.push({ key: r.id, label: `第${r.number}轮`, value: score, text: `${formatPoints(score)}${rank ? `·${rank}名` : ''}`, current: r.status === 'open' })
  })
  return points
}
