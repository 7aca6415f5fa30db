import { rankTowns } from '../../src/core/ranking'
import { DEFAULT_TOWN, unitKey } from '../../src/core/towns'
import { TOTAL_QUOTA } from '../../src/core/villages'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { seedPerson, seedTown, setVillageCounter } from '../support/towns-seed'

const ADMIN = 'local-admin'
const TOWNS = 30
const UNITS = 40
let cloud: TestCloud

/** 30 towns of 40 villages (38 active, 2 retired with large counters that must not count). */
const townName = (t: number) => `第${t}镇`
/** Towns 5 and 17 are the same town by their figures: a tie. Town 29 has nothing registered. */
const shape = (t: number) => (t === 17 ? 5 : t)
const quotaOf = (t: number, u: number) => 100 + ((shape(t) * 7 + u * 13) % 200)
const registeredOf = (t: number, u: number) => (shape(t) === 29 ? 0 : (shape(t) * 11 + u * 31) % 250)
const retired = (u: number) => u >= UNITS - 2

/** What each town should show: computed here from the seeding rule, not read back. */
function expectedFigures(extra: Map<string, number> = new Map()) {
  const towns = [{ town: DEFAULT_TOWN, quota: TOTAL_QUOTA, registered: 0 }]
  for (let t = 1; t <= TOWNS; t++) {
    let quota = 0
    let registered = 0
    for (let u = 0; u < UNITS; u++) {
      if (retired(u)) continue
      quota += quotaOf(t, u)
      registered += registeredOf(t, u) + (extra.get(unitKey(townName(t), `村${u}`)) ?? 0)
    }
    towns.push({ town: townName(t), quota, registered })
  }
  return towns
}

beforeAll(async () => {
  cloud = await startTestCloud()
  const db = cloud.service.db
  for (let t = 1; t <= TOWNS; t++) {
    const name = townName(t)
    seedTown(db, name, t, Array.from({ length: UNITS }, (_, u) => ({ name: `村${u}`, quota: quotaOf(t, u), active: !retired(u) })))
    for (let u = 0; u < UNITS; u++) setVillageCounter(db, name, `村${u}`, retired(u) ? 5000 : registeredOf(t, u))
  }
  seedPerson(db, 'town-admin-1', { role: 'townAdmin', town: townName(1) })
}, 60_000)
afterAll(async () => {
  await cloud.close()
})

const ranking = (openid = ADMIN) => cloud.call('towns', { action: 'ranking' }, openid)
const timer = () => cloud.gateway.runner.invoke({ name: 'stats', event: { Type: 'Timer', TriggerName: 'dailySnapshot' }, openid: '', source: 'wx_trigger' }) as Promise<any> // eslint-disable-line @typescript-eslint/no-explicit-any
type Row = { town: string; quota: number; registered: number; rate: number; rank: number; flag: string | null; change: { registered: number; rank: number } | null }

describe('the county ranking of towns', () => {
  it('is exact past the read limits: 1,223 units and 1,200 counters', async () => {
    // The default town's 23 villages and the plan's four other units (not ranked on the phone ledger).
    expect(cloud.count('villages')).toBe(TOWNS * UNITS + 27)
    expect(cloud.count('village_counters')).toBe(TOWNS * UNITS)
    const res = await ranking()
    expect(res.ok).toBe(true)
    const expected = rankTowns(expectedFigures()).map((r) => ({ ...r, change: null }))
    expect(res.data.rows).toEqual(expected)
    const figures = expectedFigures()
    const quota = figures.reduce((s, f) => s + f.quota, 0)
    const registered = figures.reduce((s, f) => s + f.registered, 0)
    expect(res.data.total).toEqual({ quota, registered, rate: registered / quota })
    expect(res.data.previousRound).toBeNull()
  })

  it('a town\'s figures are the total of its own village ranking', async () => {
    const towns = (await ranking()).data.rows as Row[]
    for (const t of [1, 17, 29]) {
      const villages = await cloud.call('stats', { action: 'villages', town: townName(t) }, ADMIN)
      expect(villages.data.rows).toHaveLength(UNITS - 2)
      const row = towns.find((r) => r.town === townName(t))!
      expect({ quota: row.quota, registered: row.registered, rate: row.rate }).toEqual(villages.data.total)
    }
  })

  it('ties share a rank; top 5 and bottom 3 by the villages\' rules; the lowest is never top', async () => {
    const rows = (await ranking()).data.rows as Row[]
    const five = rows.find((r) => r.town === townName(5))!
    const seventeen = rows.find((r) => r.town === townName(17))!
    expect(seventeen.rate).toBe(five.rate)
    expect(seventeen.rank).toBe(five.rank)
    expect(rows.indexOf(seventeen)).toBe(rows.indexOf(five) + 1)
    // The default town (nothing registered yet) and 第29镇 share the lowest rate: both bottom, last.
    const lowest = rows.filter((r) => r.rate === 0).map((r) => r.town)
    expect(lowest.sort()).toEqual([DEFAULT_TOWN, townName(29)].sort())
    expect(rows.slice(-2).every((r) => r.rank === 30 && r.flag === 'bottom')).toBe(true)
    expect(rows.filter((r) => r.flag === 'top').map((r) => r.rank)).toEqual([1, 2, 3, 4, 5])
    const bottom = rows.filter((r) => r.flag === 'bottom')
    expect(bottom).toHaveLength(3)
    expect(bottom.every((r) => r.rank >= 29)).toBe(true)
    expect([...rows.map((r) => r.rate)].sort((a, b) => b - a)).toEqual(rows.map((r) => r.rate))
  })

  it('is for county admins only', async () => {
    expect(await ranking('town-admin-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await ranking('resident-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('county rounds', () => {
  it('the timer takes every town\'s round, then the county\'s, and the latest table in town_stats', async () => {
    const res = await timer()
    expect(res.ok).toBe(true)
    expect(res.data).toMatchObject({ towns: TOWNS + 1, villages: TOWNS * (UNITS - 2) + 23, county: { towns: TOWNS + 1 } })
    const day = res.data.day
    expect(cloud.count('stat_snapshots', { scope: 'town', day })).toBe(TOWNS + 1)
    expect(cloud.service.db.get('stat_snapshots', `${townName(3)}/${day}`)).toMatchObject({ town: townName(3), rows: expect.any(Array) })
    expect(cloud.count('village_stats')).toBe(TOWNS * (UNITS - 2) + 23)
    const round = cloud.service.db.get('stat_snapshots', `county/${day}`) as { rows: Omit<Row, 'change'>[]; takenBy: string }
    const current = (await ranking()).data
    expect(round.takenBy).toBe('timer')
    expect(round.rows).toEqual(current.rows.map(({ change: _c, ...r }: Row) => r))
    expect(cloud.count('town_stats')).toBe(TOWNS + 1)
    for (const row of current.rows as Row[]) {
      expect(cloud.service.db.get('town_stats', row.town)).toMatchObject({ town: row.town, quota: row.quota, registered: row.registered, rank: row.rank, flag: row.flag, day })
    }
    expect(current.previousRound).toEqual({ day, takenAt: expect.any(String) })
    expect((current.rows as Row[]).every((r) => r.change && r.change.registered === 0 && r.change.rank === 0)).toBe(true)
  })

  it('the ranking shows the change since the last county round', async () => {
    // 第29镇 catches up: 9,000 more in one village.
    setVillageCounter(cloud.service.db, townName(29), '村0', 9000)
    const rows = (await ranking()).data.rows as Row[]
    const row = rows.find((r) => r.town === townName(29))!
    expect(row.change!.registered).toBe(9000)
    expect(row.change!.rank).toBeGreaterThan(0)
    expect(row.rank).toBe(30 - row.change!.rank)
    expect(rows).toEqual(rankTowns(expectedFigures(new Map([[unitKey(townName(29), '村0'), 9000]]))).map((r) => expect.objectContaining(r)))
  })

  it('a town admin\'s round leaves the county\'s alone; a county admin\'s takes it again', async () => {
    const day = (await cloud.call('stats', { action: 'snapshot' }, 'town-admin-1')).data.day
    expect(cloud.service.db.get('stat_snapshots', `county/${day}`)).toMatchObject({ takenBy: 'timer' })
    const res = await cloud.call('stats', { action: 'snapshot', town: townName(29) }, ADMIN)
    expect(res.data).toMatchObject({ town: townName(29), county: { towns: TOWNS + 1 } })
    expect(cloud.service.db.get('stat_snapshots', `county/${day}`)).toMatchObject({ takenBy: ADMIN })
    expect(cloud.service.db.get('town_stats', townName(29))).toMatchObject({ registered: expectedFigures(new Map([[unitKey(townName(29), '村0'), 9000]]))[29].registered })
    const after = (await ranking()).data.rows as Row[]
    expect(after.every((r) => r.change!.registered === 0)).toBe(true)
  })
})
