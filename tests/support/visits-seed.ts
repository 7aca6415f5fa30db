/**
 * Households written straight into the local database (thousands in milliseconds) in the shape
 * contacts.register leaves them, with their village and cadre counters; and the recount that every
 * visits test ends on: each visit counter equals a count of its unit's ticked contacts.
 */
import { createHash } from 'crypto'
import { maskPhone } from '../../src/core/contact'
import { VISIT_FLAGS } from '../../src/core/contract'
import { unitKey } from '../../src/core/towns'
import type { LocalDatabase } from '../../localcloud/db'

export interface SeedHouseholds {
  town: string
  village: string
  count: number
  /** Phone numbers are 139 + block (2 digits) + 6 digits: blocks never collide. */
  block: number
  /** Who holds each (包户), by index: an OPENID, or null for nobody. */
  ownerOf?: (i: number) => string | null
  /** Visit ticks already on a household, by index (for the bench). */
  visitOf?: (i: number) => { letter: boolean; card: boolean; explained: boolean } | null
}

const phoneOf = (block: number, i: number): string => `139${String(block).padStart(2, '0')}${String(i).padStart(6, '0')}`

/** Adds households and bumps the village's and cadres' counters to match; returns their ids in order. */
export function seedHouseholds(db: LocalDatabase, s: SeedHouseholds, names: Record<string, string> = {}): string[] {
  const ids: string[] = []
  const held = new Map<string, number>()
  const ticks = { visited: 0, letter: 0, card: 0, explained: 0 }
  const base = Date.now()
  const docs = Array.from({ length: s.count }, (_, i) => {
    const phone = phoneOf(s.block, i)
    const _id = createHash('sha256').update(`seed:${phone}`).digest('hex').slice(0, 32)
    ids.push(_id)
    const owner = s.ownerOf?.(i) ?? null
    if (owner) held.set(owner, (held.get(owner) ?? 0) + 1)
    const v = s.visitOf?.(i) ?? null
    if (v) {
      ticks.visited++
      for (const f of ['letter', 'card', 'explained'] as const) if (v[f]) ticks[f]++
    }
    return {
      _id,
      town: s.town,
      village: s.village,
      responsible: owner ? (names[owner] ?? owner) : '村支书',
      name: `住户${s.block}-${i}`,
      phone,
      phoneMasked: maskPhone(phone),
      phoneDigits: phone,
      phoneLast4: phone.slice(-4),
      owner,
      createdBy: owner ?? 'local-admin',
      createdByRole: owner ? 'cadre' : 'admin',
      createdAt: new Date(base - (s.count - i) * 1000),
      source: 'import',
      ...(v ? { visit: { visited: true, ...v, complete: v.letter && v.card && v.explained, lastVisitAt: new Date(base), visits: 1 } } : {})
    }
  })
  for (let i = 0; i < docs.length; i += 5000) db.insert('contacts', docs.slice(i, i + 5000))
  const now = Date.now()
  db.modify('village_counters', { filter: { _id: unitKey(s.town, s.village) }, update: { $set: { town: s.town, village: s.village }, $inc: { registered: s.count } }, multi: false, merge: true, upsert: true }, now)
  for (const [openid, n] of held) {
    db.modify('cadre_counters', { filter: { _id: openid }, update: { $set: { openid, name: names[openid] ?? openid, town: s.town, village: s.village }, $inc: { registered: n } }, multi: false, merge: true, upsert: true }, now)
  }
  if (ticks.visited) {
    db.modify('visit_counters', { filter: { _id: unitKey(s.town, s.village) }, update: { $set: { town: s.town, village: s.village }, $inc: ticks }, multi: false, merge: true, upsert: true }, now)
  }
  return ids
}

/** Every difference between the visit counters and a recount of the contacts (none when exact). */
export function visitDrift(db: LocalDatabase): string[] {
  const drift: string[] = []
  const counted = new Set<string>()
  for (const c of db.find('visit_counters')) {
    counted.add(String(c._id))
    if (c._id !== unitKey(String(c.town), String(c.village))) drift.push(`visit counter ${String(c._id)} names ${String(c.town)}/${String(c.village)}`)
    for (const f of VISIT_FLAGS) {
      const actual = db.count('contacts', { town: c.town, village: c.village, [`visit.${f}`]: true })
      if (actual !== (c[f] ?? 0)) drift.push(`${String(c._id)} ${f}: counter ${String(c[f])}, contacts ${actual}`)
    }
  }
  for (const doc of db.find('contacts', { filter: { 'visit.visited': true }, projection: { town: 1, village: 1 } })) {
    const key = unitKey(String(doc.town), String(doc.village))
    if (!counted.has(key)) drift.push(`${key} has visited households but no visit counter`)
  }
  return [...new Set(drift)]
}
