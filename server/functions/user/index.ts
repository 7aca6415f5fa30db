import { randomInt } from 'crypto'
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH, userContract, type Invite } from '../../../src/core/contract'
import type { VillageName } from '../../../src/core/villages'
import { audit } from '../../lib/audit'
import { database } from '../../lib/cloud'
import { COLLECTIONS } from '../../lib/collections'
import { findById, readPage, transaction, type Stored } from '../../lib/data'
import { createMain } from '../../lib/handler'
import { refuse } from '../../lib/refusal'
import { isAdminOpenid } from '../../lib/caller'
import { identify, requireAdmin, requireOpenid, USERS, type UserDoc } from '../../lib/roles'
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

interface InviteDoc extends Stored {
  village: VillageName
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

type Redemption =
  | { kind: 'bound'; village: VillageName; name: string }
  | { kind: 'failed'; reason: string; village?: VillageName }
  | { kind: 'limited'; reason: string }

export const main = createMain('user', userContract, {
  async whoami(_event, caller) {
    return identify(database(), caller)
  },

  async createInvite(event, caller) {
    const db = database()
    const admin = await requireAdmin(db, caller)
    const now = Date.now()
    const doc: InviteDoc = {
      _id: newInviteCode(),
      village: event.village,
      maxUses: event.maxUses,
      uses: 0,
      expiresAt: new Date(now + event.expiresInDays * DAY_MS),
      revoked: false,
      createdBy: admin.openid,
      createdAt: new Date(now)
    }
    await transaction(db, async (tx) => {
      await tx.collection(INVITES).add({ data: doc })
      await audit(tx, db, { actor: admin.openid, action: 'user.createInvite', target: doc._id, detail: { village: doc.village, maxUses: doc.maxUses } })
    })
    return toInvite(doc)
  },

  async listInvites(event, caller) {
    const db = database()
    await requireAdmin(db, caller)
    const { items, total } = await readPage<InviteDoc>(db, INVITES, {
      where: event.village ? { village: event.village } : {},
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
      if (!invite) refuse('NOT_FOUND', '没有这个邀请码')
      await tx.collection(INVITES).doc(event.code).update({ data: { revoked: true } })
      await audit(tx, db, { actor: admin.openid, action: 'user.revokeInvite', target: event.code })
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
      const fail = async (reason: string, village?: VillageName): Promise<Redemption> => {
        const limited = recent.length >= REDEEM_FAILURES_PER_HOUR
        if (!limited) {
          await tx.collection(RATE_LIMITS).doc(limitId).set({ data: { openid, action: 'redeemInvite', failures: [...recent, now] } })
          await audit(tx, db, { actor: openid, action: 'user.redeemInvite.failed', target: event.code, detail: { reason } })
        } else if (!limit?.limitedAuditedAt || limit.limitedAuditedAt <= recent[0]) {
          // The first refusal after the limit is recorded; later ones in the same window add nothing.
          await tx.collection(RATE_LIMITS).doc(limitId).update({ data: { limitedAuditedAt: now } })
          await audit(tx, db, { actor: openid, action: 'user.redeemInvite.failed', target: event.code, detail: { reason: 'rateLimited' } })
        }
        return limited ? { kind: 'limited', reason } : { kind: 'failed', reason, village }
      }
      if (recent.length >= REDEEM_FAILURES_PER_HOUR) return fail('rateLimited')
      const user = await findById<UserDoc>(tx, USERS, openid)
      refuseWhileReleasing(user)
      const invite = await findById<InviteDoc>(tx, INVITES, event.code)
      if (user && user.role === 'cadre' && !user.revokedAt) {
        // The same code again (a retry, a double tap, ten taps at once): the binding it made, no slot.
        if (user.invite === event.code && invite?.village === user.village) return { kind: 'bound', village: user.village, name: user.name }
        return fail('bound', user.village)
      }
      if (!invite) return fail('unknown')
      if (invite.revoked) return fail('revoked')
      if (new Date(invite.expiresAt).getTime() <= now) return fail('expired')
      if (invite.uses >= invite.maxUses) return fail('usedUp')
      await tx.collection(INVITES).doc(event.code).update({ data: { uses: invite.uses + 1 } })
      const fresh: Omit<UserDoc, '_id'> = {
        role: 'cadre',
        village: invite.village,
        name: event.name,
        invite: event.code,
        since: new Date(now),
        revokedAt: null,
        releasing: null
      }
      await tx.collection(USERS).doc(openid).set({ data: fresh })
      await rebindCounter(tx, openid, event.name, invite.village)
      await audit(tx, db, { actor: openid, action: 'user.redeemInvite', target: event.code, detail: { village: invite.village } })
      return { kind: 'bound', village: invite.village, name: event.name }
    })
    if (outcome.kind === 'limited') refuse('RATE_LIMITED', '邀请码输错次数过多,请一小时后再试')
    if (outcome.kind === 'failed') {
      if (outcome.reason === 'bound') refuse('CONFLICT', `您已是${outcome.village}的干部,如需更换村(社区),请先由管理员撤销或调整`)
      // Unknown, revoked, expired, used up: one answer, so a guess learns nothing about which codes exist.
      refuse('NOT_FOUND', '邀请码无效或已失效,请向管理员索取新的邀请码')
    }
    const bound = outcome as Extract<Redemption, { kind: 'bound' }>
    return { openid, role: 'cadre' as const, village: bound.village, name: bound.name }
  },

  async listCadres(event, caller) {
    const db = database()
    await requireAdmin(db, caller)
    const where = { role: 'cadre', revokedAt: null, ...(event.village ? { village: event.village } : {}) }
    const { items, total } = await readPage<UserDoc>(db, USERS, { where, orderBy: [['since', 'desc']], page: event.page, pageSize: event.pageSize })
    return {
      cadres: items.map((u) => ({ openid: u._id, name: u.name, village: u.village, since: new Date(u.since).toISOString() })),
      total
    }
  },

  async revokeCadre(event, caller) {
    const db = database()
    const admin = await requireAdmin(db, caller)
    // A revocation an earlier call left half done is finished first (and is then what this call did).
    const resumed = await settleRelease(db, event.openid)
    const village = await transaction(db, async (tx) => {
      const user = await findById<UserDoc>(tx, USERS, event.openid)
      if (!user || user.revokedAt) return resumed === null ? refuse('NOT_FOUND', '没有这位干部,或已被撤销') : null
      refuseWhileReleasing(user)
      await tx.collection(USERS).doc(event.openid).update({ data: { revokedAt: new Date(), releasing: user.village } })
      await rebindCounter(tx, event.openid, user.name, null)
      await audit(tx, db, { actor: admin.openid, action: 'user.revokeCadre', target: event.openid, detail: { village: user.village } })
      return user.village
    })
    const released = (resumed ?? 0) + (village ? await finishRelease(db, event.openid, village) : 0)
    return { openid: event.openid, released }
  },

  async moveCadre(event, caller) {
    const db = database()
    const admin = await requireAdmin(db, caller)
    await settleRelease(db, event.openid)
    const from = await transaction(db, async (tx) => {
      const user = await findById<UserDoc>(tx, USERS, event.openid)
      if (!user || user.revokedAt) return refuse('NOT_FOUND', '没有这位干部,或已被撤销')
      if (user.village === event.village) refuse('CONFLICT', `该干部已是${event.village}的干部`)
      refuseWhileReleasing(user)
      await tx.collection(USERS).doc(event.openid).update({ data: { village: event.village, releasing: user.village } })
      await rebindCounter(tx, event.openid, user.name, event.village)
      await audit(tx, db, { actor: admin.openid, action: 'user.moveCadre', target: event.openid, detail: { from: user.village, to: event.village } })
      return user.village
    })
    return { openid: event.openid, village: event.village, released: await finishRelease(db, event.openid, from) }
  }
})
