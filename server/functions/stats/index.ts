import { CALL_OUTCOMES, statsContract, type CallOutcome } from '../../../src/core/contract'
import { indicatorRate, optionDistribution, type SurveyRecord } from '../../../src/core/indicators'
import { questionNumber } from '../../../src/core/questionnaire'
import { unitKey } from '../../../src/core/towns'
import { audit } from '../../lib/audit'
import { CAMPAIGNS, campaignId, closedMessage, currentCampaign, findQuestionnaire, versionWhere, yearWhere, type CampaignDoc } from '../../lib/campaign'
import { isTimer } from '../../lib/caller'
import { chinaDay } from '../../lib/china-day'
import { database } from '../../lib/cloud'
import { COLLECTIONS } from '../../lib/collections'
import { findById, readAll, transaction, type Stored } from '../../lib/data'
import { createMain } from '../../lib/handler'
import { refuse } from '../../lib/refusal'
import { identify, requireAdmin } from '../../lib/roles'
import { uploadFile, temporaryUrl } from '../../lib/storage'
import { isVillage, requireUnit, townFor, UNITS, type UnitDoc } from '../../lib/towns'
import { countyFigures, currentRanking, rankCounty, rankTown } from './figures'
import { writeRankingSheet } from './ranking-sheet'
import { latestTownRound, toRound, townRounds, writeCountyRound, writeTownRounds } from './rounds'

interface CadreCounterDoc extends Stored {
  openid: string
  name: string
  town: string
  village: string | null
  registered: number
}
interface ResponseDoc extends Stored, SurveyRecord {
  outcome: CallOutcome | null
}

/** How long an export's download link works. */
const EXPORT_URL_SECONDS = 3600


export const main = createMain(
  'stats',
  statsContract,
  {
    async villages(event, caller) {
      const db = database()
      const town = await townFor(db, await requireAdmin(db, caller), event.town)
      // Changes are against the current year's last round: a new year does not start from last year's.
      const year = (await currentCampaign(db)).year
      const [{ rows, total }, previous] = await Promise.all([currentRanking(db, town), latestTownRound(db, town, year)])
      const before = new Map((previous?.rows ?? []).map((r) => [r.village, r]))
      return {
        town,
        rows: rows.map((row) => {
          const old = before.get(row.village)
          return { ...row, change: old ? { registered: row.registered - old.registered, rank: old.rank - row.rank } : null }
        }),
        total,
        previousRound: previous ? toRound(previous) : null
      }
    },

    async myVillage(event, caller) {
      const db = database()
      const who = await identify(db, caller)
      if (who.role !== 'cadre') refuse('FORBIDDEN', '只有村(社区)干部可以查看本村进度')
      const town = await townFor(db, who, event.town)
      const [{ rows }, mine] = await Promise.all([currentRanking(db, town), findById<CadreCounterDoc>(db, COLLECTIONS.cadreCounters, who.openid)])
      const row = rows.find((r) => r.village === who.village)
      if (!row) {
        const unit = await requireUnit(db, town, who.village!, true)
        if (!isVillage(unit)) refuse('INVALID_INPUT', `${unit.name}是${unit.type},没有电话任务,不参加电话台账排名`)
        return refuse('NOT_FOUND', `${who.village}已撤销,不再参加排名`)
      }
      // The counter moves with the cadre's binding; one left from another village counts nothing here.
      return { town, ...row, mine: mine && mine.town === town && mine.village === who.village ? mine.registered : 0 }
    },

    async cadres(event, caller) {
      const db = database()
      const town = await townFor(db, await requireAdmin(db, caller), event.town)
      await requireUnit(db, town, event.village, true)
      const counters = await readAll<CadreCounterDoc>(db, COLLECTIONS.cadreCounters, { town, village: event.village })
      const rows = counters
        .map((c) => ({ openid: c.openid ?? c._id, name: c.name, registered: c.registered }))
        .sort((a, b) => b.registered - a.registered || a.name.localeCompare(b.name, 'zh'))
      return { town, village: event.village, rows }
    },

    async indicators(event, caller) {
      const db = database()
      const town = await townFor(db, await requireAdmin(db, caller), event.town)
      if (event.village) await requireUnit(db, town, event.village, true)
      // One version's figures (default the current one): answers to different questionnaires never mix.
      const current = await currentCampaign(db)
      const year = event.year ?? current.year
      const version = event.version ?? (year === current.year ? current.questionnaireVersion : (await findById<CampaignDoc>(db, CAMPAIGNS, campaignId(year)))?.questionnaireVersion ?? current.questionnaireVersion)
      const found = await findQuestionnaire(db, version)
      if (!found) return refuse('NOT_FOUND', `没有问卷版本“${version}”`)
      const q = found.questionnaire
      // Responses carry their town: two towns' figures never mix, even for villages of the same name.
      const match: Record<string, unknown> = { town, mode: event.mode }
      if (event.village) match.village = event.village
      const where = db.command.and([match, yearWhere(db.command, year), versionWhere(db.command, version)])
      // Every response, page by page: the rates need each answer set, and no read sees more than 1000.
      const all = await readAll<ResponseDoc>(db, COLLECTIONS.surveyResponses, where)
      const outcomes = event.mode === 'interview' ? Object.fromEntries(CALL_OUTCOMES.map((o) => [o, all.filter((r) => r.outcome === o).length])) : null
      // Only completed interviews count in the indicators.
      const records = event.mode === 'interview' ? all.filter((r) => r.outcome === 'completed') : all
      const settings = { excludeUnknown: event.excludeUnknown }
      // Which question feeds which figure is the version's settings (XLSForm settings sheet).
      return {
        town,
        mode: event.mode,
        version,
        year,
        village: event.village ?? null,
        responses: records.length,
        safety: indicatorRate(records, 'safety', settings, q),
        nightWorry: indicatorRate(records, 'nightWorry', settings, q),
        crackdownSatisfaction: indicatorRate(records, 'crackdownSatisfaction', settings, q),
        lawEnforcementSatisfaction: indicatorRate(records, 'satisfaction', settings, q),
        distributions: (q.indicators.distributions ?? []).map((id) => {
          const d = optionDistribution(records, id, q)
          const question = q.questions.find((x) => x.id === id)
          return { ...d, number: questionNumber(id, q), text: question?.text ?? id, options: [...d.options] }
        }),
        outcomes: outcomes as { unreached: number; refused: number; hungUp: number; completed: number } | null
      }
    },

    async snapshot(event, caller) {
      const db = database()
      const campaign = await currentCampaign(db)
      const meta = { day: chinaDay(), takenAt: new Date(), takenBy: 'timer', year: campaign.year }
      // A closed (or closing) year's rankings are final: its last round stays the last.
      const closed = campaign.status !== 'current'
      if (isTimer(caller)) {
        if (closed) return { day: meta.day, towns: 0, villages: 0, total: { quota: 0, registered: 0, rate: 0 }, county: null }
        // The daily round: every town's villages, then the county's towns, all from one read of the
        // county's units and counters, so the two tables agree.
        const table = await countyFigures(db)
        const rounds = table.map(({ town, villages: figures }) => ({ town, ...rankTown(figures) }))
        await writeTownRounds(db, rounds, meta)
        const villages = rounds.reduce((n, r) => n + r.rows.length, 0)
        const county = rankCounty(table)
        await writeCountyRound(db, county, meta)
        await audit(db, db, { actor: 'timer', action: 'stats.snapshot', town: null, target: meta.day, detail: { towns: table.length } })
        return { day: meta.day, towns: table.length, villages, total: county.total, county: { towns: table.length, total: county.total } }
      }
      const who = await requireAdmin(db, caller)
      const town = await townFor(db, who, event.town)
      if (closed) refuse('CONFLICT', closedMessage(campaign.year))
      meta.takenBy = who.openid
      const ranking = await currentRanking(db, town)
      await writeTownRounds(db, [{ town, ...ranking }], meta)
      // A county admin's round (本轮督查) is also the county's round of towns.
      let county: { towns: number; total: typeof ranking.total } | null = null
      if (who.role === 'admin') {
        const ranked = rankCounty(await countyFigures(db))
        await writeCountyRound(db, ranked, meta)
        county = { towns: ranked.rows.length, total: ranked.total }
      }
      await audit(db, db, { actor: who.openid, action: 'stats.snapshot', town, target: meta.day, detail: { county: county !== null } })
      return { day: meta.day, town, towns: 1, villages: ranking.rows.length, total: ranking.total, county }
    },

    async rounds(event, caller) {
      const db = database()
      const town = await townFor(db, await requireAdmin(db, caller), event.town)
      // The current campaign year's rounds (a closed year's stay stored, with its year).
      const snapshots = await townRounds(db, town, (await currentCampaign(db)).year)
      return {
        town,
        rounds: snapshots.map((s) => ({
          ...toRound(s),
          total: s.total,
          rows: event.village ? s.rows.filter((r) => r.village === event.village) : s.rows
        }))
      }
    },

    async exportRanking(event, caller) {
      const db = database()
      const admin = await requireAdmin(db, caller)
      const town = await townFor(db, admin, event.town)
      const { rows, total } = await currentRanking(db, town)
      const takenAt = new Date()
      const bytes = await writeRankingSheet(town, rows, total, takenAt, (await currentCampaign(db)).year)
      const fileID = await uploadFile(`exports/ranking/${chinaDay(takenAt)}-${takenAt.getTime()}.xlsx`, bytes)
      await audit(db, db, { actor: admin.openid, action: 'stats.exportRanking', town, target: fileID, detail: { rows: rows.length } })
      return { town, fileID, tempFileURL: await temporaryUrl(fileID, EXPORT_URL_SECONDS), rows: rows.length }
    },

    async setQuota(event, caller) {
      const db = database()
      const admin = await requireAdmin(db, caller)
      const town = await townFor(db, admin, event.town)
      const id = unitKey(town, event.village)
      const previous = await transaction(db, async (tx) => {
        const unit = await findById<UnitDoc>(tx, UNITS, id)
        if (!unit) return refuse('NOT_FOUND', `${event.village}不在${town}的任务分配表中`)
        await tx.collection(UNITS).doc(id).update({ data: { quota: event.quota } })
        await audit(tx, db, { actor: admin.openid, action: 'stats.setQuota', town, target: event.village, detail: { from: unit.quota, to: event.quota } })
        return unit.quota
      })
      return { town, village: event.village, quota: event.quota, previous }
    }
  },
  { timerAction: 'snapshot' }
)
