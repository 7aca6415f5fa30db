/**
 * contacts.list search, tried as an attacker would: searching never shows more than the list does.
 * Digits match only the 4-digit 尾号 or a whole, valid number; names match only in full, and for a
 * cadre only among the households they hold; whole-number searches are counted per cadre and day.
 */
import { chinaDay } from '../../server/lib/china-day'
import { makeCadre } from '../fixtures/contact-sheets'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

const ADMIN = 'local-admin'
/** Two cadres of 云集: A1 holds 孙丽's household, A2 is the curious colleague. */
const A1 = 'privacy-yunji-1'
const A2 = 'privacy-yunji-2'
const B1 = 'privacy-xintang-1'
const NUMBER = '13612341111'
const INVALID = '请输入4位尾号或完整号码'

let cloud: TestCloud
let sunLi: string

const contacts = (event: object, openid: string) => cloud.call('contacts', event, openid)
const list = (search: string, openid: string, extra: object = {}) => contacts({ action: 'list', search, pageSize: 100, ...extra }, openid)
const names = async (search: string, openid: string, extra: object = {}) => {
  const res = await list(search, openid, extra)
  if (!res.ok) throw new Error(JSON.stringify(res))
  return res.data.contacts.map((c: { name: string }) => c.name)
}
const writes = () => JSON.stringify({ audit: cloud.count('audit_log'), limits: cloud.service.db.find('rate_limits') })

beforeAll(async () => {
  cloud = await startTestCloud()
  await makeCadre(cloud, A1, '云集', '张三')
  await makeCadre(cloud, A2, '云集', '李华')
  await makeCadre(cloud, B1, '新塘站', '王五')
  const res = await contacts({ action: 'register', name: '孙丽', phone: NUMBER, address: '云集一组', consent: true }, A1)
  sunLi = res.data.id
  await contacts({ action: 'register', name: '孙丽娟', phone: '13612342222', consent: true }, A2)
}, 60_000)
afterAll(async () => {
  await cloud.close()
})

describe('the attack in issue 9', () => {
  it('suffix searches D1111, CD1111, … recover no digit of a masked number: each is INVALID_INPUT, nothing written', async () => {
    // What the colleague sees: 136****1111.
    expect((await list('1111', A2)).data.contacts).toEqual([expect.objectContaining({ id: sunLi, name: '孙*', phoneMasked: '136****1111', mine: false })])
    let known = '1111'
    for (let round = 0; round < 7; round++) {
      let found = false
      for (let d = 0; d <= 9 && !found; d++) {
        const before = writes()
        const res = await list(`${d}${known}`, A2)
        if (res.ok && res.data.contacts.some((c: { id: string }) => c.id === sunLi)) {
          known = `${d}${known}`
          found = true
        } else {
          expect(res).toEqual({ ok: false, code: 'INVALID_INPUT', message: INVALID })
          expect(writes()).toBe(before)
        }
      }
      if (!found) break
    }
    expect(known).toBe('1111')
  })

  it('one-character name searches recover no masked name; a colleague’s household is not found by its full name either', async () => {
    for (const probe of ['孙', '丽', '*', '孙.']) expect(await names(probe, A2)).toEqual([])
    expect(await names('孙丽', A2)).toEqual([])
    // …while the colleague's own 孙丽娟 is found by her full name only.
    expect(await names('孙丽娟', A2)).toEqual(['孙丽娟'])
    expect(await names('孙丽', A2)).toEqual([])
  })
})

describe('what a search may find', () => {
  it('a cadre finds their own households by full name, in full; never by a part of it', async () => {
    expect((await list('孙丽', A1)).data).toEqual({ total: 1, contacts: [expect.objectContaining({ id: sunLi, name: '孙丽', address: '云集一组', mine: true })] })
    expect(await names('孙', A1)).toEqual([])
    expect(await names('.*', A1)).toEqual([])
  })

  it('the 尾号 finds every household of the caller’s village, masked as in the list; never another village’s', async () => {
    expect(await names('1111', A1)).toEqual(['孙丽'])
    expect(await names(' 1111 ', A2)).toEqual(['孙*'])
    expect(await names('1111', B1)).toEqual([])
  })

  it('digits that are neither a 尾号 nor a whole valid number are INVALID_INPUT', async () => {
    for (const probe of ['111', '41111', '2341111', '12341111', '612341111', '3612341111', '14012341111', '136123411111', '0734-816']) {
      const before = writes()
      expect(await list(probe, A2)).toEqual({ ok: false, code: 'INVALID_INPUT', message: INVALID })
      expect(writes()).toBe(before)
    }
  })

  it('an admin searches full names over the chosen scope, every village or one', async () => {
    expect(await names('孙丽', ADMIN)).toEqual(['孙丽'])
    expect(await names('孙', ADMIN)).toEqual([])
    expect(await names('孙丽', ADMIN, { village: '云集' })).toEqual(['孙丽'])
    expect(await names('孙丽', ADMIN, { village: '新塘站' })).toEqual([])
    expect(await names(NUMBER, ADMIN)).toEqual(['孙丽'])
  })
})

describe('whole-number searches', () => {
  it('of a household the cadre does not hold: a masked row like any other, counted and audited', async () => {
    const res = await list(`+86 136-1234-1111`, A2)
    expect(res.data).toEqual({ total: 1, contacts: [expect.objectContaining({ id: sunLi, name: '孙*', phoneMasked: '136****1111', mine: false })] })
    expect(JSON.stringify(res)).not.toMatch(/云集一组|孙丽/)
    const entries = cloud.service.db.find('audit_log', { filter: { action: 'contacts.searchNumber', actor: A2 } })
    expect(entries).toEqual([expect.objectContaining({ detail: { village: '云集', searched: '136****1111', found: 1 }, at: expect.any(Date) })])
    // The trail does not keep the number itself.
    expect(JSON.stringify(entries)).not.toContain(NUMBER)
    expect(cloud.service.db.find('rate_limits', { filter: { _id: `contacts.searchNumber:${A2}:${chinaDay()}` } })[0]).toMatchObject({ count: 1 })
  })

  it('50 a cadre a China day, then RATE_LIMITED in Chinese, nothing written; 60 at once let exactly 50 through', async () => {
    const C = 'privacy-yunji-3'
    await makeCadre(cloud, C, '云集', '赵六')
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => list(`1361234${String(1000 + i).slice(-4)}`, C)))
    expect(answers.filter((a) => a.ok)).toHaveLength(50)
    for (const a of answers.filter((a) => !a.ok)) expect(a).toEqual({ ok: false, code: 'RATE_LIMITED', message: '今天按完整号码搜索已达50次,请明天再试,或按4位尾号搜索' })
    expect(cloud.count('audit_log', { action: 'contacts.searchNumber', actor: C })).toBe(50)
    const before = writes()
    expect(await list(NUMBER, C)).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    expect(writes()).toBe(before)
    // The 尾号 and names are not limited; another cadre has their own 50.
    expect(await names('1111', C)).toEqual(['孙*'])
    expect((await list(NUMBER, B1)).ok).toBe(true)
    // The count is one document per cadre and China day: tomorrow starts again at 0.
    expect(cloud.service.db.find('rate_limits', { filter: { _id: `contacts.searchNumber:${C}:${chinaDay()}` } })[0]).toMatchObject({ count: 50, day: chinaDay() })
  }, 60_000)

  it('an admin’s whole-number searches are neither limited nor counted', async () => {
    for (let i = 0; i < 3; i++) expect(await names(NUMBER, ADMIN)).toEqual(['孙丽'])
    expect(cloud.count('rate_limits', { _id: `contacts.searchNumber:${ADMIN}:${chinaDay()}` })).toBe(0)
  })
})
