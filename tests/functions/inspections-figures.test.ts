/**
 * The figures items of a round are the campaign's figures at the moment it opened, past the read
 * limits: more than 1,000 households and 1,000 completed interviews in one village (written by the
 * seeders in the functions' shapes, plus some through the real functions), visits, concerns (one
 * assigned to the police station), and later changes that leave the frozen figures alone.
 */
import { DEFAULT_SHEET } from '../../src/core/inspections'
import { DEFAULT_TOWN, unitKey } from '../../src/core/towns'
import { VILLAGES } from '../../src/core/villages'
import { makeCadre, mobile, villageCount } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { seedHouseholds, visitDrift } from '../support/visits-seed'

const ADMIN = 'local-admin'
const CADRE = 'fig-cadre-yunji'
const INSPECTOR = 'fig-inspector'
const VILLAGE = '云集'
const POLICE = '云集派出所'
const SEEDED = 1250
const INTERVIEWS = 1100

let cloud: TestCloud
/** A concern of the village left unanswered at opening, answered after. */
let thirdConcern = ''
const call = (fn: string, event: object, openid: string) => cloud.call(fn, event, openid)
async function must(fn: string, event: object, openid: string) {
  const res = await call(fn, event, openid)
  if (!res.ok) throw new Error(`${fn}.${(event as { action: string }).action} failed: ${JSON.stringify(res)}`)
  return res.data
}

const visitOf = (i: number) => (i % 2 === 0 ? { letter: i % 4 === 0, card: i % 5 === 0, explained: i % 3 === 0 } : null)
const answersOf = (i: number) => ({ Q1: [[1, 2, 3, 4][i % 4]], Q3: [4], Q4: [1], Q5: [2], Q7: [1], Q8: [2], Q9: [1], Q10: [1], Q11: [[1, 2, 3, 4, 5][i % 5]], Q12: [13], Q13: [12], Q14: [[2, 3, 5][i % 3]] })

/** The expected figures, counted here from the same patterns (not through the core's indicators). */
const expected = { households: SEEDED, visited: 0, letter: 0, card: 0, explained: 0, safetyFav: 0, safetyN: 0, satFav: 0, satN: 0 }
for (let i = 0; i < SEEDED; i++) {
  const v = visitOf(i)
  if (!v) continue
  expected.visited++
  if (v.letter) expected.letter++
  if (v.card) expected.card++
  if (v.explained) expected.explained++
}
function countInterview(a: ReturnType<typeof answersOf>) {
  expected.safetyN++
  if (a.Q1[0] <= 2) expected.safetyFav++
  for (const q of [a.Q11[0], a.Q14[0]]) {
    if (q === 5) continue
    expected.satN++
    if (q <= 2) expected.satFav++
  }
}

function interviewDoc(i: number, overrides: object = {}) {
  return { _id: `fig-interview-${i}`, mode: 'interview', town: DEFAULT_TOWN, village: VILLAGE, outcome: 'completed', answers: answersOf(i), others: {}, respondent: null, cadre: 'seed', day: '2026-09-01', submittedAt: new Date(), ...overrides }
}

const yunji = () => VILLAGES.find((v) => v.name === VILLAGE)!.quota
const round2 = (n: number) => Math.round(n * 100) / 100

beforeAll(async () => {
  cloud = await startTestCloud()
  const db = cloud.service.db
  seedHouseholds(db, { town: DEFAULT_TOWN, village: VILLAGE, count: SEEDED, block: 41, visitOf })
  db.insert('survey_responses', Array.from({ length: INTERVIEWS }, (_, i) => interviewDoc(i)))
  for (let i = 0; i < INTERVIEWS; i++) countInterview(answersOf(i))
  // Not counted: calls not completed, practice runs, and another town's village of the same name.
  db.insert('survey_responses', Array.from({ length: 60 }, (_, i) => interviewDoc(INTERVIEWS + i, { outcome: 'refused', answers: {} })))
  db.insert('survey_responses', Array.from({ length: 40 }, (_, i) => interviewDoc(INTERVIEWS + 100 + i, { mode: 'practice', outcome: null, answers: answersOf(0) })))
  db.insert('survey_responses', Array.from({ length: 30 }, (_, i) => interviewDoc(INTERVIEWS + 200 + i, { town: '别镇', answers: answersOf(0) })))

  await makeCadre(cloud, CADRE, VILLAGE, '云集干部')
  const invite = await must('user', { action: 'createInvite', role: 'inspector', town: DEFAULT_TOWN }, ADMIN)
  await must('user', { action: 'redeemInvite', code: invite.code, name: '督查员' }, INSPECTOR)
  // Through the functions too: two households, a visit, a completed and a refused call, concerns.
  const first = (await must('contacts', { action: 'register', name: '新户一', phone: mobile(42, 1), consent: true }, CADRE)).id
  await must('contacts', { action: 'register', name: '新户二', phone: mobile(42, 2), consent: true }, CADRE)
  await must('visits', { action: 'record', visitId: 'fig-visit-0001', contactId: first, letter: true, card: false, explained: true }, CADRE)
  expected.households += 2
  expected.visited += 1
  expected.letter += 1
  expected.explained += 1
  const valid = answersOf(0)
  await must('survey', { action: 'submit', submissionId: 'fig-call-0001', mode: 'interview', outcome: 'completed', answers: valid }, CADRE)
  countInterview(valid)
  await must('survey', { action: 'submit', submissionId: 'fig-call-0002', mode: 'interview', outcome: 'refused', answers: {} }, CADRE)
  const concerns: string[] = []
  for (let i = 0; i < 3; i++) concerns.push((await must('concerns', { action: 'submit', submissionId: `fig-concern-${i}-0000`, category: '治安问题', text: `路口缺路灯${i}` }, CADRE)).id)
  for (const id of concerns.slice(0, 2)) await must('concerns', { action: 'reply', id, text: '已安排' }, CADRE)
  // One concern assigned to the police station and answered: the station's reply rate.
  const station = (await must('concerns', { action: 'submit', submissionId: 'fig-concern-police', category: '治安问题', text: '夜间有人飙车' }, ADMIN)).id
  await must('concerns', { action: 'assign', id: station, unit: POLICE, dueDays: 5 }, ADMIN)
  await must('concerns', { action: 'reply', id: station, text: '已加强巡逻' }, ADMIN)
  thirdConcern = concerns[2]
}, 120_000)
afterAll(async () => {
  await cloud.close()
})

describe('figures frozen at opening', () => {
  let round = ''
  let frozen: unknown

  it('equal the counters and the completed interviews at opening, past 1,000 of each', async () => {
    expect(cloud.count('contacts', { village: VILLAGE })).toBe(SEEDED + 2)
    expect(cloud.count('survey_responses', { village: VILLAGE, mode: 'interview', outcome: 'completed', town: DEFAULT_TOWN })).toBe(INTERVIEWS + 1)
    expect(villageCount(cloud, VILLAGE)).toBe(SEEDED + 2)
    round = (await must('inspections', { action: 'openRound' }, ADMIN)).round
    const res = await must('inspections', { action: 'round', round }, INSPECTOR)
    expect(res.items).toEqual(DEFAULT_SHEET)
    const unit = res.units.find((u: { unit: string }) => u.unit === VILLAGE)
    const e = expected
    expect(unit.rates).toEqual({
      contacts: e.households / yunji(),
      visited: e.visited / e.households,
      letter: e.letter / e.households,
      card: e.card / e.households,
      explained: e.explained / e.households,
      replied: 2 / 3,
      safety: e.safetyFav / e.safetyN,
      satisfaction: e.satFav / e.satN,
      tasksVerified: null
    })
    expect(e.safetyN).toBe(INTERVIEWS + 1)
    // Points = maximum × rate (the ledger capped at 100%), to 0.01; entered items wait for the inspector.
    expect(unit.items).toMatchObject({
      contacts: round2(8 * Math.min(1, e.households / yunji())),
      visited: round2((6 * e.visited) / e.households),
      card: round2((4 * e.card) / e.households),
      replied: 4,
      safety: round2((6 * e.safetyFav) / e.safetyN),
      satisfaction: round2((6 * e.satFav) / e.satN),
      tasks: null,
      banners: null
    })
    expect(unit.score).toBeNull()
    // The stored document holds the counts the rates came from.
    expect(cloud.service.db.get('inspection_scores', `${round}/u${VILLAGES.findIndex((v) => v.name === VILLAGE)}`)).toMatchObject({
      village: VILLAGE,
      figures: { quota: yunji(), registered: e.households, households: e.households, visited: e.visited, concerns: 3, replied: 2, safety: { favourable: e.safetyFav, sampleSize: e.safetyN } }
    })
    frozen = res.units
  })

  it('other units: the police station has its reply rate and nothing of households; the school nothing at all', async () => {
    const res = await must('inspections', { action: 'round', round }, INSPECTOR)
    const police = res.units.find((u: { unit: string }) => u.unit === POLICE)
    expect(police).toMatchObject({ type: '站所', rates: { contacts: null, visited: null, letter: null, card: null, explained: null, replied: 1, safety: null, satisfaction: null, tasksVerified: null } })
    expect(police.items).toMatchObject({ replied: 6, contacts: null, broadcast: null })
    const school = res.units.find((u: { unit: string }) => u.unit === '云集联合学校')
    expect(Object.values(school.rates)).toEqual(Array(9).fill(null))
    // A village with a quota and no households yet: 0% of its ledger, visits not applicable.
    expect(res.units.find((u: { unit: string }) => u.unit === '新城').rates).toMatchObject({ contacts: 0, visited: null, replied: null })
    // The school is scored over its five entered items (46 points): full marks is 100.
    const entries = DEFAULT_SHEET.filter((i) => i.kind === 'entered' && !i.types).map((i) => ({ id: i.id, points: i.points }))
    expect((await must('inspections', { action: 'score', round, unit: '云集联合学校', items: entries }, INSPECTOR)).score).toBe(100)
  })

  it('work done after opening does not move the frozen figures; the next round sees it', async () => {
    for (let i = 3; i < 8; i++) await must('contacts', { action: 'register', name: `后来户${i}`, phone: mobile(42, i), consent: true }, CADRE)
    await must('concerns', { action: 'reply', id: thirdConcern, text: '已修好' }, CADRE)
    const late = answersOf(1)
    await must('survey', { action: 'submit', submissionId: 'fig-call-0003', mode: 'interview', outcome: 'completed', answers: late }, CADRE)
    const res = await must('inspections', { action: 'round', round }, ADMIN)
    const keep = (units: { unit: string; rates: unknown }[]) => units.map((u) => [u.unit, u.rates])
    expect(keep(res.units)).toEqual(keep(frozen as { unit: string; rates: unknown }[]))
    await must('inspections', { action: 'closeRound', round }, ADMIN)
    const next = (await must('inspections', { action: 'openRound' }, ADMIN)).round
    const unit = (await must('inspections', { action: 'round', round: next }, ADMIN)).units.find((u: { unit: string }) => u.unit === VILLAGE)
    countInterview(late)
    expect(unit.rates).toMatchObject({ contacts: (expected.households + 5) / yunji(), visited: expected.visited / (expected.households + 5), replied: 1, safety: expected.safetyFav / expected.safetyN })
    expect(visitDrift(cloud.service.db)).toEqual([])
    expect(cloud.service.db.get('village_counters', unitKey(DEFAULT_TOWN, VILLAGE))).toMatchObject({ registered: expected.households + 5 })
  })
})
