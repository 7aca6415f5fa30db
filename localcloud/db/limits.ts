/**
 * The real cloud's limits, applied by the wire layer (the admin API is unlimited on purpose).
 * Sources: wx-server-sdk 4.0.2 source (get limit 100 by default, clamped to 1000) and
 * /work/shared/notes/wechat-cloud.md (aggregate: 20 rows without $limit per a community report,
 * at most 10,000 with one; 16 MB documents; 1024-byte indexed values).
 */
export const GET_DEFAULT_LIMIT = 100
export const GET_MAX_LIMIT = 1000
export const AGGREGATE_DEFAULT_LIMIT = 20
export const AGGREGATE_MAX_LIMIT = 10000
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
export const MAX_INDEXED_VALUE_BYTES = 1024
/** Abandoned transactions are dropped after this (MongoDB's default transaction lifetime). */
export const TRANSACTION_LIFETIME_MS = 60_000

/** Limit for `database.getDocument`: missing or invalid → 100, above 1000 → 1000. */
export function clampGetLimit(limit: unknown): number {
  if (typeof limit !== 'number' || !Number.isFinite(limit) || limit <= 0) return GET_DEFAULT_LIMIT
  return Math.min(Math.floor(limit), GET_MAX_LIMIT)
}

export function clampOffset(offset: unknown): number {
  if (typeof offset !== 'number' || !Number.isFinite(offset) || offset <= 0) return 0
  return Math.floor(offset)
}

type Stage = Record<string, unknown>

/** Clamps `$limit` stages to 10,000 and says whether the pipeline has one at all. */
export function clampAggregateStages(stages: Stage[]): { stages: Stage[]; hasLimit: boolean } {
  let hasLimit = false
  const out = stages.map((stage) => {
    if (!('$limit' in stage)) return stage
    hasLimit = true
    const n = stage.$limit
    return typeof n === 'number' && n > AGGREGATE_MAX_LIMIT ? { $limit: AGGREGATE_MAX_LIMIT } : stage
  })
  return { stages: out, hasLimit }
}

/** Rows an aggregation may return: 20 without a `$limit` stage, else at most 10,000. */
export function aggregateRowCap(hasLimit: boolean): number {
  return hasLimit ? AGGREGATE_MAX_LIMIT : AGGREGATE_DEFAULT_LIMIT
}
