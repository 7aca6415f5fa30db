/**
 * Redeeming invites under concurrency, through the gateway (each call a real function run on the
 * local cloud): idempotent per person, one binding at a time, failures rate-limited per OPENID and
 * all answered alike.
 */
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
const INVALID = { ok: false, code: 'NOT_FOUND', message: '邀请码无效或已失效,请向管理员索取新的邀请码' }
let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
})
afterAll(async () => {
  await cloud.close()
})

/** Through the HTTP gateway, as the H5 app calls. */
const user = async (event: object, openid: string) => (await cloud.post('user', event, openid)).body

async function newInvite(village: string, fields: object = {}): Promise<string> {
  const res = await user({ action: 'createInvite', village, ...fields }, ADMIN)
  expect(res.ok).toBe(true)
  return res.data.code
}
const usesOf = (code: string) => cloud.service.db.get('invites', code)!.uses as number

describe('redeeming is idempotent per person', () => {
  it('one person redeeming one code 10 times at once uses one slot, and every answer is the same binding', async () => {
    const code = await newInvite('云集')
    const answers = await Promise.all(Array.from({ length: 10 }, () => user({ action: 'redeemInvite', code, name: '张三' }, 'inv-same')))
    for (const a of answers) expect(a).toEqual({ ok: true, data: { openid: 'inv-same', role: 'cadre', town: '云集街道', village: '云集', name: '张三' } })
    expect(usesOf(code)).toBe(1)
    expect(cloud.count('audit_log', { action: 'user.redeemInvite', actor: 'inv-same' })).toBe(1)
    // Later, again: success, the same binding (the name given first), no slot.
    expect(await user({ action: 'redeemInvite', code, name: '张三丰' }, 'inv-same')).toEqual(answers[0])
    expect(usesOf(code)).toBe(1)
  })

  it('two villages\' codes at once: exactly one succeeds, and its answer names the village the person is bound to', async () => {
    const a = await newInvite('云集')
    const b = await newInvite('新塘站')
    const [ra, rb] = await Promise.all([
      user({ action: 'redeemInvite', code: a, name: '李四' }, 'inv-two'),
      user({ action: 'redeemInvite', code: b, name: '李四' }, 'inv-two')
    ])
    expect([ra.ok, rb.ok].filter(Boolean)).toHaveLength(1)
    const won = ra.ok ? ra : rb
    const lost = ra.ok ? rb : ra
    const me = await user({ action: 'whoami' }, 'inv-two')
    expect(me.data.village).toBe(won.data.village)
    expect(lost).toEqual({ ok: false, code: 'CONFLICT', message: `您已是${won.data.village}的干部,如需更换村(社区),请先由管理员撤销或调整` })
    expect(usesOf(a) + usesOf(b)).toBe(1)
  })

  it('a bound cadre must be revoked or moved by an admin before joining elsewhere', async () => {
    const first = await newInvite('古塘')
    const second = await newInvite('杨柳')
    expect((await user({ action: 'redeemInvite', code: first, name: '王五' }, 'inv-bound')).ok).toBe(true)
    expect(await user({ action: 'redeemInvite', code: second, name: '王五' }, 'inv-bound')).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(usesOf(second)).toBe(0)
    expect((await user({ action: 'revokeCadre', openid: 'inv-bound' }, ADMIN)).ok).toBe(true)
    expect((await user({ action: 'redeemInvite', code: second, name: '王五' }, 'inv-bound')).data.village).toBe('杨柳')
  })
})

describe('failed redemptions', () => {
  it('unknown, revoked, expired and used-up codes all get the same answer, and each failure is audited', async () => {
    const used = await newInvite('云集', { maxUses: 1 })
    expect((await user({ action: 'redeemInvite', code: used, name: '甲' }, 'inv-first')).ok).toBe(true)
    const revoked = await newInvite('云集')
    expect((await user({ action: 'revokeInvite', code: revoked }, ADMIN)).ok).toBe(true)
    const expired = await newInvite('云集')
    cloud.service.update('invites', expired, { expiresAt: new Date(Date.now() - 1000) })

    const users = cloud.count('users')
    for (const code of [used, revoked, expired, 'ABCDEFGHJK']) {
      expect(await user({ action: 'redeemInvite', code, name: '乙' }, 'inv-fail')).toEqual(INVALID)
    }
    expect(cloud.count('users')).toBe(users)
    expect(usesOf(used)).toBe(1)
    expect(cloud.count('audit_log', { action: 'user.redeemInvite.failed', actor: 'inv-fail' })).toBe(4)
    expect((await user({ action: 'whoami' }, 'inv-fail')).data.role).toBe('resident')
  })

  it('10 failures an hour per OPENID, then RATE_LIMITED, even when they all arrive at once', async () => {
    const guesses = Array.from({ length: 16 }, (_, i) => `ABCDEFG${'HJKMNPQRST'[i % 10]}${'23456789'[i % 8]}Z`)
    const answers = await Promise.all(guesses.map((code) => user({ action: 'redeemInvite', code, name: '丙' }, 'inv-guess')))
    expect(answers.filter((a) => a.code === 'NOT_FOUND')).toHaveLength(10)
    const limited = answers.filter((a) => a.code === 'RATE_LIMITED')
    expect(limited).toHaveLength(6)
    expect(limited[0].message).toBe('邀请码输错次数过多,请一小时后再试')
    // Ten failures are audited one by one; the refusals past the limit once, so a flood cannot fill the log.
    expect(cloud.count('audit_log', { action: 'user.redeemInvite.failed', actor: 'inv-guess' })).toBe(11)
    await Promise.all(guesses.slice(0, 5).map((code) => user({ action: 'redeemInvite', code, name: '丙' }, 'inv-guess')))
    expect(cloud.count('audit_log', { action: 'user.redeemInvite.failed', actor: 'inv-guess' })).toBe(11)

    // A valid code does not get through either, while someone else is not affected.
    const good = await newInvite('云集')
    expect(await user({ action: 'redeemInvite', code: good, name: '丙' }, 'inv-guess')).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    expect(usesOf(good)).toBe(0)
    expect((await user({ action: 'redeemInvite', code: 'ABCDEFGHJK', name: '丁' }, 'inv-other')).code).toBe('NOT_FOUND')

    // An hour later the window has moved on.
    const limit = cloud.service.db.find('rate_limits', { filter: { openid: 'inv-guess' } })[0]
    cloud.service.update('rate_limits', limit._id as string, { failures: (limit.failures as number[]).map((t) => t - 3600_000) })
    expect((await user({ action: 'redeemInvite', code: good, name: '丙' }, 'inv-guess')).data.village).toBe('云集')
  })
})
