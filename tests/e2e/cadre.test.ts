import { existsSync } from 'fs'
import { join } from 'path'
import type { Browser, Page } from 'playwright-core'
import { ARTIFACTS, launchBrowser, phonePage } from '../support/browser'
import { startTestCloud, type TestCloud } from '../support/local-cloud'

let cloud: TestCloud
let browser: Browser

beforeAll(async () => {
  if (!existsSync(join(__dirname, '..', '..', 'dist-h5', 'index.html'))) {
    throw new Error('dist-h5 is missing: run `npm run build:h5` (npm test does it first)')
  }
  cloud = await startTestCloud()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await cloud?.close()
})

const CADRE = 'e2e-cadre'

// Taro's H5 router keeps earlier pages in the DOM, hidden: only what a person can see counts.
const visibleText = (page: Page, text: string | RegExp) =>
  (typeof text === 'string' ? page.getByText(text, { exact: true }) : page.getByText(text)).filter({ visible: true })
const tap = (page: Page, text: string) => visibleText(page, text).first().tap()
const field = (page: Page, name: string) => page.locator(`input[name="${name}"]`).filter({ visible: true })
const visible = (page: Page, selector: string) => page.locator(selector).filter({ visible: true })

/** Taro's H5 page scrolls inside its own container: a tall window for a moment shows the whole form. */
async function screenshotWhole(page: Page, file: string) {
  const size = page.viewportSize()!
  await page.setViewportSize({ width: size.width, height: 1700 })
  await page.screenshot({ path: join(ARTIFACTS, file) })
  await page.setViewportSize(size)
}

/** Types as a person does, then leaves the field (which is when its own message appears). */
async function fill(page: Page, name: string, value: string) {
  await field(page, name).fill(value)
  await field(page, name).blur()
}

it('a person joins with an invite, registers a household, sees it masked, and the same number typed differently is refused', async () => {
  const invite = await cloud.call('user', { action: 'createInvite', village: '新塘站' }, 'local-admin')
  expect(invite.ok).toBe(true)
  // A neighbouring village registered a number first.
  const other = await cloud.call('user', { action: 'createInvite', village: '云集' }, 'local-admin')
  await cloud.call('user', { action: 'redeemInvite', code: other.data.code, name: '云集干部' }, 'e2e-yunji')
  const taken = await cloud.call('contacts', { action: 'register', name: '赵六', phone: '13912345678', consent: true }, 'e2e-yunji')
  expect(taken.ok).toBe(true)

  const page = await phonePage(browser)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  // Who the H5 app says it is (services/local-user.ts, stored as Taro.setStorageSync does).
  await page.addInitScript((openid) => localStorage.setItem('local-openid', JSON.stringify({ data: openid })), CADRE)

  // Not a cadre yet: after the privacy guide, the hub asks for the invite code.
  await page.goto(`${cloud.url}/#/packages/cadre/home/index`)
  await visibleText(page, '平安民调 用户隐私保护指引').waitFor({ timeout: 15000 })
  await tap(page, '同意并继续')
  await visibleText(page, '我是村(社区)干部').waitFor()
  await fill(page, 'code', 'WRONG')
  await visibleText(page, '邀请码应为10位').waitFor()
  // Typed by hand from a chat: lower case, with a space in the middle.
  const code = String(invite.data.code)
  await fill(page, 'code', `${code.slice(0, 5).toLowerCase()} ${code.slice(5)}`)
  await fill(page, 'name', '王芳')
  await tap(page, '确认加入')

  // The hub: 新塘站, nothing registered yet.
  await visibleText(page, '王芳，您好！您是新塘站的干部。').waitFor()
  await expect(visible(page, '.village-progress__figures').textContent()).resolves.toBe('已登记 0 户 / 任务 260 户')
  await page.screenshot({ path: join(ARTIFACTS, 'cadre-hub-empty.png') })

  // Register: 包户责任人 is the cadre; errors as typed; consent required.
  await tap(page, '登记住户电话')
  await field(page, 'responsible').waitFor()
  await expect(field(page, 'responsible').inputValue()).resolves.toBe('王芳')
  await fill(page, 'name', '李四')
  await fill(page, 'phone', '1380013800')
  await visibleText(page, '电话号码位数不对，手机号码应为11位').waitFor()
  await fill(page, 'phone', '+86 138 0013 8000')
  await visibleText(page, '13800138000').waitFor()
  await fill(page, 'occupation', '务农')
  await fill(page, 'address', '新塘站村三组')
  await tap(page, '登记')
  await visibleText(page, '请先确认已告知居民用途并征得同意').waitFor()
  expect(cloud.count('contacts')).toBe(1)
  await visible(page, '.consent-box__row').tap()
  console.log(await visible(page, '.register__submit').evaluate((e) => e.outerHTML + getComputedStyle(e).backgroundColor))
  await screenshotWhole(page, 'cadre-register.png')
  console.log(await visible(page, '.register__submit').evaluate((e) => e.outerHTML + getComputedStyle(e).backgroundColor))
  await tap(page, '登记')
  await visibleText(page, '上一户已登记：李四 138****8000').waitFor()
  await expect(field(page, 'name').inputValue()).resolves.toBe('')
  await expect(field(page, 'phone').inputValue()).resolves.toBe('')
  await expect(field(page, 'responsible').inputValue()).resolves.toBe('王芳')
  expect(cloud.count('contacts', { village: '新塘站' })).toBe(1)

  // The same number, typed another way, for another name: refused, naming the village.
  await fill(page, 'name', '李四的儿子')
  await fill(page, 'phone', '138 0013 8000')
  await visible(page, '.consent-box__row').tap()
  await tap(page, '登记')
  await visibleText(page, '该号码已在新塘站登记').waitFor()
  // And one the neighbouring village registered first.
  await fill(page, 'phone', '0086 139-1234-5678')
  await tap(page, '登记')
  await visibleText(page, '该号码已在云集登记').waitFor()
  expect(cloud.count('contacts', { village: '新塘站' })).toBe(1)
  expect(cloud.count('contacts')).toBe(2)

  // The list: newest first, masked, and only the cadre's own may be revealed.
  await tap(page, '查看本村登记名单')
  await visibleText(page, '新塘站共 1 户').waitFor()
  const card = visible(page, '.contact-card')
  await expect(card.count()).resolves.toBe(1)
  await expect(card.locator('.contact-card__phone').textContent()).resolves.toBe('138****8000')
  await expect(card.locator('.contact-card__name').textContent()).resolves.toBe('李四')
  expect(await visible(page, '.contacts').textContent()).not.toMatch(/13800138000/)
  await screenshotWhole(page, 'cadre-list.png')

  // 显示号码: the whole number, and the reveal is in the audit log.
  await card.getByText('显示号码', { exact: true }).tap()
  await card.getByText('13800138000', { exact: true }).waitFor()
  expect(cloud.count('audit_log', { action: 'contacts.reveal', actor: CADRE })).toBe(1)

  expect(errors).toEqual([])
})
