import type { Role, Whoami } from '../../src/core/contract'
import { isAdminOpenid, requireOpenid, type Caller } from './caller'

export { requireOpenid }
import { findById, type Db, type Stored } from './data'
import { COLLECTIONS } from './collections'
import { refuse } from './refusal'

export const USERS = COLLECTIONS.users

/**
 * A person known to the app: a cadre of one unit of a town, an inspector (督查员) of a town, a town
 * admin, or an invited county admin (or a revoked one). Residents have no document; ADMIN_OPENIDS need none.
 */
export interface UserDoc extends Stored {
  role: 'cadre' | 'inspector' | 'townAdmin' | 'admin'
  /** Null only for a county admin. */
  town: string | null
  /** A cadre's unit; null for admins. */
  village: string | null
  name: string
  invite: string
  since: Date
  revokedAt?: Date | null
  /**
   * Set while the households this person held in that village (before a revocation or a move) are
   * being released, page by page; cleared once none is left. No new binding is made meanwhile.
   */
  releasing?: string | null
}

export interface Identity {
  openid: string
  role: Role
  /** A cadre's, an inspector's or a town admin's town; absent for a county admin and a resident. */
  town?: string
  village?: string
  name?: string
}

/** A cadre who is bound to a village of a town now (not revoked): the one rule `identify` and hand-overs use. */
export function isActiveCadre(user: UserDoc | null | undefined): user is UserDoc & { town: string; village: string } {
  return Boolean(user && user.role === 'cadre' && !user.revokedAt && user.town && user.village)
}

export async function identify(db: Db, caller: Caller): Promise<Identity> {
  const openid = requireOpenid(caller)
  if (isAdminOpenid(openid)) return { openid, role: 'admin' }
  const user = await findById<UserDoc>(db, USERS, openid)
  if (isActiveCadre(user)) return { openid, role: 'cadre', town: user.town, village: user.village, name: user.name }
  if (user && !user.revokedAt) {
    if (user.role === 'townAdmin' && user.town) return { openid, role: 'townAdmin', town: user.town, name: user.name }
    // An inspector scores the rounds of their own town and manages nothing else.
    if (user.role === 'inspector' && user.town) return { openid, role: 'inspector', town: user.town, name: user.name }
    if (user.role === 'admin') return { openid, role: 'admin', name: user.name }
  }
  return { openid, role: 'resident' }
}

export function toWhoami(identity: Identity): Whoami {
  return identity
}

/** A county admin: every town. */
export async function requireCountyAdmin(db: Db, caller: Caller): Promise<Identity> {
  const who = await identify(db, caller)
  if (who.role !== 'admin') refuse('FORBIDDEN', '只有县级管理员可以进行此操作')
  return who
}

/**
 * A county admin, or a town admin (who acts on their own town only: `townFor` checks which town).
 * Pair it with `townFor(db, who, event.town)` and scope every read and write by that town.
 */
export async function requireAdmin(db: Db, caller: Caller): Promise<Identity> {
  const who = await identify(db, caller)
  if (who.role !== 'admin' && who.role !== 'townAdmin') refuse('FORBIDDEN', '只有管理员可以进行此操作')
  return who
}

/** True for a county admin and a town admin: the same pages, scoped by `townFor`. */
export const isAdmin = (who: Identity): boolean => who.role === 'admin' || who.role === 'townAdmin'

/**
 * A cadre acts for their own village; an admin (town or county) for any of their towns'. An inspector
 * is neither: they inspect, and handle no household, contact or concern.
 */
export async function requireCadreOrAdmin(db: Db, caller: Caller): Promise<Identity> {
  const who = await identify(db, caller)
  if (who.role === 'resident' || who.role === 'inspector') refuse('FORBIDDEN', '只有村(社区)干部或管理员可以进行此操作')
  return who
}

/** An inspector of a town, or an admin (town or county): who scores rounds. Pair it with `townFor`. */
export async function requireInspectorOrAdmin(db: Db, caller: Caller): Promise<Identity> {
  const who = await identify(db, caller)
  if (who.role !== 'inspector' && !isAdmin(who)) refuse('FORBIDDEN', '只有督查员或管理员可以进行此操作')
  return who
}
