import { join } from 'path'
import type { Page } from 'playwright-core'
import { ARTIFACTS, phonePage, useBrowserAndCloud } from '../support/browser'

const e2e = useBrowserAndCloud()

const TOWN = '云集街道'
const ADMIN = 'local-admin'
const INSPECTOR = 'e2e-inspector'
const SCHOOL = '云集联合学校'

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
  const invite = await e2e.cloud.call('user', { action: 'createInvite', role: 'inspector', town: TOWN }, ADMIN)
  expect(invite.ok).toBe(true)
  const joined = await e2e.cloud.call('user', { action: 'redeemInvite', code: invite.data.code, name: '李督查' }, INSPECTOR)
  expect(joined).toMatchObject({ ok: true, data: { role: 'inspector', town: TOWN } })
})

it('an admin opens a round, an inspector scores a unit one-handed, the admin closes the round and opens the circular', async () => {
  // The admin opens round 1 from 督查管理.
  const admin = await as(ADMIN)
  await admin.page.goto(`${e2e.cloud.url}/#/packages/admin/inspections/index`)
  await visibleText(admin.page, '开启新一轮督查').waitFor({ timeout: 20000 })
  await tap(admin.page, '开启新一轮督查')
  await admin.page.locator('.taro-model__confirm').tap()
  await visible(admin.page, '.inspections__close').waitFor({ timeout: 20000 })
  await expect(visible(admin.page, '.card').first().textContent()).resolves.toMatch(/第1轮进行中.*已评 0\/\d+ 个单位/)
  await admin.page.screenshot({ path: join(ARTIFACTS, 'inspections-rounds.png'), fullPage: true })

  // The inspector: the staff home leads to 督查评分, the round's units not scored yet.
  const inspector = await as(INSPECTOR)
  const page = inspector.page
  await page.goto(`${e2e.cloud.url}/#/packages/cadre/home/index`)
  await visibleText(page, '李督查，您好！您是云集街道督查组成员。').waitFor({ timeout: 20000 })
  await tap(page, '督查评分')
  const school = visible(page, '.inspector-home__unit').filter({ hasText: SCHOOL })
  await school.waitFor({ timeout: 20000 })
  await expect(visible(page, '.tabs__tab').allTextContents()).resolves.toEqual([expect.stringMatching(/^未评分（\d+）$/), '已评分（0）'])
  await page.screenshot({ path: join(ARTIFACTS, 'inspections-units.png') })
  await school.tap()

  // A school: no 村村响 (villages only), every entered item by stepper shortcuts and steps.
  await visible(page, '.score .card__title').filter({ hasText: SCHOOL }).waitFor({ timeout: 20000 })
  const item = (id: string) => visible(page, `.score__item[data-item="${id}"]`)
  await expect(item('broadcast').count()).resolves.toBe(0)
  await item('banners').getByText('满分8', { exact: true }).tap()
  await item('banners').getByText('−', { exact: true }).tap()
  await item('banners').getByText('−', { exact: true }).tap()
  await expect(item('banners').locator('.point-picker__value').textContent()).resolves.toBe('7/8')
  await item('slogans').getByText('满分6', { exact: true }).tap()
  await item('visiting').getByText('满分10', { exact: true }).tap()
  await item('patrol').getByText('7.5', { exact: true }).tap()
  await item('unannounced').getByText('满分12', { exact: true }).tap()
  await item('banners').getByText('＋备注或照片（可不填）', { exact: true }).tap()
  await item('banners').locator('textarea').fill('校门口横幅2幅，一幅褪色')
  await tap(page, '＋记录一个问题')
  await expect(visible(page, '.score__due-days').textContent()).resolves.toBe('7天')
  await visible(page, '.score__problem-text textarea').fill('校门口横幅褪色，需更换')
  // The save bar stays at the bottom of the screen, within the thumb's reach, however long the sheet.
  const bar = (await visible(page, '.score__bar').boundingBox())!
  expect(bar.y + bar.height).toBeGreaterThan(844 - 4)
  await expect(visible(page, '.score__total').textContent()).resolves.toMatch(/^合计 42\.5 \/ 46 分，折合百分制 92\.4 分$/)
  await page.screenshot({ path: join(ARTIFACTS, 'inspections-score.png') })
  await tap(page, '保存，下一个单位')

  // Saved: the next unit not scored opens in its place.
  await visible(page, '.score .card__title').filter({ hasNotText: SCHOOL }).waitFor({ timeout: 20000 })
  const rounds = await e2e.cloud.call('inspections', { action: 'rounds', town: TOWN }, ADMIN)
  const round = rounds.data.rounds[0]
  expect(round).toMatchObject({ number: 1, status: 'open', scored: 1 })
  const tasks = await e2e.cloud.call('inspections', { action: 'tasks', town: TOWN, unit: SCHOOL }, ADMIN)
  expect(tasks.data.tasks).toEqual([expect.objectContaining({ unit: SCHOOL, text: '校门口横幅褪色，需更换', status: 'open' })])

  // The admin closes the round (confirmed), then opens its circular.
  await admin.page.reload()
  await visible(admin.page, '.inspections__close').waitFor({ timeout: 20000 })
  await expect(visible(admin.page, '.card').first().textContent()).resolves.toMatch(/已评 1\/\d+ 个单位/)
  await visible(admin.page, '.inspections__close').tap()
  await admin.page.locator('.taro-model__confirm').tap()
  await visibleText(admin.page, '开启新一轮督查').waitFor({ timeout: 20000 })
  await expect(visible(admin.page, '.inspections__round').first().textContent()).resolves.toContain('已结束')
  await visible(admin.page, '.inspections__round').first().getByText('通报', { exact: true }).tap()

  const circular = admin.page
  await visible(circular, '.circular__title').waitFor({ timeout: 20000 })
  await expect(visible(circular, '.circular__title').textContent()).resolves.toBe('云集街道综治民调第1轮督查情况通报')
  const first = visible(circular, '.score-table__body').first()
  await expect(first.locator('.score-table__name').textContent()).resolves.toBe(SCHOOL)
  await expect(first.locator('.score-table__rank').textContent()).resolves.toBe('1')
  await expect(first.locator('.score-table__score').textContent()).resolves.toBe('92.4')
  await expect(first.locator('.score-table__flag').textContent()).resolves.toBe('前五')
  await expect(visible(circular, '.circular__unit-tasks').filter({ hasText: SCHOOL }).locator('.circular__task').allTextContents()).resolves.toEqual([
    expect.stringMatching(/^1\. 校门口横幅褪色，需更换（第1轮发现，期限\d{4}-\d{2}-\d{2}，待整改）$/)
  ])
  await circular.screenshot({ path: join(ARTIFACTS, 'inspections-circular.png'), fullPage: true })
  // On paper: the admin tabs and the tools are left out.
  await circular.emulateMedia({ media: 'print' })
  await expect(visible(circular, '.admin__tabs').count()).resolves.toBe(0)
  await expect(visible(circular, '.circular__tools').count()).resolves.toBe(0)
  await circular.screenshot({ path: join(ARTIFACTS, 'inspections-circular-print.png'), fullPage: true })
  await circular.emulateMedia({ media: 'screen' })

  // The xlsx of the same circular.
  await tap(circular, '导出通报（Excel）')
  const link = visible(circular, 'a.admin__link')
  await link.waitFor({ timeout: 20000 })
  const download = await fetch(new URL((await link.getAttribute('href'))!, e2e.cloud.url))
  expect(download.status).toBe(200)
  expect(download.headers.get('content-type')).toContain('spreadsheetml')
  expect(inspector.errors).toEqual([])
  expect(admin.errors).toEqual([])
}, 180_000)
