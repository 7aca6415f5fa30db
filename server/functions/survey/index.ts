import { PRACTICE_PER_DAY, submissionIssues, surveyContract, UNDISCLOSED_VILLAGE, type CallOutcome } from '../../../src/core/contract'
import { answerableQuestionnaire, workYear } from '../../lib/campaign'
import type { Answers, OtherTexts } from '../../../src/core/questionnaire'
import { requireOpenid } from '../../lib/caller'
import { chinaDay } from '../../lib/china-day'
import { database } from '../../lib/cloud'
import { COLLECTIONS } from '../../lib/collections'
import { findById, transaction, type Stored } from '../../lib/data'
import { createMain } from '../../lib/handler'
import { keyedHash } from '../../lib/keyed-hash'
import { refuse } from '../../lib/refusal'
import { identify } from '../../lib/roles'
import { mayHold, type ContactDoc } from '../contacts/model'
import { respondentSecret } from '../../lib/secret'
import { requireUnit, townFor } from '../../lib/towns'

/** Mock-survey calls one cadre may record a day. */
export const INTERVIEWS_PER_DAY = 300

/** A stored response. Residents appear only as a keyed hash; interviews name the cadre who called. */
export interface SurveyResponseDoc extends Stored {
  mode: 'practice' | 'interview'
  /** Every response belongs to one town: indicators never mix towns. */
  town: string
  /** The campaign's year, and the questionnaire version answered: indicators never mix versions (absent: 2023). */
  year?: number
  version?: string
  village: string | null
  outcome: CallOutcome | null
  answers: Answers
  others: OtherTexts
  respondent: string | null
  cadre: string | null
  day: string
  submittedAt: unknown
}

interface CounterDoc extends Stored {
  count: number
}

export { PRACTICE_PER_DAY }

export const main = createMain('survey', surveyContract, {
  /** Read only: the same day counter `submit` takes from, so the number shown is the one enforced. */
  async practiceAllowance(_event, caller) {
    const db = database()
    const openid = requireOpenid(caller)
    const secret = await respondentSecret(db)
    const person = keyedHash(secret, 'person', openid)
    const counter = await findById<CounterDoc>(db, COLLECTIONS.rateLimits, `practice:${person}:${chinaDay()}`)
    const used = Math.min(counter?.count ?? 0, PRACTICE_PER_DAY)
    return { limit: PRACTICE_PER_DAY, used, left: PRACTICE_PER_DAY - used }
  },

  async submit(event, caller) {
    const db = database()
    const openid = requireOpenid(caller)
    const who = await identify(db, caller)
    // A resident's town comes with their link (or the default one); staff act for their own.
    const town = await townFor(db, who, event.town)
    let village: string | null = event.village && event.village !== UNDISCLOSED_VILLAGE ? event.village : null
    let cadre: string | null = null
    const callsForOwnVillage = event.mode === 'interview' && who.role === 'cadre'
    if (event.mode === 'interview') {
      // Inspectors judge the mock survey's results; they do not make the calls.
      if (who.role === 'resident' || who.role === 'inspector') refuse('FORBIDDEN', '模拟民调仅限村(社区)干部使用')
      if (who.role === 'cadre') {
        // A cadre calls for their own village, whatever the event says.
        village = who.village!
      } else if (!village) {
        refuse('INVALID_INPUT', '管理员记录模拟民调时请指定村(社区)')
      }
      cadre = openid
    }
    // A village someone names must be one of the town's (a cadre's own is one by their binding).
    if (village && !callsForOwnVillage) await requireUnit(db, town, village)
    // A call placed from the household list: only to a household the caller holds (the reveal's rule).
    if (event.contact !== undefined) {
      const contact = await findById<ContactDoc>(db, COLLECTIONS.contacts, event.contact)
      if (!contact) return refuse('NOT_FOUND', '没有这户的登记记录,可能已被删除')
      if (contact.town !== town || !mayHold(contact, who)) refuse('FORBIDDEN', '只能为自己负责的住户记录通话结果')
    }
    // Checked against the version the client answered (default the current one), never another.
    const campaign = await workYear(db)
    const version = event.version ?? campaign.questionnaireVersion
    const issues = submissionIssues(event, await answerableQuestionnaire(db, version))
    if (issues.length) refuse('INVALID_INPUT', `${issues[0].message}(${issues[0].path.join('.')})`, issues)

    const secret = await respondentSecret(db)
    const person = keyedHash(secret, 'person', openid)
    // The same person sending the same submission again finds the same document.
    const responseId = keyedHash(secret, 'response', person, event.submissionId)
    const day = chinaDay()
    const counterId = `${event.mode}:${person}:${day}`
    const limit = event.mode === 'practice' ? PRACTICE_PER_DAY : INTERVIEWS_PER_DAY

    const stored = await transaction(db, async (tx) => {
      if (await findById<SurveyResponseDoc>(tx, COLLECTIONS.surveyResponses, responseId)) return false
      const counter = await findById<CounterDoc>(tx, COLLECTIONS.rateLimits, counterId)
      const count = counter?.count ?? 0
      if (count >= limit) {
        refuse('RATE_LIMITED', event.mode === 'practice' ? `今天已提交${limit}次练习,请明天再来` : `今天已记录${limit}通模拟民调,已达上限`)
      }
      await tx.collection(COLLECTIONS.rateLimits).doc(counterId).set({ data: { count: count + 1, day } })
      const doc: Omit<SurveyResponseDoc, '_id'> = {
        mode: event.mode,
        town,
        year: campaign.year,
        version,
        village,
        outcome: event.outcome ?? null,
        answers: event.answers,
        others: event.others,
        respondent: event.mode === 'practice' ? person : null,
        cadre,
        day,
        submittedAt: db.serverDate()
      }
      await tx.collection(COLLECTIONS.surveyResponses).doc(responseId).set({ data: doc })
      // The household keeps how its last call went, in the same transaction (a retry adds nothing);
      // the response above never names the household, so answers stay unlinked to a person.
      if (event.contact !== undefined) {
        const contact = await findById<ContactDoc>(tx, COLLECTIONS.contacts, event.contact)
        if (!contact || !mayHold(contact, who)) refuse('CONFLICT', '这户刚被移出您负责的名单,通话结果没有保存')
        await tx.collection(COLLECTIONS.contacts).doc(event.contact).update({ data: { lastCall: { outcome: event.outcome!, at: new Date(), by: openid } } })
      }
      return true
    })
    return { submissionId: event.submissionId, stored, version }
  }
})
