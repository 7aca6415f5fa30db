import { Current } from '@tarojs/runtime'
import InspectorHome from '../../../src/packages/inspector/home/index'
import VerifyPage from '../../../src/packages/inspector/verify/index'
import { answerModal, cloud, open, sent, tapText, TOWN_ADMIN } from '../admin/support'
import { stubDeviceApis } from '../support/survey-driver'
import { ROUND_CLOSED, ROUND_OPEN, roundView, serveInspections, task } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

const texts = (selector: string) => Array.from(document.querySelectorAll(selector)).map((e) => e.textContent)

let device: ReturnType<typeof stubDeviceApis>
beforeEach(() => {
  device = stubDeviceApis()
  cloud.mockReset()
  Current.router = null
})
afterEach(() => jest.restoreAllMocks())

describe('督查评分 (the inspector’s list)', () => {
  it('lists the open round’s units not scored first, the scored ones on their tab with their score, and opens a unit', async () => {
    serveInspections({ 'inspections.rounds': { town: '云集街道', rounds: [ROUND_OPEN, ROUND_CLOSED] }, 'inspections.round': roundView() })
    await open(<InspectorHome />)
    expect(sent('inspections', 'rounds')).toEqual([{ action: 'rounds', town: '云集街道' }])
    expect(sent('inspections', 'round')).toEqual([{ action: 'round', round: 'r2' }])
    expect(document.body.textContent).toContain('第2轮督查，2023-09-10开始，已评 1/3 个单位。')
    expect(texts('.tabs__tab')).toEqual(['未评分（2）', '已评分（1）'])
    expect(texts('.inspector-home__unit-name')).toEqual(['新城', '云集派出所'])
    expect(texts('.inspector-home__unit-score')).toEqual(['未评分', '未评分'])
    expect(texts('.inspector-home__unit-meta')[0]).toBe('村/社区  ·  待验收整改 1 项')
    await tapText('已评分（1）')
    expect(texts('.inspector-home__unit-name')).toEqual(['云集联合学校'])
    expect(texts('.inspector-home__unit-score')).toEqual(['91.4分'])
    await tapText('云集联合学校')
    expect(device.navigateTo).toHaveBeenCalledWith({ url: `/packages/inspector/score/index?round=r2&unit=${encodeURIComponent('云集联合学校')}` })
    // The tasks of earlier rounds, from the units' counts.
    await tapText('验收整改任务（1）')
    expect(device.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/inspector/verify/index' })
  })

  it('no open round: says so and asks for no units', async () => {
    serveInspections({ 'inspections.rounds': { town: '云集街道', rounds: [ROUND_CLOSED] } })
    await open(<InspectorHome />)
    expect(document.body.textContent).toContain('目前没有进行中的督查轮次')
    expect(sent('inspections', 'round')).toEqual([])
  })

  it('a town admin may open it too (their own town)', async () => {
    serveInspections({ 'inspections.rounds': { town: '茶市镇', rounds: [] } }, TOWN_ADMIN)
    await open(<InspectorHome />)
    expect(sent('inspections', 'rounds')).toEqual([{ action: 'rounds', town: '茶市镇' }])
    expect(document.body.textContent).toContain('茶市镇督查评分')
  })

  it('a cadre is told it is the inspectors’ page and asks nothing', async () => {
    serveInspections({}, { openid: 'o-cadre', role: 'cadre', town: '云集街道', village: '新城', name: '王芳' })
    await open(<InspectorHome />)
    expect(document.body.textContent).toContain('仅限督查人员使用')
    expect(sent('inspections', 'rounds')).toEqual([])
  })
})

describe('整改验收 (every unit’s tasks of earlier rounds)', () => {
  const TASKS = [
    task('a', { status: 'done', note: '已增挂横幅', overdue: false }),
    task('b', { unit: '云集派出所', text: '值班表未上墙', overdue: true }),
    task('c', { round: 'r2', roundNumber: 2, text: '本轮发现的问题' }),
    task('d', { status: 'carried', text: '已转补火的问题', carriedTo: 'c' }),
    task('e', { status: 'verified', text: '已验收的问题' })
  ]

  it('lists only open or done tasks found before this round, with their unit and overdue flag, and carries one over on confirm', async () => {
    serveInspections({
      'inspections.rounds': { town: '云集街道', rounds: [ROUND_OPEN, ROUND_CLOSED] },
      'inspections.tasks': { tasks: TASKS },
      'inspections.verifyTask': (e: Record<string, unknown>) => ({ id: e.id, status: 'carried' })
    })
    answerModal(true)
    await open(<VerifyPage />)
    expect(sent('inspections', 'tasks')).toEqual([{ action: 'tasks', town: '云集街道' }])
    expect(texts('.task-card__unit')).toEqual(['新城', '云集派出所'])
    expect(texts('.task-card__text')).toEqual(['主干道横幅不足2幅', '值班表未上墙'])
    expect(texts('.task-card__overdue')).toEqual(['已超期'])
    expect(texts('.task-card__status')).toEqual(['已整改待验收', '待整改'])
    const second = document.querySelectorAll<HTMLElement>('.task-card')[1]
    await tapText('未到位', second)
    expect(sent('inspections', 'verifyTask')).toEqual([{ action: 'verifyTask', id: 'b', fixed: false }])
    expect(device.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已转督导补火' }))
  })

  it('no open round: nothing to verify now', async () => {
    serveInspections({ 'inspections.rounds': { town: '云集街道', rounds: [ROUND_CLOSED] } })
    await open(<VerifyPage />)
    expect(document.body.textContent).toContain('目前没有进行中的督查轮次')
    expect(sent('inspections', 'tasks')).toEqual([])
  })
})
