/**
 * 群众诉求: residents file concerns, cadres and admins answer them, every one counted per unit.
 * A resident is kept only as a keyed hash; a concern is never linked to a survey response.
 */
import { randomInt } from 'crypto'
import {
  AWAITING_REPLY,
  CONCERN_CODE_ALPHABET,
  CONCERN_CODE_LENGTH,
  CONCERNS_PER_DAY,
  DEFAULT_DUE_DAYS,
  dueAfter,
  MAX_REPLIES,
  medianWindow,
  RECORDED_CONCERNS_PER_DAY,
  REPLIER_LABELS,
  replyHoursBetween,
  replyRate,
  type ConcernCategory,
  type ConcernStatus,
  type ReplierRole
} from '../../../src/core/concerns'
import { concernsContract, type ConcernItem, type ConcernStatsRow, type MyConcern } from '../../../src/core/contract'
import { maskPhone } from '../../../src/core/contact'
import { unitKey } from '../../../src/core/towns'
import { yearOf } from '../../../src/core/campaigns'
import { closedMessage, currentCampaign, workYear, yearWhere } from '../../lib/campaign'
import { bumpConcernCounter, CONCERN_COUNTERS, countsOf, NO_CONCERNS, type ConcernCounterDoc, type ConcernCounts } from '../../lib/concern-counters'
import { audit } from '../../lib/audit'
import { isTimer, requireOpenid } from '../../lib/caller'
import { chinaDay } from '../../lib/china-day'
import { database } from '../../lib/cloud'
import { COLLECTIONS } from '../../lib/collections'
import { findById, MAX_READ, readAll, readPage, transaction, type Db, type Stored, type TransactionScope } from '../../lib/data'
import { takeInTransaction } from '../../lib/daily-limit'
import { createMain } from '../../lib/handler'
import { keyedHash } from '../../lib/keyed-hash'
import { refuse } from '../../lib/refusal'
import { identify, isAdmin, requireAdmin, requireCadreOrAdmin, requireCountyAdmin, type Identity } from '../../lib/roles'
import { respondentSecret } from '../../lib/secret'
import { requireUnit, townFor } from '../../lib/towns'

const CONCERNS = COLLECTIONS.concerns
const CODES = COLLECTIONS.concernCodes

interface StoredReply {
  text: string
  at: Date
  /** Only the role: residents never learn who answered. The actor is in the audit trail. */
  by: ReplierRole
  /** The phone's replyId: the same reply sent again (a lost answer, the offline outbox) is found, not added. */
  id?: string
}

export interface ConcernDoc extends Stored {
  code: string
  town: string
  /** The unit that handles it ('' when none was named and none assigned yet). */
  village: string
  /** The unit named when it was filed ('' for none): history only, assigning moves `village`. */
  raisedIn: string
  category: ConcernCategory
  text: string
  status: ConcernStatus
  /** Past its due date without a reply (set by the daily timer, cleared by a reply or a new due date). */
  overdue: boolean
  /** Its first reply came after its due date. */
  late: boolean
  /** keyedHash(secret, 'person', openid) of the resident; null when a cadre or admin recorded it. */
  respondent: string | null
  recordedBy: 'resident' | 'cadre' | 'admin'
  contactId: string | null
  callback: { phone: string; masked: string } | null
  /** The campaign's year (absent: 2023): once it is closed the concern is read-only and has no callback number. */
  year?: number
  day: string
  createdAt: Date
  dueAt: Date
  assignedAt: Date | null
  replies: StoredReply[]
  repliedAt: Date | null
  /** Hours to the first reply; present only once replied (the median reads it in order). */
  replyHours?: number
  closedAt: Date | null
  resolved: boolean | null
  note: string | null
}

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null)

function toMine(c: ConcernDoc): MyConcern {
  return {
    id: c._id,
    code: c.code,
    category: c.category,
    text: c.text,
    village: c.village || null,
    status: c.status,
    createdAt: iso(c.createdAt)!,
    dueAt: iso(c.dueAt)!,
    replies: c.replies.map((r) => ({ text: r.text, at: iso(r.at)!, by: REPLIER_LABELS[r.by] })),
    closedAt: iso(c.closedAt),
    resolved: c.resolved
  }
}

function toItem(c: ConcernDoc): ConcernItem {
  return {
    ...toMine(c),
    town: c.town,
    overdue: c.overdue,
    late: c.late,
    callbackMasked: c.callback?.masked ?? null,
    contactId: c.contactId,
    recordedBy: c.recordedBy,
    assignedAt: iso(c.assignedAt),
    repliedAt: iso(c.repliedAt),
    replyHours: c.replyHours ?? null,
    note: c.note
  }
}

function newCode(): string {
  let code = ''
  for (let i = 0; i < CONCERN_CODE_LENGTH; i++) code += CONCERN_CODE_ALPHABET[randomInt(CONCERN_CODE_ALPHABET.length)]
  return code
}

/**
 * The concern a cadre or admin acts on, within the town the call acts on. Another town's, or a
 * cadre's of another village, is FORBIDDEN; one that does not exist is NOT_FOUND.
 */
async function concernFor(on: Db | TransactionScope, who: Identity, town: string, id: string): Promise<ConcernDoc> {
  const c = await findById<ConcernDoc>(on, CONCERNS, id)
  if (!c) return refuse('NOT_FOUND', '没有找到这条诉求')
  if (c.town !== town) refuse('FORBIDDEN', '这条诉求不属于您管理的乡镇(街道)')
  if (who.role === 'cadre' && c.village !== who.village) refuse('FORBIDDEN', `这条诉求不属于${who.village},您不能处理`)
  return c
}

/** A cadre's own village (naming another is FORBIDDEN); an admin's named unit, or none for the whole town. */
async function villageFor(db: Db, who: Identity, town: string, asked: string | undefined): Promise<string | undefined> {
  if (who.role === 'cadre') {
    if (asked !== undefined && asked !== who.village) refuse('FORBIDDEN', `您是${who.village}的干部,不能查看${asked}的诉求`)
    return who.village
  }
  if (asked === undefined) return undefined
  return (await requireUnit(db, town, asked, true)).name
}

/** The median of replyHours over concerns matching `where`, given how many there are: one read of at most two. */
async function medianReplyHours(db: Db, where: object, n: number): Promise<number | null> {
  const window = medianWindow(n)
  if (!window) return null
  const res = await db.collection(CONCERNS).where(where).orderBy('replyHours', 'asc').skip(window.skip).limit(window.take).field({ replyHours: true }).get()
  const values = (res.data as { replyHours: number }[]).map((d) => d.replyHours)
  if (values.length === 0) return null
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100
}

/** Runs `work` over `items`, a few at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await work(items[next++])
  }))
}

export const main = createMain(
  'concerns',
  concernsContract,
  {
    async submit(event, caller) {
      const db = database()
      const openid = requireOpenid(caller)
      const who = await identify(db, caller)
      const town = await townFor(db, who, event.town)
      const secret = await respondentSecret(db)
      // An inspector raises a concern as the person they are, like a resident: they record none for households.
      const resident = who.role === 'resident' || who.role === 'inspector'
      const { year } = await workYear(db)

      let village = ''
      let contactId: string | null = null
      if (event.contactId !== undefined) {
        if (resident) refuse('FORBIDDEN', '只有村(社区)干部可以为走访的住户代为反映')
        const contact = await findById<{ _id: string; town: string; village: string }>(db, COLLECTIONS.contacts, event.contactId)
        if (!contact || contact.town !== town) return refuse('NOT_FOUND', '没有找到这户住户')
        if (who.role === 'cadre' && contact.village !== who.village) refuse('FORBIDDEN', `这户不属于${who.village},不能代为反映`)
        if (event.village !== undefined && event.village !== contact.village) refuse('INVALID_INPUT', `这户属于${contact.village},与所填村(社区)不一致`)
        village = contact.village
        contactId = contact._id
      } else if (who.role === 'cadre') {
        if (event.village !== undefined && event.village !== who.village) refuse('FORBIDDEN', `您是${who.village}的干部,只能记录本村(社区)的诉求`)
        village = who.village!
      } else if (event.village !== undefined) {
        village = (await requireUnit(db, town, event.village)).name
      }

      // A resident is a keyed hash; staff who record for someone are not that someone.
      const person = resident ? keyedHash(secret, 'person', openid) : null
      const id = keyedHash(secret, 'concern', openid, event.submissionId)
      const limiter = person ?? keyedHash(secret, 'recorder', openid)
      const limit = resident ? CONCERNS_PER_DAY : RECORDED_CONCERNS_PER_DAY
      const now = new Date()

      return transaction(db, async (tx) => {
        const existing = await findById<ConcernDoc>(tx, CONCERNS, id)
        if (existing) return { id, code: existing.code, stored: false }
        const left = await takeInTransaction(tx, 'concern', limiter, limit, 1, { town })
        if (left !== null) refuse('RATE_LIMITED', resident ? `每人每天最多反映${limit}个问题,请明天再来;紧急情况请拨打110` : `今天已代为记录${limit}条诉求,已达上限`)
        let code = newCode()
        for (let tries = 0; await findById(tx, CODES, code); tries++) {
          if (tries >= 8) refuse('CONFLICT', '编号生成失败,请重试')
          code = newCode()
        }
        await tx.collection(CODES).doc(code).set({ data: { concern: id, town } })
        const doc: Omit<ConcernDoc, '_id'> = {
          code,
          town,
          village,
          raisedIn: village,
          category: event.category,
          text: event.text,
          status: 'open',
          overdue: false,
          late: false,
          respondent: person,
          recordedBy: resident ? 'resident' : who.role === 'cadre' ? 'cadre' : 'admin',
          contactId,
          callback: event.callback ? { phone: event.callback.phone, masked: maskPhone(event.callback.phone) } : null,
          year,
          day: chinaDay(now),
          createdAt: now,
          dueAt: dueAfter(now, DEFAULT_DUE_DAYS),
          assignedAt: null,
          replies: [],
          repliedAt: null,
          closedAt: null,
          resolved: null,
          note: null
        }
        await tx.collection(CONCERNS).doc(id).set({ data: doc })
        await bumpConcernCounter(tx, town, village, year, { raised: 1 })
        return { id, code, stored: true }
      })
    },

    async mine(_event, caller) {
      const db = database()
      const openid = requireOpenid(caller)
      const person = keyedHash(await respondentSecret(db), 'person', openid)
      // At most 5 a day: the newest hundred are everything a person scrolls through; total is exact.
      const { items, total } = await readPage<ConcernDoc>(db, CONCERNS, { where: { respondent: person }, orderBy: [['createdAt', 'desc']], page: 0, pageSize: 100 })
      return { items: items.map(toMine), total }
    },

    async list(event, caller) {
      const db = database()
      const who = await requireCadreOrAdmin(db, caller)
      const town = await townFor(db, who, event.town)
      const village = await villageFor(db, who, town, event.village)
      const fields: Record<string, unknown> = { town }
      if (village !== undefined) fields.village = village
      if (event.status) fields.status = event.status
      if (event.overdue !== undefined) fields.overdue = event.overdue
      if (event.code) fields.code = event.code
      // One campaign year's queue (default the current one): a closed year's concerns are read-only.
      const year = event.year ?? (await currentCampaign(db)).year
      const { items, total } = await readPage<ConcernDoc>(db, CONCERNS, {
        where: db.command.and([fields, yearWhere(db.command, year)]),
        // Overdue first (督办), then the oldest waiting longest.
        orderBy: [['overdue', 'desc'], ['createdAt', 'asc']],
        page: event.page,
        pageSize: event.pageSize
      })
      return { town, year, items: items.map(toItem), total }
    },

    async assign(event, caller) {
      const db = database()
      const who = await requireAdmin(db, caller)
      const town = await townFor(db, who, event.town)
      const unit = (await requireUnit(db, town, event.unit)).name
      const now = new Date()
      const dueAt = dueAfter(now, event.dueDays)
      const open = await workYear(db)
      return transaction(db, async (tx) => {
        const c = await concernFor(tx, who, town, event.id)
        if (yearOf(c) !== open.year) refuse('CONFLICT', closedMessage(yearOf(c)))
        if (!AWAITING_REPLY.includes(c.status)) refuse('CONFLICT', '这条诉求已答复,不能再交办')
        // The concern moves to the unit that handles it, and its counts with it.
        if (unit !== c.village) {
          await bumpConcernCounter(tx, town, c.village, yearOf(c), { raised: -1, overdue: c.overdue ? -1 : 0 })
          await bumpConcernCounter(tx, town, unit, yearOf(c), { raised: 1 })
        } else if (c.overdue) {
          await bumpConcernCounter(tx, town, unit, yearOf(c), { overdue: -1 })
        }
        await tx.collection(CONCERNS).doc(c._id).update({ data: { village: unit, status: 'assigned', dueAt, assignedAt: now, overdue: false } })
        await audit(tx, db, { actor: who.openid, action: 'concerns.assign', town, target: c._id, detail: { unit, dueDays: event.dueDays, from: c.village } })
        return { id: c._id, status: 'assigned' as const, dueAt: dueAt.toISOString() }
      })
    },

    async reply(event, caller) {
      const db = database()
      const who = await requireCadreOrAdmin(db, caller)
      const town = await townFor(db, who, event.town)
      const now = new Date()
      const open = await workYear(db)
      return transaction(db, async (tx) => {
        const c = await concernFor(tx, who, town, event.id)
        // Checked first: a reply stored before the concern was closed is still this reply, not a refusal.
        if (event.replyId !== undefined && c.replies.some((r) => r.id === event.replyId)) return { id: c._id, status: 'replied' as const, stored: false }
        if (yearOf(c) !== open.year) refuse('CONFLICT', closedMessage(yearOf(c)))
        if (c.status === 'closed') refuse('CONFLICT', '这条诉求已办结,不能再答复')
        if (c.replies.length >= MAX_REPLIES) refuse('CONFLICT', `一条诉求最多答复${MAX_REPLIES}次`)
        const reply: StoredReply = { text: event.text, at: now, by: isAdmin(who) ? 'admin' : 'cadre', ...(event.replyId ? { id: event.replyId } : {}) }
        const update: Record<string, unknown> = { replies: [...c.replies, reply], status: 'replied' }
        if (c.repliedAt === null) {
          update.repliedAt = now
          update.replyHours = replyHoursBetween(new Date(c.createdAt), now)
          update.late = now.getTime() > new Date(c.dueAt).getTime()
          update.overdue = false
          await bumpConcernCounter(tx, town, c.village, yearOf(c), { replied: 1, overdue: c.overdue ? -1 : 0 })
        }
        await tx.collection(CONCERNS).doc(c._id).update({ data: update })
        await audit(tx, db, { actor: who.openid, action: 'concerns.reply', town, target: c._id })
        return { id: c._id, status: 'replied' as const, stored: true }
      })
    },

    async close(event, caller) {
      const db = database()
      const who = await requireCadreOrAdmin(db, caller)
      const town = await townFor(db, who, event.town)
      const now = new Date()
      const open = await workYear(db)
      return transaction(db, async (tx) => {
        const c = await concernFor(tx, who, town, event.id)
        if (c.status === 'closed') return { id: c._id, status: 'closed' as const }
        if (yearOf(c) !== open.year) refuse('CONFLICT', closedMessage(yearOf(c)))
        // 件件有回音: the resident hears back before a concern is closed.
        if (c.status !== 'replied') refuse('CONFLICT', '请先答复群众,再办结')
        await tx.collection(CONCERNS).doc(c._id).update({ data: { status: 'closed', closedAt: now, resolved: event.resolved, note: event.note ?? null } })
        await bumpConcernCounter(tx, town, c.village, yearOf(c), { closed: 1 })
        await audit(tx, db, { actor: who.openid, action: 'concerns.close', town, target: c._id, detail: { resolved: event.resolved } })
        return { id: c._id, status: 'closed' as const }
      })
    },

    async stats(event, caller) {
      const db = database()
      const who = await requireCadreOrAdmin(db, caller)
      const town = await townFor(db, who, event.town)
      const village = await villageFor(db, who, town, event.village)
      // One campaign year's figures (default the current one): years never add up.
      const year = event.year ?? (await currentCampaign(db)).year
      const docs = village !== undefined
        ? [(await findById<ConcernCounterDoc>(db, CONCERN_COUNTERS, unitKey(town, village))) ?? { _id: unitKey(town, village), town, village }]
        : await readAll<ConcernCounterDoc>(db, CONCERN_COUNTERS, { town })
      const counters = docs
        .map((d) => ({ village: d.village, ...countsOf(d, year) }))
        .filter((c) => village !== undefined || c.raised || c.replied || c.closed || c.overdue)
      const _ = db.command
      const ofYear = yearWhere(_, year)
      // `replied` counts exactly the concerns that carry replyHours, so it is the median's n.
      const rowOf = async (c: { village: string } & ConcernCounts, where: object): Promise<ConcernStatsRow> => ({
        village: c.village,
        raised: c.raised,
        replied: c.replied,
        closed: c.closed,
        overdue: c.overdue,
        replyRate: replyRate(c.raised, c.replied),
        medianReplyHours: await medianReplyHours(db, _.and([where, ofYear]), c.replied)
      })
      const rows: ConcernStatsRow[] = new Array(counters.length)
      await inParallel(counters.map((c, i) => ({ c, i })), 8, async ({ c, i }) => {
        rows[i] = await rowOf(c, { town, village: c.village, replyHours: _.gte(0) })
      })
      rows.sort((a, b) => (a.village === '' ? 1 : b.village === '' ? -1 : a.village.localeCompare(b.village, 'zh')))
      const sum = counters.reduce<ConcernCounts>((t, c) => ({ raised: t.raised + c.raised, replied: t.replied + c.replied, closed: t.closed + c.closed, overdue: t.overdue + c.overdue }), { ...NO_CONCERNS })
      const total = await rowOf({ village: village ?? '', ...sum }, village !== undefined ? { town, village, replyHours: _.gte(0) } : { town, replyHours: _.gte(0) })
      return { town, year, rows, total }
    },

    async revealCallback(event, caller) {
      const db = database()
      const who = await requireCadreOrAdmin(db, caller)
      const town = await townFor(db, who, event.town)
      const c = await concernFor(db, who, town, event.id)
      if (!c.callback) return refuse('NOT_FOUND', '群众没有留下回访电话')
      // Audited before the number leaves: no entry, no number.
      await audit(db, db, { actor: who.openid, action: 'concerns.revealCallback', town, target: c._id })
      return { id: c._id, phone: c.callback.phone }
    },

    async markOverdue(_event, caller) {
      const db = database()
      if (!isTimer(caller)) await requireCountyAdmin(db, caller)
      const _ = db.command
      const now = new Date()
      let marked = 0
      // Marked ones leave the query, so each page is the next; a page that marks none ends it.
      for (;;) {
        const res = await db.collection(CONCERNS).where({ dueAt: _.lt(now), status: _.in([...AWAITING_REPLY]), overdue: _.neq(true) }).limit(MAX_READ).field({ _id: true }).get()
        const ids = (res.data as unknown as Stored[]).map((d) => d._id)
        if (ids.length === 0) break
        let markedNow = 0
        await inParallel(ids, 8, async (id) => {
          const done = await transaction(db, async (tx) => {
            const c = await findById<ConcernDoc>(tx, CONCERNS, id)
            if (!c || c.overdue || !AWAITING_REPLY.includes(c.status) || new Date(c.dueAt).getTime() >= now.getTime()) return false
            await tx.collection(CONCERNS).doc(id).update({ data: { overdue: true } })
            await bumpConcernCounter(tx, c.town, c.village, yearOf(c), { overdue: 1 })
            return true
          })
          if (done) markedNow++
        })
        marked += markedNow
        if (markedNow === 0) break
      }
      await audit(db, db, { actor: isTimer(caller) ? 'timer' : caller.openid, action: 'concerns.markOverdue', detail: { marked } })
      return { marked }
    }
  },
  { timerAction: 'markOverdue' }
)
