import { COLLECTIONS } from './collections'
import type { Db, TransactionScope } from './db-types'

export const AUDIT = COLLECTIONS.audit

/** One line of the audit trail: who did what to which thing, and when (server time). */
export interface AuditEntry {
  actor: string
  action: string
  /** The town the action concerns (absent for county-wide ones): every audit entry is scoped to a town. */
  town?: string | null
  target?: string
  detail?: Record<string, unknown>
}

export async function audit(on: Db | TransactionScope, db: Db, entry: AuditEntry): Promise<void> {
  await on.collection(AUDIT).add({ data: { ...entry, at: db.serverDate() } })
}
