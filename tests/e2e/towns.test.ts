/**
 * Two towns in the built H5 app against the real local cloud: a resident who opens the shared link of
 * the second town reads that town's own letter; a town admin edits it and the resident reads the new text.
 */
import { join } from 'path'
import type { Page } from 'playwright-core'
import { OPEN_LETTER } from '../../src/core/content'
import { ARTIFACTS, phonePage, useBrowserAndCloud } from '../support/browser'

const e2e = useBrowserAndCloud()

const COUNTY_ADMIN = 'local-admin'
const TOWN_ADMIN = 'e2e-chashi-admin'
const TOWN = '茶市镇'
const LETTER = {
  title: '平安茶市 你我共建',
  body: '——致全镇人民群众的一封公开信\n\n各位乡亲:\n\n茶市镇正在开展平安建设，感谢大家的支持。\n\n接到0731-12340的调查电话时，请如实评价。',
  sender: '中共衡南县茶市镇委员会\n衡南县茶市镇人民政府',
  date: '2026年9月1日'
}
const sharedLink = () => `${e2e.cloud.url}/#/pages/index/index?town=${encodeURIComponent(TOWN)}`

/** A page of the app as `openid` (the H5 build's local identity, on the device). */
async function as(openid: string): Promise<Page> {
  const page = await phonePage(e2e.browser)
  await page.addInitScript((id) => localStorage.setItem('local-openid', JSON.stringify({ data: id })), openid)
  return page
}

beforeAll(async () => {
  const call = (name: string, event: object, openid: string) => e2e.cloud.call(name, event, openid)
  const created = await call('towns', { action: 'create', name: TOWN, units: [{ name: '新城', quota: 300 }, { name: '茶市', quota: 200 }] }, COUNTY_ADMIN)
  expect(created).toMatchObject({ ok: true, data: { name: TOWN, created: true, unitsAdded: 2 } })
  const saved = await call('towns', { action: 'saveContent', town: TOWN, letter: LETTER, slogans: ['平安茶市，人人参与', '接听民调电话，如实评价'] }, COUNTY_ADMIN)
  expect(saved).toMatchObject({ ok: true })
  const invite = await call('user', { action: 'createInvite', role: 'townAdmin', town: TOWN }, COUNTY_ADMIN)
  expect(invite).toMatchObject({ ok: true, data: { role: 'townAdmin', town: TOWN } })
  const redeemed = await call('user', { action: 'redeemInvite', code: invite.data.code, name: '茶市管理员' }, TOWN_ADMIN)
  expect(redeemed).toMatchObject({ ok: true, data: { role: 'townAdmin', town: TOWN } })
}, 120_000)

it('a resident opening the shared link of the second town reads its own letter, and the town is remembered', async () => {
  const page = await phonePage(e2e.browser)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(sharedLink())
  await page.locator('.open-letter__title', { hasText: LETTER.title }).waitFor({ timeout: 20000 })
  const letter = page.locator('.open-letter')
  await expect(letter.locator('.open-letter__greeting').textContent()).resolves.toBe('各位乡亲:')
  await expect(letter.locator('.open-letter__paragraph').allTextContents()).resolves.toEqual(['茶市镇正在开展平安建设，感谢大家的支持。', '接到0731-12340的调查电话时，请如实评价。'])
  await expect(letter.locator('.open-letter__sender').allTextContents()).resolves.toEqual(['中共衡南县茶市镇委员会', '衡南县茶市镇人民政府'])
  // Nothing of the default town's letter under this town's name.
  await expect(page.getByText(OPEN_LETTER.title).count()).resolves.toBe(0)
  expect(await letter.textContent()).not.toContain('云集')
  await expect(page.locator('.slogan-list__item').allTextContents()).resolves.toEqual(['平安茶市，人人参与', '接听民调电话，如实评价'])
  // The hotlines stay the county's.
  await expect(page.getByText('0734-12340').count()).resolves.toBeGreaterThan(0)
  await page.screenshot({ path: join(ARTIFACTS, 'towns-shared-link.png') })

  // Opened again without the link: the same town, from the device.
  await page.goto(e2e.cloud.url)
  await page.reload()
  await page.locator('.open-letter__title', { hasText: LETTER.title }).waitFor({ timeout: 20000 })
  await expect(page.locator('.town-picker .choice-field__field').textContent()).resolves.toContain(TOWN)
  expect(errors).toEqual([])
})

it('a town admin edits the letter with a live preview; the resident then reads the new text', async () => {
  const admin = await as(TOWN_ADMIN)
  const errors: string[] = []
  admin.on('pageerror', (e) => errors.push(String(e)))
  await admin.goto(`${e2e.cloud.url}/#/packages/admin/content/index`)
  await admin.getByText(`${TOWN}的公开信和标语`).waitFor({ timeout: 20000 })
  // A town admin's pages are fixed to their town.
  await expect(admin.locator('.town-select').count()).resolves.toBe(0)

  const body = admin.locator('.content__input--body textarea')
  await expect(body.inputValue()).resolves.toBe(LETTER.body)
  const edited = '各位乡亲:\n\n今年的测评即将开始，请您如实回答每一道题。\n\n谢谢大家！'
  await body.fill(edited)
  const preview = admin.locator('.content__preview .open-letter')
  await preview.locator('.open-letter__paragraph', { hasText: '今年的测评即将开始，请您如实回答每一道题。' }).waitFor()
  await admin.locator('.content__save').tap()
  await admin.getByText('已保存，居民打开首页即可看到新的内容。').waitFor({ timeout: 15000 })
  await admin.screenshot({ path: join(ARTIFACTS, 'towns-content-editor.png'), fullPage: true })
  expect(errors).toEqual([])

  const resident = await phonePage(e2e.browser)
  await resident.goto(sharedLink())
  await resident.locator('.open-letter__paragraph', { hasText: '今年的测评即将开始，请您如实回答每一道题。' }).waitFor({ timeout: 20000 })
  await expect(resident.locator('.open-letter__paragraph').allTextContents()).resolves.toEqual(['今年的测评即将开始，请您如实回答每一道题。', '谢谢大家！'])
  await expect(resident.getByText('茶市镇正在开展平安建设，感谢大家的支持。').count()).resolves.toBe(0)
  // The default town's letter is untouched.
  await resident.evaluate(() => localStorage.removeItem('town'))
  await resident.goto(e2e.cloud.url)
  await resident.reload()
  await resident.getByText(OPEN_LETTER.title).waitFor({ timeout: 20000 })
})
