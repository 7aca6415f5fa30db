import { countyReport, villageReport } from '../../localcloud/report'
import { DEFAULT_TOWN, unitKey } from '../../src/core/towns'
import { startTestCloud, type TestCloud } from '../support/local-cloud'
import { seedTown, setVillageCounter } from '../support/towns-seed'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud()
})
afterAll(async () => {
  await cloud.close()
})

it('npm run stats prints the default town\'s ranking from the local database, totals against 6440', async () => {
  cloud.service.db.insert('village_counters', [
    { _id: unitKey(DEFAULT_TOWN, '渡口'), town: DEFAULT_TOWN, village: '渡口', registered: 150 },
    { _id: unitKey(DEFAULT_TOWN, '云集'), town: DEFAULT_TOWN, village: '云集', registered: 35 }
  ])
  const lines = villageReport(cloud.dataDir).split('\n')
  expect(lines).toHaveLength(2 + 23 + 1)
  expect(lines[0]).toBe(DEFAULT_TOWN)
  expect(lines[2]).toMatch(/^\s+1\s+渡口\s+200\s+150\s+75\.0%\s+前五$/)
  expect(lines[3]).toMatch(/^\s+2\s+云集\s+350\s+35\s+10\.0%\s+前五$/)
  expect(lines[4]).toMatch(/^\s+3\s+新城\s+300\s+0\s+0\.0%\s+后三$/)
  expect(lines[25]).toMatch(/合计\s+6440\s+185\s+2\.9%$/)
})

it('npm run stats -- --town names another town: its own villages, even one named like the default town\'s', () => {
  const db = cloud.service.db
  seedTown(db, '花桥镇', 1, [
    { name: '新城', quota: 100 },
    { name: '花桥', quota: 300 },
    { name: '旧村', quota: 50, active: false }
  ])
  setVillageCounter(db, '花桥镇', '新城', 90)
  setVillageCounter(db, '花桥镇', '花桥', 60)
  setVillageCounter(db, '花桥镇', '旧村', 500)
  const lines = villageReport(cloud.dataDir, '花桥镇').split('\n')
  expect(lines).toHaveLength(2 + 2 + 1)
  expect(lines[2]).toMatch(/^\s+1\s+新城\s+100\s+90\s+90\.0%\s+前五$/)
  expect(lines[3]).toMatch(/^\s+2\s+花桥\s+300\s+60\s+20\.0%\s+后三$/)
  expect(lines[4]).toMatch(/合计\s+400\s+150\s+37\.5%$/)
  expect(villageReport(cloud.dataDir, '火星镇')).toBe('没有“火星镇”这个乡镇(街道),或它还没有村(社区)。')
})

it('npm run stats -- --county prints the towns ranked by completion, with the county total', () => {
  const db = cloud.service.db
  seedTown(db, '三塘镇', 2, [{ name: '三塘', quota: 1000 }])
  seedTown(db, '空白乡', 3, [])
  setVillageCounter(db, '三塘镇', '三塘', 375)
  const lines = countyReport(cloud.dataDir).split('\n')
  expect(lines).toEqual([
    '4个乡镇(街道)',
    expect.stringMatching(/^排名\s+乡镇\(街道\)\s+任务数\s+已登记\s+完成率\s+标记$/),
    // A tie shares the rank; the older town comes first.
    expect.stringMatching(/^\s+1\s+花桥镇\s+400\s+150\s+37\.5%\s+前五$/),
    expect.stringMatching(/^\s+1\s+三塘镇\s+1000\s+375\s+37\.5%\s+前五$/),
    expect.stringMatching(/^\s+3\s+云集街道\s+6440\s+185\s+2\.9%\s+前五$/),
    expect.stringMatching(/^\s+4\s+空白乡\s+0\s+0\s+0\.0%\s+后三$/),
    expect.stringMatching(/^\s+全县合计\s+7840\s+710\s+9\.1%$/)
  ])
})
