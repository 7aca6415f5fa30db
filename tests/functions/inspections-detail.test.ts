/**
 * A unit's score item by item (inspections.unitDetail), through the real functions on the local
 * cloud: what each item earned out of its points and the inspector's notes, so a cadre knows where
 * the unit lost points; their own unit only.
 */
import { DEFAULT_SHEET } from '../../src/core/inspections'
import { makeCadre } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
const CADRE = 'detail-cadre'
const VILLAGE = '新城'
const SCHOOL = '云集联合学校'

let cloud: TestCloud
const call = (event: object, openid: string) => cloud.call('inspections', event, openid)
const must = async (event: object, openid = ADMIN) => {
  const res = await call(event, openid)
  if (!res.ok) throw new Error(`inspections.${(event as { action: string }).action}: ${JSON.stringify(res)}`)
  return res.data
}
const entered = DEFAULT_SHEET.filter((i) => i.kind === 'entered')

beforeAll(async () => {
  cloud = await startTestCloud()
  await makeCadre(cloud, CADRE, VILLAGE, '新城干部')
}, 60_000)
afterAll(async () => {
  await cloud.close()
})

it('before any round: no round, no items', async () => {
  expect(await must({ action: 'unitDetail' }, CADRE)).toEqual({ town: expect.any(String), unit: VILLAGE, round: null, type: null, score: null, items: [] })
})

it('a cadre reads their unit’s latest scored round item by item, with the notes; the school’s is not theirs', async () => {
  const first = (await must({ action: 'openRound' })).round
  // Round 1: every entered item full marks but 宣传横幅 (3 of 8), with a note on it.
  const items = entered.map((i) => (i.id === 'banners' ? { id: i.id, points: 3, note: '主干道只挂了1幅' } : { id: i.id, points: i.points }))
  await must({ action: 'score', round: first, unit: VILLAGE, items })
  await must({ action: 'closeRound', round: first })
  // Round 2 is open and 新城 not scored in it yet: the detail is still round 1's.
  const second = (await must({ action: 'openRound' })).round

  const detail = await must({ action: 'unitDetail' }, CADRE)
  expect(detail).toMatchObject({ unit: VILLAGE, round: { id: first, number: 1, status: 'closed' }, type: '村/社区', score: expect.any(Number) })
  expect(detail.items.map((i: { id: string }) => i.id)).toEqual(DEFAULT_SHEET.map((i) => i.id))
  expect(detail.items.find((i: { id: string }) => i.id === 'banners')).toEqual({ id: 'banners', name: '宣传横幅', kind: 'entered', points: 8, got: 3, note: '主干道只挂了1幅' })
  expect(detail.items.find((i: { id: string }) => i.id === 'patrol')).toMatchObject({ points: 10, got: 10, note: null })
  // A figures item with nothing to divide by (no concern raised) is left out of the score: got null.
  expect(detail.items.find((i: { id: string }) => i.id === 'replied')).toMatchObject({ kind: 'figures', got: null })

  // A given round: round 2, not yet scored for 新城 (its entered items have no points yet).
  const open = await must({ action: 'unitDetail', round: second }, CADRE)
  expect(open).toMatchObject({ round: { id: second, number: 2, status: 'open' }, score: null })
  expect(open.items.find((i: { id: string }) => i.id === 'banners')).toMatchObject({ got: null })

  // Not the cadre's unit; not a resident's to read. An admin reads any unit of the town; a school
  // has no 村村响 item.
  expect(await call({ action: 'unitDetail', unit: SCHOOL }, CADRE)).toMatchObject({ ok: false, code: 'FORBIDDEN', message: `您是${VILLAGE}的干部,不能查看${SCHOOL}的督查成绩` })
  expect(await call({ action: 'unitDetail', unit: VILLAGE }, 'detail-resident')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  const school = await must({ action: 'unitDetail', unit: SCHOOL, round: second })
  expect(school.items.map((i: { id: string }) => i.id)).not.toContain('broadcast')
  expect(await call({ action: 'unitDetail', unit: '没有这个村' }, ADMIN)).toMatchObject({ ok: false })
})
