/**
 * Invisible and deceptive characters through the real functions: refused with the field named and
 * nothing written, or stripped before anything is stored; a search with NUL is bad input, not a crash.
 */
import { refusedCharacterMessage } from '../../src/core/text'
import { makeCadre } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
const CADRE = 'cadre-invisible-1'
let cloud: TestCloud

beforeAll(async () => {
  cloud = await startTestCloud()
  await makeCadre(cloud, CADRE, '云集', '张三')
}, 60_000)
afterAll(async () => {
  await cloud.close()
})

const everything = () => JSON.stringify({ contacts: cloud.service.db.find('contacts'), users: cloud.service.db.find('users'), audit: cloud.count('audit_log') })

describe('text fields of a contact', () => {
  const fields: [string, string][] = [
    ['name', '姓名'],
    ['responsible', '包户责任人'],
    ['occupation', '职业(职务)'],
    ['address', '常住地址'],
    ['note', '备注']
  ]
  it.each(fields)('%s with NUL, an RTL override or a lone surrogate is refused and nothing is written', async (field, label) => {
    for (const bad of ['李\u0000四', '李\u202e四', '李\ud800四']) {
      const before = everything()
      const res = await cloud.call('contacts', { action: 'register', consent: true, name: '李四', phone: '13900139000', [field]: bad }, CADRE)
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', issues: [{ path: [field], message: refusedCharacterMessage(label) }] })
      expect(everything()).toBe(before)
    }
  })

  it('zero-width characters are stripped before the name is stored', async () => {
    const res = await cloud.call('contacts', { action: 'register', consent: true, name: '\u200b王\u200d五\ufeff', phone: '13900139001' }, CADRE)
    expect(res).toMatchObject({ ok: true })
    expect(cloud.service.db.find('contacts', { filter: { _id: res.data.id } })[0]).toMatchObject({ name: '王五' })
  })
})

describe('searching and joining', () => {
  it('a list search holding NUL is refused as bad input, not an internal error', async () => {
    for (const openid of [CADRE, ADMIN]) {
      const res = await cloud.call('contacts', { action: 'list', search: 'a\u0000b', page: 0, pageSize: 20 }, openid)
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining(refusedCharacterMessage('搜索内容')) })
    }
  })

  it("a cadre's name with an RTL override is refused when redeeming an invite, nothing written", async () => {
    const invite = await cloud.call('user', { action: 'createInvite', village: '新城' }, ADMIN)
    const before = everything()
    const res = await cloud.call('user', { action: 'redeemInvite', code: invite.data.code, name: '张\u202e三' }, 'newcomer-1')
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT', issues: [{ message: refusedCharacterMessage('姓名') }] })
    expect(everything()).toBe(before)
  })
})
