import { randomBytes } from 'crypto'
import { contactSchema } from '../../../src/core/contact'
import {
  CONTACT_FIELDS,
  CONTACT_IMPORT_DIR,
  contactImportPrefix,
  contactSearchOf,
  contactsContract,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  INSPECTION_PHOTO_DIR,
  OTHER_TOWN,
  SEARCH_DIGITS_INVALID,
  UNIT_IMPORT_DIR
} from '../../../src/core/contract'
import { contactSheetTitle, contactSheetUnit } from '../../../src/core/towns'
import { audit, AUDIT } from '../../lib/audit'
import { workYear } from '../../lib/campaign'
import { isTimer } from '../../lib/caller'
import { database } from '../../lib/cloud'
import { countWhere, findById, isDuplicateKey, readAll, readPage, transaction, type Db, type Stored } from '../../lib/data'
import { createMain } from '../../lib/handler'
import { refuse } from '../../lib/refusal'
import { requireAdmin, requireCadreOrAdmin, requireCountyAdmin, type Identity } from '../../lib/roles'
import { respondentSecret } from '../../lib/secret'
import { deleteFiles, deleteFolder, downloadFile, FileTooLarge, pathOfFileID, temporaryUrl, trackFile, trackPath, uploadFile } from '../../lib/storage'
import { requireUnit, requireVillage, townFor, unitsOf } from '../../lib/towns'
import { readContactSheet, SheetError, writeContactSheet } from '../../lib/xlsx'
import { bumpVillage, dropHolder, recountAll, withCounters } from './counters'
import { importRows } from './import'
import { leaveVillage, reassign } from './ownership'
import { contactFields, contactIdOf, heldWhere, inTownOf, mayHold, toItem, type ContactDoc } from './model'
import { conflictAnswer, countNumberSearch } from './number-budget'
import { CONFLICT_ACTION, CONTACTS, recordConflicts, registerContact, type ConflictDetail } from './register'
import { bumpVisits, dropVisits, flagsOf, recountVisits, VISITS } from '../visits/model'

/** How long an export's download link works; the file itself stays until the purge. */
const EXPORT_LINK_SECONDS = 30 * 60
const EXPORT_DIR = 'contact-exports'
/** Uploads older than this are removed by the daily sweep. */
const UPLOAD_MAX_AGE_MS = 24 * 3600_000

/**
 * The village a cadre or admin acts on, within `town`. A cadre acts only on their own (naming
 * another is FORBIDDEN); an admin names a unit of the town (retired ones too: their history can be
 * read), or none for "all villages of the town" where `allowAll`.
 */
async function villageFor(db: Db, who: Identity, town: string, asked: string | undefined, allowAll: boolean): Promise<string | undefined> {
  if (who.role === 'cadre') {
    if (asked && asked !== who.village) {
      // A name that is no unit of the town is a mistake, not a trespass.
      await requireUnit(db, town, asked, true)
      refuse('FORBIDDEN', `您是${who.village}的干部,不能处理${asked}的联系人`)
    }
    return who.village
  }
  if (!asked) {
    if (!allowAll) refuse('INVALID_INPUT', '管理员请选择村(社区)')
    return undefined
  }
  return (await requireUnit(db, town, asked, true)).name
}

/**
 * The town an action on named households (by id) acts on: `townFor`'s, except that a county admin
 * who names none acts on each household's own town (undefined: no restriction), so the conflicts
 * view can lead straight to any town's household.
 */
async function townOfHouseholds(db: Db, who: Identity, asked: string | undefined): Promise<string | undefined> {
  if (who.role === 'admin' && asked === undefined) return undefined
  return townFor(db, who, asked)
}

/** A household of another town than the one acted on is out of reach, whatever else the caller may do. */
function requireTownOf(doc: ContactDoc, who: Identity, town: string | undefined): void {
  if (town !== undefined && doc.town !== town) refuse('FORBIDDEN', `该联系人不属于${town}`)
  if (!inTownOf(doc, who)) refuse('FORBIDDEN', '只能处理本乡镇(街道)的联系人')
}

function requireOwn(doc: ContactDoc, who: Identity, what: string): void {
  if (!mayHold(doc, who)) refuse('FORBIDDEN', `只能${what}自己负责的联系人`)
}

/**
 * The list filter of a search, within `scope` (the town and its village, or every village of the
 * town for an admin). It never finds more than the list shows: digits are the 尾号 (shown) or a
 * whole valid number (counted for a cadre), never a part that would reveal a masked digit; a name is
 * matched in full only, and for a cadre only among the households they hold (others show 孙* and are
 * found by their 尾号).
 */
async function searchWhere(db: Db, who: Identity, town: string, scope: object, text: string): Promise<object> {
  const search = contactSearchOf(text)
  switch (search.kind) {
    case 'invalid':
      return refuse('INVALID_INPUT', SEARCH_DIGITS_INVALID)
    case 'last4':
      return { ...scope, phoneLast4: search.last4 }
    case 'number': {
      const where = { ...scope, phoneDigits: search.phone.replace(/-/g, '') }
      if (who.role === 'cadre') await countNumberSearch(db, who, town, search.phone, await countWhere(db, CONTACTS, where))
      return where
    }
    case 'name':
      return who.role === 'cadre' ? { ...scope, ...heldWhere(who), name: search.name } : { ...scope, name: search.name }
  }
}

/** A `contacts.conflict` audit entry as the conflicts view reads it; `town` is the attempt's. */
interface ConflictEntry extends Stored {
  target: string
  town?: string
  detail: ConflictDetail
  at: Date
}

export const main = createMain('contacts', contactsContract, {
  async register(event, caller) {
    const db = database()
    const who = await requireCadreOrAdmin(db, caller)
    // A household is registered for the current campaign, while it is open.
    const { year } = await workYear(db)
    const town = await townFor(db, who, event.town)
    const village = (await villageFor(db, who, town, event.village, false))!
    // A retired unit takes no new households (its history stays); nor does a unit that is not a village.
    requireVillage(await requireUnit(db, town, village))
    const responsible = event.responsible ?? (who.role === 'cadre' ? who.name : undefined)
    if (!responsible) refuse('INVALID_INPUT', '管理员登记时请填写包户责任人')
    const contact = contactSchema.parse({ ...event, village, responsible })
    const secret = await respondentSecret(db)
    const outcome = await registerContact(db, secret, who, town, year, contact, 'form', true, event.registrationId)
    if (outcome.kind === 'taken') refuse('CONFLICT', await conflictAnswer(db, who, town, outcome.holder))
    return { id: outcome.id, town, village, phoneMasked: contactFields(contact).phoneMasked, stored: outcome.kind === 'stored' }
  },

  async update(event, caller) {
    const db = database()
    const who = await requireCadreOrAdmin(db, caller)
    await workYear(db)
    const town = await townOfHouseholds(db, who, event.town)
    const present = CONTACT_FIELDS.filter((f) => f in event)
    if (present.length === 0) refuse('INVALID_INPUT', '没有要修改的内容')
    if (event.village && who.role === 'cadre' && event.village !== who.village) refuse('FORBIDDEN', '只有管理员可以把联系人改到其他村(社区)')
    const secret = await respondentSecret(db)
    let newId = event.id
    let attemptTown: string = town ?? ''
    let attemptVillage: string = event.village ?? who.village ?? ''
    try {
      return await withCounters(db, () => transaction(db, async (tx) => {
        const existing = await findById<ContactDoc>(tx, CONTACTS, event.id)
        if (!existing) return refuse('NOT_FOUND', '没有这条联系人记录,可能已被删除')
        requireTownOf(existing, who, town)
        requireOwn(existing, who, '修改')
        const merged: Record<string, unknown> = { village: existing.village, responsible: existing.responsible, name: existing.name, phone: existing.phone, occupation: existing.occupation, address: existing.address, note: existing.note }
        for (const f of present) merged[f] = event[f]
        const contact = contactSchema.parse(merged)
        // A household stays in its town; a move goes to an active unit of that town.
        const moved = contact.village !== existing.village
        if (moved) requireVillage(await requireUnit(tx, existing.town, contact.village))
        newId = contactIdOf(secret, contact.phone)
        attemptTown = existing.town
        attemptVillage = contact.village
        const { _id: _old, ...kept } = existing
        const doc = { ...kept, occupation: undefined, address: undefined, note: undefined, ...contactFields(contact), updatedAt: new Date() }
        const clean = Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined))
        if (moved) Object.assign(clean, await leaveVillage(tx, db, existing))
        if (newId === existing._id) {
          await tx.collection(CONTACTS).doc(existing._id).set({ data: clean })
        } else {
          // A new number is a new id: the old document goes, the new one must not exist yet.
          await tx.collection(CONTACTS).doc(existing._id).remove()
          await tx.collection(CONTACTS).add({ data: { _id: newId, ...clean } })
        }
        if (moved) {
          await bumpVillage(tx, db, existing.town, existing.village, -1)
          await bumpVillage(tx, db, existing.town, contact.village, 1)
          // Its visit ticks go with it.
          await dropVisits(tx, db, existing)
          await bumpVisits(tx, db, existing.town, contact.village, flagsOf(existing.visit))
        }
        // A new number or village is audited with the write itself (masked: the trail holds no number).
        if (newId !== existing._id || moved) {
          await audit(tx, db, {
            actor: who.openid,
            action: 'contacts.update',
            target: newId,
            town: existing.town,
            detail: { from: existing._id, phoneBefore: existing.phoneMasked, phoneAfter: clean.phoneMasked, villageBefore: existing.village, villageAfter: contact.village }
          })
        }
        return { id: newId, town: existing.town, village: contact.village, phoneMasked: clean.phoneMasked as string }
      }))
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      const holder = await findById<ContactDoc>(db, CONTACTS, newId)
      if (!holder) return refuse('CONFLICT', '该号码刚被登记,请刷新后重试')
      await recordConflicts(db, who, attemptTown, 'update', [{ holder, village: attemptVillage }])
      return refuse('CONFLICT', await conflictAnswer(db, who, attemptTown, holder))
    }
  },

  async remove(event, caller) {
    const db = database()
    const who = await requireCadreOrAdmin(db, caller)
    await workYear(db)
    const town = await townOfHouseholds(db, who, event.town)
    await withCounters(db, () => transaction(db, async (tx) => {
      const existing = await findById<ContactDoc>(tx, CONTACTS, event.id)
      if (!existing) return refuse('NOT_FOUND', '没有这条联系人记录,可能已被删除')
      requireTownOf(existing, who, town)
      requireOwn(existing, who, '删除')
      await tx.collection(CONTACTS).doc(existing._id).remove()
      await bumpVillage(tx, db, existing.town, existing.village, -1)
      await dropHolder(tx, db, existing)
      await dropVisits(tx, db, existing)
      await audit(tx, db, { actor: who.openid, action: 'contacts.remove', target: existing._id, town: existing.town, detail: { village: existing.village } })
    }))
    return { id: event.id }
  },

  async list(event, caller) {
    const db = database()
    const who = await requireCadreOrAdmin(db, caller)
    const town = await townFor(db, who, event.town)
    const village = await villageFor(db, who, town, event.village, true)
    // Nobody holds it: owner null (a missing owner, from before holders existed, matches null too).
    const scope = { town, ...(village ? { village } : {}), ...(event.unassigned ? { owner: null } : {}) }
    const where = event.search ? await searchWhere(db, who, town, scope, event.search) : scope
    const { items, total } = await readPage<ContactDoc>(db, CONTACTS, {
      where,
      orderBy: [
        ['createdAt', 'desc'],
        ['_id', 'desc']
      ],
      page: event.page,
      pageSize: event.pageSize
    })
    return { contacts: items.map((doc) => toItem(doc, who)), total }
  },

  async reveal(event, caller) {
    const db = database()
    const who = await requireCadreOrAdmin(db, caller)
    const town = await townOfHouseholds(db, who, event.town)
    const doc = await findById<ContactDoc>(db, CONTACTS, event.id)
    if (!doc) return refuse('NOT_FOUND', '没有这条联系人记录,可能已被删除')
    requireTownOf(doc, who, town)
    if (!mayHold(doc, who)) refuse('FORBIDDEN', '只能查看自己负责的联系人的完整号码')
    // Written before the number leaves: no audit entry, no number.
    await audit(db, db, { actor: who.openid, action: 'contacts.reveal', target: doc._id, town: doc.town, detail: { village: doc.village } })
    return { id: doc._id, phone: doc.phone }
  },

  async reassign(event, caller) {
    const db = database()
    const who = await requireCadreOrAdmin(db, caller)
    await workYear(db)
    return reassign(db, who, await townOfHouseholds(db, who, event.town), event.ids, event.to)
  },

  async prepareImport(_event, caller) {
    const db = database()
    const who = await requireCadreOrAdmin(db, caller)
    const cloudPath = `${contactImportPrefix(who.openid)}${randomBytes(12).toString('hex')}.xlsx`
    await trackPath(cloudPath, db)
    return { cloudPath }
  },

  async importXlsx(event, caller) {
    const db = database()
    const path = pathOfFileID(event.fileID) ?? ''
    // Someone else's file is neither read nor deleted.
    if (!caller.openid || !path.startsWith(contactImportPrefix(caller.openid))) {
      await requireCadreOrAdmin(db, caller)
      return refuse('FORBIDDEN', '只能导入自己刚上传的表格')
    }
    // The upload holds residents' numbers: every way out of here deletes it (finally), and it is on the
    // file registry first, so a crash that never reaches the finally leaves it to the daily sweep.
    await trackFile(event.fileID, db)
    try {
      const who = await requireCadreOrAdmin(db, caller)
      const { year } = await workYear(db)
      const town = await townFor(db, who, event.town)
      const chosen = who.role === 'cadre' ? await villageFor(db, who, town, event.village, false) : event.village
      // A chosen (or the cadre's) unit must take new households; a 村(社区) column is checked row by row.
      if (chosen) requireVillage(await requireUnit(db, town, chosen))
      let sheet
      try {
        // A larger file is refused on its size, before it is read (see downloadFile).
        const bytes = await downloadFile(event.fileID, '没有找到上传的表格,请重新选择文件', IMPORT_MAX_BYTES)
        // Any town's title is accepted: the sheet goes to the town the call acts on.
        sheet = await readContactSheet(bytes, IMPORT_MAX_ROWS)
      } catch (error) {
        if (error instanceof FileTooLarge) return refuse('INVALID_INPUT', `表格文件不能超过${IMPORT_MAX_BYTES / 1024 / 1024}MB`)
        if (!(error instanceof SheetError)) throw error
        return refuse('INVALID_INPUT', error.message)
      }
      if (!chosen && !sheet.hasVillage) refuse('INVALID_INPUT', '管理员导入时请选择村(社区),或在表格中加一列“村(社区)”')
      const units = new Map((await unitsOf(db, town)).map((u) => [u.name, u]))
      const secret = await respondentSecret(db)
      // Audited (with the consent) before the first row is registered, completed with the outcome.
      const outcome = await importRows(db, secret, who, { name: town, year, units }, sheet.rows, chosen, { fileID: event.fileID })
      return { imported: outcome.imported, skipped: outcome.skipped }
    } finally {
      await deleteFiles([event.fileID], db).catch(() => 0)
    }
  },

  async exportXlsx(event, caller) {
    const db = database()
    const who = await requireCadreOrAdmin(db, caller)
    const town = await townFor(db, who, event.town)
    const village = await villageFor(db, who, town, event.village, true)
    // A cadre's sheet holds what they may reveal, nothing more; a whole village's sheet is an admin's.
    const docs = await readAll<ContactDoc>(db, CONTACTS, who.role === 'cadre' ? heldWhere(who) : village ? { town, village } : { town })
    const order = new Map((await unitsOf(db, town)).map((u) => [u.name, u.order]))
    docs.sort(
      (a, b) =>
        (order.get(a.village) ?? Infinity) - (order.get(b.village) ?? Infinity) ||
        new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() ||
        (a._id < b._id ? -1 : 1)
    )
    const unit = village ? `${contactSheetUnit(town)}${village}` : contactSheetUnit(town)
    const bytes = await writeContactSheet(docs, { title: contactSheetTitle(town), unit, withVillage: !village })
    const stamp = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19).replace(/[-:T]/g, '')
    const fileID = await uploadFile(`${EXPORT_DIR}/${stamp}-${randomBytes(6).toString('hex')}.xlsx`, bytes)
    try {
      // The entry's town is how a town's purge finds the town's exported sheets.
      await audit(db, db, { actor: who.openid, action: 'contacts.exportXlsx', target: fileID, town, detail: { village: village ?? '全部', rows: docs.length, fileID } })
    } catch (error) {
      // An export nobody can account for must not exist.
      await deleteFiles([fileID]).catch(() => 0)
      throw error
    }
    return { fileID, tempFileURL: await temporaryUrl(fileID, EXPORT_LINK_SECONDS), rows: docs.length }
  },

  async conflicts(event, caller) {
    const db = database()
    const who = await requireAdmin(db, caller)
    const _ = db.command
    // A county admin sees every town's conflicts (or one town's); a town admin those touching their town.
    const town = who.role === 'admin' && event.town === undefined ? undefined : await townFor(db, who, event.town)
    const where = town === undefined ? { action: CONFLICT_ACTION } : _.and([{ action: CONFLICT_ACTION }, _.or([{ town }, { 'detail.holderTown': town }])])
    const { items, total } = await readPage<ConflictEntry>(db, AUDIT, {
      where,
      orderBy: [
        ['at', 'desc'],
        ['_id', 'desc']
      ],
      page: event.page,
      pageSize: event.pageSize
    })
    // The side in another town is shown to a town admin as 其他乡镇, without its people's names.
    const shown = (side: string) => who.role === 'admin' || side === town
    return {
      conflicts: items.map((e) => {
        const d = e.detail
        const holder = shown(d.holderTown)
        const attempt = shown(d.attemptTown)
        return {
          id: e._id,
          contactId: e.target,
          phoneMasked: d.phoneMasked,
          holderTown: holder ? d.holderTown : OTHER_TOWN,
          holderVillage: holder ? d.holderVillage : '',
          holderResponsible: holder ? d.holderResponsible : '',
          attemptTown: attempt ? d.attemptTown : OTHER_TOWN,
          attemptVillage: attempt ? d.attemptVillage : '',
          attemptBy: attempt ? d.attemptBy : '',
          at: new Date(e.at).toISOString()
        }
      }),
      total
    }
  },

  async purge(event, caller) {
    const db = database()
    const admin = await requireAdmin(db, caller)
    // A county admin naming no town empties every town; otherwise one town (a town admin: their own).
    const town = admin.role === 'admin' && event.town === undefined ? undefined : await townFor(db, admin, event.town)
    const scope = town === undefined ? {} : { town }
    const _ = db.command
    let removed = 0
    // Pages of removes until none is left: no single capped read decides what "all" is.
    for (;;) {
      const page = (await db.collection(CONTACTS).where(scope).field({ _id: true }).limit(1000).get()).data as { _id: string }[]
      if (page.length === 0) break
      const res = await db.collection(CONTACTS).where({ _id: _.in(page.map((d) => d._id)) }).remove()
      removed += res.stats.removed
    }
    let filesDeleted = 0
    if (town === undefined) {
      // Both folders, emptied from the file registry (the SDK cannot list a folder): every export and
      // every upload an import was handed. Exports made before the registry are named by the audit trail.
      for (const folder of [CONTACT_IMPORT_DIR, EXPORT_DIR]) filesDeleted += await deleteFolder(folder, undefined, db)
    }
    // One town's exported sheets are the ones its export entries name; uploads are deleted by each
    // import itself (what a crash left, the daily sweep takes: it cannot be told which town's it is).
    const exports = await readAll<{ _id: string; target?: string }>(db, AUDIT, { action: 'contacts.exportXlsx', ...scope })
    filesDeleted += await deleteFiles(exports.map((e) => e.target).filter((t): t is string => Boolean(t)), db)
    // The visit records (notes, who visited whom) go with the households, the same way; the figures are recounted.
    for (;;) {
      const page = (await db.collection(VISITS).where(scope).field({ _id: true }).limit(1000).get()).data as { _id: string }[]
      if (page.length === 0) break
      await db.collection(VISITS).where({ _id: _.in(page.map((d) => d._id)) }).remove()
    }
    await recountAll(db, CONTACTS, town)
    await recountVisits(db, CONTACTS, town)
    await audit(db, db, { actor: admin.openid, action: 'contacts.purge', town: town ?? null, detail: { removed, filesDeleted } })
    return { removed, filesDeleted }
  },

  async sweepUploads(_event, caller) {
    const db = database()
    // County-wide storage housekeeping: the timer's or a county admin's.
    const actor = isTimer(caller) ? 'timer' : (await requireCountyAdmin(db, caller)).openid
    // An import (of contacts, or a town's 附件3 sheet: towns.create) deletes its upload on every path
    // it survives; what is left a day later was a crash, or a path prepareImport gave and nobody used.
    const before = new Date(Date.now() - UPLOAD_MAX_AGE_MS)
    let filesDeleted = 0
    for (const folder of [CONTACT_IMPORT_DIR, UNIT_IMPORT_DIR]) filesDeleted += await deleteFolder(folder, before, db)
    // Inspection photos: preparePhoto registers each path it gives; those no score took (a photo
    // taken and then not saved, a score abandoned) go, the ones scores show stay.
    filesDeleted += await deleteFolder(INSPECTION_PHOTO_DIR, before, db, { keptToo: false })
    if (filesDeleted) await audit(db, db, { actor, action: 'contacts.sweepUploads', detail: { filesDeleted } })
    return { filesDeleted }
  }
}, { timerAction: 'sweepUploads' })
