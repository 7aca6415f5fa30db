/**
 * 督查 (inspections) as rules, with no platform: the plan's default score sheet (评分细则), a unit's score
 * from what the inspector entered and the campaign figures frozen at opening, a round's ranking, and
 * the plan's 奖惩 lists over the rounds (六、奖惩措施). Scores come from findings and work figures only,
 * never from how much anyone used the app.
 */
import { FIGURE_SOURCES, VILLAGE_TYPE, type FigureSource, type SheetItem, type UnitKind } from './contract/inspections'
import { satisfactionRate, safetyRate, type SurveyRecord } from './indicators'
import { rankValues, type RankFlag } from './ranking'

/** The units the plan names beside the villages (一、领导小组; 五(三) 学校、医院、站所). No phone quota. */
export const SEED_INSPECTION_UNITS: readonly { name: string; type: UnitKind }[] = [
  { name: '云集联合学校', type: '学校' },
  { name: '云集派出所', type: '站所' },
  { name: '云集司法所', type: '站所' },
  { name: '第六人民医院', type: '医院' }
]

/**
 * The plan's sheet, totalling 100: half found on site (宣传发动 二(二), 大走访 二(三), 大巡防 五(一),
 * 暗访 七(三)), half from the campaign's figures (电话台账, 五个100%, 模拟民调, 整改).
 */
export const DEFAULT_SHEET: readonly SheetItem[] = [
  { id: 'banners', name: '宣传横幅', points: 8, kind: 'entered', hint: '每个村(社区)、单位悬挂横幅2–5幅' },
  { id: 'slogans', name: '宣传标语', points: 6, kind: 'entered', hint: '宣传标语每组张贴5幅以上' },
  { id: 'broadcast', name: '村村响、屋场恳谈会宣传', points: 4, kind: 'entered', hint: '村村响播放民调宣传,召开屋场恳谈会', types: [VILLAGE_TYPE] },
  { id: 'visiting', name: '大走访', points: 10, kind: 'entered', hint: '包屋场、包楼栋、包电话,见人见面见宣传' },
  { id: 'patrol', name: '大巡防', points: 10, kind: 'entered', hint: '义务巡逻队或治安巡逻点在岗,重点部位每天巡逻两次以上' },
  { id: 'unannounced', name: '暗访督查', points: 12, kind: 'entered', hint: '四不两直暗访:干部群众知晓民调电话、时间、内容、方法' },
  { id: 'contacts', name: '电话台账完成率', points: 8, kind: 'figures', source: 'contacts' },
  { id: 'visited', name: '入户走访率', points: 6, kind: 'figures', source: 'visited' },
  { id: 'letter', name: '公开信发放率', points: 4, kind: 'figures', source: 'letter' },
  { id: 'card', name: '民情联系卡回执率', points: 4, kind: 'figures', source: 'card' },
  { id: 'explained', name: '问卷讲解辅导率', points: 4, kind: 'figures', source: 'explained' },
  { id: 'replied', name: '群众诉求回复率', points: 6, kind: 'figures', source: 'replied' },
  { id: 'safety', name: '模拟民调安全感率', points: 6, kind: 'figures', source: 'safety' },
  { id: 'satisfaction', name: '模拟民调满意率', points: 6, kind: 'figures', source: 'satisfaction' },
  { id: 'tasks', name: '上轮整改验收率', points: 6, kind: 'figures', source: 'tasksVerified' }
]

/** Points and scores are kept to 0.01: equal work gives equal numbers, and ties are real ties. */
const round2 = (n: number): number => Math.round(n * 100) / 100

export const sheetTotal = (items: readonly SheetItem[]): number => round2(items.reduce((s, i) => s + i.points, 0))

/** What is wrong with a sheet an admin saves (Chinese, the first problem), or null. */
export function sheetProblem(items: readonly SheetItem[]): string | null {
  const ids = new Set<string>()
  const sources = new Set<FigureSource>()
  for (const item of items) {
    if (ids.has(item.id)) return `评分项编号“${item.id}”重复`
    ids.add(item.id)
    if (item.kind === 'figures') {
      if (!item.source) return `“${item.name}”来自工作数据,请选择数据来源`
      if (sources.has(item.source)) return `工作数据“${item.source}”只能计分一次(“${item.name}”重复)`
      sources.add(item.source)
    } else if (item.source !== undefined) {
      return `“${item.name}”由督查员录入,不能选择工作数据来源`
    }
    if (item.types && new Set(item.types).size !== item.types.length) return `“${item.name}”的适用单位类型重复`
  }
  return null
}

export const itemApplies = (item: SheetItem, type: UnitKind): boolean => !item.types || item.types.includes(type)

/** A unit's campaign figures when a round opens: counts, so that every rate is checkable. */
export interface UnitFigures {
  /** Phone quota (villages only; 0 for other units) and households registered. */
  quota: number
  registered: number
  /** Households registered, and those visited / given the letter / the card / the explanation. */
  households: number
  visited: number
  letter: number
  card: number
  explained: number
  /** Concerns raised about the unit (assigned to it) and replied. */
  concerns: number
  replied: number
  /** Completed mock-survey interviews of the unit: favourable and valid answers. */
  safety: { favourable: number; sampleSize: number }
  satisfaction: { favourable: number; sampleSize: number }
  /** 整改 tasks the previous round checked (those waiting at its opening), and how many it verified. */
  tasksChecked: number
  tasksVerified: number
}

export type Rates = Record<FigureSource, number | null>

const share = (n: number, d: number): number | null => (d > 0 ? n / d : null)

/** Each figure as a rate 0–1 (the phone ledger may pass 1); null where there is nothing to divide by. */
export function ratesOf(f: UnitFigures): Rates {
  return {
    contacts: share(f.registered, f.quota),
    visited: share(f.visited, f.households),
    letter: share(f.letter, f.households),
    card: share(f.card, f.households),
    explained: share(f.explained, f.households),
    replied: share(f.replied, f.concerns),
    safety: share(f.safety.favourable, f.safety.sampleSize),
    satisfaction: share(f.satisfaction.favourable, f.satisfaction.sampleSize),
    tasksVerified: share(f.tasksVerified, f.tasksChecked)
  }
}

/**
 * The two mock-survey figures of completed interviews, by the indicator rules: 安全感率 (Q1 安全 + 比较安全)
 * and 满意率 pooled over Q11 and Q14 (满意 + 比较满意 over valid answers, 不了解 left out).
 */
export function interviewFigures(records: readonly SurveyRecord[]): Pick<UnitFigures, 'safety' | 'satisfaction'> {
  const safety = safetyRate(records)
  const q11 = satisfactionRate(records, 'Q11')
  const q14 = satisfactionRate(records, 'Q14')
  return {
    safety: { favourable: safety.favourable, sampleSize: safety.sampleSize },
    satisfaction: { favourable: q11.favourable + q14.favourable, sampleSize: q11.sampleSize + q14.sampleSize }
  }
}

export const NO_RATES: Rates = Object.fromEntries(FIGURE_SOURCES.map((s) => [s, null])) as Rates

export interface UnitScore {
  /**
   * Out of 100 over the items that apply to the unit; null until every applicable entered item is
   * scored (or when no item applies).
   */
  score: number | null
  /** Points of each item: null where it does not apply, or (entered) is not scored yet. */
  points: Record<string, number | null>
  /** The maximum of the items that apply. */
  applicable: number
}

/**
 * A unit's score. Entered items give the points the inspector entered; figures items give
 * maximum × rate (capped at 100%). An item does not apply to a unit when its `types` leave the unit's
 * kind out, or (figures) when its rate is null — a school has no phone quota, a unit with no
 * concerns no reply rate. Those items are left out and the score is scaled to 100 over the items
 * that apply: 60 of the 70 points that apply is 85.71, so units of different kinds compare fairly.
 */
export function unitScore(sheet: readonly SheetItem[], unit: { type: UnitKind; rates: Partial<Rates>; entered: Readonly<Record<string, number>> | null }): UnitScore {
  const points: Record<string, number | null> = {}
  let got = 0
  let applicable = 0
  let complete = true
  for (const item of sheet) {
    if (!itemApplies(item, unit.type)) {
      points[item.id] = null
      continue
    }
    if (item.kind === 'figures') {
      const rate = item.source ? (unit.rates[item.source] ?? null) : null
      if (rate === null) {
        points[item.id] = null
        continue
      }
      points[item.id] = round2(item.points * Math.min(1, Math.max(0, rate)))
    } else {
      const entered = unit.entered?.[item.id]
      points[item.id] = entered === undefined ? null : entered
      if (entered === undefined) complete = false
    }
    applicable += item.points
    got += points[item.id] ?? 0
  }
  const score = complete && applicable > 0 ? round2((100 * got) / applicable) : null
  return { score, points, applicable: round2(applicable) }
}

/** One item of a unit's score as the unit's cadres read it: what it earned out of its points. */
export interface ItemResult {
  id: string
  name: string
  kind: SheetItem['kind']
  /** The item's maximum. */
  points: number
  /** Earned; null for a figures item with nothing to divide by (left out of the score) or an entered one not scored yet. */
  got: number | null
  /** The inspector's note on it. */
  note: string | null
}

/**
 * A unit's items in one round, in the sheet's order, only those that apply to its kind: the detail
 * behind its score, so the unit knows where it lost points (and what to fix).
 */
export function itemResults(
  sheet: readonly SheetItem[],
  unit: { type: UnitKind; rates: Partial<Rates>; entered: Readonly<Record<string, number>> | null; notes?: Readonly<Record<string, string>> },
): ItemResult[] {
  const { points } = unitScore(sheet, unit)
  return sheet
    .filter((item) => itemApplies(item, unit.type))
    .map((item) => ({ id: item.id, name: item.name, kind: item.kind, points: item.points, got: points[item.id] ?? null, note: unit.notes?.[item.id] ?? null }))
}

/**
 * What is wrong with an inspector's entries for a unit of kind `type` (Chinese, the first problem), or
 * null: each entered item that applies exactly once, never a figures item (those are frozen), never
 * more than the item's maximum.
 */
export function entriesProblem(sheet: readonly SheetItem[], type: UnitKind, entries: readonly { id: string; points: number }[]): string | null {
  const byId = new Map(sheet.map((i) => [i.id, i]))
  const seen = new Set<string>()
  for (const e of entries) {
    const item = byId.get(e.id)
    if (!item) return `评分细则中没有“${e.id}”这一项`
    if (seen.has(e.id)) return `“${item.name}”重复评分`
    seen.add(e.id)
    if (item.kind === 'figures') return `“${item.name}”来自开启时冻结的工作数据,不能录入`
    if (!itemApplies(item, type)) return `“${item.name}”不适用于${type}`
    if (e.points > item.points) return `“${item.name}”最多${item.points}分`
  }
  const missing = sheet.filter((i) => i.kind === 'entered' && itemApplies(i, type) && !seen.has(i.id))
  if (missing.length) return `请为每个督查录入项打分,还缺:${missing.map((i) => i.name).join('、')}`
  return null
}

export interface ScoreRow {
  unit: string
  score: number | null
}

export type RankedScore<T extends ScoreRow> = T & { rank: number | null; flag: RankFlag }

/**
 * A round's ranking by score, by the same rule as the phone ledger (`rankValues`: ties share a rank,
 * top 5, bottom 3, never top at the lowest score nor bottom at the highest). Units not scored have
 * no rank and no flag and come last. Order: rank, then the order given.
 */
export function rankRound<T extends ScoreRow>(rows: readonly T[]): RankedScore<T>[] {
  const scored = rows.filter((r) => r.score !== null)
  const placed = rankValues(scored.map((r) => r.score as number))
  const ranked = scored.map((r, i) => ({ row: { ...r, rank: placed[i].rank, flag: placed[i].flag } as RankedScore<T>, order: i }))
  ranked.sort((a, b) => (a.row.rank as number) - (b.row.rank as number) || a.order - b.order)
  const unscored = rows.filter((r) => r.score === null).map((r) => ({ ...r, rank: null, flag: null }) as RankedScore<T>)
  return [...ranked.map((r) => r.row), ...unscored]
}

/** One round as the 奖惩 lists read it: every unit that was part of it (active at opening), with its flag. */
export type RoundFlags = readonly { unit: string; flag: RankFlag }[]

/**
 * 每次督查均排在前五: units flagged 'top' in every round since they were first part of one (a unit added
 * in round 2 is judged from round 2). A round it was part of but not ranked in (not scored), or a
 * later round it was not part of (retired meanwhile), counts as not top. Rounds oldest first; the
 * answer in the order of the last round.
 */
export function everyRoundTop(rounds: readonly RoundFlags[]): string[] {
  if (rounds.length === 0) return []
  const first = new Map<string, number>()
  rounds.forEach((r, i) => r.forEach(({ unit }) => first.has(unit) || first.set(unit, i)))
  const flagsOf = rounds.map((r) => new Map(r.map(({ unit, flag }) => [unit, flag])))
  return rounds[rounds.length - 1]
    .map(({ unit }) => unit)
    .filter((unit) => flagsOf.slice(first.get(unit)).every((flags) => flags.get(unit) === 'top'))
}

/** How many rounds in a row the plan's 连续三次排名后三位 needs. */
export const BOTTOM_ROUNDS_IN_A_ROW = 3

/**
 * 连续三次排名后三位: units flagged 'bottom' in three consecutive rounds they were part of (rounds it
 * was not part of are skipped; a round it was part of but not ranked in breaks the run). Once earned
 * it stays for the campaign (年底不得评先评优). In the order units were first part of a round.
 */
export function bottomThreeInARow(rounds: readonly RoundFlags[]): string[] {
  const runs = new Map<string, { run: number; hit: boolean }>()
  for (const round of rounds) {
    for (const { unit, flag } of round) {
      const s = runs.get(unit) ?? { run: 0, hit: false }
      s.run = flag === 'bottom' ? s.run + 1 : 0
      if (s.run >= BOTTOM_ROUNDS_IN_A_ROW) s.hit = true
      runs.set(unit, s)
    }
  }
  return [...runs].filter(([, s]) => s.hit).map(([unit]) => unit)
}

/** The default schedule: every 10 days from September 1 through October 31 (plan 五(三): 9月、10月,每10天). */
export function defaultSchedule(year: number): { auto: boolean; start: string; end: string; everyDays: number } {
  return { auto: true, start: `${year}-09-01`, end: `${year}-10-31`, everyDays: 10 }
}

const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000)

/** Whether a round is due on `day` (YYYY-MM-DD, a China day): start, start + every, … through end. */
export function isRoundDay(schedule: { auto: boolean; start: string; end: string; everyDays: number }, day: string): boolean {
  if (!schedule.auto || day < schedule.start || day > schedule.end) return false
  return (dayNumber(day) - dayNumber(schedule.start)) % schedule.everyDays === 0
}

/** `day` plus `days` calendar days (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * 86_400_000).toISOString().slice(0, 10)
}
