import { villageReport } from '../../localcloud/report'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud()
})
afterAll(async () => {
  await cloud.close()
})

it('npm run stats prints the ranking from the local database, totals against 6440', async () => {
  cloud.service.db.ensureCollection('village_counters')
  cloud.service.db.insert('village_counters', [
    { _id: '渡口', village: '渡口', registered: 150 },
    { _id: '云集', village: '云集', registered: 35 }
  ])
  const lines = villageReport(cloud.dataDir).split('\n')
  expect(lines).toHaveLength(1 + 23 + 1)
  expect(lines[1]).toMatch(/^\s+1\s+渡口\s+200\s+150\s+75\.0%\s+前五$/)
  expect(lines[2]).toMatch(/^\s+2\s+云集\s+350\s+35\s+10\.0%\s+前五$/)
  expect(lines[3]).toMatch(/^\s+3\s+新城\s+300\s+0\s+0\.0%\s+后三$/)
  expect(lines[24]).toMatch(/合计\s+6440\s+185\s+2\.9%$/)
})
