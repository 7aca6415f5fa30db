/**
 * Opening and closing rounds, carrying 整改 tasks over (督导补火), and reading a campaign's rounds for
 * the ranking and the plan's lists. Shared by the admin's actions and the daily timer.
 */
import type { Schedule, SheetItem, UnitKind } from '../../../src/core/contract'
import { DEFAULT_SHEET, defaultSchedule, rankRound, unitScore, ratesOf, type RoundFlags } from '../../../src/core/inspections'
import type { RankFlag } from '../../../src/core/ranking'
import { audit } from '../../lib/audit'
import { workYear } from '../../lib/campaign'
import { chinaDay } from '../../lib/china-day'
import { findById, readAll, transaction, type Db, type TransactionScope } from '../../lib/data'
import { refuse } from '../../lib/refusal'
import { unitsOf } from '../../lib/towns'
import { groupBy, unitFigures } from './figures'
import {
  carriedIdOf,
  openTask,
  roundIdOf,
  ROUNDS,
  scoreIdOf,
  SCORES,
  SETTINGS,
  TASKS,
  WAITING,
  type RoundDoc,
  type ScoreDoc,
  type TaskDoc,
  type TownInspectionDoc
} from './model'

/** Who opens, closes or checks: a person (OPENID and name) or the timer. */
export interface Actor {
  openid: string
  name: string
}
export const TIMER_ACTOR: Actor = { openid: 'timer', name: '定时' }

const emptySettings = (town: string): Omit<TownInspectionDoc, '_id'> => ({ town, openRound: null, lastRound: null, year: null, lastNumber: 0, lastOpenedDay: null })

export async function settingsOf(on: Db | TransactionScope, town: string): Promise<TownInspectionDoc> {
  return (await findById<TownInspectionDoc>(on, SETTINGS, town)) ?? { _id: town, ...emptySettings(town) }
}

/** Writes the town's settings document whole (read in the same transaction). */
export async function writeSettings(tx: TransactionScope, doc: TownInspectionDoc): Promise<void> {
  const { _id, ...fields } = doc
  await tx.collection(SETTINGS).doc(_id).set({ data: fields })
}

export const sheetOf = (s: TownInspectionDoc): SheetItem[] => s.sheet ?? [...DEFAULT_SHEET]
export const scheduleOf = (s: TownInspectionDoc, now: Date = new Date()): Schedule => s.schedule ?? defaultSchedule(Number(chinaDay(now).slice(0, 4)))

export async function requireRound(on: Db | TransactionScope, id: string): Promise<RoundDoc> {
  const round = await findById<RoundDoc>(on, ROUNDS, id)
  if (!round) return refuse('NOT_FOUND', '没有这一轮督查')
  return round
}

/**
 * Opens the town's next round: its active units, the sheet as it is now and every unit's figures now
 * are frozen into it. One open round per town: the settings document is the guard, read and written
 * in the same transaction, and the round's id is its number, so two openings at once (a double tap,
 * a retry, the timer and an admin) make one round and the other is refused (CONFLICT). With
 * `onceToday` (the timer) a town where a round was already opened today is left alone (null).
 */
export async function openRound(db: Db, town: string, by: Actor, options: { onceToday?: boolean } = {}): Promise<{ round: string; number: number } | null> {
  const now = new Date()
  const day = chinaDay(now)
  // Rounds belong to the current campaign year (refused once it is closing or closed), not the calendar's.
  const { year } = await workYear(db)
  const before = await settingsOf(db, town)
  if (options.onceToday && before.lastOpenedDay === day) return null
  if (before.openRound) refuse('CONFLICT', '本轮督查尚未结束,请先结束本轮再开启新一轮')
  const units = (await unitsOf(db, town)).filter((u) => u.active)
  if (units.length === 0) refuse('INVALID_INPUT', `${town}没有可督查的单位`)
  const figures = await unitFigures(db, town, units, before.lastRound, year)
  const sheet = sheetOf(before)
  return transaction(db, async (tx) => {
    const settings = await settingsOf(tx, town)
    if (options.onceToday && settings.lastOpenedDay === day) return null
    if (settings.openRound) refuse('CONFLICT', '本轮督查尚未结束,请先结束本轮再开启新一轮')
    // Another round opened and closed since the figures were read: they would name the wrong previous round.
    if (settings.lastRound !== before.lastRound) refuse('CONFLICT', '督查轮次刚有变化,请刷新后重试')
    const number = settings.year === year ? settings.lastNumber + 1 : 1
    const id = roundIdOf(town, year, number)
    if (await findById<RoundDoc>(tx, ROUNDS, id)) refuse('CONFLICT', `第${number}轮督查已开启`)
    const round: Omit<RoundDoc, '_id'> = {
      town,
      year,
      number,
      status: 'open',
      day,
      openedAt: now,
      openedBy: by.openid,
      openedByName: by.name,
      closedAt: null,
      closedBy: null,
      sheet,
      units: units.length,
      previous: settings.lastRound
    }
    await tx.collection(ROUNDS).doc(id).set({ data: round })
    for (const [index, unit] of units.entries()) {
      const f = figures.get(unit.name)!
      const rates = ratesOf(f)
      const type = unit.type as UnitKind
      const score: Omit<ScoreDoc, '_id'> = {
        round: id,
        town,
        year,
        number,
        village: unit.name,
        type,
        order: unit.order,
        index,
        figures: f,
        rates,
        entered: null,
        notes: {},
        photos: {},
        // A sheet with no entered item that applies scores the unit from its figures at once.
        score: unitScore(sheet, { type, rates, entered: null }).score,
        scoredBy: null,
        scoredByName: null,
        scoredAt: null,
        problems: 0
      }
      await tx.collection(SCORES).doc(scoreIdOf(id, index)).set({ data: score })
    }
    await writeSettings(tx, { ...settings, openRound: id, lastRound: id, year, lastNumber: number, lastOpenedDay: day })
    await audit(tx, db, { actor: by.openid, action: 'inspections.openRound', town, target: id, detail: { number, units: units.length, items: sheet.length } })
    return { round: id, number }
  })
}

/**
 * A task waiting for verification that was not fixed: it becomes 'carried' and a new open task of
 * `into` (the round whose inspector checked it) takes its text, with a fresh deadline of as many
 * days, for the next round to verify. Its id is fixed by (task, round): a retry carries it once.
 * Answers the task's status after the call.
 */
export async function carryTask(db: Db, taskId: string, into: RoundDoc, by: Actor, audited: boolean): Promise<TaskDoc['status']> {
  return transaction(db, async (tx) => {
    const task = await findById<TaskDoc>(tx, TASKS, taskId)
    if (!task) return refuse('NOT_FOUND', '没有这条整改任务')
    if (!WAITING.includes(task.status)) return task.status
    const now = new Date()
    const carriedTo = carriedIdOf(into._id, task._id)
    const fresh = openTask(into, { village: task.village, text: task.text, dueDays: task.dueDays, createdBy: by.openid, carriedFrom: task._id }, now)
    await tx.collection(TASKS).doc(carriedTo).set({ data: fresh })
    await tx.collection(TASKS).doc(task._id).update({ data: { status: 'carried', carriedTo, checkedIn: into._id, verifiedAt: now, verifiedBy: by.openid } })
    if (audited) await audit(tx, db, { actor: by.openid, action: 'inspections.verifyTask', town: task.town, target: task._id, detail: { unit: task.village, fixed: false, carriedTo } })
    return 'carried'
  })
}

/**
 * Closes a round: first every task of an earlier round still waiting (not verified by this round's
 * inspector) is carried into this round (督导补火), then the round is closed and the town may open the
 * next. Closing a closed round again answers as the first time. A call cut short midway is finished
 * by calling again (each carry is its own small transaction, made once).
 */
export async function closeRound(db: Db, round: RoundDoc, by: Actor): Promise<{ carried: number }> {
  if (round.status === 'closed') return { carried: 0 }
  const waiting = await readAll<TaskDoc>(db, TASKS, { town: round.town, status: db.command.in(WAITING) })
  let carried = 0
  for (const task of waiting) {
    if (task.round === round._id) continue
    if ((await carryTask(db, task._id, round, by, false)) === 'carried') carried++
  }
  await transaction(db, async (tx) => {
    const current = await requireRound(tx, round._id)
    if (current.status === 'closed') return
    await tx.collection(ROUNDS).doc(round._id).update({ data: { status: 'closed', closedAt: new Date(), closedBy: by.openid } })
    const settings = await settingsOf(tx, round.town)
    if (settings.openRound === round._id) await writeSettings(tx, { ...settings, openRound: null })
    await audit(tx, db, { actor: by.openid, action: 'inspections.closeRound', town: round.town, target: round._id, detail: { number: round.number, carried } })
  })
  return { carried }
}

/** A round of a campaign as the ranking reads it: its document and its units' score documents. */
export interface CampaignRound {
  round: RoundDoc
  scores: ScoreDoc[]
}

/** The town's rounds of `year` up to round `upTo` (every one if absent), oldest first, each with its scores. */
export async function campaign(db: Db, town: string, year: number, upTo?: number): Promise<CampaignRound[]> {
  const [rounds, scores] = await Promise.all([readAll<RoundDoc>(db, ROUNDS, { town, year }), readAll<ScoreDoc>(db, SCORES, { town, year })])
  const byRound = groupBy(scores, (s) => s.round)
  return rounds
    .filter((r) => upTo === undefined || r.number <= upTo)
    .sort((a, b) => a.number - b.number)
    .map((round) => ({ round, scores: (byRound.get(round._id) ?? []).sort((a, b) => a.index - b.index) }))
}

export interface RankedUnit {
  score: ScoreDoc
  rank: number | null
  flag: RankFlag
}

/** A round's units (of one kind, when `type` is given) ranked by score, unscored last. */
export function rankScores(scores: readonly ScoreDoc[], type?: UnitKind): RankedUnit[] {
  const rows = scores.filter((s) => !type || s.type === type).map((s) => ({ unit: s.village, score: s.score, doc: s }))
  return rankRound(rows).map((r) => ({ score: r.doc, rank: r.rank, flag: r.flag }))
}

/** Each round's units with their flags, for everyRoundTop and bottomThreeInARow. */
export const flagsOfRounds = (ranked: readonly RankedUnit[][]): RoundFlags[] => ranked.map((units) => units.map((u) => ({ unit: u.score.village, flag: u.flag })))
