import AdminConcernsPage from '../../../src/packages/admin/concerns/index'
import AdminVisitsPage from '../../../src/packages/admin/visits/index'
import { concern } from '../support/concerns'
import { quietUnrenderedInputs } from '../cadre/support'
import { answerModal, cloud, open, pick, sent, serve, tapText, TOWN_ADMIN, typeInto } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

const texts = (selector: string) => Array.from(document.querySelectorAll(selector)).map((e) => e.textContent)

beforeEach(() => {
  localStorage.clear()
  cloud.mockReset()
  quietUnrenderedInputs()
})
afterEach(() => jest.restoreAllMocks())

const row = (village: string, households: number, visited: number, concerns: number, replied: number) => ({ village, households, visited, letter: visited, card: visited, explained: visited, concerns, replied })

describe('入户走访 (admin): the five rates per village', () => {
  const PROGRESS = { town: '茶市镇', rows: [row('新城', 300, 150, 2, 2), row('茶市', 200, 180, 0, 0)], total: row('', 500, 330, 2, 2) }

  it('shows the town’s five rates, then the villages lowest 走访率 first, sortable by any rate', async () => {
    serve({ 'visits.progress': PROGRESS }, TOWN_ADMIN)
    await open(<AdminVisitsPage />)
    expect(sent('visits', 'progress')).toEqual([{ action: 'progress', town: '茶市镇' }])
    expect(texts('.rate-bar__figure')[0]).toBe('330/500 · 66%')
    const names = () => texts('.admin-visits__row:not(.admin-visits__row--head) .admin-visits__name').map((t) => t?.replace(/（.*/, ''))
    expect(names()).toEqual(['新城', '茶市'])
    await tapText('走访 ▲')
    expect(names()).toEqual(['茶市', '新城'])
    // No concerns raised: no rate, sorted last either way.
    await tapText('诉求回复')
    expect(names()).toEqual(['新城', '茶市'])
    expect(texts('.admin-visits__row')[2]).toContain('—')
  })
})

describe('群众诉求 (admin): across villages, with 交办', () => {
  it('lists the town’s concerns with their village, filters overdue, and assigns one to a unit with due days', async () => {
    serve({ 'concerns.list': { town: '茶市镇', year: 2023, items: [concern('a', { village: '', town: '茶市镇' })], total: 1 }, 'concerns.assign': { id: 'a', status: 'assigned', dueAt: '2023-09-08T02:00:00.000Z' } }, TOWN_ADMIN)
    answerModal(true)
    await open(<AdminConcernsPage />)
    expect(sent('concerns', 'list')[0]).toEqual({ action: 'list', town: '茶市镇', page: 0, pageSize: 20 })
    expect(document.querySelector('.concern-card__village')?.textContent).toBe('未注明村(社区)')
    await tapText('只看超期')
    expect(sent('concerns', 'list')[1]).toEqual({ action: 'list', town: '茶市镇', overdue: true, page: 0, pageSize: 20 })
    await tapText('交办')
    expect(document.querySelector('.admin-concerns__assign .admin__error')?.textContent).toBe('请选择交办的村(社区)')
    // Pickers: the village filter, then the card's unit; 新城 is entry 1 after "请选择村(社区)".
    await pick(1, 1)
    await typeInto('taro-input-core[name="days-a"]', '7')
    await tapText('交办')
    expect(sent('concerns', 'assign')).toEqual([{ action: 'assign', town: '茶市镇', id: 'a', unit: '新城', dueDays: 7 }])
  })
})
