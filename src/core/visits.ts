/**
 * 入户走访: a household's status in the visit list, in words. Kept apart from the visits contract
 * (zod schemas) because the resident concern page shows the same status chip.
 */
export const VISIT_STATUSES = ['unvisited', 'incomplete', 'complete'] as const
export type VisitStatus = (typeof VISIT_STATUSES)[number]
export const VISIT_STATUS_LABELS: Record<VisitStatus, string> = { unvisited: '未走访', incomplete: '未完成', complete: '已完成' }
