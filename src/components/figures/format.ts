/** How figures are written on the admin pages and their components: one place, so every table and card reads alike. */

/** 1.12 → "112%", 0.025 → "2.5%", 0.0033 → "0.3%": one decimal at most, none when it is .0. */
export function percent(rate: number): string {
  const tenths = Math.round(rate * 1000) / 10
  return `${tenths}%`
}

/** A rank change since the previous round: places gained are ▲, places lost ▼. */
export function rankChange(places: number): string {
  if (places > 0) return `▲${places}`
  if (places < 0) return `▼${-places}`
  return '持平'
}

/** Registrations since the previous round, always signed: "+45", "-3", "+0". */
export function countChange(n: number): string {
  return n < 0 ? `-${-n}` : `+${n}`
}

const CHINA_OFFSET_MS = 8 * 3600_000

/** An ISO instant as China time (the campaign's clock, whatever the phone's zone): "2023-09-10 14:05". */
export function chinaDateTime(iso: string): string {
  const t = new Date(iso).getTime()
  if (Number.isNaN(t)) return iso
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

/** An ISO instant as a China date: "2023-09-10". */
export function chinaDate(iso: string): string {
  return chinaDateTime(iso).slice(0, 10)
}

/** "2023-09-10" → "9-10", for chart labels. */
export function shortDay(day: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(day)
  return m ? `${Number(m[1])}-${Number(m[2])}` : day
}

/** Invite codes are read aloud and typed by hand: two groups of five. */
export function groupedCode(code: string): string {
  return code.length === 10 ? `${code.slice(0, 5)} ${code.slice(5)}` : code
}
