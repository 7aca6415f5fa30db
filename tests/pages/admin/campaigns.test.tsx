import { fireEvent, screen } from '@testing-library/react'
import { defaultPhases, deletionNotice } from '../../../src/core/campaigns'
import type { Campaign } from '../../../src/core/contract'
import { QUESTIONNAIRE_2026 } from '../../fixtures/questionnaire-2026'
import CampaignsPage from '../../../src/packages/admin/campaigns/index'
import { stubDeviceApis } from '../support/survey-driver'
import { ADMIN, TOWN_ADMIN, answerModal, cloud, open, sent, serve, settle, tapText, typeInto } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

const base = { year: 2023, status: 'current' as const, endsOn: '2023-11-15', closedAt: null }
const CAMPAIGN: Campaign = {
  ...base,
  name: '2023年公众安全感和满意度测评(综治民调)',
  questionnaireVersion: '2023',
  phases: defaultPhases(2023),
  removed: null,
  deletionNotice: deletionNotice(base)
}

const V2026 = QUESTIONNAIRE_2026

const VERSIONS = { versions: [{ version: '2023', title: '2023年综治民调问卷', status: 'builtin', questions: 14, importedAt: null, usedBy: [2023] }] }
const routes = (over: Record<string, unknown> = {}) => ({
  'campaigns.list': { current: 2023, campaigns: [CAMPAIGN] },
  'campaigns.questionnaires': VERSIONS,
  'campaigns.prepareImport': { cloudPath: 'questionnaire-imports/o-admin/abc.xlsx' },
  'campaigns.importQuestionnaire': { version: '2026-1', title: V2026.title, status: 'draft', created: true, questions: V2026.questions, questionnaire: V2026 },
  'campaigns.useQuestionnaire': { year: 2023, questionnaireVersion: '2026-1' },
  'campaigns.savePhases': CAMPAIGN,
  'campaigns.close': { year: 2023, status: 'closed', removed: { contacts: 1203, visits: 3, callbacks: 1, files: 2 } },
  ...over
})

let fetchMock: jest.Mock
const realFetch = globalThis.fetch
beforeEach(() => {
  stubDeviceApis()
  cloud.mockReset()
  fetchMock = jest.fn(async () => ({ ok: true, status: 200, json: async () => ({ ok: true, data: { fileID: 'cloud://local.local-1250000000/questionnaire-imports/o-admin/abc.xlsx' } }) }))
  globalThis.fetch = fetchMock as unknown as typeof fetch
})
afterEach(() => {
  globalThis.fetch = realFetch
  jest.restoreAllMocks()
})

async function pickWorkbook() {
  const input = document.querySelector('.xlsx-picker__file') as HTMLInputElement
  fireEvent.change(input, { target: { files: [new File(['PK-workbook'], '2026问卷.xlsx')] } })
  await settle()
  await settle()
}
const texts = (selector: string) => Array.from(document.querySelectorAll(selector)).map((el) => el.textContent)

describe('测评年度 for a county admin', () => {
  it('shows the phases with their dates and the deletion date, and saves an edited date', async () => {
    serve(routes())
    await open(<CampaignsPage />)
    expect(screen.getByText(/2023年公众安全感和满意度测评/)).toBeTruthy()
    expect(texts('.campaigns__phase-name')).toEqual(['动员部署', '宣传发动', '入户走访', '督查', '工作结束'])
    expect(screen.getByText(/计划于2023年11月15日结束/)).toBeTruthy()
    await typeInto('.campaigns__date--inspection-end', '2023-10-25')
    await tapText('保存日期')
    expect(sent('campaigns', 'savePhases')).toEqual([
      {
        action: 'savePhases',
        year: 2023,
        endsOn: '2023-11-15',
        phases: defaultPhases(2023).map((p) => ({ key: p.key, start: p.start, end: p.key === 'inspection' ? '2023-10-25' : p.end }))
      }
    ])
  })

  it('a date that is no date is not sent', async () => {
    serve(routes())
    await open(<CampaignsPage />)
    await typeInto('.campaigns__date--visiting-end', '10月底')
    await tapText('保存日期')
    expect(sent('campaigns', 'savePhases')).toEqual([])
    expect(screen.getByText(/日期“10月底”不对/)).toBeTruthy()
  })

  it('imports a workbook and previews every question with its skip rule in Chinese before it is made the year’s', async () => {
    serve(routes())
    await open(<CampaignsPage />)
    await pickWorkbook()
    const [url] = fetchMock.mock.calls[0] as [string]
    expect(decodeURIComponent(url.replace(/^\/local\/upload\?path=/, ''))).toBe('questionnaire-imports/o-admin/abc.xlsx')
    expect(sent('campaigns', 'importQuestionnaire')).toEqual([{ action: 'importQuestionnaire', fileID: 'cloud://local.local-1250000000/questionnaire-imports/o-admin/abc.xlsx' }])
    expect(screen.getByText(/已导入，待启用/)).toBeTruthy()
    const rules = texts('.campaigns__draft .campaigns__rule')
    expect(rules).toHaveLength(15)
    expect(rules[0]).toBe('每个人都问')
    expect(rules[1]).toBe('第1题选(3)或(4)时才问')
    expect(rules[7]).toBe('第7题选(1)，且第6题没有选(1)或(2)时才问')
    expect(rules[14]).toBe('第14题选(4)时才问')
    expect(texts('.campaigns__draft .campaigns__question-text')[14]).toContain('15、您对政法队伍不满意')
    expect(screen.getByText('(2)其他〔需注明〕')).toBeTruthy()
    // Nothing is the year's until the admin says so.
    expect(sent('campaigns', 'useQuestionnaire')).toEqual([])
    answerModal(true)
    await tapText('设为2023年问卷')
    expect(sent('campaigns', 'useQuestionnaire')).toEqual([{ action: 'useQuestionnaire', year: 2023, version: '2026-1' }])
  })

  it('a refused workbook lists every problem with its sheet and row', async () => {
    serve(
      routes({
        'campaigns.importQuestionnaire': {
          ok: false,
          code: 'INVALID_INPUT',
          message: '问卷表格有2处问题,第一处在survey表第4行“type”列:未知的题型',
          issues: [
            { path: ['survey', 4, 'type'], sheet: 'survey', row: 4, column: 'type', message: '未知的题型“select_some”' },
            { path: ['choices', 60], sheet: 'choices', row: 60, message: '选项表 unused 没有题目使用' }
          ]
        }
      })
    )
    await open(<CampaignsPage />)
    await pickWorkbook()
    expect(texts('.campaigns__issue')).toEqual(['survey表第4行（type列）：未知的题型“select_some”', 'choices表第60行：选项表 unused 没有题目使用'])
    expect(document.querySelector('.campaigns__draft')).toBeNull()
  })

  it('closing needs the whole sentence typed, then a confirmation', async () => {
    serve(routes())
    await open(<CampaignsPage />)
    const button = () => screen.getByText('关闭2023年测评', { selector: 'taro-button-core' })
    expect(button().hasAttribute('disabled')).toBe(true)
    await typeInto('.campaigns__confirm', '关闭')
    expect(button().hasAttribute('disabled')).toBe(true)
    await typeInto('.campaigns__confirm', '关闭2023年测评')
    expect(button().hasAttribute('disabled')).toBe(false)
    const modal = answerModal(false)
    await tapText('关闭2023年测评')
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '关闭测评', content: expect.stringContaining('无法恢复') }))
    expect(sent('campaigns', 'close')).toEqual([])
    answerModal(true)
    await tapText('关闭2023年测评')
    expect(sent('campaigns', 'close')).toEqual([{ action: 'close', year: 2023, confirm: '关闭2023年测评' }])
  })

  it('a closed year shows what was removed and offers the next one', async () => {
    const closed: Campaign = { ...CAMPAIGN, status: 'closed', closedAt: '2023-11-20T02:00:00.000Z', removed: { contacts: 1203, visits: 3, callbacks: 1, files: 2 }, deletionNotice: '2023年测评已于2023年11月20日关闭，登记的居民电话号码等个人信息已删除。' }
    serve(routes({ 'campaigns.list': { current: 2023, campaigns: [closed] }, 'campaigns.create': { year: 2024 } }))
    await open(<CampaignsPage />)
    expect(screen.getByText('住户联系信息').parentElement?.textContent).toBe('住户联系信息1203')
    expect(document.querySelector('.campaigns__confirm')).toBeNull()
    answerModal(true)
    await tapText('开始2024年测评')
    expect(sent('campaigns', 'create')).toEqual([{ action: 'create', year: 2024, name: '2024年公众安全感和满意度测评(综治民调)', questionnaireVersion: '2023' }])
  })
})

describe('测评年度 for a town admin', () => {
  it('reads the phases and versions; no import, no close, no editing', async () => {
    serve(routes(), TOWN_ADMIN)
    await open(<CampaignsPage />)
    expect(texts('.campaigns__phase-name')).toHaveLength(5)
    expect(document.querySelector('.campaigns__date')).toBeNull()
    expect(document.querySelector('.xlsx-picker__file')).toBeNull()
    expect(document.querySelector('.campaigns__confirm')).toBeNull()
    expect(screen.getByText('导出Excel')).toBeTruthy()
    expect(cloud.mock.calls.some(([, e]) => ['prepareImport', 'close', 'savePhases'].includes((e as { action: string }).action))).toBe(false)
  })
})

it('the admin tabs lead to it', async () => {
  serve(routes(), ADMIN)
  await open(<CampaignsPage />)
  expect(screen.getByText('测评年度', { selector: '.admin__tab' })).toBeTruthy()
})
