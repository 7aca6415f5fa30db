import { join } from 'path'
import type { Page } from 'playwright-core'
import { EXPLAINED_MEANS } from '../../src/core/contract'
import { ARTIFACTS, phonePage, useBrowserAndCloud } from '../support/browser'

const e2e = useBrowserAndCloud()

const VILLAGE = '新城'
const CADRE = 'e2e-visit-cadre'
const RESIDENT = 'e2e-concern-resident'

// Taro's H5 router keeps earlier pages in the DOM, hidden: only what a person can see counts.
const visibleText = (page: Page, text: string) => page.getByText(text, { exact: true }).filter({ visible: true })
const tap = (page: Page, text: string) => visibleText(page, text).first().tap()
const visible = (page: Page, selector: string) => page.locator(selector).filter({ visible: true })

/** A page as `openid` on this device, the privacy guide already accepted. */
async function as(openid: string): Promise<{ page: Page; errors: string[] }> {
  const page = await phonePage(e2e.browser)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.addInitScript((id) => {
    localStorage.setItem('local-openid', JSON.stringify({ data: id }))
    localStorage.setItem('privacy-consent', JSON.stringify({ data: '2023-08-v1' }))
  }, openid)
  return { page, errors }
}

beforeAll(async () => {
  const invite = await e2e.cloud.call('user', { action: 'createInvite', village: VILLAGE }, 'local-admin')
  expect(invite.ok).toBe(true)
  expect((await e2e.cloud.call('user', { action: 'redeemInvite', code: invite.data.code, name: '王芳' }, CADRE)).ok).toBe(true)
  expect((await e2e.cloud.call('contacts', { action: 'register', name: '李四', phone: '13800138000', address: '新城村三组', consent: true }, CADRE)).ok).toBe(true)
})

it('a cadre opens a household from 入户走访, ticks all four, and it shows 已完成 with the rates at 100%', async () => {
  const { page, errors } = await as(CADRE)
  await page.goto(`${e2e.cloud.url}/#/packages/cadre/home/index`)
  await visibleText(page, '王芳，您好！您是新城的干部。').waitFor({ timeout: 20000 })
  await tap(page, '入户走访')

  // One household, not visited yet; the five rates start at 0.
  const household = visible(page, '.visits__household').filter({ hasText: '李四' })
  await household.waitFor()
  await expect(household.locator('.status-chip').textContent()).resolves.toBe('未走访')
  await expect(visible(page, '.rate-bar__figure').first().textContent()).resolves.toBe('0/1 · 0%')
  await page.screenshot({ path: join(ARTIFACTS, 'visits-households.png') })

  // Two taps from the household: the household, then 保存走访 after the ticks.
  await household.tap()
  await visibleText(page, '走访李四').waitFor()
  await visibleText(page, EXPLAINED_MEANS).waitFor()
  await tap(page, '已发放公开信')
  await tap(page, '已收回民情联系卡回执')
  await tap(page, '已讲解辅导民调问卷')
  await expect(visible(page, '.visit__tick--on').count()).resolves.toBe(3)
  await page.screenshot({ path: join(ARTIFACTS, 'visits-record.png') })
  await tap(page, '保存走访')

  // Back on the list: gone from 未走访, listed under 已完成 with every tick.
  await visibleText(page, '没有未走访的住户。').waitFor({ timeout: 15000 })
  await tap(page, '已完成')
  const done = visible(page, '.visits__household').filter({ hasText: '李四' })
  await done.waitFor()
  await expect(done.locator('.status-chip').textContent()).resolves.toBe('已完成')
  await expect(done.locator('.visits__tick--done').allTextContents()).resolves.toEqual(['✓上门', '✓公开信', '✓联系卡', '✓讲解'])
  await expect(visible(page, '.rate-bar__figure').allTextContents()).resolves.toEqual(['1/1 · 100%', '1/1 · 100%', '1/1 · 100%', '1/1 · 100%', '0/0 · —'])
  expect(e2e.cloud.count('visits')).toBe(1)
  expect(errors).toEqual([])
}, 90_000)

it('a resident files a concern and gets a code; the cadre replies; the resident reads the reply under 我的反映', async () => {
  const resident = await as(RESIDENT)
  const page = resident.page
  await page.goto(e2e.cloud.url)
  await tap(page, '反映问题 · 我的反映')
  await visibleText(page, '110').waitFor({ timeout: 20000 })
  await expect(visible(page, '.concern__notice').textContent()).resolves.toContain('与问卷调查无关')

  await tap(page, '治安问题')
  // The village, from the phone's picker: a tap on the name, then 确定.
  await visible(page, '.village-picker .choice-field__field').tap()
  // The picker's mask lies over its rows: a tap where the row shows (the picker reads the position).
  const row = visible(page, '.weui-picker__item').filter({ hasText: new RegExp(`^${VILLAGE}$`) }).first()
  await page.waitForTimeout(400) // the sheet slides up
  const box = (await row.boundingBox())!
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2)
  await page.waitForTimeout(400) // the column settles
  await tap(page, '确定')
  await expect(visible(page, '.village-picker .choice-field__field').textContent()).resolves.toContain(VILLAGE)
  await visible(page, '.concern__text textarea').fill('村口路灯坏了一个月，晚上走路不安全')
  await page.screenshot({ path: join(ARTIFACTS, 'concern-form.png') })
  await tap(page, '提交')
  const code = visible(page, '.concern__code')
  await code.waitFor({ timeout: 15000 })
  await expect(code.textContent()).resolves.toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/)
  expect(e2e.cloud.count('concerns', { village: VILLAGE })).toBe(1)

  // The cadre's queue: the concern, answered.
  const cadre = await as(CADRE)
  await cadre.page.goto(`${e2e.cloud.url}/#/packages/cadre/concerns/index`)
  const card = visible(cadre.page, '.concern-card').filter({ hasText: '村口路灯坏了一个月' })
  await card.waitFor({ timeout: 20000 })
  await card.locator('textarea').fill('已请电工更换，本周内修好')
  await card.getByText('答复', { exact: true }).tap()
  await card.locator('.concern-card__reply', { hasText: '已请电工更换，本周内修好' }).waitFor({ timeout: 15000 })
  await cadre.page.screenshot({ path: join(ARTIFACTS, 'concerns-queue.png') })

  // The resident's 我的反映: replied, with the reply.
  await tap(page, '查看我的反映')
  const mine = visible(page, '.concern__item').first()
  await mine.waitFor({ timeout: 15000 })
  await expect(mine.locator('.status-chip').textContent()).resolves.toBe('已答复')
  await expect(mine.locator('.concern__reply-text').textContent()).resolves.toBe('村(社区)干部答复：已请电工更换，本周内修好')
  await page.screenshot({ path: join(ARTIFACTS, 'concern-mine.png') })
  expect(resident.errors).toEqual([])
  expect(cadre.errors).toEqual([])
}, 120_000)
