import CadreHome from '../../../src/packages/cadre/home/index'
import CadreTasksPage from '../../../src/packages/cadre/tasks/index'
import { ADMIN, cloud, open, sent, tapText, typeInto } from '../admin/support'
import { acceptPrivacy, quietUnrenderedInputs } from '../cadre/support'
import { stubDeviceApis } from '../support/survey-driver'
import { INSPECTOR, reached, serveInspections, task } from './support'
import type { Whoami } from '../../../src/core/contract'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

const texts = (selector: string) => Array.from(document.querySelectorAll(selector)).map((e) => e.textContent)

const CADRE: Whoami = { openid: 'o-cadre', role: 'cadre', town: '云集街道', village: '新城', name: '王芳' }

let device: ReturnType<typeof stubDeviceApis>
beforeEach(() => {
  device = stubDeviceApis()
  cloud.mockReset()
  acceptPrivacy()
  quietUnrenderedInputs()
})
afterEach(() => jest.restoreAllMocks())

const HISTORY = {
  town: '云集街道',
  rounds: [
    { id: 'r1', number: 1, openedAt: '2023-09-01T01:00:00.000Z', status: 'closed' as const },
    { id: 'r2', number: 2, openedAt: '2023-09-10T01:00:00.000Z', status: 'open' as const }
  ],
  units: [{ unit: '新城', type: '村/社区' as const, scores: [72.5, 88], ranks: [15, 4] }]
}

/** Round 1 of 新城, item by item: 宣传横幅 short (with the inspector's note), 群众诉求回复率 without data. */
const DETAIL = {
  town: '云集街道',
  unit: '新城',
  round: { id: 'r1', number: 1, status: 'closed' as const },
  type: '村/社区' as const,
  score: 72.5,
  items: [
    { id: 'banners', name: '宣传横幅', kind: 'entered' as const, points: 8, got: 3, note: '主干道只挂了1幅' },
    { id: 'patrol', name: '大巡防', kind: 'entered' as const, points: 10, got: 10, note: null },
    { id: 'replied', name: '群众诉求回复率', kind: 'figures' as const, points: 6, got: null, note: null }
  ]
}

describe('整改任务 (a cadre’s unit)', () => {
  it('lists the unit’s tasks, overdue first, marks one done with a note, and shows the unit’s scores round by round', async () => {
    let tasks = [
      task('late', { text: '宣传栏内容过期', dueAt: '2023-09-09T16:00:00.000Z', overdue: true }),
      task('soon', { text: '横幅不足2幅', dueAt: '2023-09-05T16:00:00.000Z', overdue: false }),
      task('wait', { text: '村村响未播放', status: 'done', note: '已恢复每日播放' }),
      task('old', { text: '值班表未上墙', status: 'verified', verifiedAt: '2023-09-10T03:00:00.000Z' })
    ]
    serveInspections(
      {
        'inspections.tasks': () => ({ tasks }),
        'inspections.completeTask': (e: Record<string, unknown>) => {
          tasks = tasks.map((t) => (t.id === e.id ? { ...t, status: 'done', note: e.note as string } : t))
          return { id: e.id, status: 'done' }
        },
        'inspections.history': HISTORY,
        'inspections.unitDetail': DETAIL
      },
      CADRE
    )
    await open(<CadreTasksPage />)
    expect(sent('inspections', 'tasks')).toEqual([{ action: 'tasks', town: '云集街道' }])
    expect(sent('inspections', 'history')).toEqual([{ action: 'history', town: '云集街道', unit: '新城' }])
    expect(texts('.cadre-tasks__section')).toEqual(['待整改（2）', '已整改，待下轮验收（1）', '已验收或转督导补火（1）'])
    expect(texts('.task-card__text')).toEqual(['宣传栏内容过期', '横幅不足2幅', '村村响未播放', '值班表未上墙'])
    expect(texts('.task-card__overdue')).toEqual(['已超期'])
    expect(texts('.trend-chart__value')).toEqual(['72.5·15名', '88·4名'])
    // Where the points went in the latest scored round: the short item stands out, with the note.
    expect(sent('inspections', 'unitDetail')).toEqual([{ action: 'unitDetail', town: '云集街道' }])
    expect(document.body.textContent).toContain('第1轮督查得分明细')
    expect(texts('.item-score__line')).toEqual(['宣传横幅3 / 8 分', '大巡防10 / 10 分', '群众诉求回复率无数据，不计分'])
    expect(texts('.item-score--short .item-score__name')).toEqual(['宣传横幅'])
    expect(texts('.item-score__note')).toEqual(['督查备注：主干道只挂了1幅'])

    // An empty note is refused by the contract before it leaves the phone.
    const first = document.querySelector<HTMLElement>('.task-card')!
    await tapText('已整改', first)
    expect(reached('completeTask')).toEqual([])
    expect(first.querySelector('.cadre-tasks__error')?.textContent).toBe('请填写整改情况(note)')

    await typeInto('taro-textarea-core[name="note-late"]', '已更新宣传栏内容')
    await tapText('已整改', first)
    expect(reached('completeTask')).toEqual([{ action: 'completeTask', id: 'late', note: '已更新宣传栏内容' }])
    expect(device.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已标记整改' }))
    expect(texts('.cadre-tasks__section')).toEqual(['待整改（1）', '已整改，待下轮验收（2）', '已验收或转督导补火（1）'])
    expect(document.body.textContent).toContain('整改情况：已更新宣传栏内容')
  })

  it('no tasks and no scores yet: says so', async () => {
    serveInspections(
      { 'inspections.tasks': { tasks: [] }, 'inspections.history': { ...HISTORY, units: [] }, 'inspections.unitDetail': { ...DETAIL, round: null, type: null, score: null, items: [] } },
      CADRE
    )
    await open(<CadreTasksPage />)
    expect(document.body.textContent).toContain('没有待整改的问题。')
    expect(texts('.card__title')).toContain('督查得分明细')
    expect(document.body.textContent).not.toContain('加载失败')
    expect(texts('.muted')).toEqual(expect.arrayContaining(['还没有督查成绩。']))
  })
})

describe('the staff home', () => {
  it('a cadre has 整改任务 among their tasks', async () => {
    serveInspections({ 'stats.myVillage': { town: '云集街道', village: '新城', quota: 300, registered: 30, rate: 0.1, rank: 10, flag: null, mine: 3 } }, CADRE)
    await open(<CadreHome />)
    await tapText('整改任务')
    expect(device.navigateTo).toHaveBeenCalledWith({ url: '/packages/cadre/tasks/index' })
  })

  it('an inspector is greeted as one and goes to 督查评分', async () => {
    serveInspections({}, INSPECTOR)
    await open(<CadreHome />)
    expect(document.body.textContent).toContain('李督查，您好！您是云集街道督查组成员。')
    await tapText('督查评分')
    expect(device.redirectTo).toHaveBeenCalledWith({ url: '/packages/inspector/home/index' })
  })

  it('an admin finds 督查管理 beside the admin pages', async () => {
    serveInspections({}, ADMIN)
    await open(<CadreHome />)
    await tapText('督查管理')
    expect(device.redirectTo).toHaveBeenCalledWith({ url: '/packages/admin/inspections/index' })
  })
})
