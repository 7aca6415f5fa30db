/**
 * Who holds a household (包户) follows the cadre's CURRENT binding: a revoked or moved cadre loses
 * their old village's households, which stay with the village unassigned until an admin or a cadre
 * of that village takes them (contacts.reassign); cadre_counters count what a cadre holds now.
 */
import { contactsContract, REASSIGN_MAX } from '../../src/core/contract'
import { DEFAULT_TOWN, unitKey } from '../../src/core/towns'
import { chinaDay } from '../../server/lib/china-day'
import { contactSheet, makeCadre, mobile, uploadAs } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
const A = 'own-a' // 云集, then revoked, then 新塘站
const C = 'own-c' // 云集
const D = 'own-d' // 云集, then moved to 古塘
const X = 'own-x' // 新塘站

let cloud: TestCloud

const user = (event: object, openid: string) => cloud.call('user', event, openid)
const contacts = (event: object, openid: string) => cloud.call('contacts', event, openid)
const stats = (event: object, openid: string) => cloud.call('stats', event, openid)

/** cadre_counters against a recount of what each cadre holds in the village they are bound to now. */
function cadreDrift(): string[] {
  const drift: string[] = []
  for (const c of cloud.service.db.find('cadre_counters')) {
    const user = cloud.service.db.get('users', c._id as string)
    const active = user && !user.revokedAt
    const held = active ? cloud.count('contacts', { owner: c._id, town: user.town, village: user.village }) : 0
    if (held !== c.registered) drift.push(`cadre ${String(c._id)}: counter ${String(c.registered)}, holds ${held}`)
    if (active && (c.village !== user.village || c.town !== user.town)) drift.push(`cadre ${String(c._id)}: counter in ${String(c.village)}, bound to ${String(user.village)}`)
    if (!active && c.village) drift.push(`revoked ${String(c._id)}: counter still in ${String(c.village)}`)
  }
  for (const v of cloud.service.db.find('village_counters')) {
    const n = cloud.count('contacts', { town: v.town, village: v.village })
    if (n !== v.registered) drift.push(`village ${String(v._id)}: counter ${String(v.registered)}, contacts ${n}`)
  }
  return drift
}

async function register(openid: string, phone: string, name: string, extra: object = {}): Promise<string> {
  const res = await contacts({ action: 'register', name, phone, consent: true, ...extra }, openid)
  expect(res.ok).toBe(true)
  return res.data.id
}

const cadreRows = async (village: string) => (await stats({ action: 'cadres', village }, ADMIN)).data.rows as { openid: string; registered: number }[]

beforeAll(async () => {
  cloud = await startTestCloud()
  await makeCadre(cloud, A, '云集', '张三')
  await makeCadre(cloud, C, '云集', '李四')
  await makeCadre(cloud, D, '云集', '赵六')
  await makeCadre(cloud, X, '新塘站', '王五')
}, 60_000)
afterAll(async () => {
  await cloud.close()
})
afterEach(() => {
  expect(cadreDrift()).toEqual([])
})

describe('a revoked cadre who joins another village', () => {
  const phones = [0, 1, 2].map((i) => mobile(60, i))
  let ids: string[] = []

  it('loses every power over the first village, and is counted only in the new one', async () => {
    ids = []
    for (const [i, p] of phones.entries()) ids.push(await register(A, p, `居民${i}`))
    expect((await cadreRows('云集')).find((r) => r.openid === A)?.registered).toBe(3)

    expect((await user({ action: 'revokeCadre', openid: A }, ADMIN)).ok).toBe(true)
    expect((await cadreRows('云集')).find((r) => r.openid === A)).toBeUndefined()
    // The households stay with the village, held by nobody, their 包户责任人 name kept as history.
    for (const id of ids) expect(cloud.service.db.get('contacts', id)).toMatchObject({ village: '云集', owner: null, responsible: '张三', createdBy: A })

    const invite = await user({ action: 'createInvite', village: '新塘站' }, ADMIN)
    expect((await user({ action: 'redeemInvite', code: invite.data.code, name: '张三' }, A)).data.village).toBe('新塘站')

    for (const id of ids) {
      expect(await contacts({ action: 'reveal', id }, A)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await contacts({ action: 'update', id, note: '改了' }, A)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await contacts({ action: 'remove', id }, A)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    expect(await contacts({ action: 'list', village: '云集' }, A)).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    // Counted where they are now, from zero.
    expect((await stats({ action: 'myVillage' }, A)).data).toMatchObject({ village: '新塘站', mine: 0 })
    await register(A, mobile(60, 10), '新塘站居民')
    expect((await stats({ action: 'myVillage' }, A)).data).toMatchObject({ village: '新塘站', mine: 1, registered: 1 })
    expect((await cadreRows('新塘站')).find((r) => r.openid === A)?.registered).toBe(1)
    expect((await cadreRows('云集')).find((r) => r.openid === A)).toBeUndefined()
  })

  it('coming back to the same village does not give the old households back', async () => {
    const again = await user({ action: 'createInvite', village: '云集' }, ADMIN)
    expect((await user({ action: 'revokeCadre', openid: A }, ADMIN)).ok).toBe(true)
    expect((await user({ action: 'redeemInvite', code: again.data.code, name: '张三' }, A)).data.village).toBe('云集')
    expect(await contacts({ action: 'reveal', id: ids[0] }, A)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await stats({ action: 'myVillage' }, A)).data).toMatchObject({ village: '云集', mine: 0 })
    // The 新塘站 household stays in 新塘站, unassigned.
    expect(cloud.count('contacts', { village: '新塘站', owner: A })).toBe(0)
  })

  it('a cadre of the village takes unassigned households; an admin hands them to another; counters follow', async () => {
    const list = await contacts({ action: 'list', village: '云集', pageSize: 100 }, C)
    expect(list.data.contacts.filter((c: { id: string; mine: boolean }) => ids.includes(c.id)).map((c: { mine: boolean }) => c.mine)).toEqual([false, false, false])

    const taken = await contacts({ action: 'reassign', ids, to: C }, C)
    expect(taken).toEqual({ ok: true, data: { reassigned: 3, to: C, responsible: '李四' } })
    expect(cloud.service.db.get('contacts', ids[0])).toMatchObject({ owner: C, responsible: '李四', createdBy: A })
    expect((await contacts({ action: 'reveal', id: ids[0] }, C)).data.phone).toBe(phones[0])
    expect((await stats({ action: 'myVillage' }, C)).data.mine).toBe(3)

    // A cadre may not take what another cadre holds, nor give households away to someone else.
    const audits = cloud.count('audit_log')
    expect(await contacts({ action: 'reassign', ids: [ids[0]], to: D }, D)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await contacts({ action: 'reassign', ids: [ids[0]], to: D }, C)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // Only to an active cadre of the household's village.
    expect(await contacts({ action: 'reassign', ids: [ids[0]], to: X }, ADMIN)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await contacts({ action: 'reassign', ids: [ids[0]], to: 'nobody' }, ADMIN)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await contacts({ action: 'reassign', ids: [ids[0], 'f'.repeat(32)], to: D }, ADMIN)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(cloud.count('audit_log')).toBe(audits)
    expect(cloud.service.db.get('contacts', ids[0])).toMatchObject({ owner: C })

    const handed = await contacts({ action: 'reassign', ids: [ids[0], ids[1]], to: D }, ADMIN)
    expect(handed.data).toEqual({ reassigned: 2, to: D, responsible: '赵六' })
    expect(await contacts({ action: 'reveal', id: ids[0] }, C)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await contacts({ action: 'reveal', id: ids[0] }, D)).ok).toBe(true)
    const rows = await cadreRows('云集')
    expect(rows.find((r) => r.openid === C)?.registered).toBe(1)
    expect(rows.find((r) => r.openid === D)?.registered).toBe(2)
    expect(cloud.count('audit_log', { action: 'contacts.reassign' })).toBe(2)
  })

  it('an admin moves a cadre to another village: the households stay, unassigned', async () => {
    const moved = await user({ action: 'moveCadre', openid: D, village: '古塘' }, ADMIN)
    expect(moved).toEqual({ ok: true, data: { openid: D, village: '古塘', released: 2 } })
    expect((await user({ action: 'whoami' }, D)).data).toMatchObject({ role: 'cadre', village: '古塘' })
    expect(await contacts({ action: 'reveal', id: ids[0] }, D)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(cloud.service.db.get('contacts', ids[0])).toMatchObject({ village: '云集', owner: null })
    expect((await stats({ action: 'myVillage' }, D)).data).toMatchObject({ village: '古塘', mine: 0 })
    expect((await cadreRows('云集')).find((r) => r.openid === D)).toBeUndefined()
    expect((await cadreRows('古塘')).find((r) => r.openid === D)?.registered).toBe(0)
    expect(await user({ action: 'moveCadre', openid: D, village: '古塘' }, ADMIN)).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await user({ action: 'moveCadre', openid: D, village: '云集' }, C)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(cloud.count('audit_log', { action: 'user.moveCadre', target: D })).toBe(1)
  })

  it('a household an admin moves to another village is no longer held by its cadre there', async () => {
    const id = await register(C, mobile(60, 20), '搬家户')
    const moved = await contacts({ action: 'update', id, village: '新塘站' }, ADMIN)
    expect(moved.ok).toBe(true)
    expect(cloud.service.db.get('contacts', moved.data.id)).toMatchObject({ village: '新塘站', owner: null })
    expect(await contacts({ action: 'reveal', id: moved.data.id }, C)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('a revocation of more than 1,000 households', () => {
  it('releases them all, page by page, and counters equal a recount', async () => {
    const E = 'own-e'
    await makeCadre(cloud, E, '杨柳', '钱七')
    const rows = Array.from({ length: 1100 }, (_, i) => [i + 1, '', `杨柳居民${i}`, mobile(61, i), '', '', ''])
    const res = await contacts({ action: 'importXlsx', consent: true, fileID: await uploadAs(cloud, E, await contactSheet({ rows })) }, E)
    expect(res.data.imported).toBe(1100)
    expect((await stats({ action: 'myVillage' }, E)).data.mine).toBe(1100)

    expect(await user({ action: 'revokeCadre', openid: E }, ADMIN)).toEqual({ ok: true, data: { openid: E, released: 1100 } })
    expect(cloud.count('contacts', { owner: E })).toBe(0)
    expect(cloud.count('contacts', { village: '杨柳', owner: null })).toBe(1100)
  }, 120_000)
})

describe('households stored before holders existed', () => {
  it('setup gives each its holder once: the cadre who registered it if still bound there, else nobody', async () => {
    const db = cloud.service.db
    const base = { town: DEFAULT_TOWN, phoneMasked: '139****0000', phoneDigits: '', phoneLast4: '0000', responsible: '李四', createdAt: new Date(), source: 'form' }
    db.insert('contacts', [
      { _id: 'a'.repeat(32), ...base, village: '云集', name: '旧户甲', phone: mobile(62, 0), createdBy: C, createdByRole: 'cadre' },
      { _id: 'b'.repeat(32), ...base, village: '云集', name: '旧户乙', phone: mobile(62, 1), createdBy: D, createdByRole: 'cadre' },
      { _id: 'c'.repeat(32), ...base, village: '云集', name: '旧户丙', phone: mobile(62, 2), createdBy: ADMIN, createdByRole: 'admin' }
    ])
    db.modify('village_counters', { filter: { _id: unitKey(DEFAULT_TOWN, '云集') }, update: { $inc: { registered: 3 } }, multi: false, merge: true, upsert: false }, Date.now())
    for (let run = 0; run < 2; run++) expect((await cloud.call('setup', { action: 'init' }, ADMIN)).ok).toBe(true)
    expect(db.get('contacts', 'a'.repeat(32))).toMatchObject({ owner: C })
    expect(db.get('contacts', 'b'.repeat(32))).toMatchObject({ owner: null }) // D is in 古塘 now
    expect(db.get('contacts', 'c'.repeat(32))).toMatchObject({ owner: null })
    expect((await contacts({ action: 'reveal', id: 'a'.repeat(32) }, C)).ok).toBe(true)
  })
})

describe('unassigned households in the list', () => {
  it('carry unassigned: true, and `unassigned: true` lists only them', async () => {
    const S = 'own-list'
    await makeCadre(cloud, S, '黄金', '孙八')
    const held = await register(S, mobile(63, 0), '有人户')
    const free = await register(ADMIN, mobile(63, 1), '无人户', { village: '黄金', responsible: '村支书' })
    const all = (await contacts({ action: 'list', pageSize: 100 }, S)).data
    expect(all.contacts.map((c: { id: string; unassigned: boolean; mine: boolean }) => [c.id, c.unassigned, c.mine])).toEqual([
      [free, true, false],
      [held, false, true]
    ])
    const only = await contacts({ action: 'list', unassigned: true, pageSize: 100 }, S)
    expect(only.data).toEqual({ total: 1, contacts: [expect.objectContaining({ id: free, unassigned: true, name: '无**' })] })
    const admin = await contacts({ action: 'list', village: '黄金', unassigned: true }, ADMIN)
    expect(admin.data).toEqual({ total: 1, contacts: [expect.objectContaining({ id: free, unassigned: true, name: '无人户' })] })
  })
})

describe('claims are limited per cadre and China day; admin hand-overs are not', () => {
  const VILLAGE = '石塘'
  const LIMIT = 30
  let ids: string[] = []
  const snapshot = () => JSON.stringify({ contacts: cloud.service.db.find('contacts', { filter: { village: VILLAGE } }), counters: cloud.service.db.find('cadre_counters'), audit: cloud.count('audit_log'), limits: cloud.service.db.find('rate_limits') })

  beforeAll(async () => {
    const rows = Array.from({ length: 45 }, (_, i) => [i + 1, '村支书', `石塘居民${i}`, mobile(64, i), '', '', ''])
    const res = await contacts({ action: 'importXlsx', consent: true, village: VILLAGE, fileID: await uploadAs(cloud, ADMIN, await contactSheet({ rows })) }, ADMIN)
    expect(res.data.imported).toBe(45)
    ids = (await contacts({ action: 'list', village: VILLAGE, unassigned: true, pageSize: 100 }, ADMIN)).data.contacts.map((c: { id: string }) => c.id)
    expect(ids).toHaveLength(45)
    await makeCadre(cloud, 'claim-1', VILLAGE, '周一')
    await makeCadre(cloud, 'claim-2', VILLAGE, '周二')
  }, 60_000)

  it(`a cadre claims ${LIMIT} households a day; the next is RATE_LIMITED and writes nothing`, async () => {
    expect((await contacts({ action: 'reassign', ids: ids.slice(0, 25), to: 'claim-1' }, 'claim-1')).data.reassigned).toBe(25)
    const before = snapshot()
    // 6 more would make 31: refused whole, not 5 of them.
    expect(await contacts({ action: 'reassign', ids: ids.slice(25, 31), to: 'claim-1' }, 'claim-1')).toEqual({
      ok: false,
      code: 'RATE_LIMITED',
      message: `每位干部每天最多认领${LIMIT}户,今天还可认领5户,请明天再试或请管理员分配`
    })
    expect(snapshot()).toBe(before)
    expect((await contacts({ action: 'reassign', ids: ids.slice(25, 30), to: 'claim-1' }, 'claim-1')).data.reassigned).toBe(5)
    expect(await contacts({ action: 'reassign', ids: [ids[30]], to: 'claim-1' }, 'claim-1')).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    // Claiming what one holds already costs nothing.
    expect((await contacts({ action: 'reassign', ids: [ids[0]], to: 'claim-1' }, 'claim-1')).data.reassigned).toBe(0)
    expect(cloud.service.db.get('rate_limits', `contacts.claim:claim-1:${chinaDay()}`)).toMatchObject({ count: LIMIT, day: chinaDay() })
    expect(cloud.count('audit_log', { action: 'contacts.reassign', actor: 'claim-1' })).toBe(2)
  })

  it('two claims at once cannot pass the limit together', async () => {
    // claim-2 may claim 10 more today: of a claim of 8 and one of 7 made at once, exactly one passes.
    const counter = `contacts.claim:claim-2:${chinaDay()}`
    cloud.service.db.insert('rate_limits', { _id: counter, count: 20, day: chinaDay() })
    const race = await Promise.all([
      contacts({ action: 'reassign', ids: ids.slice(30, 38), to: 'claim-2' }, 'claim-2'),
      contacts({ action: 'reassign', ids: ids.slice(38, 45), to: 'claim-2' }, 'claim-2')
    ])
    expect(race.filter((a) => a.ok)).toHaveLength(1)
    expect(race.find((a) => !a.ok)).toMatchObject({ code: 'RATE_LIMITED' })
    const claimed = race.find((a) => a.ok).data.reassigned
    expect(cloud.service.db.get('rate_limits', counter)).toMatchObject({ count: 20 + claimed })
    expect(cloud.count('contacts', { owner: 'claim-2' })).toBe(claimed)
  }, 60_000)

  it('an admin hands over any number of households, uncounted', async () => {
    const res = await contacts({ action: 'reassign', ids, to: 'claim-1' }, ADMIN)
    expect(res.ok).toBe(true)
    expect(cloud.count('contacts', { village: VILLAGE, owner: 'claim-1' })).toBe(45)
    expect(cloud.count('rate_limits', { _id: `contacts.claim:${ADMIN}:${chinaDay()}` })).toBe(0)
  })

  it('the contract and the function share one REASSIGN_MAX', () => {
    const parsed = contactsContract.reassign.event.safeParse({ ids: Array.from({ length: REASSIGN_MAX + 1 }, (_, i) => i.toString(16).padStart(32, '0')), to: 'x' })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0].message).toBe(`一次最多调整${REASSIGN_MAX}户`)
  })
})
