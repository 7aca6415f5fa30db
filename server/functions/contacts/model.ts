/** What a stored contact looks like, its id, and what each caller may see of it. */
import { maskPhone, type Contact } from '../../../src/core/contact'
import type { CallOutcome, ContactItem } from '../../../src/core/contract'
import type { Stored } from '../../lib/data'
import { keyedHash } from '../../lib/keyed-hash'
import type { Identity } from '../../lib/roles'
import type { VisitState } from '../visits/model'

export interface ContactDoc extends Stored {
  /** The town (乡镇/街道) whose campaign the household belongs to; it never changes. */
  town: string
  /** The campaign's year it was registered for (absent: 2023); closing that year deletes it. */
  year?: number
  /** A unit of that town (村/社区). */
  village: string
  responsible: string
  name: string
  /** Normalised: 13800138000 or 0734-8160763. */
  phone: string
  phoneMasked: string
  /** Digits only, and their last four: list search by digits needs neither the phone field nor a regex on it. */
  phoneDigits: string
  phoneLast4: string
  occupation?: string
  address?: string
  note?: string
  /**
   * The cadre who holds the household now (包户): it is they who may reveal, edit and remove it, and
   * their cadre_counter counts it. null when nobody does (registered by an admin, or its cadre was
   * revoked or moved): an admin or a cadre of the village picks one (contacts.reassign).
   */
  owner: string | null
  /** Who registered it, kept as history; it gives no power. */
  createdBy: string
  createdByRole: 'cadre' | 'townAdmin' | 'admin'
  createdAt: Date
  updatedAt?: Date
  source: 'form' | 'import'
  /** The household's 入户走访 ticks (visits function); absent until a visit is recorded. */
  visit?: VisitState
  /** The phone's id of the form registration that made it: that registration sent again is no conflict. */
  registrationId?: string
  /**
   * The last mock call placed to it from the household list (survey.submit with `contact`): only
   * how it went, when and by whom; the answers stay in the anonymous response.
   */
  lastCall?: { outcome: CallOutcome; at: Date; by: string }
}

/**
 * Read by the stats function: keep the collection and field names. `_id` is
 * `villageCounterId(town, village)` = unitKey(town, village) (counters.ts).
 */
export interface VillageCounterDoc extends Stored {
  town: string
  village: string
  registered: number
}

/**
 * The households a cadre holds in the village they are bound to now: it moves with them (reset to 0
 * in the same transaction as a move or a new binding) and has no village once they are revoked.
 * `_id` is the cadre's OPENID; `town` their town.
 */
export interface CadreCounterDoc extends Stored {
  openid: string
  name: string
  town: string | null
  village: string | null
  registered: number
}

/**
 * A contact's id is a keyed hash of its normalised number, so one number can only ever be one
 * document (uniqueness without an index, under any concurrency). Keyed, not a plain hash: mobile
 * numbers are only ~10^10, a plain SHA-256 of one is reversed by enumeration in minutes, and ids
 * travel to every cadre of the village in lists, where the number itself is masked.
 */
export function contactIdOf(secret: string, normalizedPhone: string): string {
  return keyedHash(secret, 'contact', normalizedPhone)
}

/** The contact's fields as stored: optional texts left out rather than stored empty. */
export function contactFields(c: Contact): Pick<ContactDoc, 'village' | 'responsible' | 'name' | 'phone' | 'phoneMasked' | 'phoneDigits' | 'phoneLast4' | 'occupation' | 'address' | 'note'> {
  const digits = c.phone.replace(/\D/g, '')
  return {
    village: c.village,
    responsible: c.responsible,
    name: c.name,
    phone: c.phone,
    phoneMasked: maskPhone(c.phone),
    phoneDigits: digits,
    phoneLast4: digits.slice(-4),
    ...(c.occupation ? { occupation: c.occupation } : {}),
    ...(c.address ? { address: c.address } : {}),
    ...(c.note ? { note: c.note } : {})
  }
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: enough to tell households apart, not to identify a person. */
export function maskName(name: string): string {
  const chars = Array.from(name)
  if (chars.length <= 1) return '*'
  return chars[0] + '*'.repeat(chars.length - 1)
}

/** The household is in a town the caller acts on at all: a county admin every town, anyone else their own. */
export function inTownOf(doc: Pick<ContactDoc, 'town'>, who: Identity): boolean {
  return who.role === 'admin' || (who.town !== undefined && doc.town === who.town)
}

/**
 * The one rule of who holds a household: a county admin any; a town admin any of their town; a cadre
 * the households they are 包户 for (`owner`) in their town and the village they are bound to now.
 * Every reveal, edit, removal, full-name view, name search and export asks this (or `heldWhere`, its
 * query form), so the rule lives here only. The village is checked as well as the owner: during a
 * move, until the old village's households are released, they still name the cadre, who is already
 * bound elsewhere.
 */
export function mayHold(doc: Pick<ContactDoc, 'town' | 'village' | 'owner'>, who: Identity): boolean {
  if (who.role === 'admin') return true
  if (who.role === 'townAdmin') return inTownOf(doc, who)
  return who.role === 'cadre' && inTownOf(doc, who) && doc.village === who.village && doc.owner === who.openid
}

/** The households a cadre holds, as a query (the same rule as `mayHold`). */
export function heldWhere(who: Identity): Record<string, unknown> {
  return { town: who.town, village: who.village, owner: who.openid }
}

/** Sees the household in full (name, address, note): the same as holding it. */
export function seesInFull(doc: ContactDoc, who: Identity): boolean {
  return mayHold(doc, who)
}

export function toItem(doc: ContactDoc, who: Identity): ContactItem {
  const full = seesInFull(doc, who)
  return {
    id: doc._id,
    town: doc.town,
    village: doc.village,
    name: full ? doc.name : maskName(doc.name),
    phoneMasked: doc.phoneMasked,
    responsible: doc.responsible,
    ...(doc.occupation ? { occupation: doc.occupation } : {}),
    ...(full && doc.address ? { address: doc.address } : {}),
    ...(full && doc.note ? { note: doc.note } : {}),
    mine: who.role === 'cadre' && mayHold(doc, who),
    unassigned: !doc.owner,
    createdAt: new Date(doc.createdAt).toISOString(),
    // How its calls went only to those who may call it (null: none yet); nothing at all to others.
    ...(full ? { lastCall: doc.lastCall ? { outcome: doc.lastCall.outcome, at: new Date(doc.lastCall.at).toISOString() } : null } : {})
  }
}
