/**
 * Towns, units, counters and people written straight into the local database (fast enough for a
 * county of 30 towns and 1,200 units), in the shapes the functions keep them.
 */
import { seedContent, unitKey } from '../../src/core/towns'
import type { LocalDatabase } from '../../localcloud/db'

export interface SeedUnit {
  name: string
  quota: number
  active?: boolean
}

/** A town and its units (ids unitKey(town, unit)), as towns.create leaves them. */
export function seedTown(db: LocalDatabase, name: string, order: number, units: SeedUnit[]): void {
  db.insert('towns', { _id: name, name, order, ...seedContent(), createdAt: new Date(), createdBy: 'test', updatedAt: null })
  if (units.length) {
    db.insert(
      'villages',
      units.map((u, i) => ({ _id: unitKey(name, u.name), town: name, name: u.name, quota: u.quota, order: i, type: '村/社区', active: u.active ?? true }))
    )
  }
}

/** Sets a village's maintained counter (village_counters/<unitKey>). */
export function setVillageCounter(db: LocalDatabase, town: string, village: string, registered: number): void {
  db.modify('village_counters', { filter: { _id: unitKey(town, village) }, update: { $set: { town, village, registered } }, multi: false, merge: true, upsert: true }, Date.now())
}

/** A person bound to a town: a cadre of one of its villages, or its town admin. */
export function seedPerson(db: LocalDatabase, openid: string, person: { role: 'cadre' | 'townAdmin'; town: string; village?: string; name?: string }): void {
  db.insert('users', { _id: openid, role: person.role, town: person.town, village: person.village ?? null, name: person.name ?? openid, invite: 'SEEDED', since: new Date(), revokedAt: null })
}
