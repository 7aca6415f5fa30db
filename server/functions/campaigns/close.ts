/**
 * Closing a campaign (PIPL art. 19: no longer than needed): its figures and rankings stay, read-only;
 * its personal data goes. In order, each step safe to run again, so a close cut short by the function
 * timeout is finished by sending it again:
 *
 * 1. the campaign becomes `closing`: from then on every write of its work is refused (`workYear`);
 * 2. the final round (本年度最终排名) of every town and of the county is kept in stat_snapshots (with the
 *    year), village_stats and town_stats, from the counters as they stand — taken once;
 * 3. the households (contacts) of the year, then their visit records (notes, who visited whom), in
 *    pages of 1,000 until none is left; the village, cadre and visit counters are recounted (to 0);
 * 4. the callback numbers of the year's concerns (the concerns themselves, without a number, stay);
 * 5. every uploaded and exported sheet: the registered files of the import and export folders, and
 *    the contact exports the audit trail names;
 * 6. `closed`, with what was removed (added up over the runs) and an audit entry.
 */
import { closeConfirmation, type CampaignStatus } from '../../../src/core/campaigns'
import { CONTACT_IMPORT_DIR, QUESTIONNAIRE_EXPORT_DIR, QUESTIONNAIRE_IMPORT_DIR, UNIT_IMPORT_DIR, type RemovedCounts } from '../../../src/core/contract'
import { audit, AUDIT } from '../../lib/audit'
import { CAMPAIGNS, campaignId, CURRENT_DOC, currentCampaign, NOTHING_REMOVED, pointerOf, yearWhere, type CampaignDoc } from '../../lib/campaign'
import { chinaDay } from '../../lib/china-day'
import { COLLECTIONS } from '../../lib/collections'
import { findById, MAX_READ, readAll, transaction, type Db } from '../../lib/data'
import { refuse } from '../../lib/refusal'
import type { Identity } from '../../lib/roles'
import { deleteFiles, deleteFolder } from '../../lib/storage'
import { recountAll } from '../contacts/counters'
import { countyFigures, rankCounty, rankTown } from '../stats/figures'
import { writeCountyRound, writeTownRounds } from '../stats/rounds'
import { recountVisits } from '../visits/model'

/** Folders of cloud storage that hold sheets of the year's work (uploads and exports). */
export const SHEET_FOLDERS = [CONTACT_IMPORT_DIR, 'contact-exports', UNIT_IMPORT_DIR, QUESTIONNAIRE_IMPORT_DIR, QUESTIONNAIRE_EXPORT_DIR]

type Step = keyof RemovedCounts

async function addRemoved(db: Db, year: number, step: Step, n: number): Promise<void> {
  if (n > 0) await db.collection(CAMPAIGNS).doc(campaignId(year)).update({ data: { [`removed.${step}`]: db.command.inc(n) } })
}

/** Removes every document of `collection` matching `where`, a page of ids at a time, until none is left. */
async function removeAll(db: Db, collection: string, where: object, onPage: (n: number) => Promise<void>): Promise<void> {
  const _ = db.command
  for (;;) {
    const page = (await db.collection(collection).where(where).field({ _id: true }).limit(MAX_READ).get()).data as { _id: string }[]
    if (page.length === 0) return
    const res = await db.collection(collection).where({ _id: _.in(page.map((d) => d._id)) }).remove()
    await onPage(res.stats.removed)
  }
}

export async function closeCampaign(db: Db, admin: Identity, year: number, confirm: string): Promise<{ year: number; status: CampaignStatus; removed: RemovedCounts }> {
  if (confirm.trim() !== closeConfirmation(year)) refuse('INVALID_INPUT', `请输入“${closeConfirmation(year)}”以确认关闭`)
  const _ = db.command
  // 1. closing: refused writes from here on. Only the current campaign can be closed (older ones are).
  const started = await transaction(db, async (tx) => {
    const current = await currentCampaign(tx)
    const doc = await findById<CampaignDoc>(tx, CAMPAIGNS, campaignId(year))
    if (!doc) return refuse('NOT_FOUND', `没有${year}年的测评`)
    if (doc.status === 'closed') return doc
    if (current.year !== year) return refuse('CONFLICT', `${year}年不是当前的测评年度`)
    if (doc.status === 'current') {
      await tx.collection(CAMPAIGNS).doc(doc._id).update({ data: { status: 'closing', closingStartedAt: new Date(), closedBy: admin.openid } })
      // The pointer every write of the work checks: refused from this commit on.
      await tx.collection(COLLECTIONS.settings).doc(CURRENT_DOC).set({ data: pointerOf({ ...doc, status: 'closing' }) })
      await audit(tx, db, { actor: admin.openid, action: 'campaigns.close.started', target: doc._id, detail: { year } })
    }
    return { ...doc, status: 'closing' as const }
  })
  if (started.status === 'closed') return { year, status: 'closed', removed: { ...NOTHING_REMOVED, ...started.removed } }

  // 2. The year's final standing, before the households (and so the counters) go.
  if (!started.finalRound) {
    const meta = { day: chinaDay(), takenAt: new Date(), takenBy: 'close', year }
    const table = await countyFigures(db)
    await writeTownRounds(db, table.map(({ town, villages }) => ({ town, ...rankTown(villages) })), meta)
    await writeCountyRound(db, rankCounty(table), meta)
    await db.collection(CAMPAIGNS).doc(started._id).update({ data: { finalRound: meta.day } })
  }

  // 3. Households and their visit records, then the counters they fed.
  const ofYear = yearWhere(_, year)
  await removeAll(db, COLLECTIONS.contacts, ofYear, (n) => addRemoved(db, year, 'contacts', n))
  await removeAll(db, COLLECTIONS.visits, ofYear, (n) => addRemoved(db, year, 'visits', n))
  await recountAll(db, COLLECTIONS.contacts)
  await recountVisits(db, COLLECTIONS.contacts)

  // 4. Callback numbers: a concern keeps its text, category, replies and figures, without the number.
  const withCallback = _.and([ofYear, { callback: _.neq(null) }])
  for (;;) {
    const page = (await db.collection(COLLECTIONS.concerns).where(withCallback).field({ _id: true }).limit(MAX_READ).get()).data as { _id: string }[]
    if (page.length === 0) break
    const res = await db.collection(COLLECTIONS.concerns).where({ _id: _.in(page.map((d) => d._id)) }).update({ data: { callback: null } })
    await addRemoved(db, year, 'callbacks', res.stats.updated)
  }

  // 5. Sheets: every registered upload and export, and exports from before the registry (named by the audit trail).
  let files = 0
  for (const folder of SHEET_FOLDERS) files += await deleteFolder(folder, undefined, db)
  const exports = await readAll<{ _id: string; target?: string }>(db, AUDIT, { action: 'contacts.exportXlsx' })
  files += await deleteFiles(exports.map((e) => e.target).filter((t): t is string => Boolean(t)), db)
  await addRemoved(db, year, 'files', files)

  // 6. Closed.
  const closedAt = new Date()
  await transaction(db, async (tx) => {
    await tx.collection(CAMPAIGNS).doc(started._id).update({ data: { status: 'closed', closedAt } })
    await tx.collection(COLLECTIONS.settings).doc(CURRENT_DOC).set({ data: pointerOf({ ...started, status: 'closed' }) })
  })
  const done = (await findById<CampaignDoc>(db, CAMPAIGNS, started._id))!
  const removed = { ...NOTHING_REMOVED, ...done.removed }
  await audit(db, db, { actor: admin.openid, action: 'campaigns.close', target: started._id, detail: { year, removed, finalRound: done.finalRound ?? null } })
  return { year, status: 'closed', removed }
}
