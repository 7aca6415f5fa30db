/**
 * Inspection photos no score took are swept; the ones a score shows stay. Through the real functions
 * on the local cloud: an inspector (here the county admin) asks for two upload paths, uploads to both,
 * saves a score with one photo; a day later the daily sweep deletes the other, keeps the one shown.
 */
import { DEFAULT_SHEET } from '../../src/core/inspections'
import { uploadTo } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
const VILLAGE = '新城'

let cloud: TestCloud
const must = async (fn: string, event: object, openid = ADMIN) => {
  const res = await cloud.call(fn, event, openid)
  if (!res.ok) throw new Error(`${fn}.${(event as { action: string }).action}: ${JSON.stringify(res)}`)
  return res.data
}
const entries = () => DEFAULT_SHEET.filter((i) => i.kind === 'entered').map((i) => ({ id: i.id, points: i.points }))
const registry = () => cloud.service.db.find('stored_files') as { fileID: string; kept?: boolean }[]
const dayAgo = () => new Date(Date.now() - 24 * 3600_000 - 60_000)
const ageRegistry = () => cloud.service.db.modify('stored_files', { filter: {}, update: { $set: { at: dayAgo() } }, multi: true, merge: true, upsert: false }, Date.now())
const sweepByTimer = () =>
  cloud.gateway.runner.invoke({ name: 'contacts', event: { Type: 'Timer', TriggerName: 'dailyUploadSweep' }, openid: '', source: 'wx_trigger' }) as Promise<{ ok: boolean; data: { filesDeleted: number } }>
const photo = async (): Promise<string> => uploadTo(cloud, (await must('inspections', { action: 'preparePhoto' })).cloudPath, Buffer.from('jpeg bytes'))

beforeAll(async () => {
  cloud = await startTestCloud()
}, 60_000)
afterAll(async () => {
  await cloud.close()
})

it('a photo a score shows is kept; one uploaded and never saved with a score is swept a day later', async () => {
  const { round } = await must('inspections', { action: 'openRound' })
  const [shown, dropped] = [await photo(), await photo()]
  const items = entries().map((item, i) => (i === 0 ? { ...item, photos: [shown] } : item))
  await must('inspections', { action: 'score', round, unit: VILLAGE, items })
  expect(registry().map((f) => [f.fileID, f.kept === true]).sort()).toEqual([[shown, true], [dropped, false]].sort())

  // Younger than a day: nothing goes (the inspector may still be saving the score).
  expect(await sweepByTimer()).toEqual({ ok: true, data: { filesDeleted: 0 } })
  ageRegistry()
  expect(await sweepByTimer()).toEqual({ ok: true, data: { filesDeleted: 1 } })
  expect(cloud.service.storage.has(dropped)).toBe(false)
  expect(cloud.service.storage.has(shown)).toBe(true)
  expect(registry().map((f) => f.fileID)).toEqual([shown])
  expect(cloud.count('audit_log', { action: 'contacts.sweepUploads', actor: 'timer', 'detail.filesDeleted': 1 })).toBe(1)

  // The score still names the photo it shows.
  const score = cloud.service.db.find('inspection_scores').find((d) => (d as { village: string }).village === VILLAGE) as { photos: Record<string, string[]> }
  expect(score.photos).toEqual({ [items[0].id]: [shown] })
}, 60_000)
