import { randomInt } from 'crypto'
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH, userContract, type Invite } from '../../../src/core/contract'
import type { VillageName } from '../../../src/core/villages'
import { audit } from '../../lib/audit'
import { database } from '../../lib/cloud'
import { COLLECTIONS } from '../../lib/collections'
import { findById, readPage, transaction, type Stored } from '../../lib/data'
import { createMain } from '../../lib/handler'
import { refuse } from '../../lib/refusal'
import { identify, requireAdmin, requireOpenid, USERS, type UserDoc } from '../../lib/roles'

const INVITES = COLLECTIONS.invites
const DAY_MS = 24 * 60 * 60 * 1000

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
    const before = await identify(db, caller)
    if (before.role === 'admin') refuse('CONFLICT', '管理员无需使用邀请码')
    if (before.role === 'cadre') refuse('CONFLICT', `您已是${before.village}的干部`)
    // The use count and the new cadre are written together: a used-up code can never admit one more.
    const village = await transaction(db, async (tx) => {
      const invite = await findById<InviteDoc>(tx, INVITES, event.code)
      if (!invite) return refuse('NOT_FOUND', '邀请码不存在,请核对后重新输入')
      if (invite.revoked) refuse('FORBIDDEN', '邀请码已被撤销,请向管理员索取新的邀请码')
      if (new Date(invite.expiresAt).getTime() <= Date.now()) refuse('FORBIDDEN', '邀请码已过期,请向管理员索取新的邀请码')
      if (invite.uses >= invite.maxUses) refuse('FORBIDDEN', '邀请码已达到使用次数上限,请向管理员索取新的邀请码')
      await tx.collection(INVITES).doc(event.code).update({ data: { uses: invite.uses + 1 } })
      const user: Omit<UserDoc, '_id'> = {
        role: 'cadre',
        village: invite.village,
        name: event.name,
        invite: event.code,
        since: new Date(),
        revokedAt: null
      }
      await tx.collection(USERS).doc(openid).set({ data: user })
      await audit(tx, db, { actor: openid, action: 'user.redeemInvite', target: event.code, detail: { village: invite.village } })
      return invite.village
    })
    return { openid, role: 'cadre' as const, village, name: event.name }
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
    await transaction(db, async (tx) => {
      const user = await findById<UserDoc>(tx, USERS, event.openid)
      if (!user || user.revokedAt) refuse('NOT_FOUND', '没有这位干部,或已被撤销')
      await tx.collection(USERS).doc(event.openid).update({ data: { revokedAt: new Date() } })
      await audit(tx, db, { actor: admin.openid, action: 'user.revokeCadre', target: event.openid })
    })
    return { openid: event.openid }
  }
})
