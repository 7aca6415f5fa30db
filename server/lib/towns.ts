/**
 * Towns and their units in the database, and the one rule of which town a call acts on.
 * Every list, figure, export and audit entry is scoped by the town this returns.
 */
import { DEFAULT_TOWN, unitKey, VILLAGE_TYPE, type Letter, type UnitKind } from '../../src/core/towns'
import { COLLECTIONS } from './collections'
import { findById, readAll, type Db, type Stored, type TransactionScope } from './data'
import { refuse } from './refusal'
import type { Identity } from './roles'

export { DEFAULT_TOWN, unitKey }

export const TOWNS = COLLECTIONS.towns
export const UNITS = COLLECTIONS.villages

export interface TownDoc extends Stored {
  name: string
  /** Creation order: the default (seed) town is 0; lists and rankings keep this order for ties. */
  order: number
  letter: Letter
  slogans: string[]
  createdAt: Date
  createdBy: string
  updatedAt?: Date | null
}

export type UnitType = UnitKind

/** A unit of a town; `_id` is unitKey(town, name). Only villages (村/社区) have phone quotas. */
export interface UnitDoc extends Stored {
  town: string
  name: string
  quota: number
  order: number
  type: UnitType
  /** false once retired: its history stays, it takes no new registrations, invites or scores. */
  active: boolean
}

type Queryable = Db | TransactionScope

export async function findTown(on: Queryable, town: string): Promise<TownDoc | null> {
  return findById<TownDoc>(on, TOWNS, town)
}

export async function requireTown(on: Queryable, town: string): Promise<TownDoc> {
  const doc = await findTown(on, town)
  if (!doc) return refuse('NOT_FOUND', `没有“${town}”这个乡镇(街道)`)
  return doc
}

/**
 * The town a call acts on. A county admin names any existing town, or gets the default one; a town
 * admin, an inspector and a cadre act only on their own (naming another is FORBIDDEN); a resident
 * names the town whose content they read (or gets the default one).
 */
export async function townFor(db: Db, who: Identity, asked: string | undefined): Promise<string> {
  if ((who.role === 'townAdmin' || who.role === 'inspector' || who.role === 'cadre') && who.town) {
    if (asked !== undefined && asked !== who.town) refuse('FORBIDDEN', `您属于${who.town},不能处理${asked}的事务`)
    return who.town
  }
  const town = asked ?? DEFAULT_TOWN
  await requireTown(db, town)
  return town
}

/** A unit of the town, by name; retired ones only where `allowRetired` (history, figures). */
export async function requireUnit(on: Queryable, town: string, name: string, allowRetired = false): Promise<UnitDoc> {
  const unit = await findById<UnitDoc>(on, UNITS, unitKey(town, name))
  if (!unit) return refuse('INVALID_INPUT', `${name}不在${town}的任务分配表中`)
  if (!unit.active && !allowRetired) refuse('INVALID_INPUT', `${name}已撤销,不能再登记或分配`)
  return unit
}

/** A village (村/社区): the only kind of unit with a phone quota, households and visits. */
export const isVillage = (unit: Pick<UnitDoc, 'type'>): boolean => (unit.type ?? VILLAGE_TYPE) === VILLAGE_TYPE

/** Refuses households (registrations, imports, visits) for a unit that is not a village. */
export function requireVillage(unit: UnitDoc): UnitDoc {
  if (!isVillage(unit)) refuse('INVALID_INPUT', `${unit.name}是${unit.type},没有电话台账任务,不登记住户、不记录走访`)
  return unit
}

/** Every unit of a town in the table's order (a town has at most a few hundred: one paged read). */
export async function unitsOf(db: Db, town: string): Promise<UnitDoc[]> {
  const units = await readAll<UnitDoc>(db, UNITS, { town })
  return units.sort((a, b) => a.order - b.order)
}

/** Every town in creation order (a county has tens of towns). */
export async function allTowns(db: Db): Promise<TownDoc[]> {
  const towns = await readAll<TownDoc>(db, TOWNS, {})
  return towns.sort((a, b) => a.order - b.order)
}
