/**
 * The role matrix: every action of every function (enumerated from `contracts`, so a new action
 * without a row here fails), called by each of five actors on town A, answers the code the rules say.
 *
 * Town A is the default 云集街道; town B is created here, and both have a 新城. Actors: a county admin,
 * a town admin of A, a town admin of B, a cadre of A (新城), a resident, an inspector of A (督查员,
 * issue 12: scores A's rounds and verifies its tasks, manages nothing else). Rules (issue 10):
 * - a county admin may do everything; a town admin of A what an admin does, in A;
 * - a town admin of B is FORBIDDEN on every action naming town A (or A's people and households);
 * - a cadre does cadre work in their own village, is FORBIDDEN on admin work;
 * - a resident reads towns and content and practises, FORBIDDEN on cadre and admin work;
 * - county-wide actions (setup, creating towns, the county ranking, sweeping uploads) are a county admin's.
 * Each event is made fresh for its cell (a new invite, household or cadre), so cells do not depend
 * on each other; a FORBIDDEN answer must leave every collection as it was.
 */
import { contracts, PURGE_CONFIRMATION } from '../../src/core/contract'
import { DEFAULT_SHEET } from '../../src/core/inspections'
import type { Answers } from '../../src/core/questionnaire'
import { DEFAULT_TOWN } from '../../src/core/towns'
import { COLLECTIONS } from '../../server/lib/collections'
import { contactSheet, mobile, uploadAs } from '../fixtures/contact-sheets'
import { closeConfirmation, defaultPhases } from '../../src/core/campaigns'
import { copyForm, formOf, setVersion, uploadQuestionnaire, workbookOf } from '../fixtures/xlsform'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const A = DEFAULT_TOWN
const B = '新城镇'
const COUNTY = 'local-admin'
const TA_A = 'matrix-ta-a'
const TA_B = 'matrix-ta-b'
const CADRE_A = 'matrix-cadre-a'
const RESIDENT = 'matrix-resident'
const INSPECTOR_A = 'matrix-inspector-a'
const ACTORS = { county: COUNTY, townAdminA: TA_A, townAdminB: TA_B, cadreA: CADRE_A, resident: RESIDENT, inspectorA: INSPECTOR_A } as const
type Actor = keyof typeof ACTORS
type Code = 'ok' | 'FORBIDDEN' | 'CONFLICT'

let cloud: TestCloud
let serial = 0
const next = () => ++serial

const VALID: Answers = { Q1: [1], Q3: [4], Q4: [1, 3], Q5: [2], Q7: [1], Q8: [2], Q9: [1], Q10: [1], Q11: [1], Q12: [13], Q13: [12], Q14: [2] }

async function call(fn: string, event: object, openid: string) {
  return cloud.call(fn, event, openid)
}
async function must(fn: string, event: object, openid: string) {
  const res = await call(fn, event, openid)
  if (!res.ok) throw new Error(`fixture ${fn}.${(event as { action: string }).action} failed: ${JSON.stringify(res)}`)
  return res.data
}

/** Fixtures in town A, made by the county admin (or the cadre of A). */
const inviteA = async () => (await must('user', { action: 'createInvite', town: A, village: '新城' }, COUNTY)).code as string
async function cadreOfA(): Promise<string> {
  const openid = `matrix-victim-${next()}`
  await must('user', { action: 'redeemInvite', code: await inviteA(), name: '受测干部' }, openid)
  return openid
}
/** A household of A's 新城 held by the cadre of A. */
const heldByCadreA = async () =>
  (await must('contacts', { action: 'register', name: '居民甲', phone: mobile(77, next()), consent: true }, CADRE_A)).id as string
/** A household of A's 新城 that nobody holds (registered by the county admin). */
const unassignedInA = async () =>
  (await must('contacts', { action: 'register', town: A, village: '新城', responsible: '张三', name: '居民乙', phone: mobile(78, next()), consent: true }, COUNTY)).id as string

/** A concern of A's 新城 (recorded by the county admin), optionally with a callback number, optionally replied. */
async function concernInA(options: { callback?: boolean; replied?: boolean } = {}): Promise<string> {
  const id = (
    await must(
      'concerns',
      { action: 'submit', town: A, submissionId: `matrix-concern-${next()}`, category: '民生实事', text: '路灯坏了', village: '新城', ...(options.callback ? { callback: { phone: mobile(81, next()) } } : {}) },
      COUNTY
    )
  ).id as string
  if (options.replied) await must('concerns', { action: 'reply', town: A, id, text: '已安排维修' }, COUNTY)
  return id
}

/** 督查 fixtures in town A: its open round (opened if none), and 整改 tasks of 新城. */
const openRoundIdOfA = () => (cloud.service.db.get('inspection_settings', A) as { openRound?: string | null } | undefined)?.openRound ?? null
async function openRoundOfA(): Promise<string> {
  return openRoundIdOfA() ?? (await must('inspections', { action: 'openRound', town: A }, COUNTY)).round
}
async function noOpenRoundInA(): Promise<void> {
  const open = openRoundIdOfA()
  if (open) await must('inspections', { action: 'closeRound', round: open }, COUNTY)
}
const ENTRIES = DEFAULT_SHEET.filter((i) => i.kind === 'entered').map((i) => ({ id: i.id, points: 1 }))
/** A task of A's 新城 found in the open round. */
async function taskOfXincheng(): Promise<string> {
  const round = await openRoundOfA()
  const text = `矩阵问题${next()}`
  await must('inspections', { action: 'score', round, unit: '新城', items: ENTRIES, problems: [{ text, dueDays: 3 }] }, COUNTY)
  const tasks = (await must('inspections', { action: 'tasks', town: A, unit: '新城', status: 'open' }, COUNTY)).tasks as { id: string; text: string }[]
  return tasks.find((t) => t.text === text)!.id
}
/** A task of an earlier round, with a later round open: one to verify. */
async function taskToVerify(): Promise<string> {
  const id = await taskOfXincheng()
  await noOpenRoundInA()
  await openRoundOfA()
  return id
}

interface Cell {
  /** The event, made fresh for the actor calling it. */
  event: (actor: string) => Promise<object> | object
  expect: Record<Actor, Code>
  /** Undo what a successful call changed that later cells rely on (the actors' own roles). */
  after?: (actor: string) => Promise<void>
}

const F = 'FORBIDDEN' as const
const everyone: Record<Actor, Code> = { county: 'ok', townAdminA: 'ok', townAdminB: 'ok', cadreA: 'ok', resident: 'ok', inspectorA: 'ok' }
/** Anyone, within the rule of towns: naming A is not a town admin of B's business. */
const anyoneInA: Record<Actor, Code> = { ...everyone, townAdminB: F }
const adminOfA: Record<Actor, Code> = { county: 'ok', townAdminA: 'ok', townAdminB: F, cadreA: F, resident: F, inspectorA: F }
const cadreOrAdminOfA: Record<Actor, Code> = { ...adminOfA, cadreA: 'ok' }
const cadreOfAOnly: Record<Actor, Code> = { county: F, townAdminA: F, townAdminB: F, cadreA: 'ok', resident: F, inspectorA: F }
const countyOnly: Record<Actor, Code> = { county: 'ok', townAdminA: F, townAdminB: F, cadreA: F, resident: F, inspectorA: F }
/** Cadres and admins of any town, for what names no town (their own upload folder); an inspector handles no households. */
const anyStaff: Record<Actor, Code> = { ...everyone, resident: F, inspectorA: F }
/** Who inspects A: its inspector and its admins. */
const inspectorOrAdminOfA: Record<Actor, Code> = { ...adminOfA, inspectorA: 'ok' }
/** A's people: its inspector, its admins and its cadre (who sees their own unit's part). */
const staffOfA: Record<Actor, Code> = { ...inspectorOrAdminOfA, cadreA: 'ok' }
/** Any admin, town or county: what is the county's alike for every town (the campaign, its questionnaire). */
const anyAdmin: Record<Actor, Code> = { ...countyOnly, townAdminA: 'ok', townAdminB: 'ok' }

const MATRIX: Record<string, Record<string, Cell>> = {
  user: {
    whoami: { event: () => ({}), expect: everyone },
    createInvite: { event: () => ({ town: A, village: '新城' }), expect: adminOfA },
    listInvites: { event: () => ({ town: A }), expect: adminOfA },
    revokeInvite: { event: async () => ({ code: await inviteA() }), expect: adminOfA },
    // Admins and cadres are already bound (CONFLICT); a resident becomes a cadre of A, then is revoked again.
    redeemInvite: {
      event: async () => ({ code: await inviteA(), name: '新人' }),
      expect: { county: 'CONFLICT', townAdminA: 'CONFLICT', townAdminB: 'CONFLICT', cadreA: 'CONFLICT', resident: 'ok', inspectorA: 'CONFLICT' },
      after: async (actor) => {
        if (actor === RESIDENT) await must('user', { action: 'revokeCadre', openid: RESIDENT }, COUNTY)
      }
    },
    listCadres: { event: () => ({ town: A }), expect: adminOfA },
    revokeCadre: { event: async () => ({ openid: await cadreOfA() }), expect: adminOfA },
    moveCadre: { event: async () => ({ openid: await cadreOfA(), village: '云集' }), expect: adminOfA }
  },
  setup: {
    init: { event: () => ({}), expect: countyOnly }
  },
  survey: {
    practiceAllowance: { event: () => ({}), expect: everyone },
    submit: { event: () => ({ town: A, submissionId: `matrix-${next()}-submission`, mode: 'practice', village: '新城', answers: VALID }), expect: anyoneInA }
  },
  stats: {
    villages: { event: () => ({ town: A }), expect: adminOfA },
    myVillage: { event: () => ({ town: A }), expect: cadreOfAOnly },
    cadres: { event: () => ({ town: A, village: '新城' }), expect: adminOfA },
    indicators: { event: () => ({ town: A, mode: 'practice' }), expect: adminOfA },
    snapshot: { event: () => ({ town: A }), expect: adminOfA },
    rounds: { event: () => ({ town: A }), expect: adminOfA },
    exportRanking: { event: () => ({ town: A }), expect: adminOfA },
    setQuota: { event: () => ({ town: A, village: '新城', quota: 300 + next() }), expect: adminOfA }
  },
  contacts: {
    register: { event: () => ({ town: A, village: '新城', responsible: '张三', name: '居民丙', phone: mobile(79, next()), consent: true }), expect: cadreOrAdminOfA },
    update: { event: async () => ({ id: await heldByCadreA(), town: A, note: '已核实' }), expect: cadreOrAdminOfA },
    remove: { event: async () => ({ id: await heldByCadreA(), town: A }), expect: cadreOrAdminOfA },
    list: { event: () => ({ town: A }), expect: cadreOrAdminOfA },
    reveal: { event: async () => ({ id: await heldByCadreA(), town: A }), expect: cadreOrAdminOfA },
    reassign: { event: async () => ({ ids: [await unassignedInA()], to: CADRE_A, town: A }), expect: cadreOrAdminOfA },
    prepareImport: { event: () => ({}), expect: anyStaff },
    importXlsx: {
      event: async (actor) => {
        const bytes = await contactSheet({ rows: [[1, '张三', '居民丁', mobile(80, next())]] })
        return { fileID: await uploadAs(cloud, actor, bytes), town: A, village: '新城', consent: true }
      },
      expect: cadreOrAdminOfA
    },
    exportXlsx: { event: () => ({ town: A, village: '新城' }), expect: cadreOrAdminOfA },
    conflicts: { event: () => ({ town: A }), expect: adminOfA },
    purge: { event: () => ({ town: A, confirm: PURGE_CONFIRMATION }), expect: adminOfA },
    sweepUploads: { event: () => ({}), expect: countyOnly }
  },
  concerns: {
    submit: { event: () => ({ town: A, submissionId: `matrix-concern-${next()}`, category: '其他', text: '想反映一个问题' }), expect: anyoneInA },
    mine: { event: () => ({}), expect: everyone },
    list: { event: () => ({ town: A }), expect: cadreOrAdminOfA },
    assign: { event: async () => ({ town: A, id: await concernInA(), unit: '新城', dueDays: 5 }), expect: adminOfA },
    reply: { event: async () => ({ town: A, id: await concernInA(), text: '已联系处理' }), expect: cadreOrAdminOfA },
    close: { event: async () => ({ town: A, id: await concernInA({ replied: true }), resolved: true }), expect: cadreOrAdminOfA },
    stats: { event: () => ({ town: A }), expect: cadreOrAdminOfA },
    revealCallback: { event: async () => ({ town: A, id: await concernInA({ callback: true }) }), expect: cadreOrAdminOfA },
    markOverdue: { event: () => ({}), expect: countyOnly }
  },
  visits: {
    record: { event: async () => ({ town: A, visitId: `matrix-visit-${next()}`, contactId: await heldByCadreA(), letter: true, card: false, explained: true }), expect: cadreOrAdminOfA },
    progress: { event: () => ({ town: A }), expect: cadreOrAdminOfA },
    households: { event: () => ({ town: A, status: 'unvisited' }), expect: cadreOrAdminOfA }
  },
  // Last of all (contracts' order): the county admin's create closes 2023 first, and close closes 2026.
  campaigns: {
    current: { event: () => ({}), expect: everyone },
    list: { event: () => ({}), expect: anyAdmin },
    savePhases: { event: () => ({ year: 2023, phases: defaultPhases(2023).map(({ key, start, end }) => ({ key, start, end })), endsOn: '2023-11-15' }), expect: countyOnly },
    questionnaires: { event: () => ({}), expect: anyAdmin },
    questionnaire: { event: () => ({ version: '2023' }), expect: anyAdmin },
    exportQuestionnaire: { event: () => ({}), expect: anyAdmin },
    prepareImport: { event: () => ({}), expect: countyOnly },
    importQuestionnaire: {
      event: async (actor) => ({ fileID: await uploadQuestionnaire(cloud, actor, await workbookOf(setVersion(copyForm(formOf()), `matrix-${next()}`))) }),
      expect: countyOnly
    },
    useQuestionnaire: { event: () => ({ year: 2023, version: '2023' }), expect: countyOnly },
    create: {
      event: async (actor) => {
        if (actor === COUNTY) await must('campaigns', { action: 'close', year: 2023, confirm: closeConfirmation(2023) }, COUNTY)
        return { year: 2026, name: '2026年测评', questionnaireVersion: '2023' }
      },
      expect: countyOnly
    },
    close: { event: () => ({ year: 2026, confirm: closeConfirmation(2026) }), expect: countyOnly }
  },
  towns: {
    list: { event: () => ({}), expect: everyone },
    units: { event: () => ({ town: A }), expect: anyoneInA },
    create: { event: () => ({ name: `矩阵镇${next()}`, units: [{ name: '新城', quota: 10 }] }), expect: countyOnly },
    saveUnit: { event: () => ({ town: A, name: '新城', quota: 300 + next() }), expect: adminOfA },
    content: { event: () => ({ town: A }), expect: anyoneInA },
    saveContent: { event: () => ({ town: A, slogans: [`平安建设${next()}`] }), expect: adminOfA },
    ranking: { event: () => ({}), expect: countyOnly }
  },
  inspections: {
    units: { event: () => ({ town: A }), expect: inspectorOrAdminOfA },
    saveUnit: { event: () => ({ town: A, name: `矩阵单位${next()}`, type: '企业' }), expect: adminOfA },
    sheet: { event: () => ({ town: A }), expect: staffOfA },
    saveSheet: { event: () => ({ town: A, items: DEFAULT_SHEET }), expect: adminOfA },
    schedule: { event: () => ({ town: A }), expect: inspectorOrAdminOfA },
    saveSchedule: { event: () => ({ town: A, schedule: { auto: false, start: '2026-09-01', end: '2026-10-31', everyDays: 10 } }), expect: adminOfA },
    openRound: {
      event: async () => {
        await noOpenRoundInA()
        return { town: A }
      },
      expect: adminOfA
    },
    autoOpen: { event: () => ({}), expect: countyOnly },
    rounds: { event: () => ({ town: A }), expect: inspectorOrAdminOfA },
    round: { event: async () => ({ round: await openRoundOfA() }), expect: inspectorOrAdminOfA },
    score: { event: async () => ({ round: await openRoundOfA(), unit: '新城', items: ENTRIES }), expect: inspectorOrAdminOfA },
    // Names no town: the caller's own photo folder (an admin of any town, or an inspector).
    preparePhoto: { event: () => ({}), expect: { ...inspectorOrAdminOfA, townAdminB: 'ok' } },
    closeRound: { event: async () => ({ round: await openRoundOfA() }), expect: adminOfA },
    ranking: { event: async () => ({ round: await openRoundOfA() }), expect: inspectorOrAdminOfA },
    history: { event: () => ({ town: A }), expect: staffOfA },
    unitDetail: { event: () => ({ town: A, unit: '新城' }), expect: staffOfA },
    tasks: { event: () => ({ town: A }), expect: staffOfA },
    completeTask: { event: async () => ({ id: await taskOfXincheng(), note: '已整改' }), expect: cadreOfAOnly },
    verifyTask: { event: async () => ({ id: await taskToVerify(), fixed: true }), expect: inspectorOrAdminOfA },
    exportCircular: { event: async () => ({ round: await openRoundOfA() }), expect: adminOfA }
  }
}

const counts = () => Object.values(COLLECTIONS).map((c) => `${c}:${cloud.count(c)}`).join(' ')

beforeAll(async () => {
  cloud = await startTestCloud()
  await must('towns', { action: 'create', name: B, units: [{ name: '新城', quota: 100 }, { name: '东岸', quota: 50 }] }, COUNTY)
  for (const [openid, invite] of [
    [TA_A, { role: 'townAdmin', town: A }],
    [TA_B, { role: 'townAdmin', town: B }],
    [CADRE_A, { town: A, village: '新城' }],
    [INSPECTOR_A, { role: 'inspector', town: A }]
  ] as const) {
    const code = (await must('user', { action: 'createInvite', ...invite }, COUNTY)).code
    await must('user', { action: 'redeemInvite', code, name: openid }, openid)
  }
  // No timer round while the matrix runs, whatever the date.
  for (const town of [A, B]) await must('inspections', { action: 'saveSchedule', town, schedule: { auto: false, start: '2026-09-01', end: '2026-10-31', everyDays: 10 } }, COUNTY)
}, 60_000)
afterAll(async () => {
  await cloud.close()
})

test('every action of every function has a row in the matrix', () => {
  const missing = Object.entries(contracts).flatMap(([fn, contract]) => Object.keys(contract).filter((action) => !MATRIX[fn]?.[action]).map((a) => `${fn}.${a}`))
  expect(missing).toEqual([])
})

test('the actors are who the matrix says', async () => {
  expect((await call('user', { action: 'whoami' }, TA_A)).data).toMatchObject({ role: 'townAdmin', town: A })
  expect((await call('user', { action: 'whoami' }, TA_B)).data).toMatchObject({ role: 'townAdmin', town: B })
  expect((await call('user', { action: 'whoami' }, CADRE_A)).data).toMatchObject({ role: 'cadre', town: A, village: '新城' })
  expect((await call('user', { action: 'whoami' }, RESIDENT)).data).toMatchObject({ role: 'resident' })
  expect((await call('user', { action: 'whoami' }, INSPECTOR_A)).data).toMatchObject({ role: 'inspector', town: A })
})

const cells = Object.entries(contracts).flatMap(([fn, contract]) =>
  Object.keys(contract).flatMap((action) =>
    (Object.keys(ACTORS) as Actor[]).map((actor) => ({ name: `${fn}.${action}`, fn, action, actor, code: MATRIX[fn]?.[action]?.expect[actor] ?? 'ok' }))
  )
)

test.each(cells)('$name by $actor → $code', async ({ fn, action, actor, code }) => {
  const cell = MATRIX[fn]?.[action]
  if (!cell) throw new Error(`no matrix row for ${fn}.${action}`)
  const openid = ACTORS[actor]
  const event = { ...(await cell.event(openid)), action }
  const before = counts()
  const res = await call(fn, event, openid)
  try {
    if (code === 'ok') {
      expect({ ok: res.ok, code: res.code, message: res.message }).toEqual({ ok: true, code: undefined, message: undefined })
    } else {
      expect({ ok: res.ok, code: res.code }).toEqual({ ok: false, code })
      if (code === 'FORBIDDEN') expect(counts()).toBe(before)
    }
  } finally {
    if (res.ok) await cell.after?.(openid)
  }
})
