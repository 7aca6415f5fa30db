import type { SheetItem } from '../../src/core/contract'
import {
  addDays,
  bottomThreeInARow,
  DEFAULT_SHEET,
  defaultSchedule,
  entriesProblem,
  everyRoundTop,
  interviewFigures,
  isRoundDay,
  itemResults,
  rankRound,
  ratesOf,
  sheetProblem,
  sheetTotal,
  unitScore,
  type RoundFlags,
  type UnitFigures
} from '../../src/core/inspections'

const entered = (ids: string[], points: number[]) => Object.fromEntries(ids.map((id, i) => [id, points[i]]))
const ENTERED_IDS = DEFAULT_SHEET.filter((i) => i.kind === 'entered').map((i) => i.id)

describe('the default sheet (评分细则)', () => {
  it('totals 100, half found on site and half from the figures, and is valid', () => {
    expect(sheetTotal(DEFAULT_SHEET)).toBe(100)
    expect(sheetTotal(DEFAULT_SHEET.filter((i) => i.kind === 'entered'))).toBe(50)
    expect(sheetProblem(DEFAULT_SHEET)).toBeNull()
    expect(DEFAULT_SHEET.find((i) => i.id === 'banners')?.hint).toContain('2–5幅')
    expect(DEFAULT_SHEET.find((i) => i.id === 'slogans')?.hint).toContain('5幅以上')
    expect(DEFAULT_SHEET.filter((i) => i.kind === 'figures').map((i) => i.source)).toEqual([
      'contacts', 'visited', 'letter', 'card', 'explained', 'replied', 'safety', 'satisfaction', 'tasksVerified'
    ])
  })

  it('refuses repeated ids, figures items without a source and entered items with one', () => {
    const a: SheetItem = { id: 'a', name: '甲', points: 10, kind: 'entered' }
    expect(sheetProblem([a, { ...a, name: '乙' }])).toBe('评分项编号“a”重复')
    expect(sheetProblem([{ id: 'f', name: '数据', points: 5, kind: 'figures' }])).toContain('请选择数据来源')
    expect(sheetProblem([{ ...a, source: 'visited' }])).toContain('不能选择工作数据来源')
    expect(sheetProblem([{ id: 'f', name: '走访', points: 5, kind: 'figures', source: 'visited' }, { id: 'g', name: '走访2', points: 5, kind: 'figures', source: 'visited' }])).toContain('只能计分一次')
  })
})

describe('a unit score', () => {
  const figures = (f: Partial<UnitFigures>): UnitFigures => ({
    quota: 0, registered: 0, households: 0, visited: 0, letter: 0, card: 0, explained: 0, concerns: 0, replied: 0,
    safety: { favourable: 0, sampleSize: 0 }, satisfaction: { favourable: 0, sampleSize: 0 }, tasksChecked: 0, tasksVerified: 0, ...f
  })

  it('is the entered points plus maximum × rate of each figure, out of 100 when every item applies', () => {
    const rates = ratesOf(figures({
      quota: 100, registered: 150, households: 200, visited: 200, letter: 100, card: 50, explained: 200, concerns: 4, replied: 3,
      safety: { favourable: 9, sampleSize: 10 }, satisfaction: { favourable: 8, sampleSize: 10 }, tasksChecked: 2, tasksVerified: 1
    }))
    expect(rates).toEqual({ contacts: 1.5, visited: 1, letter: 0.5, card: 0.25, explained: 1, replied: 0.75, safety: 0.9, satisfaction: 0.8, tasksVerified: 0.5 })
    const s = unitScore(DEFAULT_SHEET, { type: '村/社区', rates, entered: entered(ENTERED_IDS, [8, 6, 4, 10, 10, 12]) })
    // contacts capped at 100% → 8; 6 + 2 + 1 + 4 + 4.5 + 5.4 + 4.8 + 3 from the rest.
    expect(s.points).toMatchObject({ contacts: 8, visited: 6, letter: 2, card: 1, explained: 4, replied: 4.5, safety: 5.4, satisfaction: 4.8, tasks: 3 })
    expect(s.applicable).toBe(100)
    expect(s.score).toBe(50 + 8 + 6 + 2 + 1 + 4 + 4.5 + 5.4 + 4.8 + 3)
  })

  it('leaves out items that do not apply (a school: no phone quota, no 村村响) and scales to 100 over the rest', () => {
    // A school with no households, concerns, interviews or tasks: only its five entered items apply (46 points).
    const s = unitScore(DEFAULT_SHEET, { type: '学校', rates: ratesOf(figures({})), entered: entered(['banners', 'slogans', 'visiting', 'patrol', 'unannounced'], [8, 6, 10, 10, 12]) })
    expect(s.points.broadcast).toBeNull()
    expect(s.points.contacts).toBeNull()
    expect(s.applicable).toBe(46)
    expect(s.score).toBe(100)
    const half = unitScore(DEFAULT_SHEET, { type: '学校', rates: ratesOf(figures({})), entered: entered(['banners', 'slogans', 'visiting', 'patrol', 'unannounced'], [4, 3, 5, 5, 6]) })
    expect(half.score).toBe(50)
  })

  it('is null until every entered item that applies is scored; the figures points show meanwhile', () => {
    const s = unitScore(DEFAULT_SHEET, { type: '村/社区', rates: ratesOf(figures({ quota: 10, registered: 5 })), entered: null })
    expect(s.score).toBeNull()
    expect(s.points.contacts).toBe(4)
    expect(s.points.banners).toBeNull()
  })

  it('checks an inspector’s entries: each applicable entered item once, within its maximum, never a figures item', () => {
    const all = ENTERED_IDS.map((id) => ({ id, points: 1 }))
    expect(entriesProblem(DEFAULT_SHEET, '村/社区', all)).toBeNull()
    expect(entriesProblem(DEFAULT_SHEET, '村/社区', all.slice(1))).toBe('请为每个督查录入项打分,还缺:宣传横幅')
    expect(entriesProblem(DEFAULT_SHEET, '村/社区', [...all, { id: 'banners', points: 2 }])).toBe('“宣传横幅”重复评分')
    expect(entriesProblem(DEFAULT_SHEET, '村/社区', [...all, { id: 'visited', points: 2 }])).toContain('不能录入')
    expect(entriesProblem(DEFAULT_SHEET, '村/社区', [{ id: 'banners', points: 8.5 }, ...all.slice(1)])).toBe('“宣传横幅”最多8分')
    expect(entriesProblem(DEFAULT_SHEET, '村/社区', [...all, { id: 'nope', points: 1 }])).toContain('没有“nope”')
    // 村村响 is a village's: a hospital is not scored on it, and has nothing missing without it.
    expect(entriesProblem(DEFAULT_SHEET, '医院', all)).toBe('“村村响、屋场恳谈会宣传”不适用于医院')
    expect(entriesProblem(DEFAULT_SHEET, '医院', all.filter((e) => e.id !== 'broadcast'))).toBeNull()
  })

  it('pools 满意率 over Q11 and Q14 and takes 安全感率 from Q1, by the indicator rules', () => {
    const f = interviewFigures([
      { answers: { Q1: [1], Q11: [1], Q14: [5] } },
      { answers: { Q1: [3], Q11: [3], Q14: [2] } },
      { answers: { Q1: [2], Q11: [5], Q14: [4] } }
    ])
    expect(f.safety).toEqual({ favourable: 2, sampleSize: 3 })
    // Q11: 满意, 不满意 (不了解 left out); Q14: 比较满意, 不满意.
    expect(f.satisfaction).toEqual({ favourable: 2, sampleSize: 4 })
  })
})

describe('a unit’s items (what the unit reads of its score)', () => {
  it('the items that apply, in the sheet’s order, each with what it earned, left out without data, and the note', () => {
    const rates = { contacts: 0.5, visited: 1, letter: 1, card: 1, explained: 1, replied: null, safety: null, satisfaction: null, tasksVerified: null }
    const items = itemResults(DEFAULT_SHEET, { type: '学校', rates, entered: entered(['banners', 'slogans', 'visiting', 'patrol', 'unannounced'], [2, 6, 10, 10, 12]), notes: { banners: '只挂了1幅' } })
    // 村村响 applies to villages only.
    expect(items.map((i) => i.id)).toEqual(DEFAULT_SHEET.filter((i) => i.id !== 'broadcast').map((i) => i.id))
    expect(items[0]).toEqual({ id: 'banners', name: '宣传横幅', kind: 'entered', points: 8, got: 2, note: '只挂了1幅' })
    expect(items.find((i) => i.id === 'contacts')).toMatchObject({ kind: 'figures', points: 8, got: 4, note: null })
    expect(items.find((i) => i.id === 'replied')).toMatchObject({ got: null })
    // Not scored yet: entered items have no points.
    expect(itemResults(DEFAULT_SHEET, { type: '村/社区', rates, entered: null }).find((i) => i.id === 'banners')).toMatchObject({ got: null })
  })
})

describe('a round’s ranking', () => {
  it('ranks by score, ties share a rank, unscored units have no rank and no flag', () => {
    const rows = rankRound([
      { unit: 'A', score: 80 },
      { unit: 'B', score: 90 },
      { unit: 'C', score: null },
      { unit: 'D', score: 80 },
      { unit: 'E', score: 70 }
    ])
    expect(rows.map((r) => [r.unit, r.rank])).toEqual([['B', 1], ['A', 2], ['D', 2], ['E', 4], ['C', null]])
    expect(rows.find((r) => r.unit === 'C')?.flag).toBeNull()
  })

  it('flags the top 5 and the bottom 3 as the phone ledger does, a tie across a line flags all who share it', () => {
    const scores = [95, 90, 85, 80, 75, 75, 60, 50, 40, 40]
    const rows = rankRound(scores.map((score, i) => ({ unit: `U${i}`, score })))
    expect(rows.filter((r) => r.flag === 'top').map((r) => r.unit)).toEqual(['U0', 'U1', 'U2', 'U3', 'U4', 'U5'])
    expect(rows.filter((r) => r.flag === 'bottom').map((r) => r.unit)).toEqual(['U7', 'U8', 'U9'])
  })
})

describe('the plan’s 奖惩 lists over the rounds', () => {
  const round = (top: string[], bottom: string[], others: string[] = []): RoundFlags => [
    ...top.map((unit) => ({ unit, flag: 'top' as const })),
    ...others.map((unit) => ({ unit, flag: null })),
    ...bottom.map((unit) => ({ unit, flag: 'bottom' as const }))
  ]

  it('每次督查均排在前五: top in every round; a unit added in round 2 is judged from round 2', () => {
    const r1 = round(['A', 'B', 'C', 'D', 'E'], ['X', 'Y', 'Z'], ['F'])
    const r2 = round(['A', 'B', 'N', 'D', 'F'], ['X', 'Y', 'Z'], ['C', 'E'])
    const r3 = round(['A', 'N', 'D', 'C', 'B'], ['X', 'F', 'Z'], ['E', 'Y'])
    expect(everyRoundTop([r1])).toEqual(['A', 'B', 'C', 'D', 'E'])
    expect(everyRoundTop([r1, r2])).toEqual(['A', 'B', 'N', 'D'])
    expect(everyRoundTop([r1, r2, r3])).toEqual(['A', 'N', 'D', 'B'])
  })

  it('a round a unit was part of but not ranked in counts as not top; a unit no longer part of the last round is not listed', () => {
    const r1 = round(['A', 'B'], [])
    const r2: RoundFlags = [{ unit: 'A', flag: 'top' }, { unit: 'B', flag: null }]
    expect(everyRoundTop([r1, r2])).toEqual(['A'])
    expect(everyRoundTop([r1, [{ unit: 'B', flag: 'top' }]])).toEqual(['B'])
    expect(everyRoundTop([])).toEqual([])
  })

  it('连续三次排名后三位: three consecutive rounds it was part of, skipped rounds do not break it, an unranked round does', () => {
    const r = (bottom: string[], others: string[]) => round([], bottom, others)
    expect(bottomThreeInARow([r(['X', 'Y'], ['Z']), r(['X', 'Y'], ['Z']), r(['X'], ['Y', 'Z'])])).toEqual(['X'])
    // Y is bottom in rounds 1, 2, 4 only: not three in a row.
    expect(bottomThreeInARow([r(['Y'], []), r(['Y'], []), r([], ['Y']), r(['Y'], [])])).toEqual([])
    // N joins in round 2 and is bottom in rounds 2–4; W is retired in round 3 (not part of it) and bottom in 1, 2, 4.
    expect(bottomThreeInARow([r(['W'], []), r(['N', 'W'], []), r(['N'], []), r(['N', 'W'], [])])).toEqual(['W', 'N'])
    // Once earned it stays: bottom in rounds 1–3, then fine in round 4.
    expect(bottomThreeInARow([r(['V'], []), r(['V'], []), r(['V'], []), r([], ['V'])])).toEqual(['V'])
    expect(bottomThreeInARow([r(['V'], []), r(['V'], []), [{ unit: 'V', flag: null }], r(['V'], [])])).toEqual([])
  })
})

describe('the schedule', () => {
  it('opens a round every 10 days from September 1 through October 31 by default', () => {
    const s = defaultSchedule(2026)
    const days: string[] = []
    for (let d = '2026-08-25'; d <= '2026-11-05'; d = addDays(d, 1)) if (isRoundDay(s, d)) days.push(d)
    expect(days).toEqual(['2026-09-01', '2026-09-11', '2026-09-21', '2026-10-01', '2026-10-11', '2026-10-21', '2026-10-31'])
    expect(isRoundDay({ ...s, auto: false }, '2026-09-01')).toBe(false)
  })
})
