import { existsSync, mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { SEED_INSPECTION_UNITS } from '../../src/core/inspections'
import { DEFAULT_TOWN, seedContent, unitKey } from '../../src/core/towns'
import { VILLAGES } from '../../src/core/villages'
import { startTestCloud } from '../support/local-cloud'

const dataDir = mkdtempSync(join(tmpdir(), 'pingan-first-start-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

it('first start creates the collections, the default town, its 23 villages and the plan’s four other units; a restart keeps every document', async () => {
  const first = await startTestCloud({ dataDir, demoCadre: true })
  try {
    expect(existsSync(join(dataDir, 'clouddb.sqlite'))).toBe(true)
    expect(first.service.db.listCollections()).toEqual(
      expect.arrayContaining(['users', 'invites', 'audit_log', 'towns', 'town_stats', 'villages', 'survey_responses', 'contacts', 'village_counters'])
    )
    expect(first.service.db.get('towns', DEFAULT_TOWN)).toMatchObject({ name: DEFAULT_TOWN, order: 0, ...seedContent() })
    expect(first.service.db.find('villages', { order: { order: 1 } }).map((v) => [v._id, v.town, v.name, v.quota, v.type, v.active])).toEqual(
      [
        ...VILLAGES.map((v) => [unitKey(DEFAULT_TOWN, v.name), DEFAULT_TOWN, v.name, v.quota, '村/社区', true]),
        ...SEED_INSPECTION_UNITS.map((u) => [unitKey(DEFAULT_TOWN, u.name), DEFAULT_TOWN, u.name, 0, u.type, true])
      ]
    )
    expect((await first.call('user', { action: 'whoami' }, 'local-cadre')).data).toEqual({ openid: 'local-cadre', role: 'cadre', town: DEFAULT_TOWN, village: '云集', name: '本地演示干部' })
    expect((await first.call('towns', { action: 'saveUnit', name: '云集', quota: 400 }, 'local-admin')).ok).toBe(true)
    expect((await first.call('towns', { action: 'saveContent', slogans: ['平安你我他'] }, 'local-admin')).ok).toBe(true)
  } finally {
    await first.close()
  }
  const invites = () => second.count('invites')
  const second = await startTestCloud({ dataDir, demoCadre: true })
  try {
    // Same town and villages, the edited quota and slogans kept, the demo cadre not made twice.
    expect(second.count('towns')).toBe(1)
    expect(second.count('villages')).toBe(27)
    expect(second.service.db.get('villages', unitKey(DEFAULT_TOWN, '云集'))).toMatchObject({ quota: 400 })
    expect(second.service.db.get('towns', DEFAULT_TOWN)).toMatchObject({ slogans: ['平安你我他'] })
    expect(invites()).toBe(1)
    expect((await second.call('user', { action: 'whoami' }, 'local-cadre')).data.role).toBe('cadre')
    // setup.init again by hand: nothing to create.
    expect((await second.call('setup', { action: 'init' }, 'local-admin')).data).toMatchObject({ townsCreated: 0, villagesCreated: 0 })
  } finally {
    await second.close()
  }
})
