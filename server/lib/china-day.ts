/** The calendar day in China (UTC+8, no daylight saving) as YYYY-MM-DD: daily limits reset at local midnight. */
export function chinaDay(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}
