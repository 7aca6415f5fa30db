/** Campaign documents as the contract shows them, and the first campaign made where it is missing. */
import { deletionNotice } from '../../../src/core/campaigns'
import type { Campaign } from '../../../src/core/contract'
import { CAMPAIGNS, campaignId, CURRENT_DOC, firstCampaign, NOTHING_REMOVED, pointerOf, type CampaignDoc } from '../../lib/campaign'
import { COLLECTIONS } from '../../lib/collections'
import { findById, isDuplicateKey, readAll, type Db } from '../../lib/data'

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null)

export function toCampaign(doc: CampaignDoc): Campaign {
  const closedAt = iso(doc.closedAt)
  return {
    year: doc.year,
    name: doc.name,
    status: doc.status,
    questionnaireVersion: doc.questionnaireVersion,
    phases: doc.phases,
    endsOn: doc.endsOn,
    closedAt,
    removed: doc.status === 'current' ? null : { ...NOTHING_REMOVED, ...doc.removed },
    deletionNotice: deletionNotice({ year: doc.year, status: doc.status, endsOn: doc.endsOn, closedAt: closedAt && chinaDate(closedAt) })
  }
}

/** An instant's China date as YYYY-MM-DD (the campaign's clock, whatever the server's zone). */
export const chinaDate = (iso: string): string => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10)

/**
 * Stores the first campaign (2023) and points `current` at it, where no campaign was ever stored: at
 * first start (setup.init) and before any change to campaigns. Never touches one that exists.
 * Answers 1 when it made it.
 */
export async function ensureFirstCampaign(db: Db, by: string): Promise<number> {
  if (await findById(db, COLLECTIONS.settings, CURRENT_DOC)) return 0
  const first = firstCampaign(by)
  let made = 0
  try {
    await db.collection(CAMPAIGNS).add({ data: { _id: campaignId(first.year), ...first } })
    made = 1
  } catch (error) {
    // Another call made it first.
    if (!isDuplicateKey(error)) throw error
  }
  try {
    await db.collection(COLLECTIONS.settings).add({ data: { _id: CURRENT_DOC, ...pointerOf(first) } })
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
  }
  return made
}

/** Every campaign, newest first (a handful: one a year). */
export async function allCampaigns(db: Db): Promise<CampaignDoc[]> {
  const docs = await readAll<CampaignDoc>(db, CAMPAIGNS)
  return docs.sort((a, b) => b.year - a.year)
}
