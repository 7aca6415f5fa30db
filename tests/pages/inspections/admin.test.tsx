import { Current } from '@tarojs/runtime'
import type { RankingRow } from '../../../src/core/contract'
import InspectionsPage from '../../../src/packages/admin/inspections/index'
import CircularPage from '../../../src/packages/admin/inspections/circular/index'
import InspectionRankingPage from '../../../src/packages/admin/inspections/ranking/index'
import SheetPage from '../../../src/packages/admin/inspections/sheet/index'
import UnitsPage from '../../../src/packages/admin/inspections/units/index'
import { answerModal, cloud, open, pick, sent, tapText, TOWN_ADMIN, typeInto } from '../admin/support'
import { quietUnrenderedInputs } from '../cadre/support'
import { stubDeviceApis } from '../support/survey-driver'
import { ROUND_CLOSED, ROUND_OPEN, SHEET, reached, serveInspections, task } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

const text = (selector: string) => document.querySelector(selector)?.textContent ?? null
const texts = (selector: string) => Array.from(document.querySelectorAll(selector)).map((e) => e.textContent)

let device: ReturnType<typeof stubDeviceApis>
beforeEach(() => {
  device = stubDeviceApis()
  cloud.mockReset()
  quietUnrenderedInputs()
  Current.router = null
})
afterEach(() => {
  jest.restoreAllMocks()
  Current.router = null
})

const TOWN = '茶市镇'
const open2 = { ...ROUND_OPEN, town: TOWN }
const closed1 = { ...ROUND_CLOSED, town: TOWN }
const SCHEDULE = { auto: true, start: '2023-09-01', end: '2023-10-31', everyDays: 10 }

describe('督查轮次', () => {
  it('opens a round only after the admin confirms what is frozen', async () => {
    let rounds: (typeof open2)[] = []
    serveInspections(
      {
        'inspections.rounds': () => ({ town: TOWN, rounds }),
        'inspections.schedule': { town: TOWN, schedule: SCHEDULE },
        'inspections.openRound': () => {
          rounds = [{ ...open2, number: 1, scored: 0 }]
          return { round: 'r2', number: 1 }
        }
      },
      TOWN_ADMIN
    )
    const modal = answerModal(false)
    await open(<InspectionsPage />)
    expect(sent('inspections', 'rounds')).toEqual([{ action: 'rounds', town: TOWN }])
    expect(document.body.textContent).toContain('还没有督查轮次。')
    await tapText('开启新一轮督查')
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '开启新一轮督查' })
    expect(String(modal.mock.calls[0][0]?.content)).toContain('工作数据项')
    expect(sent('inspections', 'openRound')).toEqual([])
    answerModal(true)
    await tapText('开启新一轮督查')
    expect(sent('inspections', 'openRound')).toEqual([{ action: 'openRound', town: TOWN }])
    expect(device.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已开启第1轮' }))
    expect(document.body.textContent).toContain('第1轮进行中')
  })

  it('closes the open round after saying how many units are not scored; lists every round with its ranking and circular', async () => {
    serveInspections(
      { 'inspections.rounds': { town: TOWN, rounds: [open2, closed1] }, 'inspections.schedule': { town: TOWN, schedule: SCHEDULE }, 'inspections.closeRound': { round: 'r2' } },
      TOWN_ADMIN
    )
    const modal = answerModal(true)
    await open(<InspectionsPage />)
    expect(document.body.textContent).toContain('已评 1/3 个单位')
    expect(texts('.inspections__round .inspections__names')).toEqual(['第2轮', '第1轮'])
    await tapText('结束本轮')
    expect(String(modal.mock.calls[0][0]?.content)).toContain('还有2个单位未评分')
    expect(sent('inspections', 'closeRound')).toEqual([{ action: 'closeRound', round: 'r2' }])
    await tapText('通报', document.querySelectorAll<HTMLElement>('.inspections__round')[1])
    expect(device.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/inspections/circular/index?round=r1' })
  })

  it('saves the timer’s schedule, and shows the function’s refusal in its words', async () => {
    serveInspections(
      {
        'inspections.rounds': { town: TOWN, rounds: [] },
        'inspections.schedule': { town: TOWN, schedule: SCHEDULE },
        'inspections.saveSchedule': (e: Record<string, unknown>) => ((e.schedule as { everyDays: number }).everyDays > 30 ? { ok: false, code: 'INVALID_INPUT', message: '结束日期应在开始日期之后' } : e)
      },
      TOWN_ADMIN
    )
    await open(<InspectionsPage />)
    await tapText('只由管理员开启')
    await typeInto('taro-input-core[name="every-days"]', '7')
    await tapText('保存督查安排')
    expect(sent('inspections', 'saveSchedule')).toEqual([{ action: 'saveSchedule', town: TOWN, schedule: { auto: false, start: '2023-09-01', end: '2023-10-31', everyDays: 7 } }])
    await typeInto('taro-input-core[name="every-days"]', '40')
    await tapText('保存督查安排')
    expect(text('.inspections__schedule .admin__error')).toBe('结束日期应在开始日期之后')
  })
})

describe('评分细则', () => {
  it('shows the items and their total; saving sends them as edited and shows the function’s refusal of the total', async () => {
    serveInspections(
      {
        'inspections.sheet': { town: TOWN, items: SHEET, total: 48, updatedAt: null },
        'inspections.saveSheet': (e: Record<string, unknown>) => {
          const items = e.items as { points: number }[]
          const total = items.reduce((s, i) => s + i.points, 0)
          return total === 100 ? { town: TOWN, items, total } : { ok: false, code: 'INVALID_INPUT', message: `评分细则各项分值合计应为100分，现为${total}分` }
        }
      },
      TOWN_ADMIN
    )
    await open(<SheetPage />)
    // One line an item until it is opened.
    expect(texts('.sheet__item-number')).toEqual(['1. 横幅标语', '2. 村村响', '3. 大走访大巡防', '4. 电话台账', '5. 诉求回复'])
    expect(texts('.sheet__item-kind')[3]).toBe('工作数据 · 10分 编辑')
    expect(document.querySelector('taro-input-core[name="points-patrol"]')).toBeNull()
    expect(text('.sheet__total')).toBe('5项，合计 48 分')
    await tapText('3. 大走访大巡防')
    await typeInto('taro-input-core[name="points-patrol"]', '22.5')
    expect(text('.sheet__total')).toBe('5项，合计 50.5 分')
    await tapText('保存评分细则')
    expect(text('.admin__error')).toBe('评分细则各项分值合计应为100分，现为50.5分')
    const saved = sent('inspections', 'saveSheet')[0].items as Record<string, unknown>[]
    expect(saved.map((i) => [i.id, i.points, i.kind])).toEqual([
      ['banner', 5, 'entered'],
      ['loudspeaker', 3, 'entered'],
      ['patrol', 22.5, 'entered'],
      ['contacts', 10, 'figures'],
      ['replied', 10, 'figures']
    ])
    expect(saved[1].types).toEqual(['村/社区'])
    expect(saved[0].hint).toBe('横幅2–5幅，每组标语5幅以上')

    // A new entered item of 49.5 points makes 100; the function accepts.
    await tapText('＋现场录入项')
    await typeInto('taro-input-core[name="name-item6"]', '暗访发现')
    await typeInto('taro-input-core[name="points-item6"]', '49.5')
    expect(text('.sheet__total')).toBe('6项，合计 100 分')
    await tapText('保存评分细则')
    expect((sent('inspections', 'saveSheet')[1].items as Record<string, unknown>[])[5]).toEqual({ id: 'item6', name: '暗访发现', points: 49.5, kind: 'entered' })
    expect(device.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }))
  })

  it('a points field left empty is refused before anything is sent, in Chinese', async () => {
    serveInspections({ 'inspections.sheet': { town: TOWN, items: SHEET, total: 48, updatedAt: null }, 'inspections.saveSheet': { town: TOWN, items: SHEET, total: 48 } }, TOWN_ADMIN)
    await open(<SheetPage />)
    await tapText('1. 横幅标语')
    await typeInto('taro-input-core[name="points-banner"]', '')
    await tapText('保存评分细则')
    expect(reached('saveSheet')).toEqual([])
    expect(text('.admin__error')).toBe('分值应为数字(items.0.points)')
  })
})

describe('考核对象', () => {
  const UNITS = {
    town: TOWN,
    units: [
      { name: '新城', type: '村/社区' as const, active: true, quota: 300, order: 0 },
      { name: '茶市中学', type: '学校' as const, active: true, quota: 0, order: 1 },
      { name: '老街', type: '村/社区' as const, active: false, quota: 50, order: 2 }
    ]
  }
  it('lists units with their type; adds one with a type (a village with its quota); retires one after confirming', async () => {
    serveInspections(
      {
        'inspections.units': UNITS,
        'inspections.saveUnit': (e: Record<string, unknown>) => ({
          town: TOWN,
          unit: { name: (e.rename as string) ?? e.name, type: (e.type as string) ?? '学校', active: e.active !== false, quota: (e.quota as number) ?? 0, order: 3 }
        })
      },
      TOWN_ADMIN
    )
    answerModal(true)
    await open(<UnitsPage />)
    expect(texts('.units__name')).toEqual(['新城', '茶市中学', '老街（已停用）'])
    expect(texts('.units__type')).toEqual(['村/社区 · 任务数 300', '学校', '村/社区 · 任务数 50'])
    expect(document.body.textContent).toContain('在用 2 个，停用 1 个。')

    await typeInto('taro-input-core[name="new-unit"]', '茶市派出所')
    await tapText('添加')
    expect(text('.card:last-child .admin__error')).toBe('请选择单位类型')
    // The add card's type picker is the last picker on the page; 站所 is entry 4 after "请选择单位类型".
    const pickers = document.querySelectorAll('taro-picker-core').length
    await pick(pickers - 1, 4)
    await tapText('添加')
    expect(sent('inspections', 'saveUnit')).toEqual([{ action: 'saveUnit', town: TOWN, name: '茶市派出所', type: '站所' }])

    await pick(pickers - 1, 1)
    await typeInto('taro-input-core[name="new-unit"]', '新村')
    await typeInto('taro-input-core[name="new-quota"]', '120')
    await tapText('添加')
    expect(sent('inspections', 'saveUnit')[1]).toEqual({ action: 'saveUnit', town: TOWN, name: '新村', type: '村/社区', quota: 120 })

    await tapText('停用', document.querySelector<HTMLElement>('[data-unit="茶市中学"]')!)
    expect(sent('inspections', 'saveUnit')[2]).toEqual({ action: 'saveUnit', town: TOWN, name: '茶市中学', active: false })
  })

  it('renames a unit and retypes it to a village with a quota', async () => {
    serveInspections({ 'inspections.units': UNITS, 'inspections.saveUnit': (e: Record<string, unknown>) => ({ town: TOWN, unit: { name: e.rename ?? e.name, type: e.type ?? '学校', active: true, quota: e.quota ?? 0, order: 1 } }) }, TOWN_ADMIN)
    await open(<UnitsPage />)
    const row = document.querySelector<HTMLElement>('[data-unit="茶市中学"]')!
    await tapText('改名或类型', row)
    await typeInto('taro-input-core[name="rename-茶市中学"]', '茶市学校')
    // The row's type picker is the first picker on the page (the add card's comes after).
    await pick(0, 0)
    await typeInto('taro-input-core[name="quota-茶市中学"]', '80')
    await tapText('保存', row)
    expect(sent('inspections', 'saveUnit')).toEqual([{ action: 'saveUnit', town: TOWN, name: '茶市中学', rename: '茶市学校', type: '村/社区', quota: 80 }])
  })
})

const ITEMS = { banner: 4, loudspeaker: 3, patrol: 16, contacts: 8, replied: 10 }
const rows: RankingRow[] = ['甲村', '乙村', '丙学校', '丁村', '戊所', '己村', '庚村', '辛村', '壬村'].map((unit, i) => ({
  unit,
  type: unit.endsWith('学校') ? '学校' : unit.endsWith('所') ? '站所' : '村/社区',
  score: 95 - i * 5,
  rank: i + 1,
  flag: i < 5 ? 'top' : i >= 6 ? 'bottom' : null,
  items: i === 2 ? { ...ITEMS, loudspeaker: null, contacts: null } : ITEMS,
  openTasks: i >= 6 ? 2 : 0,
  change: i === 0 ? null : i % 2 ? 1 : -2
}))
// A tie at the bottom: 壬村 shares 辛村's rank.
rows[8] = { ...rows[8], score: rows[7].score, rank: 8 }
const RANKING = { round: open2, items: SHEET, rows, everyRoundTop: ['甲村', '乙村'], bottomThreeInARow: ['壬村'], roundsCounted: 3 }
const HISTORY = {
  town: TOWN,
  rounds: [
    { id: 'r0', number: 1, openedAt: '2023-09-01T01:00:00.000Z', status: 'closed' as const },
    { id: 'r1', number: 2, openedAt: '2023-09-10T01:00:00.000Z', status: 'closed' as const },
    { id: 'r2', number: 3, openedAt: '2023-09-20T01:00:00.000Z', status: 'open' as const }
  ],
  units: [{ unit: '壬村', type: '村/社区' as const, scores: [60, null, 55], ranks: [9, null, 8] }]
}

describe('排名通报', () => {
  it('ranks the newest round with 前五/后三, the plan’s lists, a type filter and a unit’s trend', async () => {
    serveInspections(
      {
        'inspections.rounds': { town: TOWN, rounds: [open2, closed1] },
        'inspections.ranking': (e: Record<string, unknown>) => (e.type ? { ...RANKING, rows: rows.filter((r) => r.type === e.type) } : RANKING),
        'inspections.history': HISTORY
      },
      TOWN_ADMIN
    )
    await open(<InspectionRankingPage />)
    expect(sent('inspections', 'ranking')).toEqual([{ action: 'ranking', round: 'r2' }])
    expect(texts('.score-table__body .score-table__rank')).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '8'])
    expect(texts('.score-table__row--top .score-table__name')).toEqual(['甲村', '乙村', '丙学校', '丁村', '戊所'])
    expect(texts('.score-table__row--bottom .score-table__name')).toEqual(['庚村', '辛村', '壬村'])
    expect(texts('.score-table__body .score-table__change').slice(0, 3)).toEqual(['—', '▲1', '▼2'])
    expect(text('.ranking-rules__round-bottom')).toBe('庚村、辛村、壬村')
    expect(text('.ranking-rules__bottom')).toBe('壬村')
    expect(text('.ranking-rules__top')).toBe('甲村、乙村')
    // Nothing about how much anyone used the app.
    expect(document.body.textContent).not.toMatch(/登录|活跃|在线时长|打卡/)

    await tapText('壬村')
    expect(sent('inspections', 'history')).toEqual([{ action: 'history', town: TOWN, unit: '壬村' }])
    expect(device.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '.ranking-trend' }))
    expect(texts('.trend-chart__label')).toEqual(['第1轮', '第3轮'])
    expect(texts('.trend-chart__value')).toEqual(['60·9名', '55·8名'])

    // Villages among villages: picker 0 is the round, 1 the range; 村/社区 is entry 1 after "全部单位一起排名".
    await pick(1, 1)
    expect(sent('inspections', 'ranking')[1]).toEqual({ action: 'ranking', round: 'r2', type: '村/社区' })
    expect(texts('.score-table__body .score-table__name')).toEqual(['甲村', '乙村', '丁村', '己村', '庚村', '辛村', '壬村'])
    await tapText('查看通报（可打印、导出Excel）')
    expect(device.navigateTo).toHaveBeenCalledWith({ url: `/packages/admin/inspections/circular/index?round=r2&type=${encodeURIComponent('村/社区')}` })
  })

  it('opens the round asked for from the rounds page, and another from the picker', async () => {
    Current.router = { params: { round: 'r1' }, path: '/packages/admin/inspections/ranking/index' } as unknown as typeof Current.router
    serveInspections({ 'inspections.rounds': { town: TOWN, rounds: [open2, closed1] }, 'inspections.ranking': (e: Record<string, unknown>) => ({ ...RANKING, round: e.round === 'r1' ? closed1 : open2 }) }, TOWN_ADMIN)
    await open(<InspectionRankingPage />)
    expect(sent('inspections', 'ranking')).toEqual([{ action: 'ranking', round: 'r1' }])
    expect(document.body.textContent).toContain('本轮已结束，共 3 个单位。')
    await pick(0, 0)
    expect(sent('inspections', 'ranking')[1]).toEqual({ action: 'ranking', round: 'r2' })
  })
})

describe('督查通报', () => {
  it('prints ranks, scores per item, flags and each unit’s open tasks; exports the xlsx', async () => {
    Current.router = { params: { round: 'r1' }, path: '/packages/admin/inspections/circular/index' } as unknown as typeof Current.router
    serveInspections(
      {
        'inspections.ranking': { ...RANKING, round: closed1 },
        'inspections.tasks': {
          tasks: [
            task('a', { unit: '庚村', text: '宣传栏内容过期', overdue: true }),
            task('b', { unit: '庚村', text: '横幅不足', status: 'done', note: '已补' }),
            task('c', { unit: '甲村', text: '已验收的', status: 'verified' }),
            task('d', { unit: '辛村', text: '已转补火的', status: 'carried', carriedTo: 'e' })
          ]
        },
        'inspections.exportCircular': { fileID: 'cloud://local/inspection-exports/r1.xlsx', tempFileURL: 'http://127.0.0.1/files/r1.xlsx' }
      },
      TOWN_ADMIN
    )
    await open(<CircularPage />)
    expect(sent('inspections', 'ranking')).toEqual([{ action: 'ranking', round: 'r1' }])
    expect(sent('inspections', 'tasks')).toEqual([{ action: 'tasks', town: TOWN }])
    expect(text('.circular__title')).toBe('茶市镇综治民调第1轮督查情况通报')
    expect(text('.circular__meta')).toBe('督查时间：2023-09-01 至 2023-09-09')
    expect(texts('.score-table__head .score-table__item')).toEqual(['横幅标语（5）', '村村响（3）', '大走访大巡防（20）', '电话台账（10）', '诉求回复（10）'])
    const school = Array.from(document.querySelectorAll('.score-table__body')).find((r) => r.textContent?.includes('丙学校'))!
    expect(Array.from(school.querySelectorAll('.score-table__item')).map((c) => c.textContent)).toEqual(['4', '—', '16', '—', '10'])
    expect(text('.circular__top')).toBe('甲村（95分）、乙村（90分）、丙学校（85分）、丁村（80分）、戊所（75分）')
    expect(text('.circular__bottom')).toBe('庚村（65分）、辛村（60分）、壬村（60分）')
    expect(document.body.textContent).toContain('连续三次排名后三位：壬村，年底单位负责人不得评先评优。')
    expect(texts('.circular__unit-name')).toEqual(['庚村'])
    expect(texts('.circular__task')).toEqual(['1. 宣传栏内容过期（第1轮发现，期限2023-09-08，待整改，已超期）', '2. 横幅不足（第1轮发现，期限2023-09-08，已整改待验收）'])

    await tapText('导出通报（Excel）')
    expect(sent('inspections', 'exportCircular')).toEqual([{ action: 'exportCircular', round: 'r1' }])
    expect(document.querySelector('a.admin__link')?.getAttribute('href')).toBe('http://127.0.0.1/files/r1.xlsx')
  })

  it('a round still open is marked as provisional', async () => {
    Current.router = { params: { round: 'r2' }, path: '/packages/admin/inspections/circular/index' } as unknown as typeof Current.router
    serveInspections({ 'inspections.ranking': RANKING, 'inspections.tasks': { tasks: [] } }, TOWN_ADMIN)
    await open(<CircularPage />)
    expect(text('.circular__meta')).toBe('督查时间：2023-09-10起（本轮尚未结束，成绩为暂定）')
    expect(document.body.textContent).toContain('各单位没有未整改到位的问题。')
  })
})
