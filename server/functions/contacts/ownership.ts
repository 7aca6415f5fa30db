/**
 * Who holds a household (包户, `owner`) and how that changes: a cadre's binding changing (revoked,
 * moved) releases the households they held, which stay with their village unassigned; an admin or a
 * cadre of the village hands them to a cadre (contacts.reassign). cadre_counters follow in the same
 * transactions (see counters.ts): a counter counts what its cadre holds in their current village.
 */
import { CLAIMS_PER_DAY, REASSIGN_MAX } from '../../../src/core/contract'
import { DEFAULT_TOWN } from '../../../src/core/towns'
import { audit } from '../../lib/audit'
import { COLLECTIONS } from '../../lib/collections'
import { takeInTransaction } from '../../lib/daily-limit'
import { findById, MAX_READ, transaction, type Db, type TransactionScope } from '../../lib/data'
import { refuse } from '../../lib/refusal'
import { isActiveCadre, USERS, type Identity, type UserDoc } from '../../lib/roles'
import { bumpHolder, CADRE_COUNTERS, createCounter, dropHolder, recountAll, withCounters } from './counters'
import type { CadreCounterDoc, ContactDoc } from './model'

const CONTACTS = COLLECTIONS.contacts

const CLAIM_ACTION = 'contacts.claim'

/**
 * Inside a binding's transaction (a redemption, a move, a revocation): the cadre's counter starts
 * again at 0 in their new village of `town`, or counts in none once revoked. 0 is true: what they
 * held before is in another village (or being released), and nothing is theirs in the new one yet.
 * Pass the town; left out, it is read from the person's users document (within the transaction, so
 * a document written earlier in it counts).
 */
export async function rebindCounter(tx: TransactionScope, openid: string, name: string, village: string | null, town?: string | null): Promise<void> {
  const townOf = town !== undefined ? town : ((await findById<UserDoc>(tx, USERS, openid))?.town ?? null)
  const counter: Omit<CadreCounterDoc, '_id'> = { openid, name, town: townOf, village, registered: 0 }
  await tx.collection(CADRE_COUNTERS).doc(openid).set({ data: counter })
}

/**
 * Releases every household `openid` still holds in `village` of `town`: owner null, the 包户责任人
 * name kept as history. In pages of ids (never one capped read deciding what "all" is), each a
 * conditional update, so a household handed to someone meanwhile keeps its new holder. Counters are
 * not touched: the binding's transaction already took these households out of the cadre's count.
 */
export async function releaseHouseholds(db: Db, openid: string, town: string, village: string): Promise<number> {
  const _ = db.command
  const held = { town, village, owner: openid }
  let released = 0
  for (;;) {
    const page = (await db.collection(CONTACTS).where(held).field({ _id: true }).limit(MAX_READ).get()).data as { _id: string }[]
    if (page.length === 0) return released
    const res = (await db
      .collection(CONTACTS)
      .where({ _id: _.in(page.map((d) => d._id)), ...held })
      .update({ data: { owner: null, updatedAt: new Date() } })) as { stats: { updated: number } }
    released += res.stats.updated
  }
}

/**
 * Releases what the binding change left to release, then says so on the user (only if still that
 * village). The town is the person's (a cadre moves within their town); left out, it is read from
 * their users document.
 */
export async function finishRelease(db: Db, openid: string, village: string, town?: string): Promise<number> {
  const townOf = town ?? (await findById<UserDoc>(db, USERS, openid))?.town ?? DEFAULT_TOWN
  const released = await releaseHouseholds(db, openid, townOf, village)
  await db.collection(USERS).where({ _id: openid, releasing: village }).update({ data: { releasing: null } })
  return released
}

/**
 * Completes a release a previous call left unfinished (a crash, a timeout): any binding change starts
 * with this, so none begins while old households still name the person. null when nothing was pending.
 */
export async function settleRelease(db: Db, openid: string): Promise<number | null> {
  const user = await findById<UserDoc>(db, USERS, openid)
  if (!user?.releasing) return null
  return finishRelease(db, openid, user.releasing, user.town ?? DEFAULT_TOWN)
}

/** Refused inside a binding's transaction while a release of the same person is still running. */
export function refuseWhileReleasing(user: UserDoc | null): void {
  if (user?.releasing) refuse('CONFLICT', '正在交接该干部原来负责的联系人,请稍后再试')
}

/**
 * Hands households to cadre `to`, all of them or none, with both cadres' counters in the same
 * transaction, audited. An admin hands any household of their town (a county admin: of any town) to
 * an active cadre of its town and village; a cadre of the village takes unassigned households (or
 * their own) for themselves, at most CLAIMS_PER_DAY a China day: a claim gives the full numbers, so
 * without a limit one cadre could claim and export every unassigned household. The day's count is in
 * the same transaction (its document carries the cadre's town), so two claims at once cannot pass it
 * together and a refused claim writes nothing. `town` is the town the caller acts on (`townFor`), or
 * undefined for a county admin who named none: the households' own town, which must be the cadre's.
 */
export async function reassign(db: Db, who: Identity, town: string | undefined, ids: string[], to: string): Promise<{ reassigned: number; to: string; responsible: string }> {
  const unique = [...new Set(ids)]
  // One transaction reads and writes each household (the contract refuses more).
  if (unique.length > REASSIGN_MAX) refuse('INVALID_INPUT', `一次最多调整${REASSIGN_MAX}户`)
  if (who.role === 'cadre' && to !== who.openid) refuse('FORBIDDEN', '干部只能认领无人负责的联系人给自己,交给他人请联系管理员')
  return withCounters(db, () =>
    transaction(db, async (tx) => {
      const target = await findById<UserDoc>(tx, USERS, to)
      // A cadre of another town is nobody this caller may know of.
      if (!isActiveCadre(target) || (town !== undefined && target.town !== town)) return refuse('NOT_FOUND', '没有这位干部,或已被撤销')
      const targetTown = target.town
      const targetVillage = target.village
      const docs: ContactDoc[] = []
      for (const id of unique) {
        const doc = await findById<ContactDoc>(tx, CONTACTS, id)
        if (!doc) return refuse('NOT_FOUND', '没有这条联系人记录,可能已被删除')
        if (town !== undefined && doc.town !== town) refuse('FORBIDDEN', '只能调整本乡镇(街道)的联系人')
        if (doc.town !== targetTown || doc.village !== targetVillage) refuse('FORBIDDEN', `只能交给${doc.village}的干部`)
        if (who.role === 'cadre' && doc.owner && doc.owner !== who.openid) refuse('FORBIDDEN', '该联系人已有包户责任人,如需调整请联系管理员')
        docs.push(doc)
      }
      const moving = docs.filter((d) => d.owner !== to)
      if (moving.length === 0) return { reassigned: 0, to, responsible: target.name }
      if (who.role === 'cadre') {
        const left = await takeInTransaction(tx, CLAIM_ACTION, who.openid, CLAIMS_PER_DAY, moving.length, { town: targetTown })
        if (left !== null) refuse('RATE_LIMITED', `每位干部每天最多认领${CLAIMS_PER_DAY}户,今天还可认领${left}户,请明天再试或请管理员分配`)
      }
      const from = new Map<string, number>()
      for (const d of moving) if (d.owner) from.set(d.owner, (from.get(d.owner) ?? 0) + 1)
      for (const [owner, n] of from) await dropHolder(tx, db, { owner, town: targetTown, village: targetVillage }, n)
      const updatedAt = new Date()
      for (const d of moving) await tx.collection(CONTACTS).doc(d._id).update({ data: { owner: to, responsible: target.name, updatedAt } })
      await bumpHolder(tx, db, to, targetTown, targetVillage, moving.length)
      await audit(tx, db, {
        actor: who.openid,
        action: 'contacts.reassign',
        target: to,
        town: targetTown,
        detail: { village: targetVillage, ids: moving.map((d) => d._id), from: Object.fromEntries(from), unassigned: moving.length - [...from.values()].reduce((a, b) => a + b, 0) }
      })
      return { reassigned: moving.length, to, responsible: target.name }
    })
  )
}

/**
 * Inside `update`'s transaction, when an admin moves a household to another village: its cadre is
 * not of that village, so it leaves them (and their count) and waits there for a new holder.
 */
export async function leaveVillage(tx: TransactionScope, db: Db, existing: ContactDoc): Promise<{ owner: null }> {
  await dropHolder(tx, db, existing)
  return { owner: null }
}

/**
 * One-off, idempotent (run by `setup.init`): households stored before `owner` existed get one — the
 * cadre who registered them if still bound to that village, else nobody — then the cadre counters
 * are recounted by the new rule. In pages; a second run finds nothing to do and writes nothing.
 */
export async function assignMissingOwners(db: Db): Promise<number> {
  const _ = db.command
  const users = new Map<string, UserDoc | null>()
  const holders = new Set<string>()
  let assigned = 0
  for (;;) {
    const page = (await db.collection(CONTACTS).where({ owner: _.exists(false) }).field({ _id: true, town: true, village: true, createdBy: true, createdByRole: true }).limit(MAX_READ).get())
      .data as Pick<ContactDoc, '_id' | 'town' | 'village' | 'createdBy' | 'createdByRole'>[]
    if (page.length === 0) break
    const byOwner = new Map<string, string[]>()
    for (const doc of page) {
      let owner = ''
      if (doc.createdByRole === 'cadre') {
        if (!users.has(doc.createdBy)) users.set(doc.createdBy, await findById<UserDoc>(db, USERS, doc.createdBy))
        const user = users.get(doc.createdBy) ?? null
        if (isActiveCadre(user) && user.town === (doc.town ?? DEFAULT_TOWN) && user.village === doc.village && !user.releasing) owner = doc.createdBy
      }
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), doc._id])
    }
    for (const [owner, ids] of byOwner) {
      const res = (await db
        .collection(CONTACTS)
        .where({ _id: _.in(ids), owner: _.exists(false) })
        .update({ data: { owner: owner || null } })) as { stats: { updated: number } }
      assigned += res.stats.updated
      if (owner) holders.add(owner)
    }
  }
  if (assigned === 0) return 0
  for (const openid of holders) await createCounter(db, CADRE_COUNTERS, openid)
  await recountAll(db, CONTACTS)
  return assigned
}
