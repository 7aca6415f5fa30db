/** 2 → "2", 2.5 → "2.5", 83.333 → "83.3": how inspection points and scores are written everywhere. */
export function formatPoints(n: number): string {
  return String(Math.round(n * 10) / 10)
}
