/**
 * The campaigns function through the real SDK on the local cloud: the 2023 campaign at first start,
 * its phases, and the questionnaire as an XLSForm workbook — exported, uploaded back as a real .xlsx
 * and imported (the same questions, flags and skips, every path walked on both), imported again
 * (nothing new), and ten broken workbooks each refused with its row named and nothing stored.
 */
import ExcelJS from 'exceljs'
import { closeConfirmation, defaultPhases } from '../../src/core/campaigns'
import { QUESTIONNAIRE_2023, visibleQuestions, type Answers, type Questionnaire } from '../../src/core/questionnaire'
import { makeCadre, makeTownAdmin } from '../fixtures/contact-sheets'
import { col, copyForm, formOf, readForm, rowNamed, setCell, setVersion, uploadQuestionnaire, workbookOf, type Form, type SheetName } from '../fixtures/xlsform'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
const TOWN_ADMIN = 'camp-town-admin'
const CADRE = 'camp-cadre'
const RESIDENT = 'camp-resident'

let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
  await makeTownAdmin(cloud, TOWN_ADMIN, '云集街道', '镇管理员')
  await makeCadre(cloud, CADRE, '云集', '张三')
}, 60_000)
afterAll(async () => {
  await cloud.close()
})

const campaigns = (event: object, openid: string) => cloud.call('campaigns', event, openid)
const importFile = async (bytes: Buffer, openid = ADMIN) => campaigns({ action: 'importQuestionnaire', fileID: await uploadQuestionnaire(cloud, openid, bytes) }, openid)
/** Everything an import could change: the versions, the audit trail, the campaigns. */
const state = () => JSON.stringify([cloud.service.db.find('questionnaires'), cloud.count('audit_log'), cloud.service.db.find('campaigns')])

/** Every combination of the questions that steer the 2023 skips: 4 × 3 × 6 × 3 × 3 = 648 paths. */
function everyPath(): Answers[] {
  const paths: Answers[] = []
  for (const q1 of [1, 2, 3, 4]) for (const q5 of [1, 2, 3]) for (const q6 of [1, 2, 3, 4, 5, 6]) for (const q7 of [1, 2, 3]) for (const q9 of [1, 2, 3]) {
    paths.push({ Q1: [q1], Q5: [q5], Q6: [q6], Q7: [q7], Q9: [q9] })
  }
  return paths
}

describe('the current campaign', () => {
  it('2023, the built-in questionnaire, the plan’s phases; for anyone, even without a user', async () => {
    const res = await campaigns({ action: 'current' }, RESIDENT)
    expect(res.ok).toBe(true)
    expect(res.data).toMatchObject({ year: 2023, status: 'current', questionnaireVersion: '2023', endsOn: '2023-11-15', closedAt: null, removed: null })
    expect(res.data.phases).toEqual(defaultPhases(2023))
    expect(res.data.phases.map((p: { name: string }) => p.name)).toEqual(['动员部署', '宣传发动', '入户走访', '督查'])
    expect(res.data.questionnaire).toEqual(QUESTIONNAIRE_2023)
    expect(res.data.deletionNotice).toContain('2023年11月15日')
    expect((await cloud.post('campaigns', { action: 'current' })).body).toMatchObject({ ok: true, data: { year: 2023 } })
  })

  it('setup.init (the local cloud runs it at start) stores it once; running it again changes nothing', async () => {
    expect((await cloud.call('setup', { action: 'init' }, ADMIN)).ok).toBe(true)
    const first = cloud.service.db.find('campaigns')
    expect(first).toHaveLength(1)
    expect(first[0]).toMatchObject({ _id: '2023', year: 2023, status: 'current', questionnaireVersion: '2023' })
    expect((await cloud.call('setup', { action: 'init' }, ADMIN)).ok).toBe(true)
    expect(cloud.service.db.find('campaigns')).toEqual(first)
    expect(cloud.count('settings', { _id: 'campaign-current' })).toBe(1)
  })

  it('the list, for admins (town admins too), and nobody else', async () => {
    for (const who of [ADMIN, TOWN_ADMIN]) {
      const res = await campaigns({ action: 'list' }, who)
      expect(res.ok).toBe(true)
      expect(res.data.current).toBe(2023)
      expect(res.data.campaigns.map((c: { year: number }) => c.year)).toEqual([2023])
    }
    for (const who of [CADRE, RESIDENT]) expect(await campaigns({ action: 'list' }, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('phases: a county admin edits the dates (audited); a bad date, an end before its start, or a town admin changes nothing', async () => {
    const phases = defaultPhases(2023).map((p) => (p.key === 'inspection' ? { key: p.key, start: '2023-09-05', end: '2023-10-25' } : { key: p.key, start: p.start, end: p.end }))
    const before = state()
    for (const [bad, who] of [
      [{ phases: phases.map((p) => (p.key === 'visiting' ? { ...p, end: '2023-08-01' } : p)), endsOn: '2023-11-15' }, ADMIN],
      [{ phases: phases.map((p) => (p.key === 'visiting' ? { ...p, end: '2023-02-30' } : p)), endsOn: '2023-11-15' }, ADMIN],
      [{ phases: phases.slice(1), endsOn: '2023-11-15' }, ADMIN],
      [{ phases, endsOn: '2023-10-01' }, ADMIN]
    ] as const) {
      expect(await campaigns({ action: 'savePhases', year: 2023, ...bad }, who)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    }
    expect(await campaigns({ action: 'savePhases', year: 2023, phases, endsOn: '2023-11-20' }, TOWN_ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(state()).toBe(before)
    const res = await campaigns({ action: 'savePhases', year: 2023, phases, endsOn: '2023-11-20' }, ADMIN)
    expect(res.ok).toBe(true)
    expect(res.data.phases.find((p: { key: string }) => p.key === 'inspection')).toEqual({ key: 'inspection', name: '督查', start: '2023-09-05', end: '2023-10-25' })
    expect(res.data.deletionNotice).toContain('2023年11月20日')
    expect((await campaigns({ action: 'current' }, RESIDENT)).data.endsOn).toBe('2023-11-20')
    expect(cloud.count('audit_log', { action: 'campaigns.savePhases' })).toBe(1)
  })
})

describe('the questionnaire as an XLSForm workbook', () => {
  let exported: Buffer

  it('exports the current version (any admin): survey, choices, settings and a 说明 sheet, headers as documented', async () => {
    const res = await campaigns({ action: 'exportQuestionnaire' }, TOWN_ADMIN)
    expect(res).toMatchObject({ ok: true, data: { version: '2023', fileID: expect.stringMatching(/\/questionnaire-exports\/2023-.+\.xlsx$/), tempFileURL: expect.any(String) } })
    const download = await fetch(encodeURI(res.data.tempFileURL))
    expect(download.status).toBe(200)
    exported = Buffer.from(await download.arrayBuffer())
    const sheets = await readForm(exported)
    expect(Object.keys(sheets)).toEqual(['survey', 'choices', 'settings', '说明'])
    expect(sheets.survey[0].slice(0, 5)).toEqual(['type', 'name', 'label', 'hint', 'relevant'])
    expect(sheets.choices[0]).toEqual(['list_name', 'name', 'label', 'exclusive', 'other', 'not_read_aloud'])
    expect(sheets.survey).toHaveLength(15)
    expect(sheets.survey[2]).toEqual(expect.arrayContaining(['select_multiple Q2', 'Q2', "${Q1} = '3' or ${Q1} = '4'"]))
    expect(sheets.settings[1][sheets.settings[0].indexOf('version')]).toBe('2023')
    // The export is on the file registry: closing the year deletes it.
    expect(cloud.count('stored_files', { folder: 'questionnaire-exports' })).toBe(1)
    for (const who of [CADRE, RESIDENT]) expect(await campaigns({ action: 'exportQuestionnaire' }, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await campaigns({ action: 'exportQuestionnaire', version: 'nope-1' }, ADMIN)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  it('the exported file imported again is the built-in 2023 questionnaire: same questions, flags and skips; nothing new stored; the upload deleted', async () => {
    const before = state()
    const fileID = await uploadQuestionnaire(cloud, ADMIN, exported)
    const res = await campaigns({ action: 'importQuestionnaire', fileID }, ADMIN)
    expect(res).toMatchObject({ ok: true, data: { version: '2023', status: 'builtin', created: false } })
    expect(res.data.questionnaire).toEqual(QUESTIONNAIRE_2023)
    expect(res.data.questions).toHaveLength(14)
    expect(state()).toBe(before)
    expect(cloud.service.storage.has(fileID)).toBe(false)
    expect(cloud.count('stored_files', { folder: 'questionnaire-imports' })).toBe(0)
  })

  it('the same workbook under a new version becomes a draft equal to 2023 on every one of 648 paths; again: nothing new', async () => {
    // The downloaded file, its settings cell changed in a spreadsheet program (exceljs here), saved.
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(exported as unknown as ArrayBuffer)
    const settings = workbook.getWorksheet('settings')!
    const versionColumn = (settings.getRow(1).values as string[]).indexOf('version')
    settings.getRow(2).getCell(versionColumn).value = '2023-copy'
    const copy = Buffer.from(await workbook.xlsx.writeBuffer())

    const res = await importFile(copy)
    expect(res).toMatchObject({ ok: true, data: { version: '2023-copy', status: 'draft', created: true } })
    const imported: Questionnaire = res.data.questionnaire
    expect(imported).toEqual({ ...QUESTIONNAIRE_2023, version: '2023-copy' })
    let hidden = 0
    for (const answers of everyPath()) {
      expect(visibleQuestions(answers, imported)).toEqual(visibleQuestions(answers))
      hidden += 14 - visibleQuestions(answers).length
    }
    expect(hidden).toBeGreaterThan(0)
    expect(cloud.service.db.find('questionnaires')).toEqual([expect.objectContaining({ _id: '2023-copy', status: 'draft' })])
    expect(cloud.count('audit_log', { action: 'campaigns.importQuestionnaire' })).toBe(1)

    const before = state()
    expect(await importFile(copy)).toMatchObject({ ok: true, data: { version: '2023-copy', created: false, status: 'draft' } })
    expect(state()).toBe(before)

    // A draft is listed and previewed, but nobody answers it until a campaign uses it.
    const versions = (await campaigns({ action: 'questionnaires' }, TOWN_ADMIN)).data.versions
    expect(versions.map((v: { version: string; status: string }) => [v.version, v.status])).toEqual([['2023-copy', 'draft'], ['2023', 'builtin']])
    expect(versions[1]).toMatchObject({ questions: 14, usedBy: [2023] })
    expect((await campaigns({ action: 'questionnaire', version: '2023-copy' }, ADMIN)).data).toMatchObject({ status: 'draft', usedBy: [] })
    const practice = await cloud.call('survey', { action: 'submit', submissionId: 'draft-version-1', mode: 'practice', version: '2023-copy', answers: { Q1: [1] } }, RESIDENT)
    expect(practice).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('2023-copy') })
  })

  it('a version already taken with other content is refused, nothing stored; 2023 itself cannot be replaced', async () => {
    for (const version of ['2023', '2023-copy']) {
      const f = setVersion(copyForm(formOf()), version)
      setCell(f.survey, rowNamed(f.survey, 'Q3'), 'label', '晚上一个人出门,您担心吗?')
      const before = state()
      const res = await importFile(await workbookOf(f))
      expect(res).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining(`问卷版本“${version}”`) })
      expect(state()).toBe(before)
    }
  })

  it('only a county admin imports, only their own upload; someone else’s file is neither read nor deleted', async () => {
    const bytes = await workbookOf(setVersion(copyForm(formOf()), 'not-mine-1'))
    for (const who of [TOWN_ADMIN, CADRE, RESIDENT]) {
      const before = state()
      expect(await importFile(bytes, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(state()).toBe(before)
    }
    const theirs = await uploadQuestionnaire(cloud, TOWN_ADMIN, bytes)
    expect(await campaigns({ action: 'importQuestionnaire', fileID: theirs }, ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(cloud.service.storage.has(theirs)).toBe(true)
    expect(cloud.count('questionnaires', { _id: 'not-mine-1' })).toBe(0)
    for (const who of [TOWN_ADMIN, CADRE, RESIDENT]) expect(await campaigns({ action: 'prepareImport' }, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const prepared = await campaigns({ action: 'prepareImport' }, ADMIN)
    expect(prepared.data.cloudPath).toMatch(/^questionnaire-imports\/local-admin\/[0-9a-f]{24}\.xlsx$/)
  })

  it('a file that is no workbook, or one past 2 MB, is refused with a Chinese message', async () => {
    const before = state()
    expect(await importFile(Buffer.from('type,name\nselect_one yn,Q1\n'))).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('.xlsx') })
    expect(await importFile(Buffer.alloc(2 * 1024 * 1024 + 1, 1))).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '问卷表格不能超过2MB' })
    expect(state()).toBe(before)
  })
})

/** A broken workbook, and where its refusal must point. */
interface Broken {
  what: string
  make: (f: Form) => void
  sheet: SheetName
  /** The spreadsheet row (1-based) named in the refusal, from the form as made. */
  row: (f: Form) => number
}
const sheetRow = (f: Form, sheet: SheetName, name: string, column = 'name') => rowNamed(f[sheet], name, column) + 1
const relevant = (name: string, expr: string) => (f: Form) => setCell(f.survey, rowNamed(f.survey, name), 'relevant', expr)

const BROKEN: Broken[] = [
  { what: 'an unknown type', make: (f) => setCell(f.survey, rowNamed(f.survey, 'Q3'), 'type', 'select_some Q3'), sheet: 'survey', row: (f) => sheetRow(f, 'survey', 'Q3') },
  { what: 'a choice list that does not exist', make: (f) => setCell(f.survey, rowNamed(f.survey, 'Q3'), 'type', 'select_one Q99'), sheet: 'survey', row: (f) => sheetRow(f, 'survey', 'Q3') },
  {
    what: 'a duplicate name',
    make: (f) => setCell(f.survey, rowNamed(f.survey, 'Q5'), 'name', 'Q4'),
    sheet: 'survey',
    row: (f) => f.survey.findIndex((r, i) => i > 0 && r[col(f.survey, 'name')] === 'Q4' && r[col(f.survey, 'type')].endsWith('Q5')) + 1
  },
  { what: 'a relevance naming an unknown question', make: relevant('Q2', "${Q99} = '1'"), sheet: 'survey', row: (f) => sheetRow(f, 'survey', 'Q2') },
  { what: 'a relevance naming a later question', make: relevant('Q2', "${Q3} = '1'"), sheet: 'survey', row: (f) => sheetRow(f, 'survey', 'Q2') },
  { what: 'a relevance naming an option that does not exist', make: relevant('Q2', "${Q1} = '9'"), sheet: 'survey', row: (f) => sheetRow(f, 'survey', 'Q2') },
  { what: 'a question no answers can reach', make: relevant('Q2', "${Q1} = '1' and ${Q1} = '2'"), sheet: 'survey', row: (f) => sheetRow(f, 'survey', 'Q2') },
  { what: 'a relevance that is code, not XLSForm', make: relevant('Q2', "${Q1} = '3' or process.exit(1)"), sheet: 'survey', row: (f) => sheetRow(f, 'survey', 'Q2') },
  {
    what: 'a choice list used nowhere',
    make: (f) => {
      const r = f.choices[0].map(() => '')
      r[col(f.choices, 'list_name')] = 'unused'
      r[col(f.choices, 'name')] = '1'
      r[col(f.choices, 'label')] = '没人用的选项'
      f.choices.push(r)
    },
    sheet: 'choices',
    row: (f) => sheetRow(f, 'choices', 'unused', 'list_name')
  },
  {
    what: 'an option number that is not a number',
    make: (f) => setCell(f.choices, rowNamed(f.choices, 'Q3', 'list_name') + 1, 'name', '二'),
    sheet: 'choices',
    row: (f) => rowNamed(f.choices, 'Q3', 'list_name') + 2
  }
]

describe('ten broken workbooks: each refused with its row named, nothing stored', () => {
  it.each(BROKEN)('$what', async ({ make, sheet, row }) => {
    const f = setVersion(copyForm(formOf()), 'broken-1')
    make(f)
    const expectedRow = row(f)
    expect(expectedRow).toBeGreaterThan(1)
    const before = state()
    const fileID = await uploadQuestionnaire(cloud, ADMIN, await workbookOf(f, { extraSheet: true }))
    const res = await campaigns({ action: 'importQuestionnaire', fileID }, ADMIN)
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(res.issues).toEqual(expect.arrayContaining([expect.objectContaining({ sheet, row: expectedRow, message: expect.stringMatching(/[\u4e00-\u9fa5]/) })]))
    for (const issue of res.issues) expect(issue.path).toEqual(issue.column ? [issue.sheet, issue.row, issue.column] : [issue.sheet, issue.row])
    expect(res.message).toMatch(/^问卷表格有\d+处问题,第一处在(survey|choices|settings)表第\d+行/)
    expect(state()).toBe(before)
    expect(cloud.count('questionnaires', { _id: 'broken-1' })).toBe(0)
    expect(cloud.service.storage.has(fileID)).toBe(false)
  })
})

describe('closing is a county admin’s, with the whole sentence typed', () => {
  it('a town admin, a cadre, a resident are refused; a wrong sentence changes nothing', async () => {
    const before = JSON.stringify([cloud.service.db.find('campaigns'), cloud.count('contacts'), cloud.count('audit_log')])
    for (const who of [TOWN_ADMIN, CADRE, RESIDENT]) {
      expect(await campaigns({ action: 'close', year: 2023, confirm: closeConfirmation(2023) }, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await campaigns({ action: 'create', year: 2026, name: '2026年测评', questionnaireVersion: '2023' }, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await campaigns({ action: 'useQuestionnaire', year: 2023, version: '2023-copy' }, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    for (const confirm of ['关闭', '关闭2024年测评', '确认']) {
      expect(await campaigns({ action: 'close', year: 2023, confirm }, ADMIN)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请输入“关闭2023年测评”以确认关闭' })
    }
    // A new year waits for the current one to be closed (its households are registered once).
    expect(await campaigns({ action: 'create', year: 2026, name: '2026年测评', questionnaireVersion: '2023' }, ADMIN)).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('请先关闭2023年测评') })
    expect(JSON.stringify([cloud.service.db.find('campaigns'), cloud.count('contacts'), cloud.count('audit_log')])).toBe(before)
  })
})
