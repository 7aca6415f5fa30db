/**
 * The current campaign (测评年度) as every function sees it: which year new documents of the work carry,
 * whether that year still takes writes, and the questionnaire versions. The campaigns function manages
 * them; everyone else only reads here.
 */
import {
  BUILTIN_VERSION,
  defaultCampaignName,
  defaultEndsOn,
  defaultPhases,
  FIRST_YEAR,
  yearOf,
  type CampaignPhase,
  type CampaignStatus
} from '../../src/core/campaigns'
import { QUESTIONNAIRE_2023, type Questionnaire } from '../../src/core/questionnaire/model'
import { COLLECTIONS } from './collections'
import { findById, type Db, type Stored, type TransactionScope } from './data'
import { refuse } from './refusal'

export const CAMPAIGNS = COLLECTIONS.campaigns
export const QUESTIONNAIRES = COLLECTIONS.questionnaires
/**
 * settings/<this>: the current campaign's `{ year, status, questionnaireVersion }`, changed in the same
 * transaction as the campaign document (create, useQuestionnaire, close): every write of the work
 * checks it, so it is one small read.
 */
export const CURRENT_DOC = 'campaign-current'

export interface CurrentPointer extends Stored {
  year: number
  status?: CampaignStatus
  questionnaireVersion?: string
}
export const pointerOf = (c: Pick<CampaignDoc, 'year' | 'status' | 'questionnaireVersion'>) => ({ year: c.year, status: c.status, questionnaireVersion: c.questionnaireVersion })

/** What a close has deleted so far (kept on the campaign, so an interrupted close adds to it). */
export interface Removed {
  contacts: number
  visits: number
  callbacks: number
  files: number
}
export const NOTHING_REMOVED: Removed = { contacts: 0, visits: 0, callbacks: 0, files: 0 }

export interface CampaignDoc extends Stored {
  year: number
  name: string
  status: CampaignStatus
  questionnaireVersion: string
  phases: CampaignPhase[]
  /** The planned end of the year's work (YYYY-MM-DD): its personal data is deleted by closing, at the latest then. */
  endsOn: string
  createdAt: Date
  createdBy: string
  closingStartedAt?: Date | null
  /** The China day of the final round a close took (before the households went); set once. */
  finalRound?: string | null
  closedAt?: Date | null
  closedBy?: string | null
  removed?: Removed
}

export const campaignId = (year: number): string => String(year)

/** The 2023 campaign as it exists at first start (setup.init stores it; before that it is assumed). */
export function firstCampaign(createdBy = 'setup'): Omit<CampaignDoc, '_id'> {
  return {
    year: FIRST_YEAR,
    name: defaultCampaignName(FIRST_YEAR),
    status: 'current',
    questionnaireVersion: BUILTIN_VERSION,
    phases: defaultPhases(FIRST_YEAR),
    endsOn: defaultEndsOn(FIRST_YEAR),
    createdAt: new Date(`${FIRST_YEAR}-08-14T00:00:00+08:00`),
    createdBy,
    closedAt: null,
    removed: NOTHING_REMOVED
  }
}

type On = Db | TransactionScope

/**
 * The current campaign. Before setup.init has stored one (a fresh environment, a test cloud) it is
 * the first one, as the seed describes it, so every function works the same from the first call.
 */
export async function currentCampaign(on: On): Promise<CampaignDoc> {
  const pointer = await findById<CurrentPointer>(on, COLLECTIONS.settings, CURRENT_DOC)
  const year = pointer?.year ?? FIRST_YEAR
  const doc = await findById<CampaignDoc>(on, CAMPAIGNS, campaignId(year))
  return doc ?? { _id: campaignId(FIRST_YEAR), ...firstCampaign() }
}

export const closedMessage = (year: number): string => `${year}年测评已关闭,不能再登记或修改;请等待县综治办开始新的测评年度`

/**
 * The year a new document of the campaign's work carries (responses, contacts, visits, concerns): the
 * current campaign's, refused once it is being closed or closed (its personal data is going).
 */
export async function workYear(on: On): Promise<{ year: number; questionnaireVersion: string }> {
  const pointer = await findById<CurrentPointer>(on, COLLECTIONS.settings, CURRENT_DOC)
  const campaign = pointer?.status && pointer.questionnaireVersion ? pointer : await currentCampaign(on)
  if (campaign.status !== 'current') refuse('CONFLICT', closedMessage(campaign.year))
  return { year: campaign.year, questionnaireVersion: campaign.questionnaireVersion! }
}

/** A change to an existing document of the work: only while its own year is the current, open one. */
export async function requireOpenYear(on: On, doc: { year?: number | null }): Promise<number> {
  const campaign = await workYear(on)
  if (yearOf(doc) !== campaign.year) refuse('CONFLICT', closedMessage(yearOf(doc)))
  return campaign.year
}

/**
 * A filter on `year` that also finds documents stored before years existed (they are the first year's).
 * `_` is the database's command object.
 */
export function yearWhere(_: Db['command'], year: number): object {
  return year === FIRST_YEAR ? _.or([{ year }, { year: _.exists(false) }]) : { year }
}

/** The same for a response's questionnaire `version` (stored before versions existed: the built-in one). */
export function versionWhere(_: Db['command'], version: string): object {
  return version === BUILTIN_VERSION ? _.or([{ version }, { version: _.exists(false) }]) : { version }
}

export type QuestionnaireStatus = 'builtin' | 'draft' | 'published'

/** questionnaires/<version>: an imported questionnaire. A draft until a campaign uses it; never changed after. */
export interface QuestionnaireDoc extends Stored {
  version: string
  status: 'draft' | 'published'
  questionnaire: Questionnaire
  /** sha-256 of the questionnaire as stored: the same workbook imported again is recognised. */
  fingerprint: string
  importedAt: Date
  importedBy: string
}

export interface KnownQuestionnaire {
  questionnaire: Questionnaire
  status: QuestionnaireStatus
}

/** A version by name: the built-in 2023 one, or an imported one (draft or published); null if unknown. */
export async function findQuestionnaire(on: On, version: string): Promise<KnownQuestionnaire | null> {
  if (version === BUILTIN_VERSION) return { questionnaire: QUESTIONNAIRE_2023, status: 'builtin' }
  const doc = await findById<QuestionnaireDoc>(on, QUESTIONNAIRES, version)
  return doc ? { questionnaire: doc.questionnaire, status: doc.status } : null
}

/** The questionnaire a response answered: a version the county published (a draft is only previewed). */
export async function answerableQuestionnaire(on: On, version: string): Promise<Questionnaire> {
  const found = await findQuestionnaire(on, version)
  if (!found || found.status === 'draft') return refuse('INVALID_INPUT', `没有问卷版本“${version}”,请更新问卷后重新作答`)
  return found.questionnaire
}
