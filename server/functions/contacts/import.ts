/** importXlsx: a filled-in 附件2 sheet becomes registrations, row by row, each refusal with its reason. */
import { contactSchema, type Contact } from '../../../src/core/contact'
import type { ImportSkip } from '../../../src/core/contract'
import { charCount, hasRefusedCharacter, stripInvisible } from '../../../src/core/text'
import { AUDIT } from '../../lib/audit'
import type { Db } from '../../lib/data'
import type { Identity } from '../../lib/roles'
import { isVillage, type UnitDoc } from '../../lib/towns'
import { toHalfWidth, type SheetRow } from '../../lib/xlsx'
import { contactIdOf } from './model'
import { conflictAnswers } from './number-budget'
import { CONFLICT_ENTRIES_MAX, CONTACTS, HOLDER_FIELDS, recordConflicts, registerBatch, type ConflictAttempt, type ConflictHolder } from './register'

/**
 * Contacts registered per transaction. One transaction per contact costs five requests (start, add,
 * two counters, commit): measured ~18 ms locally, so 1,000 rows took ~17 s here and would outlast the
 * cloud's 60 s function limit there. A batch of 20 costs 24 requests and is still all-or-nothing with
 * its counters, so stopping anywhere leaves counters equal to a recount. Batches run one after the
 * other: they all raise the same village counter, and in parallel they would only conflict.
 */
export const IMPORT_BATCH = 20
/** Ids looked up per read when sorting out numbers registered before. */
const LOOKUP_BATCH = 100

export interface ImportOutcome {
  imported: number
  skipped: ImportSkip[]
  villages: string[]
}

interface Candidate {
  row: number
  contact: Contact
  id: string
}

/** What the import knows of its town: its name and its units by name. */
export interface ImportTown {
  name: string
  /** The campaign's year the households are registered for. */
  year: number
  units: Map<string, UnitDoc>
}

/** Longest village cell a refusal quotes back (a unit's name is at most 20 characters). */
const QUOTED_VILLAGE_MAX = 20

/**
 * The village a row goes to, or why it cannot go anywhere: a 村(社区) column names a unit of the
 * import's town (an active one), and for a cadre or a chosen village, that one. The cell goes through
 * the core's text rule (invisible characters stripped) before it is compared, and is quoted back only
 * when the rule accepts it and it is short: a reason never carries a bidi override or a page of text.
 */
function villageOfRow(row: SheetRow, who: Identity, town: ImportTown, chosen: string | undefined): { village?: string; refusal?: string } {
  const written = row.cells.village ? stripInvisible(toHalfWidth(row.cells.village)).replace(/\s+/g, '') : undefined
  const quotable = written !== undefined && !hasRefusedCharacter(written) && charCount(written) <= QUOTED_VILLAGE_MAX
  const target = who.role === 'cadre' ? who.village! : chosen
  if (target && written && written !== target) {
    return { refusal: quotable ? `该行村(社区)为“${written}”,只能导入${target}的号码` : `该行村(社区)不是${target},只能导入${target}的号码` }
  }
  if (!target && written) {
    const unit = town.units.get(written)
    if (!unit) return { refusal: quotable ? `该行村(社区)“${written}”不在${town.name}的任务分配表中` : `该行村(社区)不在${town.name}的任务分配表中` }
    if (!unit.active) return { refusal: `${written}已撤销,不能再登记` }
    if (!isVillage(unit)) return { refusal: `${written}是${unit.type},没有电话台账任务` }
  }
  return { village: target ?? written }
}

/**
 * Validates every row with the core's contact schema, refuses duplicates within the file (naming the
 * first row) and numbers registered before (naming only their village), then registers the rest in
 * small transactions with their counters: stopping anywhere leaves counters equal to a recount, and
 * importing the same file again registers nothing new.
 */
/** Where an import came from, for its audit entry. */
export interface ImportSource {
  fileID: string
}

/**
 * The import's audit entry, written with the consent the caller confirmed BEFORE the first row is
 * registered: households imported with no record of who vouched for them cannot exist, even when the
 * function is killed midway. Answers how to complete it with the outcome.
 */
async function openImportEntry(db: Db, who: Identity, town: string, source: ImportSource, villages: string[], rows: number) {
  const { _id } = await db.collection(AUDIT).add({
    data: {
      actor: who.openid,
      action: 'contacts.importXlsx',
      target: source.fileID,
      town,
      detail: { villages, rows, consentConfirmed: true, status: 'started' },
      at: db.serverDate()
    }
  })
  return (status: 'done' | 'failed', imported: number, skipped: number) =>
    db.collection(AUDIT).doc(_id).update({ data: { detail: { villages, rows, consentConfirmed: true, status, imported, skipped }, finishedAt: db.serverDate() } })
}

export async function importRows(db: Db, secret: string, who: Identity, town: ImportTown, rows: SheetRow[], chosen: string | undefined, source: ImportSource): Promise<ImportOutcome> {
  const skipped: ImportSkip[] = []
  const firstRowOf = new Map<string, number>()
  const candidates: Candidate[] = []

  for (const row of rows) {
    const { village, refusal } = villageOfRow(row, who, town, chosen)
    if (refusal) {
      skipped.push({ row: row.row, reason: refusal })
      continue
    }
    const parsed = contactSchema.safeParse({
      village,
      // A blank 包户责任人 is the importing cadre; an admin's rows must name one.
      responsible: row.cells.responsible ?? (who.role === 'cadre' ? who.name : undefined),
      name: row.cells.name,
      phone: row.cells.phone ?? '',
      occupation: row.cells.occupation,
      address: row.cells.address,
      note: row.cells.note
    })
    if (!parsed.success) {
      const messages = [...new Set(parsed.error.issues.map((i) => i.message))]
      skipped.push({ row: row.row, reason: messages.join(';') })
      continue
    }
    const contact = parsed.data
    const first = firstRowOf.get(contact.phone)
    if (first !== undefined) {
      skipped.push({ row: row.row, reason: `与第${first}行的号码重复` })
      continue
    }
    firstRowOf.set(contact.phone, row.row)
    candidates.push({ row: row.row, contact, id: contactIdOf(secret, contact.phone) })
  }

  // Numbers registered before are sorted out with one read per hundred rows, not a transaction each.
  const fresh: Candidate[] = []
  const taken: { row: number; attempt: ConflictAttempt }[] = []
  const _ = db.command
  for (let i = 0; i < candidates.length; i += LOOKUP_BATCH) {
    const batch = candidates.slice(i, i + LOOKUP_BATCH)
    const found = (await db.collection(CONTACTS).where({ _id: _.in(batch.map((c) => c.id)) }).field(HOLDER_FIELDS).limit(LOOKUP_BATCH).get()).data as ConflictHolder[]
    const holderOf = new Map(found.map((d) => [d._id, d]))
    for (const c of batch) {
      const holder = holderOf.get(c.id)
      if (holder) taken.push({ row: c.row, attempt: { holder, village: c.contact.village } })
      else fresh.push(c)
    }
  }
  // Each row of a taken number says as much as the caller's budget of whole-number lookups allows;
  // every one held by someone else is in the audit trail before anything is imported (the first
  // hundred, then a count).
  const answer = async (rows: typeof taken, cap: number) => {
    const answers = await conflictAnswers(db, who, town.name, rows.map((t) => t.attempt.holder))
    rows.forEach((t, k) => skipped.push({ row: t.row, reason: answers[k] }))
    return recordConflicts(db, who, town.name, 'import', rows.map((t) => t.attempt), true, cap)
  }
  const recorded = await answer(taken, CONFLICT_ENTRIES_MAX)
  const racing: typeof taken = []

  const villages = [...new Set(fresh.map((c) => c.contact.village))]

  const close = await openImportEntry(db, who, town.name, source, villages, fresh.length)
  let imported = 0
  try {
    for (let i = 0; i < fresh.length; i += IMPORT_BATCH) {
      const batch = fresh.slice(i, i + IMPORT_BATCH)
      const outcomes = await registerBatch(db, secret, who, town.name, town.year, batch.map((c) => c.contact), 'import')
      outcomes.forEach((outcome, k) => {
        if (outcome.kind === 'stored') imported++
        // Registered meanwhile (by someone else, or by this caller: 'again').
        else if (outcome.kind === 'taken') racing.push({ row: batch[k].row, attempt: { holder: outcome.holder, village: batch[k].contact.village } })
        else skipped.push({ row: batch[k].row, reason: `该号码已在${batch[k].contact.village}登记` })
      })
    }
  } catch (error) {
    // What was stored stays stored; the entry says the import did not finish.
    await close('failed', imported, skipped.length + racing.length).catch(() => undefined)
    throw error
  }
  // Numbers registered by someone else while this import ran: answered and recorded the same way.
  if (racing.length) await answer(racing, CONFLICT_ENTRIES_MAX - recorded)
  await close('done', imported, skipped.length)
  skipped.sort((a, b) => a.row - b.row)
  return { imported, skipped, villages }
}
