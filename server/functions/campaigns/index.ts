/**
 * 测评年度: which campaign is current (the year every document of the work carries, its phases, its
 * questionnaire version), the questionnaire as an XLSForm workbook, and closing a year. Reading the
 * current campaign is anyone's (the app runs the questionnaire it gives); changing campaigns and
 * importing questionnaires is a county admin's; admins read the list and export.
 */
import { randomBytes } from 'crypto'
import { closeConfirmation } from '../../../src/core/campaigns'
import { campaignsContract, questionnaireImportPrefix } from '../../../src/core/contract'
import { QUESTIONNAIRE_2023 } from '../../../src/core/questionnaire/model'
import { audit } from '../../lib/audit'
import {
  CAMPAIGNS,
  campaignId,
  closedMessage,
  CURRENT_DOC,
  currentCampaign,
  findQuestionnaire,
  NOTHING_REMOVED,
  pointerOf,
  QUESTIONNAIRES,
  type CampaignDoc,
  type QuestionnaireDoc
} from '../../lib/campaign'
import { database } from '../../lib/cloud'
import { COLLECTIONS } from '../../lib/collections'
import { findById, readAll, transaction, type Db, type TransactionScope } from '../../lib/data'
import { createMain } from '../../lib/handler'
import { refuse } from '../../lib/refusal'
import { requireAdmin, requireCountyAdmin } from '../../lib/roles'
import { deleteFiles, downloadFile, FileTooLarge, pathOfFileID, trackFile, trackPath } from '../../lib/storage'
import { SheetError } from '../../lib/xlsx'
import { XLSFORM_MAX_BYTES } from '../../lib/xlsform-workbook'
import { closeCampaign } from './close'
import { allCampaigns, ensureFirstCampaign, toCampaign } from './model'
import { exportWorkbook, importWorkbook } from './questionnaires'

const answerCount = (q: { questions: readonly { kind: string }[] }) => q.questions.filter((x) => x.kind !== 'note').length

/** A version a campaign may use: built in, or imported (a draft becomes published when a campaign takes it). */
async function publish(tx: TransactionScope, version: string): Promise<void> {
  const found = await findQuestionnaire(tx, version)
  if (!found) return refuse('NOT_FOUND', `没有问卷版本“${version}”,请先导入问卷表格`)
  if (found.status === 'draft') await tx.collection(QUESTIONNAIRES).doc(version).update({ data: { status: 'published', publishedAt: new Date() } })
}

/** The campaign of `year`, open (current, not closing): the only kind whose settings may change. */
async function openCampaign(tx: TransactionScope, year: number): Promise<CampaignDoc> {
  const doc = await findById<CampaignDoc>(tx, CAMPAIGNS, campaignId(year))
  if (!doc) return refuse('NOT_FOUND', `没有${year}年的测评`)
  if (doc.status !== 'current') return refuse('CONFLICT', closedMessage(year))
  return doc
}

async function countyAdminWithCampaign(db: Db, caller: Parameters<typeof requireCountyAdmin>[1]) {
  const admin = await requireCountyAdmin(db, caller)
  await ensureFirstCampaign(db, admin.openid)
  return admin
}

export const main = createMain('campaigns', campaignsContract, {
  async current() {
    const db = database()
    const campaign = await currentCampaign(db)
    // A published version never disappears; should one be missing, the app still gets a questionnaire.
    const found = await findQuestionnaire(db, campaign.questionnaireVersion)
    return { ...toCampaign(campaign), questionnaire: found?.questionnaire ?? QUESTIONNAIRE_2023 }
  },

  async list(_event, caller) {
    const db = database()
    await requireAdmin(db, caller)
    const [current, stored] = await Promise.all([currentCampaign(db), allCampaigns(db)])
    // Before setup.init has stored it, the first campaign is the one assumed.
    const campaigns = stored.length ? stored : [current]
    return { current: current.year, campaigns: campaigns.map(toCampaign) }
  },

  async savePhases(event, caller) {
    const db = database()
    const admin = await countyAdminWithCampaign(db, caller)
    const last = event.phases.reduce((max, p) => (p.end > max ? p.end : max), '')
    if (event.endsOn < last) refuse('INVALID_INPUT', '测评结束日期不能早于各阶段的结束日期')
    const doc = await transaction(db, async (tx) => {
      const doc = await openCampaign(tx, event.year)
      await tx.collection(CAMPAIGNS).doc(doc._id).update({ data: { phases: event.phases, endsOn: event.endsOn } })
      await audit(tx, db, { actor: admin.openid, action: 'campaigns.savePhases', target: doc._id, detail: { from: { phases: doc.phases, endsOn: doc.endsOn }, to: { phases: event.phases, endsOn: event.endsOn } } })
      return { ...doc, phases: event.phases, endsOn: event.endsOn }
    })
    return toCampaign(doc)
  },

  async questionnaires(_event, caller) {
    const db = database()
    await requireAdmin(db, caller)
    const [docs, campaigns, current] = await Promise.all([readAll<QuestionnaireDoc>(db, QUESTIONNAIRES), allCampaigns(db), currentCampaign(db)])
    const usedBy = (version: string) => (campaigns.length ? campaigns : [current]).filter((c) => c.questionnaireVersion === version).map((c) => c.year)
    const builtin = { version: QUESTIONNAIRE_2023.version, title: QUESTIONNAIRE_2023.title, status: 'builtin' as const, questions: answerCount(QUESTIONNAIRE_2023), importedAt: null, usedBy: usedBy(QUESTIONNAIRE_2023.version) }
    const imported = docs
      .sort((a, b) => new Date(b.importedAt).getTime() - new Date(a.importedAt).getTime())
      .map((d) => ({ version: d.version, title: d.questionnaire.title, status: d.status, questions: answerCount(d.questionnaire), importedAt: new Date(d.importedAt).toISOString(), usedBy: usedBy(d.version) }))
    return { versions: [...imported, builtin] }
  },

  async questionnaire(event, caller) {
    const db = database()
    await requireAdmin(db, caller)
    const found = await findQuestionnaire(db, event.version)
    if (!found) return refuse('NOT_FOUND', `没有问卷版本“${event.version}”`)
    const usedBy = (await allCampaigns(db)).filter((c) => c.questionnaireVersion === event.version).map((c) => c.year)
    return { status: found.status, usedBy, questionnaire: found.questionnaire }
  },

  async exportQuestionnaire(event, caller) {
    const db = database()
    const admin = await requireAdmin(db, caller)
    return exportWorkbook(db, admin, event.version ?? (await currentCampaign(db)).questionnaireVersion)
  },

  async prepareImport(_event, caller) {
    const db = database()
    const admin = await requireCountyAdmin(db, caller)
    const cloudPath = `${questionnaireImportPrefix(admin.openid)}${randomBytes(12).toString('hex')}.xlsx`
    await trackPath(cloudPath, db)
    return { cloudPath }
  },

  async importQuestionnaire(event, caller) {
    const db = database()
    // Someone else's file is neither read nor deleted.
    if (!caller.openid || !(pathOfFileID(event.fileID) ?? '').startsWith(questionnaireImportPrefix(caller.openid))) {
      await requireCountyAdmin(db, caller)
      return refuse('FORBIDDEN', '只能导入自己刚上传的问卷表格')
    }
    // On the file registry first, and deleted whichever way the call ends (as contact imports are).
    await trackFile(event.fileID, db)
    try {
      const admin = await requireCountyAdmin(db, caller)
      let result
      try {
        const bytes = await downloadFile(event.fileID, '没有找到上传的问卷表格,请重新选择文件', XLSFORM_MAX_BYTES)
        result = await importWorkbook(db, admin, bytes, event.fileID)
      } catch (error) {
        if (error instanceof FileTooLarge) return refuse('INVALID_INPUT', `问卷表格不能超过${XLSFORM_MAX_BYTES / 1024 / 1024}MB`)
        if (error instanceof SheetError) return refuse('INVALID_INPUT', error.message)
        throw error
      }
      const q = result.questionnaire
      return { version: q.version, title: q.title, status: result.status, created: result.created, questions: q.questions.map((x) => ({ ...x, options: [...x.options] })), questionnaire: q }
    } finally {
      await deleteFiles([event.fileID], db).catch(() => 0)
    }
  },

  async useQuestionnaire(event, caller) {
    const db = database()
    const admin = await countyAdminWithCampaign(db, caller)
    await transaction(db, async (tx) => {
      const doc = await openCampaign(tx, event.year)
      await publish(tx, event.version)
      await tx.collection(CAMPAIGNS).doc(doc._id).update({ data: { questionnaireVersion: event.version } })
      await tx.collection(COLLECTIONS.settings).doc(CURRENT_DOC).set({ data: pointerOf({ ...doc, questionnaireVersion: event.version }) })
      await audit(tx, db, { actor: admin.openid, action: 'campaigns.useQuestionnaire', target: doc._id, detail: { from: doc.questionnaireVersion, to: event.version } })
    })
    return { year: event.year, questionnaireVersion: event.version }
  },

  async create(event, caller) {
    const db = database()
    const admin = await countyAdminWithCampaign(db, caller)
    const year = event.year
    await transaction(db, async (tx) => {
      const current = await currentCampaign(tx)
      if (year <= current.year) refuse('CONFLICT', `新的测评年度应晚于${current.year}年`)
      if (current.status !== 'closed') refuse('CONFLICT', `请先关闭${current.year}年测评(删除其个人信息),再开始新的测评年度;关闭时输入“${closeConfirmation(current.year)}”`)
      if (await findById(tx, CAMPAIGNS, campaignId(year))) refuse('CONFLICT', `${year}年的测评已经存在`)
      await publish(tx, event.questionnaireVersion)
      const phases = event.phases ?? current.phases.map((p) => ({ ...p, start: shiftYear(p.start, year - current.year), end: shiftYear(p.end, year - current.year) }))
      const endsOn = event.endsOn ?? shiftYear(current.endsOn, year - current.year)
      const doc: Omit<CampaignDoc, '_id'> = {
        year,
        name: event.name,
        status: 'current',
        questionnaireVersion: event.questionnaireVersion,
        phases,
        endsOn,
        createdAt: new Date(),
        createdBy: admin.openid,
        closedAt: null,
        removed: NOTHING_REMOVED
      }
      await tx.collection(CAMPAIGNS).doc(campaignId(year)).set({ data: doc })
      await tx.collection(COLLECTIONS.settings).doc(CURRENT_DOC).set({ data: pointerOf(doc) })
      await audit(tx, db, { actor: admin.openid, action: 'campaigns.create', target: campaignId(year), detail: { year, name: event.name, questionnaireVersion: event.questionnaireVersion, previous: current.year } })
    })
    return { year }
  },

  async close(event, caller) {
    const db = database()
    const admin = await countyAdminWithCampaign(db, caller)
    return closeCampaign(db, admin, event.year, event.confirm)
  }
})

/** "2023-08-14" moved by `years` (29 February becomes 28 where the year has none). */
function shiftYear(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const target = y + years
  const last = new Date(Date.UTC(target, m, 0)).getUTCDate()
  return `${target}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}
