/**
 * 入户走访: recording a household visit's ticks, the units' and cadres' figures, and the household
 * list by status. Every figure is a counter kept in the visit's transaction, or a count query.
 */
import { VISIT_FLAGS, visitsContract, type VisitFigures, type VisitProgressRow, type VisitStatus } from '../../../src/core/contract'
import { currentCampaign, workYear } from '../../lib/campaign'
import { COLLECTIONS } from '../../lib/collections'
import { database } from '../../lib/cloud'
import { findById, isDuplicateKey, isTransactionConflict, pause, readAll, readPage, transaction, type Db, type Stored } from '../../lib/data'
import { createMain } from '../../lib/handler'
import { keyedHash } from '../../lib/keyed-hash'
import { refuse } from '../../lib/refusal'
import { requireCadreOrAdmin, type Identity } from '../../lib/roles'
import { respondentSecret } from '../../lib/secret'
import { isVillage, requireUnit, requireVillage, townFor, unitKey, UNITS, unitsOf, type UnitDoc } from '../../lib/towns'
import { withCounters } from '../contacts/counters'
import { CONCERN_COUNTERS, countsOf, NO_CONCERNS, type ConcernCounterDoc, type ConcernCounts } from '../../lib/concern-counters'
import { inTownOf, toItem, type CadreCounterDoc, type ContactDoc, type VillageCounterDoc } from '../contacts/model'
import { bumpVisits, countFlags, flagsOf, NO_VISITS, VISIT_COUNTERS, VISITS, type FlagCounts, type VisitCounterDoc, type VisitDoc, type VisitState } from './model'

const CONTACTS = COLLECTIONS.contacts
/** Every counter of one collection for `town`, by id; a collection nobody has written yet is empty. */
async function countersOf<T extends Stored>(db: Db, collection: string, town: string): Promise<Map<string, T>> {
  try {
    return new Map((await readAll<T>(db, collection, { town })).map((c) => [c._id, c]))
  } catch (error) {
    if (/not exist|not found/i.test(String((error as { errMsg?: string })?.errMsg ?? (error as Error)?.message))) return new Map()
    throw error
  }
}

const figures = (households: number, flags: FlagCounts, concerns: ConcernCounts): VisitFigures => ({
  households,
  ...flags,
  concerns: concerns.raised,
  replied: concerns.replied
})

function sum(rows: VisitFigures[]): VisitFigures {
  const total: VisitFigures = { households: 0, ...NO_VISITS, concerns: 0, replied: 0 }
  for (const row of rows) for (const k of Object.keys(total) as (keyof VisitFigures)[]) total[k] += row[k]
  return total
}

/** Rows for `villages` of `town` from the three counters of each: no household is read. */
async function unitRows(db: Db, town: string, villages: string[], year: number): Promise<VisitProgressRow[]> {
  const [registered, visits, concerns] = await Promise.all([
    countersOf<VillageCounterDoc>(db, COLLECTIONS.villageCounters, town),
    countersOf<VisitCounterDoc>(db, VISIT_COUNTERS, town),
    countersOf<ConcernCounterDoc>(db, CONCERN_COUNTERS, town)
  ])
  return villages.map((village) => {
    const key = unitKey(town, village)
    const v = visits.get(key)
    const flags = v ? (Object.fromEntries(VISIT_FLAGS.map((f) => [f, v[f] ?? 0])) as FlagCounts) : { ...NO_VISITS }
    return { village, ...figures(registered.get(key)?.registered ?? 0, flags, countsOf(concerns.get(key), year)) }
  })
}

/**
 * A cadre's own row: the households they hold (包户) in the village they are bound to now (their
 * counter), and count queries of those ticked. Concerns belong to the village, so 0 here.
 */
async function cadreRow(db: Db, town: string, village: string, openid: string, name: string, counter?: CadreCounterDoc | null): Promise<VisitProgressRow> {
  const held = counter && counter.town === town && counter.village === village ? counter.registered : 0
  const flags = await countFlags(db, CONTACTS, { town, village, owner: openid })
  return { village, cadre: { openid, name }, ...figures(held, flags, NO_CONCERNS) }
}

/** A cadre of a unit that is not a village (a school, a station…) has no households to visit: refused, saying why. */
async function refuseNonVillageCadre(db: Db, who: Identity, town: string | undefined): Promise<void> {
  if (who.role !== 'cadre' || !town || !who.village) return
  const unit = await findById<UnitDoc>(db, UNITS, unitKey(town, who.village))
  if (unit) requireVillage(unit)
}

/** A cadre acts on their own village (naming another is FORBIDDEN); an admin on a unit of the town, or all. */
async function villageFor(db: Db, who: Identity, town: string, asked: string | undefined): Promise<string | undefined> {
  if (who.role === 'cadre') {
    if (asked && asked !== who.village) {
      await requireUnit(db, town, asked, true)
      refuse('FORBIDDEN', `您是${who.village}的干部,不能查看${asked}的走访`)
    }
    return who.village
  }
  return asked ? (await requireUnit(db, town, asked, true)).name : undefined
}

const statusWhere = (db: Db, status: VisitStatus | undefined): object => {
  switch (status) {
    case 'unvisited':
      return { visit: db.command.exists(false) }
    case 'incomplete':
      return { 'visit.visited': true, 'visit.complete': false }
    case 'complete':
      return { 'visit.complete': true }
    default:
      return {}
  }
}

/** Whole-visit rounds after the transaction's own retries lost to a busy village counter. */
const CONFLICT_ROUNDS = 6

export const main = createMain('visits', visitsContract, {
  async record(event, caller) {
    const db = database()
    const who = await requireCadreOrAdmin(db, caller)
    const { year } = await workYear(db)
    // A county admin naming no town acts on the household's own town.
    const town = who.role === 'admin' && event.town === undefined ? undefined : await townFor(db, who, event.town)
    // (A cadre of a unit that is not a village has no households: the village check below refuses them.)
    const secret = await respondentSecret(db)
    const id = keyedHash(secret, 'visit', who.openid, event.visitId)
    const answer = (stored: boolean) => ({ visitId: event.visitId, stored })
    // Cadres of one village visiting at once all raise its one counter: after transaction()'s own
    // retries lose, back off and run the whole visit again (its id makes a repeat store nothing).
    for (let round = 1; ; round++) {
      try {
        return await withCounters(db, () =>
          transaction(db, async (tx) => {
            const doc = await findById<ContactDoc>(tx, CONTACTS, event.contactId)
            if (!doc) return refuse('NOT_FOUND', '没有这户的登记记录,可能已被删除')
            if ((town !== undefined && doc.town !== town) || !inTownOf(doc, who)) refuse('FORBIDDEN', '只能走访本乡镇(街道)的住户')
            if (who.role === 'cadre' && doc.village !== who.village) refuse('FORBIDDEN', `您是${who.village}的干部,不能记录${doc.village}住户的走访`)
            // A retry (or a double tap) of a stored visit writes nothing.
            if (await findById<VisitDoc>(tx, VISITS, id)) return answer(false)
            const now = new Date()
            const before = doc.visit
            const letter = Boolean(before?.letter) || event.letter
            const card = Boolean(before?.card) || event.card
            const explained = Boolean(before?.explained) || event.explained
            const visit: VisitState = { visited: true, letter, card, explained, complete: letter && card && explained, lastVisitAt: now, visits: (before?.visits ?? 0) + 1 }
            const visitDoc: Omit<VisitDoc, '_id'> = {
              town: doc.town,
              year,
              village: doc.village,
              contactId: doc._id,
              by: who.openid,
              byRole: who.role as VisitDoc['byRole'],
              letter: event.letter,
              card: event.card,
              explained: event.explained,
              ...(event.note ? { note: event.note } : {}),
              at: now
            }
            await tx.collection(VISITS).add({ data: { _id: id, ...visitDoc } })
            await tx.collection(CONTACTS).doc(doc._id).update({ data: { visit } })
            // Only a tick that turns on counts: the household is counted once, whatever the number of visits.
            const was = flagsOf(before)
            const is = flagsOf(visit)
            await bumpVisits(tx, db, doc.town, doc.village, Object.fromEntries(VISIT_FLAGS.map((f) => [f, is[f] - was[f]])) as FlagCounts)
            return answer(true)
          })
        )
      } catch (error) {
        // Two copies of one visit raced: the other one stored it.
        if (isDuplicateKey(error)) return answer(false)
        if (isTransactionConflict(error) && round < CONFLICT_ROUNDS) {
          await pause(round * (20 + Math.random() * 60))
          continue
        }
        throw error
      }
    }
  },

  async progress(event, caller) {
    const db = database()
    const who = await requireCadreOrAdmin(db, caller)
    const town = await townFor(db, who, event.town)
    await refuseNonVillageCadre(db, who, town)
    const village = await villageFor(db, who, town, event.village)
    // The concerns of the current campaign year (households and visits are only ever this year's).
    const { year } = await currentCampaign(db)
    if (who.role === 'cadre') {
      const [rows, counter] = await Promise.all([unitRows(db, town, [village!], year), findById<CadreCounterDoc>(db, COLLECTIONS.cadreCounters, who.openid)])
      return { town, rows: [...rows, await cadreRow(db, town, village!, who.openid, who.name ?? '', counter)], total: sum(rows) }
    }
    if (village) {
      const rows = await unitRows(db, town, [village], year)
      // The cadres bound to the unit now (their counters move with them), most households first.
      const counters = await readAll<CadreCounterDoc>(db, COLLECTIONS.cadreCounters, { town, village })
      const cadres = await Promise.all(counters.map((c) => cadreRow(db, town, village, c.openid ?? c._id, c.name, c)))
      cadres.sort((a, b) => b.households - a.households || a.cadre!.name.localeCompare(b.cadre!.name, 'zh'))
      return { town, rows: [...rows, ...cadres], total: sum(rows) }
    }
    // Villages only: other units (schools, stations…) have no households to visit.
    const rows = await unitRows(db, town, (await unitsOf(db, town)).filter(isVillage).map((u) => u.name), year)
    // The town's concerns include those no village was given for (counted under `<town>/`).
    const concerns = [...(await countersOf<ConcernCounterDoc>(db, CONCERN_COUNTERS, town)).values()].map((c) => countsOf(c, year))
    const total = { ...sum(rows), concerns: concerns.reduce((n, c) => n + c.raised, 0), replied: concerns.reduce((n, c) => n + c.replied, 0) }
    return { town, rows, total }
  },

  async households(event, caller) {
    const db = database()
    const who = await requireCadreOrAdmin(db, caller)
    const town = await townFor(db, who, event.town)
    await refuseNonVillageCadre(db, who, town)
    const village = await villageFor(db, who, town, event.village)
    const { items, total } = await readPage<ContactDoc>(db, CONTACTS, {
      where: { town, ...(village ? { village } : {}), ...statusWhere(db, event.status) },
      orderBy: [
        ['createdAt', 'desc'],
        ['_id', 'desc']
      ],
      page: event.page,
      pageSize: event.pageSize
    })
    const households = items.map((doc) => {
      const v = doc.visit
      return {
        ...toItem(doc, who),
        visited: Boolean(v?.visited),
        letter: Boolean(v?.letter),
        card: Boolean(v?.card),
        explained: Boolean(v?.explained),
        lastVisitAt: v?.lastVisitAt ? new Date(v.lastVisitAt).toISOString() : null
      }
    })
    return { households, total }
  }
})
