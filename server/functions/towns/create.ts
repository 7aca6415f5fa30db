/**
 * A town made from its 附件3 (rows typed in the app, or an uploaded sheet): the good rows become units,
 * the bad ones are reported by row. Creating a town that exists adds only the units it lacks, so
 * sending the same table again changes nothing.
 */
import { draftContent } from '../../../src/core/towns'
import { MAX_UNITS_PER_TOWN, readUnitsTable, type SkippedRow, type TableRow } from '../../../src/core/units-table'
import { audit } from '../../lib/audit'
import { findById, transaction, type Db } from '../../lib/data'
import { refuse } from '../../lib/refusal'
import type { Identity } from '../../lib/roles'
import { allTowns, findTown, TOWNS, unitKey, UNITS, unitsOf, type TownDoc, type UnitDoc } from '../../lib/towns'

/** Units written per transaction: a few hundred rows stay well inside one call, and a failure midway is finished by sending the table again. */
const UNITS_PER_TRANSACTION = 50

export interface CreateOutcome {
  name: string
  created: boolean
  unitsAdded: number
  skipped: SkippedRow[]
}

const listed = (skipped: SkippedRow[]) => skipped.map((s) => `第${s.row}行:${s.reason}`).join(';')

export async function createTown(db: Db, who: Identity, name: string, rows: TableRow[], source: Record<string, unknown>): Promise<CreateOutcome> {
  const table = readUnitsTable(rows)
  const existing = await findTown(db, name)
  // Nothing to make a new town of: refused before anything is written, every bad row named.
  if (!existing && table.units.length === 0) {
    refuse('INVALID_INPUT', table.skipped.length ? `没有可用的村(社区),请修改后重试:${listed(table.skipped)}` : '请至少填写一个村(社区)及其任务数')
  }
  const have = existing ? await unitsOf(db, name) : []
  const known = new Set(have.map((u) => u.name))
  const fresh = table.units.filter((u) => !known.has(u.name))
  const room = Math.max(0, MAX_UNITS_PER_TOWN - have.length)
  const adding = fresh.slice(0, room)
  const skipped = [...table.skipped]
  if (fresh.length > room) skipped.push({ row: 0, reason: `一个乡镇(街道)最多${MAX_UNITS_PER_TOWN}个村(社区),${fresh.slice(room).map((u) => u.name).join('、')}未添加` })

  let created = false
  if (!existing) {
    const order = (await allTowns(db)).reduce((max, t) => Math.max(max, t.order), 0) + 1
    const doc: Omit<TownDoc, '_id'> = { name, order, ...draftContent(name), createdAt: new Date(), createdBy: who.openid, updatedAt: null }
    created = await transaction(db, async (tx) => {
      // Two county admins creating the same town at once: one makes it, the other adds to it.
      if (await findById<TownDoc>(tx, TOWNS, name)) return false
      await tx.collection(TOWNS).doc(name).set({ data: doc })
      return true
    })
  }
  let order = have.reduce((max, u) => Math.max(max, u.order + 1), 0)
  let unitsAdded = 0
  for (let i = 0; i < adding.length; i += UNITS_PER_TRANSACTION) {
    const batch = adding.slice(i, i + UNITS_PER_TRANSACTION)
    unitsAdded += await transaction(db, async (tx) => {
      let added = 0
      for (const unit of batch) {
        const id = unitKey(name, unit.name)
        if (await findById<UnitDoc>(tx, UNITS, id)) continue
        const doc: Omit<UnitDoc, '_id'> = { town: name, name: unit.name, quota: unit.quota, order: order + added, type: '村/社区', active: true }
        await tx.collection(UNITS).doc(id).set({ data: doc })
        added++
      }
      return added
    })
    order += batch.length
  }
  if (created || unitsAdded) {
    await audit(db, db, { actor: who.openid, action: 'towns.create', town: name, target: name, detail: { created, unitsAdded, skipped: skipped.length, ...source } })
  }
  return { name, created, unitsAdded, skipped }
}
