import { existsSync } from 'fs'
import { join } from 'path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, launchBrowser, phonePage } from '../support/browser'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

let cloud: TestCloud
let browser: Browser

const ADMIN = 'local-admin'
let serial = 0

/** A cadre of `village`, made as an admin does: an invite, redeemed. */
async function cadreOf(village: string): Promise<string> {
  const openid = `e2e-cadre-${village}`
  const invite = await cloud.call('user', { action: 'createInvite', village }, ADMIN)
  expect(invite.ok).toBe(true)
  const redeemed = await cloud.call('user', { action: 'redeemInvite', code: invite.data.code, name: `${village}干部` }, openid)
  expect(redeemed).toMatchObject({ ok: true, data: { role: 'cadre', village } })
  return openid
}

/** `n` residents registered by that cadre through the contacts function, with their consent. */
async function register(cadre: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const phone = `1390000${String(++serial).padStart(4, '0')}`
    const res = await cloud.call('contacts', { action: 'register', name: `居民${serial}`, phone, consent: true }, cadre)
    expect(res).toMatchObject({ ok: true, data: { stored: true } })
  }
}

const RANKING_URL = () => `${cloud.url}/#/packages/admin/ranking/index`

/** What the ranking table shows, row by row. */
function tableRows(page: Page) {
  return page.$$eval('.rank-table__body', (rows) =>
    rows.map((r) => ({
      rank: r.querySelector('.rank-table__rank')?.textContent,
      village: r.querySelector('.rank-table__name')?.textContent,
      flag: r.querySelector('.rank-table__flag')?.textContent ?? null,
      rate: r.querySelector('.rank-table__rate-text')?.textContent,
      change: r.querySelector('.rank-table__change')?.textContent
    }))
  )
}

async function asAdmin(page: Page) {
  await page.goto(cloud.url)
  await page.getByText('切换身份(本地)').waitFor({ timeout: 20000 })
  await page.getByText('管理员', { exact: true }).tap()
  await page.goto(RANKING_URL())
}

beforeAll(async () => {
  if (!existsSync(join(__dirname, '..', '..', 'dist-h5', 'index.html'))) {
    throw new Error('dist-h5 is missing: run `npm run build:h5` (npm test does it first)')
  }
  cloud = await startTestCloud()
  browser = await launchBrowser()
  const dukou = await cadreOf('渡口')
  const yunji = await cadreOf('云集')
  const xincheng = await cadreOf('新城')
  const maotang = await cadreOf('毛塘')
  const xianggu = await cadreOf('响鼓岭')
  const jiangxin = await cadreOf('江新')
  // 渡口 5/200 = 2.5%, 毛塘 2/200 = 1%, 云集 3/350 ≈ 0.86%, 响鼓岭 1/200 = 0.5%, 江新 1/220 ≈ 0.45%, 新城 1/300 ≈ 0.33%.
  await register(dukou, 5)
  await register(yunji, 3)
  await register(xincheng, 1)
  await register(maotang, 2)
  await register(xianggu, 1)
  await register(jiangxin, 1)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})

it('the admin sees the villages ranked by completion, 前五 and 后三 marked, and takes 本轮督查', async () => {
  const page = await phonePage(browser)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await asAdmin(page)
  await page.locator('.rank-table__body').first().waitFor({ timeout: 20000 })

  const rows = await tableRows(page)
  expect(rows).toHaveLength(23)
  expect(rows.slice(0, 6)).toEqual([
    { rank: '1', village: '渡口', flag: '前五', rate: '2.5%', change: '—' },
    { rank: '2', village: '毛塘', flag: '前五', rate: '1%', change: '—' },
    { rank: '3', village: '云集', flag: '前五', rate: '0.9%', change: '—' },
    { rank: '4', village: '响鼓岭', flag: '前五', rate: '0.5%', change: '—' },
    { rank: '5', village: '江新', flag: '前五', rate: '0.5%', change: '—' },
    { rank: '6', village: '新城', flag: null, rate: '0.3%', change: '—' }
  ])
  // The other 17 share the last place at 0%: all of them are within the last three.
  expect(rows.slice(6).every((r) => r.rank === '7' && r.flag === '后三' && r.rate === '0%')).toBe(true)
  expect(await page.locator('.ranking__total').textContent()).toBe('13 / 6440 个号码，完成率 0.2%')
  await page.getByText(/^尚未督查/).waitFor()
  // Enabled buttons look enabled (not faded like a disabled one).
  expect(await page.locator('.ranking taro-button-core').first().evaluate((e) => getComputedStyle(e).opacity)).toBe('1')

  // 本轮督查: confirmed in the dialog, then the time of the round is shown.
  await page.getByText('本轮督查', { exact: true }).tap()
  await page.locator('.taro-model__confirm').tap()
  const round = page.locator('.ranking__round')
  await round.getByText(/^上次督查：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（管理员记录）$/).waitFor({ timeout: 15000 })
  const shown = (await round.textContent())!.slice(5, 21)
  const chinaNow = Date.now() + 8 * 3600_000
  expect(Math.abs(Date.parse(`${shown.replace(' ', 'T')}:00Z`) - chinaNow)).toBeLessThan(3 * 60_000)
  // The town's round (a county admin's also takes the county's: stat_snapshots/county/<day>).
  expect(cloud.count('stat_snapshots', { scope: 'town' })).toBe(1)

  // Three more in 新城 after the round: it climbs from 6th to 2nd, the others make way.
  await register('e2e-cadre-新城', 3)
  await page.reload()
  await page.locator('.rank-table__body').first().waitFor({ timeout: 20000 })
  const after = await tableRows(page)
  expect(after.find((r) => r.village === '新城')).toMatchObject({ rank: '2', flag: '前五', rate: '1.3%', change: '▲4+3' })
  expect(after.find((r) => r.village === '毛塘')).toMatchObject({ rank: '3', change: '▼1+0' })
  expect(after.find((r) => r.village === '江新')).toMatchObject({ rank: '6', flag: null, change: '▼1+0' })
  expect(after.find((r) => r.village === '渡口')).toMatchObject({ rank: '1', change: '持平+0' })
  await page.screenshot({ path: join(ARTIFACTS, 'admin-ranking.png'), fullPage: true })

  // A village's detail: its cadre and count, its trend (the round and now).
  await page.locator('.rank-table__name', { hasText: '渡口' }).tap()
  await page.locator('.village__cadre').first().waitFor({ timeout: 15000 })
  expect(await page.locator('.village__cadre').allTextContents()).toEqual(['渡口干部5 个'])
  await page.locator('.trend-chart__label').last().waitFor()
  expect(await page.locator('.trend-chart__value').allTextContents()).toEqual(['5', '5'])
  await page.screenshot({ path: join(ARTIFACTS, 'admin-village.png'), fullPage: true })
  expect(errors).toEqual([])
}, 120_000)

it('a resident who opens an admin page is told it is for admins only', async () => {
  const page = await phonePage(browser)
  await page.goto(RANKING_URL())
  await page.getByText('仅限管理员使用').waitFor({ timeout: 20000 })
  expect(await page.locator('.rank-table').count()).toBe(0)
})

it('the other admin pages work against the real functions: indicators, cadres, the ranking export', async () => {
  // Two practice runs (one 不太安全 naming 电信网络诈骗) and a mock call of each outcome.
  const VALID = { Q1: [1], Q3: [4], Q4: [1, 3], Q5: [2], Q7: [1], Q8: [2], Q9: [1], Q10: [1], Q11: [1], Q12: [13], Q13: [12], Q14: [5] }
  const submit = (openid: string, fields: object) =>
    cloud.call('survey', { action: 'submit', submissionId: `e2e-submission-${++serial}-xxxx`, answers: VALID, ...fields }, openid)
  expect((await submit('e2e-resident-1', { mode: 'practice', village: '渡口' })).ok).toBe(true)
  expect((await submit('e2e-resident-2', { mode: 'practice', village: '渡口', answers: { ...VALID, Q1: [3], Q2: [7] } })).ok).toBe(true)
  expect((await submit('e2e-cadre-渡口', { mode: 'interview', outcome: 'completed' })).ok).toBe(true)
  expect((await submit('e2e-cadre-渡口', { mode: 'interview', outcome: 'refused', answers: {} })).ok).toBe(true)

  const page = await phonePage(browser)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await asAdmin(page)
  await page.locator('.rank-table__body').first().waitFor({ timeout: 20000 })

  await page.locator('.admin__tab', { hasText: '民意指标' }).tap()
  await page.locator('.indicators__outcome').first().waitFor({ timeout: 15000 })
  expect(await page.locator('.indicators__outcome-value').allTextContents()).toEqual(['2', '2', '0', '1', '0', '1'])
  const rate = (title: string) => page.locator('.indicators__rate', { has: page.locator('.indicators__rate-title', { hasText: title }) })
  expect(await rate('安全感率').locator('.indicators__n').textContent()).toBe('n=1')
  // Q14 answered 不了解/不清楚: out of the denominator by default, so nobody counts.
  expect(await rate('政法机关执法满意率').locator('.indicators__rate-value').textContent()).toBe('样本不足')
  await page.locator('.admin__segment', { hasText: '练习答题' }).tap()
  await page.getByText(/^练习答题 2 份/).waitFor({ timeout: 15000 })
  expect(await rate('安全感率').locator('.indicators__rate-value').textContent()).toBe('50%')
  expect(await page.locator('.option-bars__row', { hasText: '电信网络诈骗' }).locator('.option-bars__figure').textContent()).toBe('1人 · 100%')
  await page.screenshot({ path: join(ARTIFACTS, 'admin-indicators.png'), fullPage: true })

  await page.locator('.admin__tab', { hasText: '干部邀请' }).tap()
  const jiangxin = page.locator('.people__cadre', { hasText: '江新干部' })
  await jiangxin.waitFor({ timeout: 15000 })
  await jiangxin.getByText('撤销', { exact: true }).tap()
  await page.locator('.taro-model__confirm').tap()
  await jiangxin.waitFor({ state: 'detached', timeout: 15000 })
  expect(await cloud.call('user', { action: 'whoami' }, 'e2e-cadre-江新')).toMatchObject({ ok: true, data: { role: 'resident' } })
  await page.screenshot({ path: join(ARTIFACTS, 'admin-people.png'), fullPage: true })

  await page.locator('.admin__tab', { hasText: '导出清除' }).tap()
  await page.getByText('导出排名表格', { exact: true }).tap()
  const link = page.locator('a.admin__link')
  await link.waitFor({ timeout: 15000 })
  const download = await fetch(new URL((await link.getAttribute('href'))!, cloud.url))
  expect(download.status).toBe(200)
  expect(download.headers.get('content-type')).toContain('spreadsheetml')
  expect(errors).toEqual([])
}, 120_000)
