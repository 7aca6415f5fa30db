/**
 * An import that does not finish: the function worker killed midway (the whole local cloud closed,
 * as kill -9 would), or a database failure midway. The consent's audit entry exists whenever any
 * imported household does; the upload is deleted on every path a function survives, and what a
 * killed one left behind goes with the daily sweep or the purge.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { PURGE_CONFIRMATION } from '../../src/core/contract'
import { bigSheet, contactSheet, makeCadre, mobile, uploadAs, uploadTo } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const A1 = 'cadre-yunji-crash'
const ROWS = 3000

const dataDir = mkdtempSync(join(tmpdir(), 'pingan-crash-'))
let cloud: TestCloud

afterAll(async () => {
  await cloud?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const importEntries = () => cloud.service.db.find('audit_log', { filter: { action: 'contacts.importXlsx' } })
const registry = () => cloud.service.db.find('stored_files')
const dayAgo = () => new Date(Date.now() - 24 * 3600_000 - 60_000)
const ageRegistry = () => cloud.service.db.modify('stored_files', { filter: {}, update: { $set: { at: dayAgo() } }, multi: true, merge: true, upsert: false }, Date.now())
const sweepByTimer = () => cloud.gateway.runner.invoke({ name: 'contacts', event: { Type: 'Timer', TriggerName: 'dailyUploadSweep' }, openid: '', source: 'wx_trigger' }) as Promise<any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every file under a storage folder, at any depth. */
function filesUnder(dir: string): string[] {
  const root = join(dataDir, 'storage', dir)
  const out: string[] = []
  const walk = (d: string) => {
    let names: string[] = []
    try {
      names = readdirSync(d)
    } catch {
      return
    }
    for (const n of names) (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : out.push(join(d, n)))
  }
  walk(root)
  return out
}

/**
 * Polls the database while an import runs, checking the rule at every look: contacts are read first,
 * then the audit log, so an entry written before the first household is always seen.
 */
async function watchUntil(households: number, village: string): Promise<{ looks: number; violations: number }> {
  let looks = 0
  let violations = 0
  for (const started = Date.now(); Date.now() - started < 60_000; ) {
    const stored = cloud.count('contacts', { village })
    const entries = cloud.count('audit_log', { action: 'contacts.importXlsx', actor: A1, 'detail.consentConfirmed': true })
    looks++
    if (stored > 0 && entries === 0) violations++
    if (stored >= households) return { looks, violations }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('the import never got going')
}

it('killed at ~row 120: the households it stored have their consent entry; the upload waits for the sweep or the purge', async () => {
  cloud = await startTestCloud({ dataDir })
  await makeCadre(cloud, A1, '云集', '张三')
  const fileID = await uploadAs(cloud, A1, bigSheet(ROWS, { block: 71 }))

  void cloud.call('contacts', { action: 'importXlsx', consent: true, fileID }, A1).catch(() => undefined)
  const watched = await watchUntil(120, '云集')
  expect(watched.violations).toBe(0)
  // Everything stops at once, workers and database: a kill -9 midway.
  await cloud.close()

  cloud = await startTestCloud({ dataDir })
  const stored = cloud.count('contacts', { village: '云集' })
  expect(stored).toBeGreaterThanOrEqual(120)
  expect(stored).toBeLessThan(ROWS)
  expect(importEntries()).toEqual([
    expect.objectContaining({ actor: A1, target: fileID, detail: { villages: ['云集'], rows: ROWS, consentConfirmed: true, status: 'started' } })
  ])

  // The upload outlived the killed function; it is on the registry, so the sweep and the purge find it.
  expect(cloud.service.storage.has(fileID)).toBe(true)
  expect(registry().map((f) => f.fileID)).toEqual([fileID])
  // Younger than a day: the sweep leaves it (an import may be running).
  expect(await sweepByTimer()).toEqual({ ok: true, data: { filesDeleted: 0 } })
  expect(cloud.service.storage.has(fileID)).toBe(true)
  // A day and a minute later.
  ageRegistry()
  expect(await sweepByTimer()).toEqual({ ok: true, data: { filesDeleted: 1 } })
  expect(cloud.service.storage.has(fileID)).toBe(false)
  expect(registry()).toEqual([])
  expect(cloud.count('audit_log', { action: 'contacts.sweepUploads', actor: 'timer', 'detail.filesDeleted': 1 })).toBe(1)
}, 120_000)

it('a database failure midway: INTERNAL, the entry says failed with what was stored, the upload is gone', async () => {
  const fileID = await uploadAs(cloud, A1, bigSheet(ROWS, { block: 72 }))
  const before = cloud.count('contacts')
  const running = cloud.call('contacts', { action: 'importXlsx', consent: true, fileID }, A1)
  for (let i = 0; i < 6000 && cloud.count('contacts') < before + 40; i++) await new Promise((resolve) => setTimeout(resolve, 5))
  // The collection disappears under the import: every later batch fails for a real database reason.
  const survivors = cloud.service.db.find('contacts')
  cloud.service.db.dropCollection('contacts')
  expect(await running).toMatchObject({ ok: false, code: 'INTERNAL' })
  cloud.service.db.ensureCollection('contacts')
  cloud.service.db.insert('contacts', survivors)

  const detail = importEntries().find((e) => e.target === fileID)!.detail as { imported: number }
  expect(detail).toMatchObject({ consentConfirmed: true, status: 'failed', rows: ROWS })
  expect(detail.imported).toBeGreaterThanOrEqual(40)
  expect(detail.imported).toBeLessThan(ROWS)
  expect(cloud.service.storage.has(fileID)).toBe(false)
  expect(registry()).toEqual([])
}, 120_000)

it('purge empties both folders: the exports, and an upload a killed import left behind', async () => {
  const fileID = await uploadAs(cloud, A1, bigSheet(ROWS, { block: 73 }))
  void cloud.call('contacts', { action: 'importXlsx', consent: true, fileID }, A1).catch(() => undefined)
  await watchUntil(cloud.count('contacts', { village: '云集' }) + 20, '云集')
  await cloud.close()
  cloud = await startTestCloud({ dataDir })
  expect(cloud.service.storage.has(fileID)).toBe(true)
  expect((await cloud.call('contacts', { action: 'exportXlsx' }, A1)).ok).toBe(true)
  expect(filesUnder('contact-exports')).toHaveLength(1)
  expect(filesUnder('contact-imports')).toHaveLength(1)

  const res = await cloud.call('contacts', { action: 'purge', confirm: PURGE_CONFIRMATION }, 'local-admin')
  expect(res).toMatchObject({ ok: true, data: { filesDeleted: 2 } })
  expect(filesUnder('contact-exports')).toEqual([])
  expect(filesUnder('contact-imports')).toEqual([])
  expect(registry()).toEqual([])
}, 120_000)

describe('an upload the app never handed to importXlsx (it died between the upload and the import)', () => {
  /** What the app does before importing: asks prepareImport for a path, then uploads there. */
  async function uploadUnimported(block: number): Promise<string> {
    const prepared = await cloud.call('contacts', { action: 'prepareImport' }, A1)
    expect(prepared).toMatchObject({ ok: true, data: { cloudPath: expect.stringMatching(new RegExp(`^contact-imports/${A1}/[0-9a-f]{24}\\.xlsx$`)) } })
    const cloudPath = (prepared as { data: { cloudPath: string } }).data.cloudPath
    // On the registry before any byte is uploaded.
    expect(registry()).toEqual([expect.objectContaining({ path: cloudPath, folder: 'contact-imports' })])
    return uploadTo(cloud, cloudPath, await contactSheet({ rows: [[1, '', '许褚', mobile(74, block)]] }))
  }

  it('only a cadre or an admin is given a path', async () => {
    expect(await cloud.call('contacts', { action: 'prepareImport' }, 'resident-crash')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(registry()).toEqual([])
  })

  it('the daily sweep deletes it a day later', async () => {
    const fileID = await uploadUnimported(1)
    expect(await sweepByTimer()).toEqual({ ok: true, data: { filesDeleted: 0 } })
    expect(cloud.service.storage.has(fileID)).toBe(true)
    ageRegistry()
    expect(await sweepByTimer()).toEqual({ ok: true, data: { filesDeleted: 1 } })
    expect(cloud.service.storage.has(fileID)).toBe(false)
    expect(registry()).toEqual([])
  })

  it('the purge deletes it', async () => {
    const fileID = await uploadUnimported(2)
    expect(await cloud.call('contacts', { action: 'purge', confirm: PURGE_CONFIRMATION }, 'local-admin')).toMatchObject({ ok: true, data: { filesDeleted: 1 } })
    expect(cloud.service.storage.has(fileID)).toBe(false)
    expect(filesUnder('contact-imports')).toEqual([])
    expect(registry()).toEqual([])
  })

  it('imported after all: one registry entry for the path and the fileID, gone with the import', async () => {
    const fileID = await uploadUnimported(3)
    expect(await cloud.call('contacts', { action: 'importXlsx', consent: true, fileID }, A1)).toMatchObject({ ok: true, data: { imported: 1 } })
    expect(cloud.service.storage.has(fileID)).toBe(false)
    expect(registry()).toEqual([])
  })
})
