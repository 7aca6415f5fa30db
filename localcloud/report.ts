// `npm run stats`: the village ranking, read from the local database (the server may be running or not).
import { existsSync } from 'fs'
import { join, resolve } from 'path'
import { rankVillages, totals, type VillageFigures } from '../src/core/ranking'
import { createLocalDatabase } from './db'

const REPO_ROOT = join(__dirname, '..')
const FLAGS = { top: '前五', bottom: '后三' } as const

/** Width of a string in a terminal: CJK characters take two columns. */
const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0)
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)))
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`

export function villageReport(dataDir: string): string {
  const db = createLocalDatabase({ dataDir })
  try {
    const villages = db.hasCollection('villages') ? db.find('villages', { order: { order: 1 } }) : []
    if (!villages.length) return '本地数据库中还没有村(社区):请先运行 npm start 完成初始化。'
    const counters = db.hasCollection('village_counters') ? db.find('village_counters', {}) : []
    const registered = new Map(counters.map((c) => [c._id as string, Number(c.registered)]))
    const figures: VillageFigures[] = villages.map((v) => ({ village: String(v.name), quota: Number(v.quota), registered: registered.get(String(v._id)) ?? 0 }))
    const rows = rankVillages(figures)
    const total = totals(figures)
    const lines = [
      `${padStart('排名', 4)}  ${padEnd('村(社区)', 10)}${padStart('任务数', 8)}${padStart('已登记', 8)}${padStart('完成率', 9)}  标记`,
      ...rows.map(
        (r) =>
          `${padStart(String(r.rank), 4)}  ${padEnd(r.village, 10)}${padStart(String(r.quota), 8)}${padStart(String(r.registered), 8)}${padStart(percent(r.rate), 9)}  ${r.flag ? FLAGS[r.flag] : ''}`
      ),
      `${padStart('', 4)}  ${padEnd('合计', 10)}${padStart(String(total.quota), 8)}${padStart(String(total.registered), 8)}${padStart(percent(total.rate), 9)}`
    ]
    return lines.join('\n')
  } finally {
    db.close()
  }
}

if (require.main === module) {
  const dataDir = resolve(REPO_ROOT, process.env.DATA_DIR ?? '.local-cloud')
  if (!existsSync(dataDir)) {
    console.error(`没有找到本地数据目录 ${dataDir}:请先运行 npm start。`)
    process.exit(1)
  }
  console.log(villageReport(dataDir))
}
