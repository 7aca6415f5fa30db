import { randomInt } from 'crypto'
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH, userContract, type Invite, type InviteRole, type Whoami } from '../../../src/core/contract'
import { audit } from '../../lib/audit'
import { isAdminOpenid } from '../../lib/caller'
import { database } from '../../lib/cloud'
import { COLLECTIONS } from '../../lib/collections'
import { findById, readPage, transaction, type Db, type Stored } from '../../lib/data'
import { createMain } from '../../lib/handler'
import { refuse } from '../../lib/refusal'
import { identify, requireAdmin, requireOpenid, USERS, type Identity, type UserDoc } from '../../lib/roles'
import { requireTown, requireUnit, townFor } from '../../lib/towns'
import { finishRelease, rebindCounter, refuseWhileReleasing, settleRelease } from '../contacts/ownership'

const INVITES = COLLECTIONS.invites
const RATE_LIMITS = COLLECTIONS.rateLimits
const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS
/**
 * Wrong codes one OPENID may try an hour. Counted per OPENID as is (not a keyed hash, unlike
 * residents' practice runs): the person is a cadre-to-be, the audit log names every actor by OPENID
 * anyway, and an admin looking into guessing must see who it was.
 */
const REDEEM_FAILURES_PER_HOUR = 10

/** What redeeming makes of a person: a cadre of a unit, a town admin, or a county admin (town null). */
interface InviteDoc extends Stored {
  role: InviteRole
  town: string | null
  village: string | null
  maxUses: number
  uses: number
  expiresAt: Date
  revoked: boolean
  createdBy: string
  createdAt: Date
}

/** 10 characters from a 31-letter alphabet without look-alikes: ~49 bits, drawn with a CSPRNG. */
function newInviteCode(): string {
  let code = ''
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_CODE_ALPHABET[randomInt(INVITE_CODE_ALPHABET.length)]
  return code
}

function toInvite(doc: InviteDoc): Invite {
  return {
    code: doc._id,
    role: doc.role,
    town: doc.town,
    village: doc.village,
    maxUses: doc.maxUses,
    uses: doc.uses,
    expiresAt: new Date(doc.expiresAt).toISOString(),
    revoked: doc.revoked,
    createdAt: new Date(doc.createdAt).toISOString()
  }
}

/** Failed redemptions of one person, within the last hour (ms timestamps): the rate limit's window. */
interface RedeemLimitDoc extends Stored {
  openid: string
  action: 'redeemInvite'
  failures: number[]
  /** When the refusals of this window were audited: one entry a window, so a flood cannot fill the log. */
  limitedAuditedAt?: number
}

type Binding = Pick<UserDoc, 'role' | 'town' | 'village' | 'name'>

type Redemption = { kind: 'bound'; binding: Binding } | { kind: 'failed'; reason: string; binding?: Binding } | { kind: 'limited'; reason: string }

const isBound = (u: UserDoc | null): u is UserDoc => Boolean(u && !u.revokedAt)

function whoamiOf(openid: string, b: Binding): Whoami {
  if (b.role === 'admin') return { openid, role: 'admin', name: b.name }
  if (b.role === 'townAdmin') return { openid, role: 'townAdmin', town: b.town ?? undefined, name: b.name }
  if (b.role === 'inspector') return { openid, role: 'inspector', town: b.town ?? undefined, name: b.name }
  return { openid, role: 'cadre', town: b.town ?? undefined, village: b.village ?? undefined, name: b.name }
}

function alreadyBound(b: Binding): string {
  if (b.role === 'admin') return '您已是县级管理员,无需再使用邀请码'
  if (b.role === 'townAdmin') return `您已是${b.town}的管理员,如需更换,请先由县级管理员撤销`
  if (b.role === 'inspector') return `您已是${b.town}的督查员,如需更换,请先由管理员撤销`
  return `您已是${b.village}的干部,如需更换村(社区),请先由管理员撤销或调整`
}

/**
 * The person `openid` as an admin may manage them: a county admin manages anyone; a town admin only
 * the cadres and town admins of their own town. Read before anything is written, so a refusal
 * (someone of another town) finishes nobody's pending release either.
 */
async function managedPerson(db: Db, who: Identity, openid: string): Promise<UserDoc> {
  const user = await findById<UserDoc>(db, USERS, openid)
  // A revoked person whose households are still being released is still someone to finish with.
  if (!user || (user.revokedAt && !user.releasing)) return refuse('NOT_FOUND', '没有这位干部,或已被撤销')
  if (who.role !== 'admin') {
    if (user.role === 'admin') refuse('FORBIDDEN', '只有县级管理员可以撤销县级管理员')
    if (user.town !== who.town) refuse('FORBIDDEN', `您属于${who.town},不能处理${user.town ?? '其他乡镇(街道)'}的人员`)
  }
  return user
}

export const main = createMain('user', userContract, {
  async whoami(_event, caller) {
    return identify(database(), caller)
  },

  async createInvite(event, caller) {
    const db = database()
    const admin = await requireAdmin(db, caller)
    const role = event.role
    // A town admin invites the cadres and inspectors of their own town; admins are the county's to invite.
    if (role !== 'cadre' && role !== 'inspector' && admin.role !== 'admin') refuse('FORBIDDEN', '只有县级管理员可以邀请乡镇(街道)管理员或县级管理员')
    let town: string | null = null
    let village: string | null = null
    if (role === 'cadre') {
      town = await townFor(db, admin, event.town)
      // Any active unit of the town: a village, or a school, hospital, station… (only villages have phone quotas).
      if (!event.village) return refuse('INVALID_INPUT', '请选择村(社区)或单位')
      village = (await requireUnit(db, town, event.village)).name
    } else if (role === 'inspector') {
      // An inspector belongs to a town (a county admin names it), not to a unit.
      if (event.village !== undefined) refuse('INVALID_INPUT', '督查员的邀请码不属于某个村(社区)或单位,请不要选择')
      if (admin.role === 'admin' && !event.town) return refuse('INVALID_INPUT', '请选择督查员所属的乡镇(街道)')
      town = await townFor(db, admin, event.town)
    } else {
      if (event.village !== undefined) refuse('INVALID_INPUT', '管理员的邀请码不属于某个村(社区),请不要选择村(社区)')
      if (role === 'townAdmin') {
        if (!event.town) return refuse('INVALID_INPUT', '请选择乡镇(街道)')
        town = (await requireTown(db, event.town)).name
      } else if (event.town !== undefined) {
        refuse('INVALID_INPUT', '县级管理员管理全县,邀请码不属于某个乡镇(街道)')
      }
    }
    const now = Date.now()
    const doc: InviteDoc = {
      _id: newInviteCode(),
      role,
      town,
      village,
      maxUses: event.maxUses,
      uses: 0,
      expiresAt: new Date(now + event.expiresInDays * DAY_MS),
      revoked: false,
      createdBy: admin.openid,
      createdAt: new Date(now)
    }
    await transaction(db, async (tx) => {
      await tx.collection(INVITES).add({ data: doc })
      await audit(tx, db, { actor: admin.openid, action: 'user.createInvite', town, target: doc._id, detail: { role, village, maxUses: doc.maxUses } })
    })
    return toInvite(doc)
  },

  async listInvites(event, caller) {
    const db = database()
    const who = await requireAdmin(db, caller)
    const town = await townFor(db, who, event.town)
    // A town admin sees their town's cadre and inspector invites only: a town admin's code is the county's to hand out.
    const where = { town, ...(who.role !== 'admin' ? { role: db.command.in(['cadre', 'inspector']) } : {}), ...(event.village ? { village: event.village } : {}) }
    const { items, total } = await readPage<InviteDoc>(db, INVITES, {
      where,
      orderBy: [['createdAt', 'desc']],
      page: event.page,
      pageSize: event.pageSize
    })
    return { invites: items.map(toInvite), total }
  },

  async revokeInvite(event, caller) {
    const db = database()
    const admin = await requireAdmin(db, caller)
    await transaction(db, async (tx) => {
      const invite = await findById<InviteDoc>(tx, INVITES, event.code)
      if (!invite) return refuse('NOT_FOUND', '没有这个邀请码')
      // A town admin revokes their own town's cadre and inspector invites; admins' invites are the county's.
      if (admin.role !== 'admin' && ((invite.role !== 'cadre' && invite.role !== 'inspector') || invite.town !== admin.town)) refuse('FORBIDDEN', '只能撤销本乡镇(街道)的干部或督查员邀请码')
      await tx.collection(INVITES).doc(event.code).update({ data: { revoked: true } })
      await audit(tx, db, { actor: admin.openid, action: 'user.revokeInvite', town: invite.town, target: event.code })
    })
    return { code: event.code }
  },

  async redeemInvite(event, caller) {
    const db = database()
    const openid = requireOpenid(caller)
    if (isAdminOpenid(openid)) refuse('CONFLICT', '管理员无需使用邀请码')
    await settleRelease(db, openid)
    const limitId = `redeemInvite:${openid}`
    // The person, the invite, the slot and the failure count are read and written in one transaction:
    // concurrent redemptions by one person serialise on their user document and their failure count.
    const outcome = await transaction(db, async (tx): Promise<Redemption> => {
      const now = Date.now()
      const limit = await findById<RedeemLimitDoc>(tx, RATE_LIMITS, limitId)
      const recent = (limit?.failures ?? []).filter((t) => t > now - HOUR_MS)
      const fail = async (reason: string, binding?: Binding): Promise<Redemption> => {
        const limited = recent.length >= REDEEM_FAILURES_PER_HOUR
        if (!limited) {
          await tx.collection(RATE_LIMITS).doc(limitId).set({ data: { openid, action: 'redeemInvite', failures: [...recent, now] } })
          await audit(tx, db, { actor: openid, action: 'user.redeemInvite.failed', town: binding?.town ?? null, target: event.code, detail: { reason } })
        } else if (!limit?.limitedAuditedAt || limit.limitedAuditedAt <= recent[0]) {
          // The first refusal after the limit is recorded; later ones in the same window add nothing.
          await tx.collection(RATE_LIMITS).doc(limitId).update({ data: { limitedAuditedAt: now } })
          await audit(tx, db, { actor: openid, action: 'user.redeemInvite.failed', town: binding?.town ?? null, target: event.code, detail: { reason: 'rateLimited' } })
        }
        return limited ? { kind: 'limited', reason } : { kind: 'failed', reason, binding }
      }
      if (recent.length >= REDEEM_FAILURES_PER_HOUR) return fail('rateLimited')
      const user = await findById<UserDoc>(tx, USERS, openid)
      refuseWhileReleasing(user)
      const invite = await findById<InviteDoc>(tx, INVITES, event.code)
      if (isBound(user)) {
        // The same code again (a retry, a double tap, ten taps at once): the binding it made, no slot.
        const same = invite && user.invite === event.code && invite.role === user.role && invite.town === user.town && invite.village === user.village
        return same ? { kind: 'bound', binding: user } : fail('bound', user)
      }
      if (!invite) return fail('unknown')
      if (invite.revoked) return fail('revoked')
      if (new Date(invite.expiresAt).getTime() <= now) return fail('expired')
      if (invite.uses >= invite.maxUses) return fail('usedUp')
      await tx.collection(INVITES).doc(event.code).update({ data: { uses: invite.uses + 1 } })
      const fresh: Omit<UserDoc, '_id'> = {
        role: invite.role,
        town: invite.town,
        village: invite.role === 'cadre' ? invite.village : null,
        name: event.name,
        invite: event.code,
        since: new Date(now),
        revokedAt: null,
        releasing: null
      }
      await tx.collection(USERS).doc(openid).set({ data: fresh })
      if (fresh.role === 'cadre') {
        await rebindCounter(tx, openid, event.name, fresh.village, fresh.town)
      }
      await audit(tx, db, { actor: openid, action: 'user.redeemInvite', town: invite.town, target: event.code, detail: { role: invite.role, village: fresh.village } })
      return { kind: 'bound', binding: fresh }
    })
    if (outcome.kind === 'limited') refuse('RATE_LIMITED', '邀请码输错次数过多,请一小时后再试')
    if (outcome.kind === 'failed') {
      if (outcome.reason === 'bound' && outcome.binding) refuse('CONFLICT', alreadyBound(outcome.binding))
      // Unknown, revoked, expired, used up: one answer, so a guess learns nothing about which codes exist.
      refuse('NOT_FOUND', '邀请码无效或已失效,请向管理员索取新的邀请码')
    }
    return whoamiOf(openid, (outcome as Extract<Redemption, { kind: 'bound' }>).binding)
  },

  async listCadres(event, caller) {
    const db = database()
    const town = await townFor(db, await requireAdmin(db, caller), event.town)
    const where = { role: event.role, town, revokedAt: null, ...(event.village ? { village: event.village } : {}) }
    const { items, total } = await readPage<UserDoc>(db, USERS, { where, orderBy: [['since', 'desc']], page: event.page, pageSize: event.pageSize })
    return {
      cadres: items.map((u) => ({ openid: u._id, town, name: u.name, village: u.village ?? '', role: event.role, since: new Date(u.since).toISOString() })),
      total
    }
  },

  /** Revokes a cadre (their households are released) or a town admin; a county admin also a county admin. */
  async revokeCadre(event, caller) {
    const db = database()
    const admin = await requireAdmin(db, caller)
    await managedPerson(db, admin, event.openid)
    // A revocation an earlier call left half done is finished first (and is then what this call did).
    const resumed = await settleRelease(db, event.openid)
    const village = await transaction(db, async (tx) => {
      const user = await findById<UserDoc>(tx, USERS, event.openid)
      if (!isBound(user)) return resumed === null ? refuse('NOT_FOUND', '没有这位干部,或已被撤销') : null
      refuseWhileReleasing(user)
      const releasing = user.role === 'cadre' ? user.village : null
      await tx.collection(USERS).doc(event.openid).update({ data: { revokedAt: new Date(), releasing } })
      if (user.role === 'cadre') await rebindCounter(tx, event.openid, user.name, null, user.town)
      await audit(tx, db, { actor: admin.openid, action: 'user.revokeCadre', town: user.town, target: event.openid, detail: { role: user.role, village: user.village } })
      return releasing ? { village: releasing, town: user.town ?? undefined } : null
    })
    const released = (resumed ?? 0) + (village ? await finishRelease(db, event.openid, village.village, village.town) : 0)
    return { openid: event.openid, released }
  },

  async moveCadre(event, caller) {
    const db = database()
    const admin = await requireAdmin(db, caller)
    const person = await managedPerson(db, admin, event.openid)
    if (person.role !== 'cadre' || !person.town) return refuse('NOT_FOUND', '没有这位干部,或已被撤销')
    // Within the cadre's own town: the unit is looked up there, and must take new work.
    await requireUnit(db, person.town, event.village)
    await settleRelease(db, event.openid)
    const from = await transaction(db, async (tx) => {
      const user = await findById<UserDoc>(tx, USERS, event.openid)
      if (!isBound(user) || user.role !== 'cadre' || user.town !== person.town || !user.village) return refuse('NOT_FOUND', '没有这位干部,或已被撤销')
      if (user.village === event.village) refuse('CONFLICT', `该干部已是${event.village}的干部`)
      refuseWhileReleasing(user)
      await tx.collection(USERS).doc(event.openid).update({ data: { village: event.village, releasing: user.village } })
      await rebindCounter(tx, event.openid, user.name, event.village, user.town)
      await audit(tx, db, { actor: admin.openid, action: 'user.moveCadre', town: user.town, target: event.openid, detail: { from: user.village, to: event.village } })
      return user.village
    })
    return { openid: event.openid, village: event.village, released: await finishRelease(db, event.openid, from, person.town) }
  }
})
