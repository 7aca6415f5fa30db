/**
 * The county's towns (乡镇/街道): which exist, their units, their campaign content, and the county's
 * ranking of them. Who acts on which town is `townFor`'s rule (server/lib/towns.ts).
 */
import { charCount } from '../../../src/core/text'
import { townsContract, unitImportPrefix } from '../../../src/core/contract'
import { audit } from '../../lib/audit'
import { database } from '../../lib/cloud'
import { readAll, transaction } from '../../lib/data'
import { createMain } from '../../lib/handler'
import { refuse } from '../../lib/refusal'
import { identify, requireAdmin, requireCountyAdmin } from '../../lib/roles'
import { deleteFiles, downloadFile, FileTooLarge, pathOfFileID, trackFile } from '../../lib/storage'
import { allTowns, isVillage, requireTown, TOWNS, UNITS, unitsOf, townFor, type TownDoc, type UnitDoc } from '../../lib/towns'
import { createTown } from './create'
import { countyRanking } from './ranking'
import { readUnitsSheet, rowsOfUnits, SheetError, UNIT_SHEET_MAX_BYTES } from './sheet'
import { saveUnit, toTownUnit } from './units'

const letterLength = (l: TownDoc['letter']) => charCount(`${l.title ?? ''}${l.body}${l.sender}${l.date}`)
const slogansLength = (s: string[]) => s.reduce((n, x) => n + charCount(x), 0)

export const main = createMain('towns', townsContract, {
  async list() {
    const db = database()
    // Every active unit of the county in pages (tens of towns, hundreds of units each): exact totals.
    const [towns, units] = await Promise.all([allTowns(db), readAll<UnitDoc>(db, UNITS, { active: true })])
    const byTown = new Map<string, { units: number; quota: number }>()
    // The villages (村/社区) with their phone quotas: schools, hospitals and stations are inspected, not counted here.
    for (const u of units.filter(isVillage)) {
      const t = byTown.get(u.town) ?? { units: 0, quota: 0 }
      byTown.set(u.town, { units: t.units + 1, quota: t.quota + u.quota })
    }
    return { towns: towns.map((t) => ({ name: t.name, ...(byTown.get(t.name) ?? { units: 0, quota: 0 }) })) }
  },

  async units(event, caller) {
    const db = database()
    const town = await townFor(db, await identify(db, caller), event.town)
    return { town, units: (await unitsOf(db, town)).map(toTownUnit) }
  },

  async create(event, caller) {
    const db = database()
    if (event.units) {
      const who = await requireCountyAdmin(db, caller)
      return createTown(db, who, event.name, rowsOfUnits(event.units), { source: 'rows' })
    }
    const fileID = event.fileID!
    // Someone else's file is neither read nor deleted.
    if (!caller.openid || !(pathOfFileID(fileID) ?? '').startsWith(unitImportPrefix(caller.openid))) {
      await requireCountyAdmin(db, caller)
      return refuse('FORBIDDEN', '只能使用自己刚上传的表格')
    }
    // On the file registry first, and deleted whichever way the call ends.
    await trackFile(fileID, db)
    try {
      const who = await requireCountyAdmin(db, caller)
      let rows
      try {
        // A larger file is refused on its size, before it is read (see downloadFile).
        const bytes = await downloadFile(fileID, '没有找到上传的表格,请重新选择文件', UNIT_SHEET_MAX_BYTES)
        rows = await readUnitsSheet(bytes)
      } catch (error) {
        if (error instanceof FileTooLarge) return refuse('INVALID_INPUT', `表格文件不能超过${UNIT_SHEET_MAX_BYTES / 1024 / 1024}MB`)
        if (!(error instanceof SheetError)) throw error
        return refuse('INVALID_INPUT', error.message)
      }
      return await createTown(db, who, event.name, rows, { source: 'sheet', fileID })
    } finally {
      await deleteFiles([fileID], db).catch(() => 0)
    }
  },

  async saveUnit(event, caller) {
    const db = database()
    const who = await requireAdmin(db, caller)
    const town = await townFor(db, who, event.town)
    return { town, unit: await saveUnit(db, who, town, event) }
  },

  async content(event, caller) {
    const db = database()
    const town = await townFor(db, await identify(db, caller), event.town)
    const doc = await requireTown(db, town)
    return { town, letter: doc.letter, slogans: doc.slogans, updatedAt: doc.updatedAt ? new Date(doc.updatedAt).toISOString() : null }
  },

  async saveContent(event, caller) {
    const db = database()
    const who = await requireAdmin(db, caller)
    const town = await townFor(db, who, event.town)
    await transaction(db, async (tx) => {
      const doc = await requireTown(tx, town)
      const changes: Partial<TownDoc> = { updatedAt: new Date() }
      const detail: Record<string, unknown> = {}
      if (event.letter) {
        changes.letter = event.letter
        detail.letter = { from: letterLength(doc.letter), to: letterLength(event.letter) }
      }
      if (event.slogans) {
        changes.slogans = event.slogans
        detail.slogans = { from: { count: doc.slogans.length, length: slogansLength(doc.slogans) }, to: { count: event.slogans.length, length: slogansLength(event.slogans) } }
      }
      await tx.collection(TOWNS).doc(town).update({ data: { ...changes, updatedBy: who.openid } })
      await audit(tx, db, { actor: who.openid, action: 'towns.saveContent', town, target: town, detail })
    })
    return { town }
  },

  async ranking(_event, caller) {
    await requireCountyAdmin(database(), caller)
    return countyRanking(database())
  }
})
