import { act } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import ScorePage from '../../../src/packages/inspector/score/index'
import { answerModal, cloud, open, sent, tapText, typeInto } from '../admin/support'
import { quietUnrenderedInputs } from '../cadre/support'
import { stubDeviceApis } from '../support/survey-driver'
import { ROUND_CLOSED, itemsOnScreen, roundView, serveInspections, task } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

const text = (selector: string) => document.querySelector(selector)?.textContent ?? null
const texts = (selector: string) => Array.from(document.querySelectorAll(selector)).map((e) => e.textContent)
const within = (selector: string) => {
  const el = document.querySelector<HTMLElement>(selector)
  if (!el) throw new Error(`nothing at ${selector}`)
  return el
}

let device: ReturnType<typeof stubDeviceApis>
beforeEach(() => {
  device = stubDeviceApis()
  cloud.mockReset()
  quietUnrenderedInputs()
})
afterEach(() => {
  jest.restoreAllMocks()
  Current.router = null
})

function at(unit: string, round = 'r2') {
  Current.router = { params: { round, unit: encodeURIComponent(unit) }, path: '/packages/inspector/score/index' } as unknown as typeof Current.router
}

const TASKS = [
  // Found in round 1, marked done by the village: waits for this round's verdict.
  task('t1', { status: 'done', note: '已增挂横幅3幅' }),
  // Recorded by this round's score of 新城 (problem 0), 5 days from 9-10: scoring again must send it again.
  task('s-r2-xc/p0', { round: 'r2', roundNumber: 2, text: '村村响未按时播放', createdAt: '2023-09-10T03:00:00.000Z', dueAt: '2023-09-15T16:00:00.000Z' }),
  // Carried into this round (督导补火): shown, neither editable nor verifiable now.
  task('r2/c-1a2b', { round: 'r2', roundNumber: 2, text: '值班表未上墙' }),
  // Verified long ago: not shown.
  task('t0', { status: 'verified', text: '宣传栏破损' })
]

const routes = (extra = {}) => ({
  'inspections.round': roundView(),
  'inspections.tasks': { tasks: TASKS },
  'inspections.score': (e: Record<string, unknown>) => ({ round: e.round, unit: e.unit, score: 94.8 }),
  ...extra
})

describe('the score screen (one unit of the open round)', () => {
  it('shows the entered items to score, the frozen figures read-only with their points, and asks for the unit’s own tasks', async () => {
    at('新城')
    serveInspections(routes())
    await open(<ScorePage />)
    expect(sent('inspections', 'round')).toEqual([{ action: 'round', round: 'r2' }])
    expect(sent('inspections', 'tasks')).toEqual([{ action: 'tasks', town: '云集街道', unit: '新城' }])
    expect(text('.score__unit')).toBe('新城')
    expect(itemsOnScreen()).toEqual([
      { id: 'banner', name: '横幅标语', points: '满分 5' },
      { id: 'loudspeaker', name: '村村响', points: '满分 3' },
      { id: 'patrol', name: '大走访大巡防', points: '满分 20' },
      { id: 'contacts', name: '电话台账', points: '8.5/10' },
      { id: 'replied', name: '诉求回复', points: '10/10' }
    ])
    // Few choices: a chip for every half point; many: a stepper. Nothing chosen before the inspector chooses.
    expect(Array.from(within('[data-item="banner"] .point-picker').querySelectorAll('.point-picker__chip')).map((c) => c.textContent)).toEqual(['0', '0.5', '1', '1.5', '2', '2.5', '3', '3.5', '4', '4.5', '5'])
    expect(document.querySelectorAll('.point-picker__chip--on')).toHaveLength(0)
    expect(within('[data-item="patrol"]').querySelector('.point-picker--stepper')).not.toBeNull()
    expect(text('[data-item="patrol"] .point-picker__value')).toBe('未评/20')
    expect(text('[data-item="contacts"] .score__item-hint')).toBe('电话台账完成率 85%，开轮时按工作数据计算，不需录入。')
    // No figures item can be changed here.
    expect(within('[data-item="contacts"]').querySelector('.point-picker')).toBeNull()
    expect(text('.score__total')).toBe('合计 18.5 / 48 分（3项未评）')
    // The task of round 1 to verify; the one carried in listed apart; the verified one not at all.
    expect(Array.from(document.querySelectorAll('.verify-task__actions')).length).toBe(1)
    expect(document.body.textContent).toContain('已增挂横幅3幅')
    expect(document.body.textContent).toContain('督导补火（上轮整改未到位）')
    expect(document.body.textContent).toContain('值班表未上墙')
    expect(document.body.textContent).not.toContain('宣传栏破损')
    // The problem this round already recorded is in the list, with its deadline, to keep or change.
    expect(document.querySelector('taro-textarea-core[name="problem-0"]')?.getAttribute('value') ?? (document.querySelector('taro-textarea-core[name="problem-0"]') as unknown as { value?: string })?.value).toBe('村村响未按时播放')
    expect(texts('.score__due-days')).toEqual(['5天'])
  })

  it('a school: a village-only item is not asked, a figure with nothing to divide by shows 不适用', async () => {
    at('云集联合学校')
    serveInspections(routes())
    await open(<ScorePage />)
    expect(itemsOnScreen().map((i) => [i.id, i.points])).toEqual([
      ['banner', '满分 5'],
      ['patrol', '满分 20'],
      ['contacts', '不适用'],
      ['replied', '10/10']
    ])
    // Scored before: its points and note come back, and saving again says it replaces them.
    expect(text('[data-item="banner"] .point-picker__chip--on')).toBe('4')
    expect(text('[data-item="patrol"] .point-picker__value')).toBe('18/20')
    expect(document.body.textContent).toContain('已评 91.4分，再次保存将替换')
    expect(text('.score__total')).toBe('合计 32 / 35 分，折合百分制 91.4 分')
  })

  it('refuses to save while an entered item has no points, naming them; nothing is sent', async () => {
    at('新城')
    serveInspections(routes())
    await open(<ScorePage />)
    await tapText('4.5', within('[data-item="banner"]'))
    await tapText('保存，下一个单位')
    expect(text('.score__error')).toBe('还有2项未评分：村村响、大走访大巡防')
    expect(sent('inspections', 'score')).toEqual([])
  })

  it('scores with chips and the stepper, a note, a problem (7 days by default), then opens the next unit not scored', async () => {
    at('新城')
    serveInspections(routes())
    await open(<ScorePage />)
    await tapText('4.5', within('[data-item="banner"]'))
    await tapText('3', within('[data-item="loudspeaker"]'))
    const patrol = within('[data-item="patrol"]')
    await tapText('+', patrol)
    await tapText('+', patrol)
    expect(text('[data-item="patrol"] .point-picker__value')).toBe('1/20')
    await tapText('满分20', patrol)
    await tapText('−', patrol)
    expect(text('[data-item="patrol"] .point-picker__value')).toBe('19.5/20')
    await tapText('+', patrol)
    await tapText('+', patrol)
    // Never past the maximum.
    expect(text('[data-item="patrol"] .point-picker__value')).toBe('20/20')
    await tapText('−', patrol)
    expect(text('.score__total')).toBe('合计 45.5 / 48 分，折合百分制 94.8 分')

    await tapText('＋备注或照片（可不填）', within('[data-item="banner"]'))
    await typeInto('taro-textarea-core[name="note-banner"]', '主干道横幅3幅')
    expect(document.body.textContent).toContain('照片可拍可不拍，最多3张。')

    await tapText('＋记录一个问题')
    expect(texts('.score__due-days')).toEqual(['5天', '7天'])
    await typeInto('taro-textarea-core[name="problem-1"]', '村口宣传栏内容过期')
    const second = document.querySelectorAll<HTMLElement>('.score__problem')[1]
    for (let i = 0; i < 3; i++) await tapText('+', second)
    expect(texts('.score__due-days')).toEqual(['5天', '10天'])
    // A problem left blank is nothing to record.
    await tapText('＋记录一个问题')

    await tapText('保存，下一个单位')
    expect(sent('inspections', 'score')).toEqual([
      {
        action: 'score',
        round: 'r2',
        unit: '新城',
        items: [
          { id: 'banner', points: 4.5, note: '主干道横幅3幅' },
          { id: 'loudspeaker', points: 3 },
          { id: 'patrol', points: 19.5 }
        ],
        problems: [
          { text: '村村响未按时播放', dueDays: 5 },
          { text: '村口宣传栏内容过期', dueDays: 10 }
        ]
      }
    ])
    expect(device.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存 94.8分' }))
    // 云集联合学校 is scored already: the next one not scored is 云集派出所, replacing this screen.
    expect(device.redirectTo).toHaveBeenCalledWith({ url: `/packages/inspector/score/index?round=r2&unit=${encodeURIComponent('云集派出所')}` })
  })

  it('a recorded problem deleted before saving again is withdrawn: the score is sent without it', async () => {
    at('新城')
    const view = roundView()
    view.units[0] = { ...view.units[0], items: { ...view.units[0].items, banner: 5, loudspeaker: 3, patrol: 20 }, score: 100 }
    serveInspections(routes({ 'inspections.round': view }))
    await open(<ScorePage />)
    expect(document.body.textContent).toContain('删除后保存，该整改任务随之撤销')
    await tapText('删除', document.querySelector<HTMLElement>('.score__problem')!)
    expect(document.querySelectorAll('.score__problem')).toHaveLength(0)
    await tapText('保存，下一个单位')
    expect(sent('inspections', 'score')).toEqual([
      {
        action: 'score',
        round: 'r2',
        unit: '新城',
        items: [
          { id: 'banner', points: 5 },
          { id: 'loudspeaker', points: 3 },
          { id: 'patrol', points: 20 }
        ]
      }
    ])
  })

  it('a double tap on save sends one score', async () => {
    at('云集联合学校')
    let answer: (v: unknown) => void = () => undefined
    serveInspections(routes())
    const served = cloud.getMockImplementation()!
    cloud.mockImplementation(((name: string, event: { action: string }) =>
      event.action === 'score' ? new Promise((resolve) => (answer = resolve)) : served(name as never, event as never)) as unknown as typeof cloud)
    await open(<ScorePage />)
    await tapText('保存，下一个单位')
    await tapText('正在保存…')
    expect(sent('inspections', 'score')).toHaveLength(1)
    await act(async () => answer({ ok: true, data: { round: 'r2', unit: '云集联合学校', score: 91.4 } }))
    expect(device.redirectTo).toHaveBeenCalledTimes(1)
  })

  it('the last unit not scored: back to the list once saved', async () => {
    at('云集派出所')
    const view = roundView()
    view.units[0].score = 80
    serveInspections(routes({ 'inspections.round': view }))
    const back = jest.spyOn(Taro, 'navigateBack').mockImplementation(() => Promise.resolve({ errMsg: 'navigateBack:ok' }))
    await open(<ScorePage />)
    await tapText('0', within('[data-item="banner"]'))
    await tapText('满分20', within('[data-item="patrol"]'))
    await tapText('保存，下一个单位')
    expect(sent('inspections', 'score')[0].items).toEqual([
      { id: 'banner', points: 0 },
      { id: 'patrol', points: 20 }
    ])
    expect(back).toHaveBeenCalled()
    expect(device.redirectTo).not.toHaveBeenCalled()
  })

  it('shows the function’s refusal in its words and stays on the unit', async () => {
    at('云集联合学校')
    serveInspections(routes({ 'inspections.score': { ok: false, code: 'CONFLICT', message: '本轮督查已结束，不能再评分' } }))
    await open(<ScorePage />)
    await tapText('保存，下一个单位')
    expect(text('.score__error')).toBe('本轮督查已结束，不能再评分')
    expect(device.redirectTo).not.toHaveBeenCalled()
  })

  it('a closed round: no save button, no problems to add', async () => {
    at('云集联合学校', 'r1')
    serveInspections(routes({ 'inspections.round': roundView(ROUND_CLOSED) }))
    await open(<ScorePage />)
    expect(document.body.textContent).toContain('本轮督查已结束，不能再评分。')
    expect(document.querySelector('.score__bar')).toBeNull()
    expect(document.body.textContent).not.toContain('＋记录一个问题')
  })

  it('verifies a task of the last round: 整改到位 at once, 未到位 only after confirming', async () => {
    at('新城')
    let tasks = TASKS
    serveInspections(
      routes({
        'inspections.tasks': () => ({ tasks }),
        'inspections.verifyTask': (e: Record<string, unknown>) => {
          tasks = tasks.map((t) => (t.id === e.id ? { ...t, status: e.fixed ? 'verified' : 'carried' } : t))
          return { id: e.id, status: e.fixed ? 'verified' : 'carried' }
        }
      })
    )
    const modal = answerModal(false)
    await open(<ScorePage />)
    await tapText('未到位')
    expect(modal).toHaveBeenCalled()
    expect(sent('inspections', 'verifyTask')).toEqual([])
    await tapText('整改到位')
    expect(sent('inspections', 'verifyTask')).toEqual([{ action: 'verifyTask', id: 't1', fixed: true }])
    // Verified: no longer waiting.
    expect(document.querySelectorAll('.verify-task__actions')).toHaveLength(0)
  })

  it('anyone but an inspector or an admin is told what the page is for', async () => {
    at('新城')
    serveInspections(routes(), { openid: 'o-resident', role: 'resident' })
    await open(<ScorePage />)
    expect(document.body.textContent).toContain('仅限督查人员使用')
    expect(sent('inspections', 'round')).toEqual([])
  })
})
