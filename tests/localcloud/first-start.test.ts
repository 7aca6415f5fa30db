import { existsSync, mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { VILLAGES } from '../../src/core/villages'
import { startTestCloud } from '../support/local-cloud'

const dataDir = mkdtempSync(join(tmpdir(), 'pingan-first-start-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

it('first start creates the collections and the 23 villages; a restart keeps every document', async () => {
  const first = await startTestCloud({ dataDir, demoCadre: true })
  try {
    expect(existsSync(join(dataDir, 'clouddb.sqlite'))).toBe(true)
    expect(first.service.db.listCollections()).toEqual(expect.arrayContaining(['users', 'invites', 'audit_log', 'villages', 'survey_responses', 'contacts', 'village_counters']))
    expect(first.service.db.find('villages', { order: { order: 1 } }).map((v) => [v._id, v.quota])).toEqual(VILLAGES.map((v) => [v.name, v.quota]))
    expect((await first.call('user', { action: 'whoami' }, 'local-cadre')).data).toEqual({ openid: 'local-cadre', role: 'cadre', village: '云集', name: '本地演示干部' })
    expect((await first.call('stats', { action: 'setQuota', village: '云集', quota: 400 }, 'local-admin')).ok).toBe(true)
  } finally {
    await first.close()
  }
  const invites = () => second.count('invites')
  const second = await startTestCloud({ dataDir, demoCadre: true })
  try {
    // Same villages, the edited quota kept, the demo cadre not made twice.
    expect(second.count('villages')).toBe(23)
    expect(second.service.db.get('villages', '云集')).toMatchObject({ quota: 400 })
    expect(invites()).toBe(1)
    expect((await second.call('user', { action: 'whoami' }, 'local-cadre')).data.role).toBe('cadre')
  } finally {
    await second.close()
  }
})
