/**
 * 入户走访 through the real visits function on the local cloud: a village of 1,600 households, visits
 * on some, every figure exact (counters equal a recount after every test); a retried visitId stores
 * one visit; ticks only turn on; a cadre of another village and a town admin of another town are
 * FORBIDDEN for every action; removing or moving a visited household moves it out of the figures;
 * bad input is refused with nothing written.
 */
import { EXPLAINED_MEANS, visitRates, type VisitProgressRow } from '../../src/core/contract'
import { DEFAULT_TOWN as A, unitKey } from '../../src/core/towns'
import { counterDrift, makeCadre, makeTownAdmin } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { seedHouseholds, visitDrift } from '../support/visits-seed'

const B = '茶市镇'
const ADMIN = 'local-admin'
const XC1 = 'visit-xc-1'
const XC2 = 'visit-xc-2'
const HJ = 'visit-hj'
const TA_A = 'visit-ta-a'
const TA_B = 'visit-ta-b'
const NAMES: Record<string, string> = { [XC1]: '新城甲', [XC2]: '新城乙', [HJ]: '黄金丙' }
const HOUSEHOLDS = 1600

let cloud: TestCloud
let ids: string[]
/** The household visited three times (ids[1500] before any is removed). */
let revisited: string
let serial = 0
const visitId = () => `visit-${++serial}-${Date.now().toString(36)}`

type Ticks = { letter: boolean; card: boolean; explained: boolean }
/** What the test believes each household's ticks are (the figures are checked against it). */
const expected = new Map<string, Ticks>()

const visits = (event: object, openid: string) => cloud.call('visits', event, openid)
const record = (contactId: string, ticks: Ticks, openid: string, extra: object = {}) =>
  visits({ action: 'record', visitId: visitId(), contactId, ...ticks, ...extra }, openid)
const ownerOf = (i: number) => (i < 600 ? XC1 : i < 1000 ? XC2 : null)
const state = () =>
  JSON.stringify({
    visits: cloud.service.db.find('visits'),
    counters: cloud.service.db.find('visit_counters'),
    visited: cloud.service.db.find('contacts', { filter: { 'visit.visited': true } })
  })

function note(id: string, t: Ticks) {
  const was = expected.get(id)
  expected.set(id, was ? { letter: was.letter || t.letter, card: was.card || t.card, explained: was.explained || t.explained } : t)
}

/** The figures the test expects for the households `which` (indices into ids). */
function figures(which: (i: number) => boolean) {
  const f = { visited: 0, letter: 0, card: 0, explained: 0 }
  ids.forEach((id, i) => {
    const t = expected.get(id)
    if (!which(i) || !t) return
    f.visited++
    if (t.letter) f.letter++
    if (t.card) f.card++
    if (t.explained) f.explained++
  })
  return f
}

beforeAll(async () => {
  cloud = await startTestCloud()
  const made = await cloud.call('towns', { action: 'create', name: B, units: [{ name: '新城', quota: 40 }, { name: '河东', quota: 30 }] }, ADMIN)
  if (!made.ok) throw new Error(JSON.stringify(made))
  await makeCadre(cloud, XC1, '新城', NAMES[XC1])
  await makeCadre(cloud, XC2, '新城', NAMES[XC2])
  await makeCadre(cloud, HJ, '黄金', NAMES[HJ])
  await makeTownAdmin(cloud, TA_A, A, '甲镇管理员')
  await makeTownAdmin(cloud, TA_B, B, '乙镇管理员')
  ids = seedHouseholds(cloud.service.db, { town: A, village: '新城', count: HOUSEHOLDS, block: 61, ownerOf }, NAMES)
  revisited = ids[1500]
}, 120_000)
afterAll(async () => {
  await cloud.close()
})
afterEach(() => {
  expect(visitDrift(cloud.service.db)).toEqual([])
  expect(counterDrift(cloud)).toEqual([])
})

describe('a village of 1,600 households, visits on some: every figure exact', () => {
  it('records 200 visits (25 at once, all on one village counter) by two cadres and an admin; any cadre of the village may record any household', async () => {
    // Households 0–599 are 新城甲's, 600–999 新城乙's, the rest nobody's; each cadre also visits ones they do not hold.
    const plan: { i: number; by: string; t: Ticks }[] = []
    for (let k = 0; k < 200; k++) {
      const i = (k * 37) % HOUSEHOLDS
      const by = k % 5 === 0 ? TA_A : k % 2 ? XC1 : XC2
      plan.push({ i, by, t: { letter: k % 2 === 0, card: k % 3 === 0, explained: k % 4 !== 1 } })
    }
    for (let start = 0; start < plan.length; start += 25) {
      const batch = plan.slice(start, start + 25)
      const answers = await Promise.all(batch.map((p) => record(ids[p.i], p.t, p.by)))
      for (const [j, res] of answers.entries()) {
        expect(res).toMatchObject({ ok: true, data: { stored: true } })
        note(ids[batch[j].i], batch[j].t)
      }
    }
    expect(cloud.count('visits')).toBe(200)
    expect(cloud.service.db.find('visits', { filter: { by: TA_A } })[0]).toMatchObject({ town: A, village: '新城', byRole: 'townAdmin' })
    // 200 visits on one contended counter: a few seconds alone, far more on a loaded 2-core CI machine.
  }, 180_000)

  it('a second visit adds ticks, never takes one away', async () => {
    const id = revisited
    expect((await record(id, { letter: true, card: false, explained: false }, XC1)).ok).toBe(true)
    expect((await record(id, { letter: false, card: true, explained: true }, XC2)).ok).toBe(true)
    expect((await record(id, { letter: false, card: false, explained: false }, XC1, { note: '再次回访\n家中无人' })).ok).toBe(true)
    note(id, { letter: true, card: true, explained: true })
    expect(cloud.service.db.get('contacts', id)?.visit).toMatchObject({ visited: true, letter: true, card: true, explained: true, complete: true, visits: 3 })
    expect(cloud.service.db.find('visits', { filter: { contactId: id, note: '再次回访\n家中无人' } })).toHaveLength(1)
  })

  it('a cadre sees their village’s row and their own row, exact', async () => {
    const res = await visits({ action: 'progress' }, XC1)
    expect(res.ok).toBe(true)
    const [village, mine] = res.data.rows as VisitProgressRow[]
    expect(village).toEqual({ village: '新城', households: HOUSEHOLDS, ...figures(() => true), concerns: 0, replied: 0 })
    expect(mine).toEqual({ village: '新城', cadre: { openid: XC1, name: NAMES[XC1] }, households: 600, ...figures((i) => i < 600), concerns: 0, replied: 0 })
    expect(res.data.total).toEqual({ households: HOUSEHOLDS, ...figures(() => true), concerns: 0, replied: 0 })
    const rates = visitRates(res.data.total)
    expect(rates.visited).toBeCloseTo(figures(() => true).visited / HOUSEHOLDS, 12)
    expect(rates.replied).toBeNull()
  })

  it('an admin sees every unit of the town, or one unit with a row per cadre', async () => {
    const all = await visits({ action: 'progress' }, TA_A)
    expect(all.ok).toBe(true)
    const rows = all.data.rows as VisitProgressRow[]
    expect(rows.length).toBeGreaterThanOrEqual(23)
    expect(rows.find((r) => r.village === '新城')).toMatchObject({ households: HOUSEHOLDS, ...figures(() => true) })
    expect(rows.find((r) => r.village === '黄金')).toMatchObject({ households: 0, visited: 0 })
    expect(all.data.total).toMatchObject({ households: HOUSEHOLDS, ...figures(() => true) })

    const one = await visits({ action: 'progress', village: '新城' }, ADMIN)
    expect(one.ok).toBe(true)
    expect(one.data.rows).toEqual([
      { village: '新城', households: HOUSEHOLDS, ...figures(() => true), concerns: 0, replied: 0 },
      { village: '新城', cadre: { openid: XC1, name: NAMES[XC1] }, households: 600, ...figures((i) => i < 600), concerns: 0, replied: 0 },
      { village: '新城', cadre: { openid: XC2, name: NAMES[XC2] }, households: 400, ...figures((i) => i >= 600 && i < 1000), concerns: 0, replied: 0 }
    ])
  })

  it('the concerns function’s counters give the fifth rate', async () => {
    cloud.service.db.insert('concern_counters', { _id: unitKey(A, '新城'), town: A, village: '新城', raised: 8, replied: 6, closed: 2, overdue: 1 })
    cloud.service.db.insert('concern_counters', { _id: unitKey(A, ''), town: A, village: '', raised: 2, replied: 1, closed: 0, overdue: 0 })
    const one = await visits({ action: 'progress' }, XC2)
    expect(one.data.rows[0]).toMatchObject({ concerns: 8, replied: 6 })
    expect(visitRates(one.data.total).replied).toBe(0.75)
    // The town's total counts concerns filed with no village too.
    const all = await visits({ action: 'progress' }, TA_A)
    expect(all.data.total).toMatchObject({ concerns: 10, replied: 7 })
    cloud.service.db.removeDocs('concern_counters', {}, true)
  })

  it('the household list by status: exact totals, masked as contacts.list, with the ticks', async () => {
    const f = figures(() => true)
    const complete = [...expected.values()].filter((t) => t.letter && t.card && t.explained).length
    const total = async (status?: string, openid = XC1) => (await visits({ action: 'households', ...(status ? { status } : {}), pageSize: 5 }, openid)).data.total
    expect(await total()).toBe(HOUSEHOLDS)
    expect(await total('unvisited')).toBe(HOUSEHOLDS - f.visited)
    expect(await total('incomplete')).toBe(f.visited - complete)
    expect(await total('complete')).toBe(complete)

    const page = await visits({ action: 'households', village: '新城', status: 'complete', pageSize: 100 }, XC2)
    expect(page.ok).toBe(true)
    for (const h of page.data.households) {
      expect(h).toMatchObject({ visited: true, letter: true, card: true, explained: true })
      expect(typeof h.lastVisitAt).toBe('string')
      // Not XC2's own household: masked as the contacts list masks it.
      const i = ids.indexOf(h.id)
      if (ownerOf(i) !== XC2) expect(h).toMatchObject({ name: expect.stringMatching(/^住\*+$/), mine: false })
      expect(h.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/)
      expect(h).not.toHaveProperty('phone')
    }
    const list = await cloud.call('contacts', { action: 'list', pageSize: 3 }, XC2)
    const mine = await visits({ action: 'households', pageSize: 3 }, XC2)
    expect(mine.data.households.map(({ visited: _v, letter: _l, card: _c, explained: _e, lastVisitAt: _a, ...item }: Record<string, unknown>) => item)).toEqual(list.data.contacts)

    const unvisited = await visits({ action: 'households', status: 'unvisited', pageSize: 100, page: 3 }, TA_A)
    expect(unvisited.data.households).toHaveLength(100)
    for (const h of unvisited.data.households) expect(h).toMatchObject({ visited: false, letter: false, card: false, explained: false, lastVisitAt: null })
  })

  it('the contract carries the one line the record screen shows', () => {
    expect(EXPLAINED_MEANS).toMatch(/绝不告诉居民该怎么回答/)
  })
})

describe('a retried visit is stored once', () => {
  it('ten copies of one visitId at once: one visit, counted once', async () => {
    const id = ids[1599]
    const event = { action: 'record', visitId: visitId(), contactId: id, letter: true, card: false, explained: true }
    const answers = await Promise.all(Array.from({ length: 10 }, () => visits(event, XC1)))
    expect(answers.every((a) => a.ok)).toBe(true)
    expect(answers.filter((a) => a.data.stored)).toHaveLength(1)
    note(id, { letter: true, card: false, explained: true })
    expect(cloud.count('visits', { contactId: id })).toBe(1)
    expect(cloud.service.db.get('contacts', id)?.visit).toMatchObject({ visits: 1 })
    // And again later: still one.
    expect(await visits(event, XC1)).toMatchObject({ ok: true, data: { visitId: event.visitId, stored: false } })
    expect(cloud.count('visits', { contactId: id })).toBe(1)
  })
})

describe('only the village’s cadres and the town’s admins', () => {
  it('a cadre of another village is FORBIDDEN for every action, writing nothing', async () => {
    const before = state()
    expect(await record(ids[5], { letter: true, card: true, explained: true }, HJ)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await visits({ action: 'progress', village: '新城' }, HJ)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await visits({ action: 'households', village: '新城' }, HJ)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await visits({ action: 'progress', town: B }, XC1)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(state()).toBe(before)
  })

  it('a town admin of another town is FORBIDDEN for every action, writing nothing', async () => {
    const before = state()
    expect(await record(ids[5], { letter: true, card: true, explained: true }, TA_B)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await record(ids[5], { letter: true, card: true, explained: true }, TA_B, { town: A })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await visits({ action: 'progress', town: A }, TA_B)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await visits({ action: 'households', town: A, village: '新城' }, TA_B)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // Their own town's 新城 is another unit: none of A's households are in it.
    const own = await visits({ action: 'households', village: '新城' }, TA_B)
    expect(own).toMatchObject({ ok: true, data: { total: 0 } })
    expect(state()).toBe(before)
  })

  it('a resident is FORBIDDEN', async () => {
    const before = state()
    expect(await record(ids[6], { letter: true, card: true, explained: true }, 'visit-resident')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await visits({ action: 'progress' }, 'visit-resident')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await visits({ action: 'households' }, 'visit-resident')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(state()).toBe(before)
  })
})

describe('a household leaving takes its ticks with it', () => {
  it('removing a visited household removes it from the figures', async () => {
    const i = [...expected.keys()].map((id) => ids.indexOf(id)).find((k) => k < 600 && expected.get(ids[k])!.letter)!
    const before = (await visits({ action: 'progress' }, XC1)).data.rows as VisitProgressRow[]
    expect((await cloud.call('contacts', { action: 'remove', id: ids[i] }, XC1)).ok).toBe(true)
    const after = (await visits({ action: 'progress' }, XC1)).data.rows as VisitProgressRow[]
    for (const k of [0, 1]) {
      expect(after[k]).toMatchObject({ households: before[k].households - 1, visited: before[k].visited - 1, letter: before[k].letter - 1 })
    }
    const removed = ids[i]
    expected.delete(removed)
    ids.splice(i, 1)
    // A visit to it now finds nothing.
    expect(await record(removed, { letter: true, card: true, explained: true }, XC1)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  it('an admin moving a visited household to another village moves its ticks', async () => {
    const res = await cloud.call('contacts', { action: 'update', id: revisited, village: '黄金' }, TA_A)
    expect(res.ok).toBe(true)
    // (The seeded id is no keyed hash of the number, so the update gives it its real one; the ticks go with the doc.)
    const id = res.data.id as string
    expect(cloud.service.db.get('contacts', id)?.visit).toMatchObject({ complete: true, visits: 3 })
    expect((await visits({ action: 'progress', village: '黄金' }, TA_A)).data.rows[0]).toMatchObject({ households: 1, visited: 1, letter: 1, card: 1, explained: 1 })
    // The cadre of 黄金 may now record it; 新城's may not.
    expect(await record(id, { letter: true, card: true, explained: true }, HJ)).toMatchObject({ ok: true })
    expect(await record(id, { letter: true, card: true, explained: true }, XC1)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expected.delete(revisited)
    ids.splice(ids.indexOf(revisited), 1)
    const xc = (await visits({ action: 'progress', village: '新城' }, TA_A)).data.rows[0]
    expect(xc).toMatchObject({ households: ids.length, ...figures(() => true) })
  })
})

describe('bad input is refused, nothing written', () => {
  const cases: [string, object][] = [
    ['a visitId too short', { visitId: 'x1' }],
    ['a visitId with other characters', { visitId: 'visit id with spaces' }],
    ['a contactId that is no id', { contactId: 'nope' }],
    ['a tick that is not a boolean', { letter: 'yes' }],
    ['a missing tick', { card: undefined }],
    ['a note over 200 characters', { note: '走'.repeat(201) }],
    ['a note with an invisible control character', { note: '备注\u0007' }],
    ['another town’s name for a cadre', { town: B }]
  ]
  it.each(cases)('%s', async (_name, change) => {
    const before = state()
    const event = { action: 'record', visitId: visitId(), contactId: ids[10], letter: true, card: true, explained: true, ...change }
    const res = await visits(JSON.parse(JSON.stringify(event)), XC1)
    expect(res.ok).toBe(false)
    expect(['INVALID_INPUT', 'FORBIDDEN']).toContain(res.code)
    expect(state()).toBe(before)
  })

  it('an unknown status or a page size over 100', async () => {
    expect(await visits({ action: 'households', status: 'done' }, XC1)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(await visits({ action: 'households', pageSize: 1000 }, XC1)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  it('a note of exactly 200 characters is kept', async () => {
    const res = await record(ids[11], { letter: false, card: false, explained: false }, XC1, { note: '走'.repeat(200) })
    expect(res).toMatchObject({ ok: true, data: { stored: true } })
    note(ids[11], { letter: false, card: false, explained: false })
  })
})

describe('renames and the purge', () => {
  it('renaming a unit moves its visit counter and visits', async () => {
    const res = await cloud.call('towns', { action: 'saveUnit', town: A, name: '黄金', rename: '黄金村' }, ADMIN)
    expect(res.ok).toBe(true)
    expect(cloud.service.db.get('visit_counters', unitKey(A, '黄金村'))).toMatchObject({ town: A, village: '黄金村', visited: 1 })
    expect(cloud.service.db.get('visit_counters', unitKey(A, '黄金'))).toBeUndefined()
    expect(cloud.count('visits', { town: A, village: '黄金' })).toBe(0)
  })

  it('a purge of the town empties its visits and zeroes its figures', async () => {
    const res = await cloud.call('contacts', { action: 'purge', town: A, confirm: '确认清除全部联系人' }, TA_A)
    expect(res.ok).toBe(true)
    expect(cloud.count('visits', { town: A })).toBe(0)
    const all = await visits({ action: 'progress' }, TA_A)
    expect(all.data.total).toMatchObject({ households: 0, visited: 0, letter: 0, card: 0, explained: 0 })
  })
})
