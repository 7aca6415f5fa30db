import { CALL_OUTCOMES, statsContract, type CallOutcome, type RankedRow } from '../../../src/core/contract'
import { nightWorryRate, optionDistribution, safetyRate, satisfactionRate, type SurveyRecord } from '../../../src/core/indicators'
import type { QuestionId } from '../../../src/core/questionnaire'
import type { VillageName } from '../../../src/core/villages'
import { audit } from '../../lib/audit'
import { isTimer } from '../../lib/caller'
import { chinaDay } from '../../lib/china-day'
import { database } from '../../lib/cloud'
import { COLLECTIONS } from '../../lib/collections'
import { findById, readAll, transaction, type Stored } from '../../lib/data'
import { createMain } from '../../lib/handler'
import { refuse } from '../../lib/refusal'
import { identify, requireAdmin } from '../../lib/roles'
import { uploadFile, temporaryUrl } from '../../lib/storage'
import { currentRanking, type VillageDoc } from './figures'
import { writeRankingSheet } from './ranking-sheet'

interface SnapshotDoc extends Stored {
  day: string
  takenAt: Date
  takenBy: string
  rows: RankedRow[]
  total: { quota: number; registered: number; rate: number }
}
interface CadreCounterDoc extends Stored {
  openid: string
  name: string
  village: VillageName | null
  registered: number
}
interface ResponseDoc extends Stored, SurveyRecord {
  outcome: CallOutcome | null
}

/** How long an export's download link works. */
const EXPORT_URL_SECONDS = 3600

/** Questions whose answers name problems or wishes: shown as distributions. */
const DISTRIBUTION_QUESTIONS: QuestionId[] = ['Q2', 'Q4', 'Q12', 'Q13']

const toRound = (s: SnapshotDoc) => ({ day: s.day, takenAt: new Date(s.takenAt).toISOString(), takenBy: s.takenBy })

async function latestSnapshot(db: ReturnType<typeof database>): Promise<SnapshotDoc | null> {
  const res = await db.collection(COLLECTIONS.statSnapshots).orderBy('day', 'desc').limit(1).get()
  return (res.data[0] as unknown as SnapshotDoc | undefined) ?? null
}

export const main = createMain(
  'stats',
  statsContract,
  {
    async villages(_event, caller) {
      const db = database()
      await requireAdmin(db, caller)
      const [{ rows, total }, previous] = await Promise.all([currentRanking(db), latestSnapshot(db)])
      const before = new Map((previous?.rows ?? []).map((r) => [r.village, r]))
      return {
        rows: rows.map((row) => {
          const old = before.get(row.village)
          return { ...row, change: old ? { registered: row.registered - old.registered, rank: old.rank - row.rank } : null }
        }),
        total,
        previousRound: previous ? toRound(previous) : null
      }
    },

    async myVillage(_event, caller) {
      const db = database()
      const who = await identify(db, caller)
      if (who.role !== 'cadre') refuse('FORBIDDEN', '只有村(社区)干部可以查看本村进度')
      const [{ rows }, mine] = await Promise.all([currentRanking(db), findById<CadreCounterDoc>(db, COLLECTIONS.cadreCounters, who.openid)])
      const row = rows.find((r) => r.village === who.village)!
      // The counter moves with the cadre's binding; one left from another village counts nothing here.
      return { ...row, mine: mine && mine.village === who.village ? mine.registered : 0 }
    },

    async cadres(event, caller) {
      const db = database()
      await requireAdmin(db, caller)
      const counters = await readAll<CadreCounterDoc>(db, COLLECTIONS.cadreCounters, { village: event.village })
      const rows = counters
        .map((c) => ({ openid: c.openid ?? c._id, name: c.name, registered: c.registered }))
        .sort((a, b) => b.registered - a.registered || a.name.localeCompare(b.name, 'zh'))
      return { village: event.village, rows }
    },

    async indicators(event, caller) {
      const db = database()
      await requireAdmin(db, caller)
      const where: Record<string, unknown> = { mode: event.mode }
      if (event.village) where.village = event.village
      // Every response, page by page: the rates need each answer set, and no read sees more than 1000.
      const all = await readAll<ResponseDoc>(db, COLLECTIONS.surveyResponses, where)
      const outcomes = event.mode === 'interview' ? Object.fromEntries(CALL_OUTCOMES.map((o) => [o, all.filter((r) => r.outcome === o).length])) : null
      // Only completed interviews count in the indicators.
      const records = event.mode === 'interview' ? all.filter((r) => r.outcome === 'completed') : all
      const settings = { excludeUnknown: event.excludeUnknown }
      return {
        mode: event.mode,
        village: event.village ?? null,
        responses: records.length,
        safety: safetyRate(records),
        nightWorry: nightWorryRate(records),
        crackdownSatisfaction: satisfactionRate(records, 'Q11', settings),
        lawEnforcementSatisfaction: satisfactionRate(records, 'Q14', settings),
        distributions: DISTRIBUTION_QUESTIONS.map((id) => {
          const d = optionDistribution(records, id)
          return { ...d, options: [...d.options] }
        }),
        outcomes: outcomes as { unreached: number; refused: number; hungUp: number; completed: number } | null
      }
    },

    async snapshot(_event, caller) {
      const db = database()
      const takenBy = isTimer(caller) ? 'timer' : (await requireAdmin(db, caller)).openid
      const { rows, total } = await currentRanking(db)
      const day = chinaDay()
      const takenAt = new Date()
      // The day is the id: a second snapshot the same day replaces the first.
      await db.collection(COLLECTIONS.statSnapshots).doc(day).set({ data: { day, takenAt, takenBy, rows, total } })
      // The latest table, one document per village, for reading in the cloud console.
      await Promise.all(
        rows.map((row) => db.collection(COLLECTIONS.villageStats).doc(row.village).set({ data: { ...row, day, updatedAt: takenAt } }))
      )
      await audit(db, db, { actor: takenBy, action: 'stats.snapshot', target: day })
      return { day, villages: rows.length, total }
    },

    async rounds(event, caller) {
      const db = database()
      await requireAdmin(db, caller)
      const snapshots = await readAll<SnapshotDoc>(db, COLLECTIONS.statSnapshots, {}, ['day', 'asc'])
      return {
        rounds: snapshots.map((s) => ({
          ...toRound(s),
          total: s.total,
          rows: event.village ? s.rows.filter((r) => r.village === event.village) : s.rows
        }))
      }
    },

    async exportRanking(_event, caller) {
      const db = database()
      const admin = await requireAdmin(db, caller)
      const { rows, total } = await currentRanking(db)
      const takenAt = new Date()
      const bytes = await writeRankingSheet(rows, total, takenAt)
      const fileID = await uploadFile(`exports/ranking/${chinaDay(takenAt)}-${takenAt.getTime()}.xlsx`, bytes)
      await audit(db, db, { actor: admin.openid, action: 'stats.exportRanking', target: fileID, detail: { rows: rows.length } })
      return { fileID, tempFileURL: await temporaryUrl(fileID, EXPORT_URL_SECONDS), rows: rows.length }
    },

    async setQuota(event, caller) {
      const db = database()
      const admin = await requireAdmin(db, caller)
      const previous = await transaction(db, async (tx) => {
        const village = await findById<VillageDoc>(tx, COLLECTIONS.villages, event.village)
        if (!village) return refuse('NOT_FOUND', '没有这个村(社区),请先运行初始化(setup)')
        await tx.collection(COLLECTIONS.villages).doc(event.village).update({ data: { quota: event.quota } })
        await audit(tx, db, { actor: admin.openid, action: 'stats.setQuota', target: event.village, detail: { from: village.quota, to: event.quota } })
        return village.quota
      })
      return { village: event.village, quota: event.quota, previous }
    }
  },
  { timerAction: 'snapshot' }
)
