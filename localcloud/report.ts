// `npm run stats`: a town's village ranking (`-- --town 名称`, default the default town);
// `npm run stats -- --county`: the county's ranking of towns. Read from the local database (the
// server may be running or not) with the same rules the functions use.
import { existsSync } from 'fs'
import { join, resolve } from 'path'
import { countyTable, rankCounty, rankVillages, totals, type UnitRecord } from '../src/core/ranking'
import { DEFAULT_TOWN } from '../src/core/towns'
import { createLocalDatabase, type LocalDatabase } from './db'

const REPO_ROOT = join(__dirname, '..')
const FLAGS = { top: '前五', bottom: '后三' } as const

/** Width of a string in a terminal: CJK characters take two columns. */
const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0)
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)))
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`

const NOT_SET_UP = '本地数据库中还没有村(社区):请先运行 npm start 完成初始化。'

interface Row {
  name: string
  quota: number
  registered: number
  rate: number
  rank?: number
  flag?: 'top' | 'bottom' | null
}

/** Rank, name, 任务数, 已登记, 完成率, 标记; then the total. */
function table(nameHeader: string, nameWidth: number, rows: Row[], total: Row): string {
  const line = (r: Row) =>
    `${padStart(r.rank === undefined ? '' : String(r.rank), 4)}  ${padEnd(r.name, nameWidth)}${padStart(String(r.quota), 8)}${padStart(String(r.registered), 8)}${padStart(percent(r.rate), 9)}${r.rank === undefined ? '' : `  ${r.flag ? FLAGS[r.flag] : ''}`}`
  return [`${padStart('排名', 4)}  ${padEnd(nameHeader, nameWidth)}${padStart('任务数', 8)}${padStart('已登记', 8)}${padStart('完成率', 9)}  标记`, ...rows.map(line), line(total)].join('\n')
}

function withDatabase(dataDir: string, read: (db: LocalDatabase) => string): string {
  const db = createLocalDatabase({ dataDir })
  try {
    return read(db)
  } finally {
    db.close()
  }
}

const all = (db: LocalDatabase, collection: string, filter: object = {}) => (db.hasCollection(collection) ? db.find(collection, { filter: filter as never }) : [])
const registeredById = (counters: Record<string, unknown>[]) => new Map(counters.map((c) => [String(c._id), Number(c.registered)]))
const asUnits = (docs: Record<string, unknown>[]) => docs as unknown as UnitRecord[]

/** One town's villages ranked (its active villages, as stats.villages gives them). */
export function villageReport(dataDir: string, town: string = DEFAULT_TOWN): string {
  return withDatabase(dataDir, (db) => {
    const units = all(db, 'villages', { town })
    if (!units.length) return all(db, 'villages').length ? `没有“${town}”这个乡镇(街道),或它还没有村(社区)。` : NOT_SET_UP
    const [{ villages }] = countyTable([town], asUnits(units), registeredById(all(db, 'village_counters', { town })))
    const total = totals(villages)
    return [`${town}`, table('村(社区)', 10, rankVillages(villages).map((r) => ({ ...r, name: r.village })), { name: '合计', ...total })].join('\n')
  })
}

/** The county's towns ranked by phone-ledger completion, as towns.ranking gives them. */
export function countyReport(dataDir: string): string {
  return withDatabase(dataDir, (db) => {
    const towns = all(db, 'towns').sort((a, b) => Number(a.order) - Number(b.order))
    if (!towns.length) return NOT_SET_UP
    const ranked = rankCounty(countyTable(towns.map((t) => String(t.name)), asUnits(all(db, 'villages')), registeredById(all(db, 'village_counters'))))
    return [`${towns.length}个乡镇(街道)`, table('乡镇(街道)', 14, ranked.rows.map((r) => ({ ...r, name: r.town })), { name: '全县合计', ...ranked.total })].join('\n')
  })
}

if (require.main === module) {
  const args = process.argv.slice(2)
  const dataDir = resolve(REPO_ROOT, process.env.DATA_DIR ?? '.local-cloud')
  if (!existsSync(dataDir)) {
    console.error(`没有找到本地数据目录 ${dataDir}:请先运行 npm start。`)
    process.exit(1)
  }
  const townAt = args.indexOf('--town')
  console.log(args.includes('--county') ? countyReport(dataDir) : villageReport(dataDir, townAt >= 0 ? args[townAt + 1] : DEFAULT_TOWN))
}
