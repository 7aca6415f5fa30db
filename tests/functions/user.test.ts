import { INVITE_CODE_LENGTH } from '../../src/core/contract'
import { DEFAULT_TOWN } from '../../src/core/towns'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
})
afterAll(async () => {
  await cloud.close()
})

const user = (event: object, openid: string) => cloud.call('user', event, openid)

async function newInvite(fields: object = {}) {
  const res = await user({ action: 'createInvite', village: '新塘站', ...fields }, ADMIN)
  expect(res.ok).toBe(true)
  return res.data.code as string
}

describe('whoami', () => {
  it('a stranger is a resident', async () => {
    expect(await user({ action: 'whoami' }, 'stranger-1')).toEqual({ ok: true, data: { openid: 'stranger-1', role: 'resident' } })
  })
  it('an OPENID in ADMIN_OPENIDS is an admin', async () => {
    expect(await user({ action: 'whoami' }, ADMIN)).toEqual({ ok: true, data: { openid: ADMIN, role: 'admin' } })
  })
  it('a call with no OPENID is refused as unauthenticated', async () => {
    const res = await user({ action: 'whoami' }, '')
    expect(res).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  })
  it('20 concurrent callers each see their own identity', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `concurrent-${i}`)
    const answers = await Promise.all(ids.map((id) => user({ action: 'whoami' }, id)))
    expect(answers.map((a) => a.data.openid)).toEqual(ids)
  })
})

describe('invites and cadres', () => {
  it('an admin creates an unguessable, expiring invite for a village', async () => {
    const before = Date.now()
    const res = await user({ action: 'createInvite', village: '云集', maxUses: 3, expiresInDays: 2 }, ADMIN)
    expect(res.ok).toBe(true)
    expect(res.data.code).toMatch(new RegExp(`^[2-9A-HJKMNP-Z]{${INVITE_CODE_LENGTH}}$`))
    expect(res.data).toMatchObject({ role: 'cadre', town: DEFAULT_TOWN, village: '云集', maxUses: 3, uses: 0, revoked: false })
    const expires = Date.parse(res.data.expiresAt)
    expect(expires - before).toBeGreaterThanOrEqual(2 * 86400_000 - 1000)
    expect(expires - before).toBeLessThanOrEqual(2 * 86400_000 + 5000)
    const other = await newInvite()
    expect(other).not.toEqual(res.data.code)
  })

  it('redeeming makes a person a cadre of the invite village, once', async () => {
    const code = await newInvite()
    const res = await user({ action: 'redeemInvite', code: code.toLowerCase().replace(/(.{5})/, '$1-'), name: ' 张三 ' }, 'person-a')
    expect(res).toEqual({ ok: true, data: { openid: 'person-a', role: 'cadre', town: DEFAULT_TOWN, village: '新塘站', name: '张三' } })
    expect(await user({ action: 'whoami' }, 'person-a')).toEqual(res)
    // The same code again (a retry, a double tap): the same binding, no second slot.
    expect(await user({ action: 'redeemInvite', code, name: '张三' }, 'person-a')).toEqual(res)
    expect(cloud.service.db.get('invites', code)!.uses).toBe(1)
    const other = await newInvite()
    expect(await user({ action: 'redeemInvite', code: other, name: '张三' }, 'person-a')).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '您已是新塘站的干部,如需更换村(社区),请先由管理员撤销或调整'
    })
  })

  it('a used-up, revoked, expired or unknown code gets one answer, makes nobody a cadre, and is audited', async () => {
    const used = await newInvite({ maxUses: 1 })
    expect((await user({ action: 'redeemInvite', code: used, name: '李四' }, 'person-b')).ok).toBe(true)
    const revoked = await newInvite()
    expect((await user({ action: 'revokeInvite', code: revoked }, ADMIN)).ok).toBe(true)
    const expired = await newInvite()
    await cloud.service.update('invites', expired, { expiresAt: new Date(Date.now() - 1000) })

    const users = cloud.count('users')
    for (const code of [used, revoked, expired, 'ABCDEFGHJK']) {
      const res = await user({ action: 'redeemInvite', code, name: '王五' }, 'person-c')
      expect(res).toEqual({ ok: false, code: 'NOT_FOUND', message: '邀请码无效或已失效,请向管理员索取新的邀请码' })
    }
    expect(cloud.count('users')).toBe(users)
    expect(cloud.count('audit_log', { action: 'user.redeemInvite.failed', actor: 'person-c' })).toBe(4)
    expect((await user({ action: 'whoami' }, 'person-c')).data.role).toBe('resident')
  })

  it('concurrent redemptions never admit more cadres than the invite allows', async () => {
    const code = await newInvite({ maxUses: 5 })
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => user({ action: 'redeemInvite', code, name: `干部${i}` }, `rush-${i}`))
    )
    expect(answers.filter((a) => a.ok)).toHaveLength(5)
    expect(cloud.count('users', { invite: code })).toBe(5)
    const list = await user({ action: 'listInvites', village: '新塘站', pageSize: 100 }, ADMIN)
    expect(list.data.invites.find((i: { code: string }) => i.code === code).uses).toBe(5)
  })

  it('an admin lists cadres page by page and revokes one, who is a resident again', async () => {
    const total = cloud.count('users', { village: '新塘站', revokedAt: null })
    const seen = new Set<string>()
    for (let page = 0; page * 3 < total; page++) {
      const res = await user({ action: 'listCadres', village: '新塘站', page, pageSize: 3 }, ADMIN)
      expect(res.data.total).toBe(total)
      res.data.cadres.forEach((c: { openid: string }) => seen.add(c.openid))
    }
    expect(seen.size).toBe(total)
    expect((await user({ action: 'revokeCadre', openid: 'person-a' }, ADMIN)).ok).toBe(true)
    expect((await user({ action: 'whoami' }, 'person-a')).data).toEqual({ openid: 'person-a', role: 'resident' })
    expect(await user({ action: 'revokeCadre', openid: 'person-a' }, ADMIN)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})

describe('roles', () => {
  const adminActions = [
    { action: 'createInvite', village: '云集' },
    { action: 'listInvites' },
    { action: 'revokeInvite', code: 'ABCDEFGHJK' },
    { action: 'listCadres' },
    { action: 'revokeCadre', openid: 'person-b' },
    { action: 'moveCadre', openid: 'person-b', village: '云集' }
  ]
  it.each(adminActions)('residents and cadres cannot $action, and nothing is written', async (event) => {
    const invites = cloud.count('invites')
    const users = cloud.count('users')
    for (const openid of ['stranger-2', 'person-b']) {
      expect(await user(event, openid)).toEqual({ ok: false, code: 'FORBIDDEN', message: '只有管理员可以进行此操作' })
    }
    expect(cloud.count('invites')).toBe(invites)
    expect(cloud.count('users')).toBe(users)
    expect((await user({ action: 'whoami' }, 'person-b')).data.role).toBe('cadre')
  })
})

describe('input', () => {
  it('refuses a village the town does not have, in Chinese, and writes nothing', async () => {
    const invites = cloud.count('invites')
    expect(await user({ action: 'createInvite', village: '火星' }, ADMIN)).toEqual({ ok: false, code: 'INVALID_INPUT', message: `火星不在${DEFAULT_TOWN}的任务分配表中` })
    const res = await user({ action: 'createInvite', village: '' }, ADMIN)
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请选择村(社区)(village)' })
    expect(res.issues).toEqual([{ path: ['village'], message: '请选择村(社区)' }])
    expect(cloud.count('invites')).toBe(invites)
  })
  it('refuses an unknown action, listing the known ones', async () => {
    const res = await user({ action: 'dropEverything' }, ADMIN)
    expect(res.code).toBe('INVALID_INPUT')
    expect(res.message).toContain('未知的操作')
    expect(res.message).toContain('whoami')
  })
  it('refuses out-of-range numbers and a malformed code', async () => {
    expect((await user({ action: 'createInvite', village: '云集', maxUses: 0 }, ADMIN)).message).toBe('可用次数至少为1(maxUses)')
    expect((await user({ action: 'createInvite', village: '云集', expiresInDays: 365 }, ADMIN)).message).toBe('有效期不能超过90天(expiresInDays)')
    expect((await user({ action: 'redeemInvite', code: 'ABC', name: '赵六' }, 'x')).message).toBe('邀请码应为10位(code)')
    expect((await user({ action: 'redeemInvite', code: 'ABCDEFGHJK', name: '' }, 'x')).message).toBe('请填写姓名(name)')
  })
})

describe('gateway', () => {
  it('answers malformed JSON with HTTP 400 and an unknown function with 404', async () => {
    expect(await cloud.post('user', '{not json', 'x')).toMatchObject({ status: 400, body: { ok: false, code: 'INVALID_INPUT' } })
    expect(await cloud.post('nope', {}, 'x')).toMatchObject({ status: 404, body: { ok: false, code: 'NOT_FOUND' } })
  })
  it('answers an event over 5 MB, and an upload over 10 MB, with HTTP 413 and a Chinese message', async () => {
    const big = JSON.stringify({ action: 'whoami', padding: 'x'.repeat(5 * 1024 * 1024) })
    expect(await cloud.post('user', big, 'x')).toEqual({ status: 413, body: { ok: false, code: 'INVALID_INPUT', message: '请求内容过大' } })
    const res = await fetch(`${cloud.url}/local/upload?path=a.xlsx`, { method: 'POST', headers: { 'x-openid': 'x' }, body: Buffer.alloc(10 * 1024 * 1024 + 1) })
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({ ok: false, code: 'INVALID_INPUT', message: '文件过大(不超过10MB)' })
  })
  it('takes the caller from x-openid; a refusal is still a JSON answer with 200', async () => {
    expect(await cloud.post('user', { action: 'whoami' }, ADMIN)).toEqual({ status: 200, body: { ok: true, data: { openid: ADMIN, role: 'admin' } } })
    expect(await cloud.post('user', { action: 'listInvites' })).toMatchObject({ status: 200, body: { ok: false, code: 'UNAUTHENTICATED' } })
  })
})

describe('client upload (the H5 stand-in for wx.cloud.uploadFile)', () => {
  it('stores the bytes and answers a fileID a function can read; refuses without a caller or with a bad path', async () => {
    const bytes = Buffer.from('表格内容')
    const up = await fetch(`${cloud.url}/local/upload?path=${encodeURIComponent('contact-imports/person-x/a.xlsx')}`, { method: 'POST', headers: { 'x-openid': 'person-x' }, body: bytes })
    const body = await up.json()
    expect(body).toEqual({ ok: true, data: { fileID: expect.stringMatching(/^cloud:\/\/.+\/contact-imports\/person-x\/a\.xlsx$/) } })
    expect(cloud.service.storage.read(body.data.fileID)).toEqual(bytes)
    expect((await fetch(`${cloud.url}/local/upload?path=a.xlsx`, { method: 'POST', body: bytes })).status).toBe(401)
    const bad = await fetch(`${cloud.url}/local/upload?path=${encodeURIComponent('../../etc/passwd')}`, { method: 'POST', headers: { 'x-openid': 'person-x' }, body: bytes })
    expect(bad.status).toBe(400)
  })
})

describe('town roles', () => {
  const TOWN_B = '东湖镇'
  async function redeem(invite: object, openid: string, by = ADMIN) {
    const made = await user({ action: 'createInvite', ...invite }, by)
    expect(made.ok).toBe(true)
    return user({ action: 'redeemInvite', code: made.data.code, name: openid }, openid)
  }

  beforeAll(async () => {
    expect((await cloud.call('towns', { action: 'create', name: TOWN_B, units: [{ name: '新城', quota: 100 }, { name: '东岸', quota: 50 }] }, ADMIN)).ok).toBe(true)
  })

  it('a county admin invites a town admin for one town; the redeemer manages that town', async () => {
    const res = await redeem({ role: 'townAdmin', town: TOWN_B }, 'ta-b')
    expect(res).toEqual({ ok: true, data: { openid: 'ta-b', role: 'townAdmin', town: TOWN_B, name: 'ta-b' } })
    expect((await user({ action: 'whoami' }, 'ta-b')).data).toEqual({ openid: 'ta-b', role: 'townAdmin', town: TOWN_B, name: 'ta-b' })
    expect(await user({ action: 'createInvite', role: 'townAdmin' }, ADMIN)).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请选择乡镇(街道)' })
    expect(await user({ action: 'createInvite', role: 'townAdmin', town: TOWN_B, village: '新城' }, ADMIN)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  it('a county admin invites another county admin (no town)', async () => {
    const res = await redeem({ role: 'admin' }, 'county-2')
    expect(res).toEqual({ ok: true, data: { openid: 'county-2', role: 'admin', name: 'county-2' } })
    expect(await user({ action: 'createInvite', role: 'admin', town: TOWN_B }, ADMIN)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    // The invited county admin invites too.
    expect((await user({ action: 'createInvite', role: 'townAdmin', town: TOWN_B }, 'county-2')).ok).toBe(true)
  })

  it('a town admin invites cadres of their own town only, and no admins; nothing written when refused', async () => {
    const invites = cloud.count('invites')
    expect(await user({ action: 'createInvite', role: 'townAdmin', town: TOWN_B }, 'ta-b')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await user({ action: 'createInvite', role: 'admin' }, 'ta-b')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await user({ action: 'createInvite', town: '云集街道', village: '新城' }, 'ta-b')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await user({ action: 'createInvite', village: '云集' }, 'ta-b')).toEqual({ ok: false, code: 'INVALID_INPUT', message: `云集不在${TOWN_B}的任务分配表中` })
    expect(cloud.count('invites')).toBe(invites)
    const res = await redeem({ village: '新城' }, 'cadre-b', 'ta-b')
    expect(res.data).toEqual({ openid: 'cadre-b', role: 'cadre', town: TOWN_B, village: '新城', name: 'cadre-b' })
    expect(cloud.service.db.get('cadre_counters', 'cadre-b')).toMatchObject({ town: TOWN_B, village: '新城', registered: 0 })
  })

  it('lists are scoped to a town: a town admin sees theirs (cadre invites only); a county admin the default town unless naming one', async () => {
    const theirs = await user({ action: 'listCadres', pageSize: 100 }, 'ta-b')
    expect(theirs.data.cadres.map((c: { openid: string; town: string }) => [c.openid, c.town])).toEqual([['cadre-b', TOWN_B]])
    expect(theirs.data.total).toBe(1)
    const defaults = await user({ action: 'listCadres', pageSize: 100 }, ADMIN)
    expect(defaults.data.cadres.every((c: { town: string }) => c.town === '云集街道')).toBe(true)
    expect((await user({ action: 'listCadres', town: TOWN_B }, ADMIN)).data.total).toBe(1)
    const invites = await user({ action: 'listInvites', pageSize: 100 }, 'ta-b')
    expect(invites.data.invites.length).toBeGreaterThan(0)
    expect(invites.data.invites.every((i: { town: string }) => i.town === TOWN_B)).toBe(true)
    // Town admins' codes are the county's to hand out: a town admin sees their town's cadre invites only.
    expect(invites.data.invites.every((i: { role: string }) => i.role === 'cadre')).toBe(true)
    const county = await user({ action: 'listInvites', town: TOWN_B, pageSize: 100 }, ADMIN)
    expect(county.data.invites.map((i: { role: string }) => i.role)).toEqual(expect.arrayContaining(['cadre', 'townAdmin']))
    expect(await user({ action: 'listInvites', town: '云集街道' }, 'ta-b')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('a cadre moves within their own town only, a town name of the other town is not theirs', async () => {
    expect(await user({ action: 'moveCadre', openid: 'cadre-b', village: '云集' }, ADMIN)).toEqual({ ok: false, code: 'INVALID_INPUT', message: `云集不在${TOWN_B}的任务分配表中` })
    expect((await user({ action: 'moveCadre', openid: 'cadre-b', village: '东岸' }, 'ta-b')).data).toMatchObject({ village: '东岸' })
    expect((await user({ action: 'whoami' }, 'cadre-b')).data).toMatchObject({ town: TOWN_B, village: '东岸' })
  })

  it('a town admin cannot revoke or move people of another town, nor revoke county admins', async () => {
    const users = JSON.stringify(cloud.service.db.find('users', {}))
    expect(await user({ action: 'revokeCadre', openid: 'person-b' }, 'ta-b')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await user({ action: 'moveCadre', openid: 'person-b', village: '新城' }, 'ta-b')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await user({ action: 'revokeCadre', openid: 'county-2' }, 'ta-b')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(JSON.stringify(cloud.service.db.find('users', {}))).toBe(users)
  })

  it('a bound town admin cannot redeem another code; a county admin revokes a town admin, who is a resident again', async () => {
    const other = await user({ action: 'createInvite', village: '云集' }, ADMIN)
    expect(await user({ action: 'redeemInvite', code: other.data.code, name: 'ta-b' }, 'ta-b')).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: `您已是${TOWN_B}的管理员,如需更换,请先由县级管理员撤销`
    })
    expect((await user({ action: 'revokeCadre', openid: 'cadre-b' }, 'ta-b')).ok).toBe(true)
    expect((await user({ action: 'revokeCadre', openid: 'ta-b' }, ADMIN)).data).toEqual({ openid: 'ta-b', released: 0 })
    expect((await user({ action: 'whoami' }, 'ta-b')).data).toEqual({ openid: 'ta-b', role: 'resident' })
    expect(cloud.count('audit_log', { action: 'user.revokeCadre', town: TOWN_B })).toBe(2)
  })
})
