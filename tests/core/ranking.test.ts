import { completionRate, countyTable, isRankedUnit, rankByRate, rankCounty, rankTowns, rankVillages, totals } from '../../src/core/ranking'
import { TOTAL_QUOTA, VILLAGES } from '../../src/core/villages'

const fig = (village: string, quota: number, registered: number) => ({ village, quota, registered })

describe('completion rate', () => {
  it('is registered over quota, may pass 100%, and is 0 for a zero quota', () => {
    expect(completionRate(175, 350)).toBe(0.5)
    expect(completionRate(420, 300)).toBe(1.4)
    expect(completionRate(5, 0)).toBe(0)
  })
})

describe('ranking', () => {
  it('ranks by rate, highest first; ties share a rank and the next rank skips', () => {
    const rows = rankVillages([fig('A', 100, 50), fig('B', 200, 100), fig('C', 100, 90), fig('D', 100, 10)])
    expect(rows.map((r) => [r.village, r.rank])).toEqual([
      ['C', 1],
      ['A', 2],
      ['B', 2],
      ['D', 4]
    ])
  })

  it('flags the first five as top and the last three as bottom', () => {
    const figures = VILLAGES.map((v, i) => fig(v.name, 100, 100 - i))
    const rows = rankVillages(figures)
    expect(rows.filter((r) => r.flag === 'top').map((r) => r.village)).toEqual(VILLAGES.slice(0, 5).map((v) => v.name))
    expect(rows.filter((r) => r.flag === 'bottom').map((r) => r.village)).toEqual(VILLAGES.slice(20).map((v) => v.name))
    expect(rows.filter((r) => r.flag === null)).toHaveLength(15)
  })

  it('a tie across the fifth place flags everyone sharing it', () => {
    const rows = rankVillages([fig('A', 10, 10), fig('B', 10, 9), fig('C', 10, 8), fig('D', 10, 7), fig('E', 10, 6), fig('F', 10, 6), fig('G', 10, 1), fig('H', 10, 1), fig('I', 10, 1), fig('J', 10, 0)])
    expect(rows.find((r) => r.village === 'F')).toMatchObject({ rank: 5, flag: 'top' })
    // G, H, I share 7th; counted from the end they share 2nd-last: all three are bottom with J.
    expect(rows.filter((r) => r.flag === 'bottom').map((r) => r.village)).toEqual(['G', 'H', 'I', 'J'])
  })

  it('flags nobody while every rate is equal (the start of the campaign)', () => {
    const rows = rankVillages(VILLAGES.map((v) => fig(v.name, v.quota, 0)))
    expect(rows.every((r) => r.rank === 1 && r.flag === null)).toBe(true)
    expect(rows.map((r) => r.village)).toEqual(VILLAGES.map((v) => v.name))
  })

  it('a rate over 100% ranks above a full quota', () => {
    const rows = rankVillages([fig('full', 100, 100), fig('over', 100, 130), fig('half', 100, 50)])
    expect(rows.map((r) => [r.village, r.rate, r.rank])).toEqual([
      ['over', 1.3, 1],
      ['full', 1, 2],
      ['half', 0.5, 3]
    ])
  })
})

describe('totals', () => {
  it('adds quotas and registrations across villages: 6440 for the plan', () => {
    expect(totals(VILLAGES.map((v) => fig(v.name, v.quota, 0)))).toEqual({ quota: TOTAL_QUOTA, registered: 0, rate: 0 })
    expect(totals([fig('A', 100, 30), fig('B', 300, 170)])).toEqual({ quota: 400, registered: 200, rate: 0.5 })
  })
})

describe('ties at either end', () => {
  it('many villages tied at the lowest rate share the bottom, never the top', () => {
    const rows = rankVillages([fig('A', 10, 5), fig('B', 10, 2), ...Array.from({ length: 21 }, (_, i) => fig(`Z${i}`, 10, 0))])
    expect(rows.filter((r) => r.flag === 'top').map((r) => r.village)).toEqual(['A', 'B'])
    expect(rows.filter((r) => r.flag === 'bottom')).toHaveLength(21)
  })
  it('many villages tied at the highest rate share the top, never the bottom', () => {
    const rows = rankVillages([...Array.from({ length: 22 }, (_, i) => fig(`A${i}`, 10, 5)), fig('Z', 10, 0)])
    expect(rows.filter((r) => r.flag === 'top')).toHaveLength(22)
    expect(rows.filter((r) => r.flag === 'bottom').map((r) => r.village)).toEqual(['Z'])
  })
})

describe('towns are ranked by the same rules as villages', () => {
  const town = (name: string, quota: number, registered: number) => ({ town: name, quota, registered })

  it('ties share a rank, top 5 and bottom 3, the lowest never top and the highest never bottom', () => {
    const rows = rankTowns([town('A', 100, 90), town('B', 200, 180), ...Array.from({ length: 8 }, (_, i) => town(`M${i}`, 100, 50 - i)), town('Y', 10, 0), town('Z', 20, 0)])
    expect(rows.slice(0, 2).map((r) => [r.town, r.rank, r.flag])).toEqual([
      ['A', 1, 'top'],
      ['B', 1, 'top']
    ])
    expect(rows.filter((r) => r.flag === 'top').map((r) => r.town)).toEqual(['A', 'B', 'M0', 'M1', 'M2'])
    // Y and Z tie at 0 (rank 11): both bottom, with the town just above them.
    expect(rows.filter((r) => r.flag === 'bottom').map((r) => [r.town, r.rank])).toEqual([
      ['M7', 10],
      ['Y', 11],
      ['Z', 11]
    ])
  })

  it('rankVillages is rankByRate: the same rows, the same order', () => {
    const figures = VILLAGES.map((v, i) => fig(v.name, v.quota, (i * 37) % 200))
    expect(rankVillages(figures)).toEqual(rankByRate(figures))
  })

  it('nothing to rank is no rows', () => {
    expect(rankByRate([])).toEqual([])
  })
})

describe('the county table', () => {
  const unit = (town: string, name: string, quota: number, order: number, extra: object = {}) => ({ _id: `${town}/${name}`, town, name, quota, order, active: true, type: '村/社区', ...extra })

  it('sums each town\'s active villages only, keeps villages of the same name apart, lists every town', () => {
    const units = [
      unit('甲镇', '新城', 100, 1),
      unit('甲镇', '老街', 100, 0),
      unit('乙镇', '新城', 300, 0),
      unit('乙镇', '旧村', 500, 1, { active: false }),
      unit('乙镇', '中学', 0, 2, { type: '学校' })
    ]
    const registered = new Map([
      ['甲镇/新城', 50],
      ['乙镇/新城', 30],
      ['乙镇/旧村', 400],
      ['乙镇/中学', 9]
    ])
    const table = countyTable(['甲镇', '乙镇', '丙镇'], units, registered)
    expect(table).toEqual([
      { town: '甲镇', villages: [{ village: '老街', quota: 100, registered: 0 }, { village: '新城', quota: 100, registered: 50 }] },
      { town: '乙镇', villages: [{ village: '新城', quota: 300, registered: 30 }] },
      { town: '丙镇', villages: [] }
    ])
    const { rows, total } = rankCounty(table)
    expect(rows).toEqual([
      { town: '甲镇', quota: 200, registered: 50, rate: 0.25, rank: 1, flag: 'top' },
      { town: '乙镇', quota: 300, registered: 30, rate: 0.1, rank: 2, flag: 'top' },
      { town: '丙镇', quota: 0, registered: 0, rate: 0, rank: 3, flag: 'bottom' }
    ])
    expect(total).toEqual({ quota: 500, registered: 80, rate: 80 / 500 })
  })

  it('a retired unit or another kind of unit is not ranked', () => {
    expect(isRankedUnit({ active: true, type: '村/社区' })).toBe(true)
    expect(isRankedUnit({ active: false, type: '村/社区' })).toBe(false)
    expect(isRankedUnit({ active: true, type: '学校' })).toBe(false)
  })
})
