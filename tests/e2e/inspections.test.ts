import { join } from 'path'
import type { Locator, Page } from 'playwright-core'
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
/** A tap with the target in the middle of the screen: never under the fixed save bar. */
async function tapCentred(target: Locator): Promise<void> {
  await target.evaluate((e) => e.scrollIntoView({ block: 'center' }))
  await target.tap()
}

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
  await admin.page.waitForTimeout(2000) // the toast fades
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
  await visible(page, '.score__unit').filter({ hasText: SCHOOL }).waitFor({ timeout: 20000 })
  const item = (id: string) => visible(page, `.score__item[data-item="${id}"]`)
  await expect(item('broadcast').count()).resolves.toBe(0)
  await tapCentred(item('banners').getByText('满分8', { exact: true }))
  await tapCentred(item('banners').getByText('−', { exact: true }))
  await tapCentred(item('banners').getByText('−', { exact: true }))
  await expect(item('banners').locator('.point-picker__value').textContent()).resolves.toBe('7/8')
  await page.screenshot({ path: join(ARTIFACTS, 'inspections-score-stepper.png') })
  await tapCentred(item('slogans').getByText('满分6', { exact: true }))
  await tapCentred(item('visiting').getByText('满分10', { exact: true }))
  await tapCentred(item('patrol').getByText('7.5', { exact: true }))
  await tapCentred(item('unannounced').getByText('满分12', { exact: true }))
  await tapCentred(item('banners').getByText('＋备注或照片（可不填）', { exact: true }))
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

  // Saved: the next unit not scored opens in its place; it is scored 0 on every item it is asked.
  const next = visible(page, '.score__unit').filter({ hasNotText: SCHOOL })
  await next.waitFor({ timeout: 20000 })
  const second = (await next.textContent())!
  const entered = visible(page, '.score__item--entered')
  for (let i = 0; i < (await entered.count()); i++) await tapCentred(entered.nth(i).getByText('0', { exact: true }).first())
  await expect(visible(page, '.score__total').textContent()).resolves.toMatch(/^合计 0 \/ \d+ 分，折合百分制 0 分$/)
  await tap(page, '保存，下一个单位')
  await visible(page, '.score__unit').filter({ hasNotText: second }).waitFor({ timeout: 20000 })
  const rounds = await e2e.cloud.call('inspections', { action: 'rounds', town: TOWN }, ADMIN)
  const round = rounds.data.rounds[0]
  expect(round).toMatchObject({ number: 1, status: 'open', scored: 2 })
  const tasks = await e2e.cloud.call('inspections', { action: 'tasks', town: TOWN, unit: SCHOOL }, ADMIN)
  expect(tasks.data.tasks).toEqual([expect.objectContaining({ unit: SCHOOL, text: '校门口横幅褪色，需更换', status: 'open' })])

  // The admin closes the round (confirmed), then opens its circular.
  await admin.page.reload()
  await visible(admin.page, '.inspections__close').waitFor({ timeout: 20000 })
  await expect(visible(admin.page, '.card').first().textContent()).resolves.toMatch(/已评 2\/\d+ 个单位/)
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
  // Two scored: the higher is within the first five, the lower within the last three (summoned).
  const runnerUp = visible(circular, '.score-table__body').nth(1)
  await expect(runnerUp.locator('.score-table__name').textContent()).resolves.toBe(second)
  await expect(runnerUp.locator('.score-table__rank').textContent()).resolves.toBe('2')
  await expect(runnerUp.locator('.score-table__flag').textContent()).resolves.toBe('后三')
  await expect(visible(circular, '.circular__bottom').textContent()).resolves.toBe(`${second}（0分）`)
  // The units not scored are listed without a rank.
  await expect(visible(circular, '.score-table__body').nth(2).locator('.score-table__score').textContent()).resolves.toBe('未评分')
  await expect(visible(circular, '.circular__unit-tasks').filter({ hasText: SCHOOL }).locator('.circular__task').allTextContents()).resolves.toEqual([
    expect.stringMatching(/^1\. 校门口横幅褪色，需更换（第1轮发现，期限\d{4}-\d{2}-\d{2}，待整改）$/)
  ])
  await circular.screenshot({ path: join(ARTIFACTS, 'inspections-circular.png'), fullPage: true })
  // On paper (A4 landscape): the admin tabs and the tools are left out, every column is on the sheet.
  await circular.setViewportSize({ width: 1123, height: 794 })
  await circular.emulateMedia({ media: 'print' })
  const table = (await visible(circular, '.circular .score-table').boundingBox())!
  const lastColumn = (await visible(circular, '.score-table__head .score-table__tasks').boundingBox())!
  expect(lastColumn.x + lastColumn.width).toBeLessThanOrEqual(table.x + table.width + 1)
  await expect(visible(circular, '.admin__tabs').count()).resolves.toBe(0)
  await expect(visible(circular, '.circular__tools').count()).resolves.toBe(0)
  await circular.screenshot({ path: join(ARTIFACTS, 'inspections-circular-print.png'), fullPage: true })
  await circular.emulateMedia({ media: 'screen' })
  await circular.setViewportSize({ width: 390, height: 844 })

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

it('the admin’s ranking page shows the closed round with its flags and a unit’s trend; the sheet is the plan’s, 100 points', async () => {
  const admin = await as(ADMIN)
  const page = admin.page
  const [round] = (await e2e.cloud.call('inspections', { action: 'rounds', town: TOWN }, ADMIN)).data.rounds
  await page.goto(`${e2e.cloud.url}/#/packages/admin/inspections/ranking/index?round=${round.id}`)
  const first = visible(page, '.score-table__body').first()
  await first.waitFor({ timeout: 20000 })
  await expect(first.locator('.score-table__name').textContent()).resolves.toBe(SCHOOL)
  await expect(visible(page, '.ranking-rules__top').textContent()).resolves.toBe(SCHOOL)
  await first.tap()
  await visible(page, '.trend-chart__value').first().waitFor({ timeout: 20000 })
  await expect(visible(page, '.trend-chart__value').allTextContents()).resolves.toEqual(['92.4·1名'])
  await page.screenshot({ path: join(ARTIFACTS, 'inspections-ranking.png'), fullPage: true })

  await tap(page, '评分细则')
  await visible(page, '.sheet__total').waitFor({ timeout: 20000 })
  await expect(visible(page, '.sheet__total').textContent()).resolves.toBe('15项，合计 100 分')
  await page.screenshot({ path: join(ARTIFACTS, 'inspections-sheet.png') })
  expect(admin.errors).toEqual([])
}, 90_000)

it('the school’s cadre marks its task done with a note; in the next round the inspector verifies it (整改到位)', async () => {
  const invite = await e2e.cloud.call('user', { action: 'createInvite', town: TOWN, village: SCHOOL }, ADMIN)
  expect(invite.ok).toBe(true)
  const CADRE = 'e2e-school-cadre'
  expect((await e2e.cloud.call('user', { action: 'redeemInvite', code: invite.data.code, name: '张老师' }, CADRE)).ok).toBe(true)

  const cadre = await as(CADRE)
  await cadre.page.goto(`${e2e.cloud.url}/#/packages/cadre/home/index`)
  await visibleText(cadre.page, '整改任务').waitFor({ timeout: 20000 })
  await tap(cadre.page, '整改任务')
  const card = visible(cadre.page, '.task-card').filter({ hasText: '校门口横幅褪色，需更换' })
  await card.waitFor({ timeout: 20000 })
  // Round 1 is closed; the task waits for round 2's inspector, still 待整改.
  await expect(card.locator('.task-card__status').textContent()).resolves.toBe('待整改')
  await card.locator('textarea').fill('已更换新横幅2幅')
  await card.getByText('已整改', { exact: true }).tap()
  await visible(cadre.page, '.task-card__note').filter({ hasText: '整改情况：已更换新横幅2幅' }).waitFor({ timeout: 20000 })
  await expect(visible(cadre.page, '.trend-chart__value').allTextContents()).resolves.toEqual(['92.4·1名'])
  await cadre.page.screenshot({ path: join(ARTIFACTS, 'inspections-cadre-tasks.png'), fullPage: true })

  // Round 2: the inspector verifies it on site.
  expect((await e2e.cloud.call('inspections', { action: 'openRound', town: TOWN }, ADMIN)).ok).toBe(true)
  const inspector = await as(INSPECTOR)
  await inspector.page.goto(`${e2e.cloud.url}/#/packages/inspector/home/index`)
  await visibleText(inspector.page, '验收整改任务（1）').waitFor({ timeout: 20000 })
  await tap(inspector.page, '验收整改任务（1）')
  const toVerify = visible(inspector.page, '.task-card').filter({ hasText: '校门口横幅褪色，需更换' })
  await toVerify.waitFor({ timeout: 20000 })
  await expect(toVerify.locator('.task-card__note').textContent()).resolves.toBe('整改情况：已更换新横幅2幅')
  await inspector.page.screenshot({ path: join(ARTIFACTS, 'inspections-verify.png') })
  await toVerify.getByText('整改到位', { exact: true }).tap()
  await visibleText(inspector.page, '没有等待验收的整改任务。').waitFor({ timeout: 20000 })
  const tasks = await e2e.cloud.call('inspections', { action: 'tasks', town: TOWN, unit: SCHOOL }, ADMIN)
  expect(tasks.data.tasks).toEqual([expect.objectContaining({ text: '校门口横幅褪色，需更换', status: 'verified', note: '已更换新横幅2幅' })])
  expect(cadre.errors).toEqual([])
  expect(inspector.errors).toEqual([])
}, 120_000)
