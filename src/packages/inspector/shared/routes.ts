/** Where the inspector pages live (the `packages/inspector` subpackage of app.config.ts). */
export const INSPECTOR_PAGES = {
  home: '/packages/inspector/home/index',
  score: '/packages/inspector/score/index',
  verify: '/packages/inspector/verify/index'
} as const

/** The score screen of one unit in one round. */
export function scoreUrl(round: string, unit: string): string {
  return `${INSPECTOR_PAGES.score}?round=${encodeURIComponent(round)}&unit=${encodeURIComponent(unit)}`
}

/** The query may arrive still percent-encoded (WeChat passes it as written in the URL). */
export function queryParam(raw: string | undefined): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}
