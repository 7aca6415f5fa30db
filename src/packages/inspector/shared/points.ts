/** Scores are whole or half points (the contract's rule): 0, 0.5, 1, … up to an item's maximum. */
export function pointChoices(max: number): number[] {
  const out: number[] = []
  for (let half = 0; half <= Math.round(max * 2); half++) out.push(half / 2)
  return out
}

/** Within [0, max], on the half-point grid. */
export function clampPoints(value: number, max: number): number {
  return Math.min(max, Math.max(0, Math.round(value * 2) / 2))
}

export { formatPoints } from '../../../components/figures/points'

/**
 * Where the inspector goes after saving `current`: the next unit not scored yet in the round's order,
 * wrapping around to the ones before it; null when every other unit is scored.
 */
export function nextUnscored(units: readonly { unit: string; score: number | null }[], current: string): string | null {
  const at = units.findIndex((u) => u.unit === current)
  for (let step = 1; step <= units.length; step++) {
    const u = units[(at + step + units.length) % units.length]
    if (u && u.unit !== current && u.score === null) return u.unit
  }
  return null
}
