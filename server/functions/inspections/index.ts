/**
 * 督查 (inspections): the units inspected, the score sheet, rounds (opened by an admin or the daily
 * timer, every 10 days in September and October by default), inspectors' scores, the ranking with the
 * plan's 奖惩 lists, 整改 tasks from one round to the next, and the circular. Rules: src/core/inspections.ts.
 *
 * Roles: an admin (town: their own; county: any, `townFor`) manages units, the sheet, the schedule and
 * rounds; an inspector of a town scores its rounds and verifies tasks, and manages nothing else; a
 * cadre sees and completes their own unit's tasks and its scores.
 */
import { randomBytes } from 'crypto'
import { inspectionPhotoPrefix, inspectionsContract, INSPECTION_EXPORT_DIR, type RankingRow, type UnitKind } from '../../../src/core/contract'
import { bottomThreeInARow, entriesProblem, everyRoundTop, isRoundDay, itemResults, sheetProblem, sheetTotal, unitScore } from '../../../src/core/inspections'
import { audit } from '../../lib/audit'
import { isTimer } from '../../lib/caller'
import { chinaDay } from '../../lib/china-day'
import { database } from '../../lib/cloud'
import { countWhere, findById, readAll, transaction, type Db } from '../../lib/data'
import { createMain } from '../../lib/handler'
import { refuse } from '../../lib/refusal'
import { identify, requireAdmin, requireCountyAdmin, requireInspectorOrAdmin, type Identity } from '../../lib/roles'
import { pathOfFileID, temporaryUrl, trackFile, trackPath, uploadFile } from '../../lib/storage'
import { allTowns, requireUnit, townFor, unitsOf, type UnitDoc } from '../../lib/towns'
import { saveUnit } from '../towns/units'
import { writeCircular } from './circular'
import { groupBy } from './figures'
import { openTask, problemIdOf, ROUNDS, SCORES, TASKS, toRound, toTask, WAITING, type RoundDoc, type ScoreDoc, type TaskDoc } from './model'
import {
  campaign,
  carryTask,
  closeRound,
  flagsOfRounds,
  openRound,
  rankScores,
  requireRound,
  scheduleOf,
  settingsOf,
  sheetOf,
  TIMER_ACTOR,
  writeSettings,
  type Actor,
  type CampaignRound,
  type RankedUnit
} from './rounds'

/** How long a circular's download link works. */
const EXPORT_LINK_SECONDS = 30 * 60

const actorOf = (who: Identity): Actor => ({ openid: who.openid, name: who.name ?? (who.role === 'admin' ? '县级管理员' : '管理员') })

const toUnit = (u: UnitDoc) => ({ name: u.name, type: u.type as UnitKind, active: u.active, quota: u.quota, order: u.order })

/** The round a caller may act on: it exists, and it is of a town the caller acts on (`townFor`). */
async function roundFor(db: Db, who: Identity, id: string): Promise<RoundDoc> {
  const round = await requireRound(db, id)
  await townFor(db, who, round.town)
  return round
}

/**
 * Who reads `what` (督查成绩, 整改任务) of which town and unit: staff only; a cadre their own unit (another
 * is refused), inspectors and admins any unit of the town (or, unit absent, all of them).
 */
async function staffReading(db: Db, caller: Parameters<typeof identify>[1], event: { town?: string; unit?: string }, what: string): Promise<{ who: Identity; town: string; unit: string | undefined }> {
  const who = await identify(db, caller)
  if (who.role === 'resident') refuse('FORBIDDEN', `只有干部、督查员或管理员可以查看${what}`)
  const town = await townFor(db, who, event.town)
  if (who.role === 'cadre') {
    if (event.unit !== undefined && event.unit !== who.village) refuse('FORBIDDEN', `您是${who.village}的干部,不能查看${event.unit}的${what}`)
    return { who, town, unit: who.village }
  }
  if (event.unit !== undefined) await requireUnit(db, town, event.unit, true)
  return { who, town, unit: event.unit }
}

const scoredIn = (db: Db, round: string): Promise<number> => countWhere(db, SCORES, { round, score: db.command.neq(null) })

/** The town's tasks still waiting for verification, by unit (open and done ones: not yet verified or carried). */
async function waitingByUnit(db: Db, town: string): Promise<Map<string, TaskDoc[]>> {
  const waiting = await readAll<TaskDoc>(db, TASKS, { town, status: db.command.in(WAITING) }, ['createdAt', 'asc'])
  return groupBy(waiting, (t) => t.village)
}

interface RankingView {
  round: RoundDoc
  rows: RankingRow[]
  everyRoundTop: string[]
  bottomThreeInARow: string[]
  roundsCounted: number
  waiting: Map<string, TaskDoc[]>
}

/**
 * A round's ranking (of one kind of unit, when `type` is given) and the plan's lists over the rounds
 * of its campaign year up to it: every unit's points per item, rank, flag, open tasks, and the change
 * of rank since the previous round it was ranked in.
 */
async function rankingOf(db: Db, round: RoundDoc, type?: UnitKind): Promise<RankingView> {
  const [rounds, waiting] = await Promise.all([campaign(db, round.town, round.year, round.number), waitingByUnit(db, round.town)])
  const ranked = rounds.map((r: CampaignRound) => rankScores(r.scores, type))
  const current = ranked[ranked.length - 1] ?? []
  const flags = flagsOfRounds(ranked)
  const rows: RankingRow[] = current.map((u: RankedUnit) => {
    let change: number | null = null
    for (let i = ranked.length - 2; i >= 0 && u.rank !== null; i--) {
      const before = ranked[i].find((p) => p.score.village === u.score.village)
      if (before && before.rank !== null) {
        change = before.rank - u.rank
        break
      }
    }
    return {
      unit: u.score.village,
      type: u.score.type,
      score: u.score.score,
      rank: u.rank,
      flag: u.flag,
      items: unitScore(round.sheet, { type: u.score.type, rates: u.score.rates, entered: u.score.entered }).points,
      openTasks: waiting.get(u.score.village)?.length ?? 0,
      change
    }
  })
  return { round, rows, everyRoundTop: everyRoundTop(flags), bottomThreeInARow: bottomThreeInARow(flags), roundsCounted: rounds.length, waiting }
}

async function requireOwnPhotos(db: Db, who: Identity, photos: string[]): Promise<void> {
  const prefix = inspectionPhotoPrefix(who.openid)
  for (const fileID of photos) {
    if (!(pathOfFileID(fileID) ?? '').startsWith(prefix)) refuse('INVALID_INPUT', '照片只能使用自己刚上传的')
  }
  // Kept from here on (before the score is written: a photo a score shows must never be swept); an
  // upload no score took is deleted by the daily sweep (contacts.sweepUploads) a day later.
  for (const fileID of photos) await trackFile(fileID, db, true)
}

export const main = createMain(
  'inspections',
  inspectionsContract,
  {
    async units(event, caller) {
      const db = database()
      const town = await townFor(db, await requireInspectorOrAdmin(db, caller), event.town)
      return { town, units: (await unitsOf(db, town)).map(toUnit) }
    },

    async saveUnit(event, caller) {
      const db = database()
      const who = await requireAdmin(db, caller)
      const town = await townFor(db, who, event.town)
      // The one way units change (towns.saveUnit uses it too): a rename carries the unit's history.
      const saved = await saveUnit(db, who, town, { name: event.name, rename: event.rename, quota: event.quota, active: event.active, type: event.type })
      const unit = await requireUnit(db, town, saved.name, true)
      return { town, unit: toUnit(unit) }
    },

    async sheet(event, caller) {
      const db = database()
      const who = await identify(db, caller)
      if (who.role === 'resident') refuse('FORBIDDEN', '只有干部、督查员或管理员可以查看评分细则')
      const town = await townFor(db, who, event.town)
      const settings = await settingsOf(db, town)
      const items = sheetOf(settings)
      return { town, items, total: sheetTotal(items), updatedAt: settings.sheetUpdatedAt ? new Date(settings.sheetUpdatedAt).toISOString() : null }
    },

    async saveSheet(event, caller) {
      const db = database()
      const who = await requireAdmin(db, caller)
      const town = await townFor(db, who, event.town)
      const problem = sheetProblem(event.items)
      if (problem) refuse('INVALID_INPUT', problem)
      // A round already open keeps the sheet it opened with (frozen in the round): this is the next one's.
      await transaction(db, async (tx) => {
        const settings = await settingsOf(tx, town)
        await writeSettings(tx, { ...settings, sheet: event.items, sheetUpdatedAt: new Date() })
        await audit(tx, db, { actor: who.openid, action: 'inspections.saveSheet', town, target: town, detail: { items: event.items.length, total: sheetTotal(event.items) } })
      })
      return { town, items: event.items, total: sheetTotal(event.items) }
    },

    async schedule(event, caller) {
      const db = database()
      const town = await townFor(db, await requireInspectorOrAdmin(db, caller), event.town)
      return { town, schedule: scheduleOf(await settingsOf(db, town)) }
    },

    async saveSchedule(event, caller) {
      const db = database()
      const who = await requireAdmin(db, caller)
      const town = await townFor(db, who, event.town)
      const s = event.schedule
      if (Number.isNaN(Date.parse(`${s.start}T00:00:00Z`)) || Number.isNaN(Date.parse(`${s.end}T00:00:00Z`))) refuse('INVALID_INPUT', '日期无效')
      if (s.start > s.end) refuse('INVALID_INPUT', '开始日期不能晚于结束日期')
      await transaction(db, async (tx) => {
        const settings = await settingsOf(tx, town)
        await writeSettings(tx, { ...settings, schedule: s })
        await audit(tx, db, { actor: who.openid, action: 'inspections.saveSchedule', town, target: town, detail: { ...s } })
      })
      return { town, schedule: s }
    },

    async openRound(event, caller) {
      const db = database()
      const who = await requireAdmin(db, caller)
      const town = await townFor(db, who, event.town)
      return (await openRound(db, town, actorOf(who)))!
    },

    async autoOpen(_event, caller) {
      const db = database()
      if (!isTimer(caller)) await requireCountyAdmin(db, caller)
      const day = chinaDay()
      const opened: { town: string; round: string; number: number }[] = []
      const closed: string[] = []
      for (const { name: town } of await allTowns(db)) {
        try {
          const settings = await settingsOf(db, town)
          if (!isRoundDay(scheduleOf(settings), day) || settings.lastOpenedDay === day) continue
          // The plan's cadence: the round still open when the next one is due is closed first.
          if (settings.openRound) {
            await closeRound(db, await requireRound(db, settings.openRound), TIMER_ACTOR)
            closed.push(settings.openRound)
          }
          const round = await openRound(db, town, TIMER_ACTOR, { onceToday: true })
          if (round) opened.push({ town, ...round })
        } catch (error) {
          // One town's failure (no units, a conflict with an admin) leaves the others' rounds to open.
          console.error(`[inspections.autoOpen] ${town}`, error)
        }
      }
      return { day, opened, closed }
    },

    async rounds(event, caller) {
      const db = database()
      const town = await townFor(db, await requireInspectorOrAdmin(db, caller), event.town)
      const rounds = (await readAll<RoundDoc>(db, ROUNDS, { town })).sort((a, b) => new Date(b.openedAt).getTime() - new Date(a.openedAt).getTime())
      return { town, rounds: await Promise.all(rounds.map(async (r) => toRound(r, await scoredIn(db, r._id)))) }
    },

    async round(event, caller) {
      const db = database()
      const round = await roundFor(db, await requireInspectorOrAdmin(db, caller), event.round)
      const [scores, waiting] = await Promise.all([readAll<ScoreDoc>(db, SCORES, { round: round._id }), waitingByUnit(db, round.town)])
      scores.sort((a, b) => a.index - b.index)
      const scored = scores.filter((s) => s.score !== null).length
      return {
        round: toRound(round, scored),
        items: round.sheet,
        units: scores.map((s) => {
          const tasks = waiting.get(s.village) ?? []
          return {
            unit: s.village,
            type: s.type,
            items: unitScore(round.sheet, { type: s.type, rates: s.rates, entered: s.entered }).points,
            notes: s.notes,
            score: s.score,
            rates: s.rates,
            openTasks: tasks.length,
            scoredBy: s.scoredByName,
            // Only an open round's inspector verifies, and only tasks of earlier rounds.
            toVerify: round.status === 'open' ? tasks.filter((t) => t.round !== round._id).length : 0
          }
        })
      }
    },

    async score(event, caller) {
      const db = database()
      const who = await requireInspectorOrAdmin(db, caller)
      const round = await roundFor(db, who, event.round)
      if (round.status === 'closed') refuse('CONFLICT', `第${round.number}轮督查已结束,不能再评分`)
      const [doc] = await readAll<ScoreDoc>(db, SCORES, { round: round._id, village: event.unit })
      if (!doc) return refuse('INVALID_INPUT', `${event.unit}不在第${round.number}轮督查的单位中(开启时未在册或已撤销)`)
      const problem = entriesProblem(round.sheet, doc.type, event.items)
      if (problem) refuse('INVALID_INPUT', problem)
      const photos = event.items.flatMap((i) => i.photos ?? [])
      await requireOwnPhotos(db, who, photos)
      const entered = Object.fromEntries(event.items.map((i) => [i.id, i.points]))
      const { score } = unitScore(round.sheet, { type: doc.type, rates: doc.rates, entered })
      if (score === null) return refuse('INVALID_INPUT', `评分细则中没有适用于${doc.type}的评分项`)
      const problems = event.problems ?? []
      await transaction(db, async (tx) => {
        const current = await requireRound(tx, round._id)
        if (current.status === 'closed') refuse('CONFLICT', `第${round.number}轮督查已结束,不能再评分`)
        const before = await findById<ScoreDoc>(tx, SCORES, doc._id)
        if (!before) return refuse('INVALID_INPUT', `${event.unit}不在第${round.number}轮督查的单位中`)
        const now = new Date()
        // Scoring again replaces the entries and this score's problems: task i of this score is
        // `<score>/p<i>`, kept as it is when its problem is unchanged, so nothing is duplicated.
        for (let i = 0; i < Math.max(problems.length, before.problems); i++) {
          const id = problemIdOf(doc._id, i)
          const existing = await findById<TaskDoc>(tx, TASKS, id)
          if (i >= problems.length) {
            if (existing) await tx.collection(TASKS).doc(id).remove()
            continue
          }
          const p = problems[i]
          if (existing && existing.text === p.text && existing.dueDays === p.dueDays) continue
          const task = openTask(round, { village: before.village, text: p.text, dueDays: p.dueDays, createdBy: who.openid, carriedFrom: null }, now)
          await tx.collection(TASKS).doc(id).set({ data: task })
        }
        const notes = Object.fromEntries(event.items.filter((i) => i.note).map((i) => [i.id, i.note!]))
        const photosOf = Object.fromEntries(event.items.filter((i) => i.photos?.length).map((i) => [i.id, i.photos!]))
        await tx.collection(SCORES).doc(doc._id).update({
          data: { entered, notes, photos: photosOf, score, scoredBy: who.openid, scoredByName: who.name ?? '管理员', scoredAt: now, problems: problems.length }
        })
        await audit(tx, db, { actor: who.openid, action: 'inspections.score', town: round.town, target: doc._id, detail: { round: round._id, unit: before.village, score, problems: problems.length, rescored: before.entered !== null } })
      })
      return { round: round._id, unit: doc.village, score }
    },

    async preparePhoto(_event, caller) {
      const db = database()
      const who = await requireInspectorOrAdmin(db, caller)
      const cloudPath = `${inspectionPhotoPrefix(who.openid)}${randomBytes(12).toString('hex')}.jpg`
      await trackPath(cloudPath, db)
      return { cloudPath }
    },

    async closeRound(event, caller) {
      const db = database()
      const who = await requireAdmin(db, caller)
      const round = await roundFor(db, who, event.round)
      await closeRound(db, round, actorOf(who))
      return { round: round._id }
    },

    async ranking(event, caller) {
      const db = database()
      const round = await roundFor(db, await requireInspectorOrAdmin(db, caller), event.round)
      const view = await rankingOf(db, round, event.type)
      return {
        round: toRound(round, await scoredIn(db, round._id)),
        items: round.sheet,
        rows: view.rows,
        everyRoundTop: view.everyRoundTop,
        bottomThreeInARow: view.bottomThreeInARow,
        roundsCounted: view.roundsCounted
      }
    },

    async unitDetail(event, caller) {
      const db = database()
      const { who, town, unit } = await staffReading(db, caller, event, '督查成绩')
      if (unit === undefined) return refuse('INVALID_INPUT', '请选择单位')
      let round: RoundDoc | null = null
      let score: ScoreDoc | null = null
      if (event.round) {
        round = await roundFor(db, who, event.round)
        if (round.town !== town) refuse('NOT_FOUND', `${town}没有这一轮督查`)
        score = (await readAll<ScoreDoc>(db, SCORES, { round: round._id, village: unit }))[0] ?? null
      } else {
        // The latest round of the campaign (the latest year with rounds) that scored the unit.
        const rounds = await readAll<RoundDoc>(db, ROUNDS, { town })
        const year = Math.max(...rounds.map((r) => r.year))
        for (const r of rounds.filter((x) => x.year === year).sort((a, b) => b.number - a.number)) {
          const [s] = await readAll<ScoreDoc>(db, SCORES, { round: r._id, village: unit })
          if (s && s.score !== null) {
            round = r
            score = s
            break
          }
        }
      }
      return {
        town,
        unit,
        round: round && { id: round._id, number: round.number, status: round.status },
        type: score?.type ?? null,
        score: score?.score ?? null,
        items: round && score ? itemResults(round.sheet, { type: score.type, rates: score.rates, entered: score.entered, notes: score.notes }) : []
      }
    },

    async history(event, caller) {
      const db = database()
      // A cadre sees their own unit's line only.
      const { town, unit } = await staffReading(db, caller, event, '督查成绩')
      // The campaign is the latest year with rounds.
      const years = (await readAll<RoundDoc>(db, ROUNDS, { town })).map((r) => r.year)
      const rounds = years.length ? await campaign(db, town, Math.max(...years)) : []
      const ranked = rounds.map((r) => rankScores(r.scores, event.type))
      const units = new Map<string, { unit: string; type: UnitKind; order: number }>()
      for (const list of ranked) for (const u of list) units.set(u.score.village, { unit: u.score.village, type: u.score.type, order: u.score.order })
      const lines = [...units.values()]
        .filter((u) => unit === undefined || u.unit === unit)
        .sort((a, b) => a.order - b.order)
        .map((u) => {
          const at = ranked.map((list) => list.find((r) => r.score.village === u.unit))
          return { unit: u.unit, type: u.type, scores: at.map((r) => r?.score.score ?? null), ranks: at.map((r) => r?.rank ?? null) }
        })
      return {
        town,
        rounds: rounds.map(({ round: r }) => ({ id: r._id, number: r.number, openedAt: new Date(r.openedAt).toISOString(), status: r.status })),
        units: lines
      }
    },

    async tasks(event, caller) {
      const db = database()
      const { town, unit } = await staffReading(db, caller, event, '整改任务')
      const where = { town, ...(unit ? { village: unit } : {}), ...(event.status ? { status: event.status } : {}) }
      const tasks = await readAll<TaskDoc>(db, TASKS, where, ['createdAt', 'desc'])
      const now = new Date()
      return { tasks: tasks.map((t) => toTask(t, now)) }
    },

    async completeTask(event, caller) {
      const db = database()
      const who = await identify(db, caller)
      if (who.role !== 'cadre') refuse('FORBIDDEN', '只有该单位的干部可以提交整改情况')
      await transaction(db, async (tx) => {
        const task = await findById<TaskDoc>(tx, TASKS, event.id)
        if (!task) return refuse('NOT_FOUND', '没有这条整改任务')
        if (task.town !== who.town || task.village !== who.village) refuse('FORBIDDEN', `这条整改任务属于${task.village},您不能处理`)
        if (task.status === 'verified') refuse('CONFLICT', '这条整改任务已验收')
        if (task.status === 'carried') refuse('CONFLICT', '这条整改任务已转入下一轮(督导补火),请在新任务上提交')
        await tx.collection(TASKS).doc(task._id).update({ data: { status: 'done', note: event.note, doneAt: new Date(), doneBy: who.openid } })
        await audit(tx, db, { actor: who.openid, action: 'inspections.completeTask', town: task.town, target: task._id, detail: { unit: task.village } })
      })
      return { id: event.id, status: 'done' as const }
    },

    async verifyTask(event, caller) {
      const db = database()
      const who = await requireInspectorOrAdmin(db, caller)
      const task = await findById<TaskDoc>(db, TASKS, event.id)
      if (!task) return refuse('NOT_FOUND', '没有这条整改任务')
      const town = await townFor(db, who, task.town)
      if (task.status === 'verified' || task.status === 'carried') {
        // The same answer again (a retry) is the same outcome; another one is a change of mind too late.
        if ((task.status === 'verified') === event.fixed) return { id: task._id, status: task.status }
        refuse('CONFLICT', task.status === 'verified' ? '这条整改任务已验收' : '这条整改任务已转入下一轮(督导补火)')
      }
      const settings = await settingsOf(db, town)
      if (!settings.openRound) return refuse('CONFLICT', '整改任务由下一轮督查验收,请在下一轮督查开启后再验收')
      if (settings.openRound === task.round) refuse('CONFLICT', '本轮发现的问题由下一轮督查验收')
      const round = await requireRound(db, settings.openRound)
      const actor = actorOf(who)
      if (!event.fixed) return { id: task._id, status: await carryTask(db, task._id, round, actor, true) }
      const status = await transaction(db, async (tx) => {
        const current = await findById<TaskDoc>(tx, TASKS, task._id)
        if (!current) return refuse('NOT_FOUND', '没有这条整改任务')
        if (!WAITING.includes(current.status)) return current.status
        const open = await requireRound(tx, round._id)
        if (open.status !== 'open') refuse('CONFLICT', `第${open.number}轮督查已结束`)
        await tx.collection(TASKS).doc(task._id).update({ data: { status: 'verified', verifiedAt: new Date(), verifiedBy: who.openid, checkedIn: round._id } })
        await audit(tx, db, { actor: who.openid, action: 'inspections.verifyTask', town, target: task._id, detail: { unit: task.village, fixed: true, round: round._id } })
        return 'verified' as const
      })
      return { id: task._id, status }
    },

    async exportCircular(event, caller) {
      const db = database()
      const who = await requireAdmin(db, caller)
      const round = await roundFor(db, who, event.round)
      const view = await rankingOf(db, round, event.type)
      const takenAt = new Date()
      const openTasks = new Map([...view.waiting].map(([unit, tasks]) => [unit, tasks.map((t) => t.text)]))
      const bytes = await writeCircular({ town: round.town, number: round.number, type: event.type, items: round.sheet, rows: view.rows, openTasks, everyRoundTop: view.everyRoundTop, bottomThreeInARow: view.bottomThreeInARow, roundsCounted: view.roundsCounted, takenAt })
      // In the caller's own folder of exports, on the file registry (uploadFile) like every export.
      const fileID = await uploadFile(`${INSPECTION_EXPORT_DIR}/${who.openid}/${round.year}-${round.number}-${takenAt.getTime()}.xlsx`, bytes)
      await audit(db, db, { actor: who.openid, action: 'inspections.exportCircular', town: round.town, target: fileID, detail: { round: round._id, type: event.type ?? null, rows: view.rows.length } })
      return { fileID, tempFileURL: await temporaryUrl(fileID, EXPORT_LINK_SECONDS) }
    }
  },
  { timerAction: 'autoOpen' }
)
