import type { Role, Whoami } from '../../src/core/contract'
import type { VillageName } from '../../src/core/villages'
import { isAdminOpenid, requireOpenid, type Caller } from './caller'

export { requireOpenid }
import { findById, type Db, type Stored } from './data'
import { COLLECTIONS } from './collections'
import { refuse } from './refusal'

export const USERS = COLLECTIONS.users

/** A person known to the app: a cadre of one village (or a revoked one). Residents have no document. */
export interface UserDoc extends Stored {
  role: 'cadre'
  village: VillageName
  name: string
  invite: string
  since: Date
  revokedAt?: Date | null
  /**
   * Set while the households this person held in that village (before a revocation or a move) are
   * being released, page by page; cleared once none is left. No new binding is made meanwhile.
   */
  releasing?: VillageName | null
}

export interface Identity {
  openid: string
  role: Role
  village?: VillageName
  name?: string
}

/** A cadre who is bound to a village now (not revoked): the one rule `identify` and hand-overs use. */
export function isActiveCadre(user: UserDoc | null | undefined): user is UserDoc {
  return Boolean(user && user.role === 'cadre' && !user.revokedAt)
}

export async function identify(db: Db, caller: Caller): Promise<Identity> {
  const openid = requireOpenid(caller)
  if (isAdminOpenid(openid)) return { openid, role: 'admin' }
  const user = await findById<UserDoc>(db, USERS, openid)
  if (isActiveCadre(user)) {
    return { openid, role: 'cadre', village: user.village, name: user.name }
  }
  return { openid, role: 'resident' }
}

export function toWhoami(identity: Identity): Whoami {
  return identity
}

export async function requireAdmin(db: Db, caller: Caller): Promise<Identity> {
  const who = await identify(db, caller)
  if (who.role !== 'admin') refuse('FORBIDDEN', '只有管理员可以进行此操作')
  return who
}

/** A cadre acts for their own village; an admin for any. */
export async function requireCadreOrAdmin(db: Db, caller: Caller): Promise<Identity> {
  const who = await identify(db, caller)
  if (who.role === 'resident') refuse('FORBIDDEN', '只有村(社区)干部或管理员可以进行此操作')
  return who
}
