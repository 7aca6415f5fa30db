/**
 * A town's units as its admins change them: add one, change its quota or its kind (村/社区, 学校, 医院,
 * 站所, …; only villages have phone quotas), retire or restore it, rename it. A retired unit keeps
 * its documents (figures and history show it); it takes no new work. The towns function and the
 * inspections function (考核对象) both change units through `saveUnit` here.
 *
 * A unit's documents are keyed by its name (unitKey), so a rename rewrites them: the unit, its
 * counter and its latest figures move to the new key in one transaction, then every document naming
 * the unit (contacts, people, invites, responses, cadre counters) is updated in pages. Until that is
 * done the new unit carries `renamePending`, and any later change to it finishes it first.
 */
import type { TownUnit } from '../../../src/core/contract'
import { unitNameSchema, VILLAGE_TYPE } from '../../../src/core/towns'
import { MAX_UNITS_PER_TOWN } from '../../../src/core/units-table'
import { audit } from '../../lib/audit'
import { COLLECTIONS } from '../../lib/collections'
import { findById, MAX_READ, transaction, type Db, type Stored } from '../../lib/data'
import { refuse } from '../../lib/refusal'
import type { Identity } from '../../lib/roles'
import { unitKey, UNITS, unitsOf, type UnitDoc, type UnitType } from '../../lib/towns'

interface RenamingUnit extends UnitDoc {
  /** The name before the last rename; `renamePending` while its documents are still being rewritten. */
  renamedFrom?: string
  renamePending?: boolean
}

/** Documents keyed by unitKey: moved to the new key with the unit. */
const KEYED = [COLLECTIONS.villageCounters, COLLECTIONS.villageStats, COLLECTIONS.visitCounters, COLLECTIONS.concernCounters]
/**
 * Documents that name their unit in `village` (with `town`): rewritten in pages, so a renamed unit's
 * concerns, inspection scores and 整改 tasks stay its own (one line in the history, not two).
 */
const NAMING = [
  COLLECTIONS.contacts,
  COLLECTIONS.users,
  COLLECTIONS.invites,
  COLLECTIONS.surveyResponses,
  COLLECTIONS.cadreCounters,
  COLLECTIONS.visits,
  COLLECTIONS.concerns,
  COLLECTIONS.inspectionScores,
  COLLECTIONS.inspectionTasks
]

export const toTownUnit = (u: UnitDoc): TownUnit => ({ name: u.name, quota: u.quota, active: u.active, order: u.order, type: u.type ?? VILLAGE_TYPE })

export interface SaveUnitEvent {
  name: string
  rename?: string
  quota?: number
  active?: boolean
  /** A new unit's kind (default 村/社区), or a new kind for one; only a village has a quota. */
  type?: UnitType
}

/**
 * The quota a unit of kind `type` ends with: a village needs one (given now or kept), any other kind
 * has none (0). Refused before anything is written.
 */
function quotaFor(type: UnitType, given: number | undefined, kept: number, name: string): number {
  if (type !== VILLAGE_TYPE) {
    if (given !== undefined && given > 0) refuse('INVALID_INPUT', `${name}是${type},只有村(社区)有电话任务数`)
    return 0
  }
  const quota = given ?? kept
  if (!(quota > 0)) refuse('INVALID_INPUT', `${name}为村(社区),请同时填写电话任务数`)
  return quota
}

/** Every document of `town` naming unit `from` now names `to`; in pages of ids, never one capped read. */
async function rewriteNames(db: Db, town: string, from: string, to: string): Promise<number> {
  const _ = db.command
  let rewritten = 0
  for (const collection of NAMING) {
    for (;;) {
      const page = (await db.collection(collection).where({ town, village: from }).field({ _id: true }).limit(MAX_READ).get()).data as unknown as Stored[]
      if (page.length === 0) break
      const res = (await db
        .collection(collection)
        .where({ _id: _.in(page.map((d) => d._id)), town, village: from })
        .update({ data: { village: to } })) as { stats: { updated: number } }
      rewritten += res.stats.updated
    }
  }
  // A user releasing households of the old name (a revocation midway) releases them under the new one.
  await db.collection(COLLECTIONS.users).where({ town, releasing: from }).update({ data: { releasing: to } })
  return rewritten
}

/** Finishes a rename an earlier call left midway (a crash, a timeout). */
async function finishRename(db: Db, unit: RenamingUnit): Promise<RenamingUnit> {
  if (!unit.renamePending || !unit.renamedFrom) return unit
  await rewriteNames(db, unit.town, unit.renamedFrom, unit.name)
  await db.collection(UNITS).doc(unit._id).update({ data: { renamePending: false } })
  return { ...unit, renamePending: false }
}

export async function saveUnit(db: Db, who: Identity, town: string, event: SaveUnitEvent): Promise<TownUnit> {
  const name = unitNameSchema.parse(event.name)
  const rename = event.rename === undefined ? undefined : unitNameSchema.parse(event.rename)
  let unit = await findById<RenamingUnit>(db, UNITS, unitKey(town, name))
  if (!unit && rename !== undefined) {
    // The same rename sent again after it was done (or half done): finish it, answer the unit.
    const renamed = await findById<RenamingUnit>(db, UNITS, unitKey(town, rename))
    if (renamed && renamed.renamedFrom === name) return toTownUnit(await finishRename(db, renamed))
    return refuse('NOT_FOUND', `${name}不在${town}的任务分配表中`)
  }
  if (!unit) return addUnit(db, who, town, name, event)
  unit = await finishRename(db, unit)

  const changes: Partial<RenamingUnit> = {}
  const was = unit.type ?? VILLAGE_TYPE
  const type = event.type ?? was
  const quota = quotaFor(type, event.quota, unit.quota, name)
  if (type !== was) changes.type = type
  if (quota !== unit.quota) changes.quota = quota
  if (event.active !== undefined && event.active !== unit.active) changes.active = event.active
  const renaming = rename !== undefined && rename !== name ? rename : undefined
  if (!renaming && Object.keys(changes).length === 0) return toTownUnit(unit)
  const detail = {
    unit: name,
    ...(changes.quota !== undefined ? { quota: { from: unit.quota, to: changes.quota } } : {}),
    ...(changes.type !== undefined ? { type: { from: was, to: changes.type } } : {}),
    ...(changes.active !== undefined ? { active: changes.active } : {}),
    ...(renaming ? { rename: { from: name, to: renaming } } : {})
  }

  if (!renaming) {
    await transaction(db, async (tx) => {
      await tx.collection(UNITS).doc(unit!._id).update({ data: changes })
      await audit(tx, db, { actor: who.openid, action: 'towns.saveUnit', town, target: unit!._id, detail })
    })
    return toTownUnit({ ...unit, ...changes })
  }

  const next: RenamingUnit = { ...unit, ...changes, _id: unitKey(town, renaming), name: renaming, renamedFrom: name, renamePending: true }
  await transaction(db, async (tx) => {
    if (await findById<UnitDoc>(tx, UNITS, next._id)) refuse('CONFLICT', `${town}已有${renaming},请换一个名称`)
    const { _id: newId, ...fields } = next
    await tx.collection(UNITS).doc(newId).set({ data: fields })
    await tx.collection(UNITS).doc(unit!._id).remove()
    for (const collection of KEYED) {
      const doc = await findById<Stored & Record<string, unknown>>(tx, collection, unit!._id)
      if (!doc) continue
      const { _id: _old, ...rest } = doc
      await tx.collection(collection).doc(newId).set({ data: { ...rest, town, village: renaming } })
      await tx.collection(collection).doc(unit!._id).remove()
    }
    await audit(tx, db, { actor: who.openid, action: 'towns.saveUnit', town, target: newId, detail })
  })
  return toTownUnit(await finishRename(db, next))
}

async function addUnit(db: Db, who: Identity, town: string, name: string, event: SaveUnitEvent): Promise<TownUnit> {
  const type = event.type ?? VILLAGE_TYPE
  if (type === VILLAGE_TYPE && event.quota === undefined) return refuse('NOT_FOUND', `${name}不在${town}的任务分配表中;新增村(社区)请同时填写任务数`)
  const quota = quotaFor(type, event.quota, 0, name)
  const units = await unitsOf(db, town)
  if (units.length >= MAX_UNITS_PER_TOWN) refuse('INVALID_INPUT', `一个乡镇(街道)最多${MAX_UNITS_PER_TOWN}个村(社区)`)
  const doc: UnitDoc = {
    _id: unitKey(town, name),
    town,
    name,
    quota,
    order: units.reduce((max, u) => Math.max(max, u.order + 1), 0),
    type,
    active: event.active ?? true
  }
  await transaction(db, async (tx) => {
    if (await findById<UnitDoc>(tx, UNITS, doc._id)) refuse('CONFLICT', `${town}已有${name}`)
    const { _id, ...fields } = doc
    await tx.collection(UNITS).doc(_id).set({ data: fields })
    await audit(tx, db, { actor: who.openid, action: 'towns.saveUnit', town, target: _id, detail: { unit: name, added: true, quota: doc.quota, type, active: doc.active } })
  })
  return toTownUnit(doc)
}
