/**
 * Weak signal and none, in Chromium at 360×640 against the whole local cloud: a request held for
 * 30 s, a registration made offline, a reload while records wait, a number taken meanwhile, and the
 * mock call from the household list. The gateway is held or blocked from the test (tests/support/
 * network.ts, Playwright's routing); nothing in the shipped code knows.
 */
import { join } from 'path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { PRIVACY_VERSION } from '../../src/components/privacy-notice/guide'
import { ARTIFACTS, useBrowserAndCloud } from '../support/browser'
import { blockApi, holdApi } from '../support/network'

const e2e = useBrowserAndCloud()

const VILLAGE = '新城'
let serial = 0

// Taro's H5 router keeps earlier pages in the DOM, hidden: only what a person can see counts.
const visibleText = (page: Page, text: string | RegExp) =>
  (typeof text === 'string' ? page.getByText(text, { exact: true }) : page.getByText(text)).filter({ visible: true })
const tap = (page: Page, text: string) => visibleText(page, text).first().tap()
const visible = (page: Page, selector: string) => page.locator(selector).filter({ visible: true })
const field = (page: Page, name: string) => page.locator(`input[name="${name}"]`).filter({ visible: true })

/** A cadre of 新城 with a fresh openid (each test its own phone and its own households). */
async function newCadre(name: string): Promise<string> {
  const openid = `e2e-field-${++serial}`
  const invite = await e2e.cloud.call('user', { action: 'createInvite', village: VILLAGE }, 'local-admin')
  expect((await e2e.cloud.call('user', { action: 'redeemInvite', code: invite.data.code, name }, openid)).ok).toBe(true)
  return openid
}

/** A phone at 360×640 as `openid`, the privacy guide accepted. */
async function phone(browser: Browser, openid: string, width = 360): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 640 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale: 'zh-CN' })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.addInitScript(
    ([id, version]) => {
      localStorage.setItem('local-openid', JSON.stringify({ data: id }))
      localStorage.setItem('privacy-consent', JSON.stringify({ data: version }))
    },
    [openid, PRIVACY_VERSION]
  )
  return { context, page, errors }
}

async function openRegister(page: Page, cadreName: string) {
  await page.goto(`${e2e.cloud.url}/#/packages/cadre/home/index`)
  await visibleText(page, `${cadreName}，您好！您是新城的干部。`).waitFor({ timeout: 20000 })
  await tap(page, '登记住户电话')
  await field(page, 'name').waitFor()
}

async function fillHousehold(page: Page, name: string, number: string) {
  await field(page, 'name').fill(name)
  await field(page, 'phone').fill(number)
  await visible(page, '.consent-box__row').tap()
}

const contactsOf = (name: string) => e2e.cloud.count('contacts', { name })
const pendingCount = (page: Page) => visible(page, '.pending-uploads__count').textContent()

it('a request held for 30 s ends in a message, the household kept; the late answer and the retry count it once', async () => {
  const cadre = await newCadre('王芳')
  const { context, page, errors } = await phone(e2e.browser, cadre)
  await openRegister(page, '王芳')
  // The first registration reaches the cloud at once but its answer is held for 30 s.
  const held = await holdApi(page, 'contacts', { answerAfterMs: 30_000, count: 1 })
  await fillHousehold(page, '钱一', '13811110001')
  const started = Date.now()
  await tap(page, '登记')
  await visibleText(page, '正在登记…').waitFor()
  await visibleText(page, /上一户已存在手机上（待上传）：钱一 138\*\*\*\*0001/).waitFor({ timeout: 25_000 })
  // Said after the client's 15 s, not after the 30 s hold, and never "正在登记…" for good.
  expect(Date.now() - started).toBeGreaterThanOrEqual(14_000)
  expect(Date.now() - started).toBeLessThan(28_000)
  await expect(visibleText(page, '正在登记…').count()).resolves.toBe(0)
  await expect(visible(page, '.register__submit').getAttribute('disabled')).resolves.toBeNull()
  // The form is free for the next household; the one sent waits on the phone.
  await expect(field(page, 'name').inputValue()).resolves.toBe('')
  await expect(pendingCount(page)).resolves.toBe('待上传 1 条')
  await page.screenshot({ path: join(ARTIFACTS, 'field-timeout-kept.png') })
  // The cloud had stored it: the outbox's own retry, with the same id, adds nothing.
  expect(contactsOf('钱一')).toBe(1)
  await visible(page, '.pending-uploads').waitFor({ state: 'detached', timeout: 30_000 })
  await held.done
  expect(held.seen).toBeGreaterThanOrEqual(2)
  expect(contactsOf('钱一')).toBe(1)
  expect(e2e.cloud.count('contacts', { owner: cadre })).toBe(1)
  expect(errors).toEqual([])
  await context.close()
}, 120_000)

it('a registration made offline is stored exactly once after the network returns, with no tap', async () => {
  const cadre = await newCadre('李娜')
  const { context, page, errors } = await phone(e2e.browser, cadre)
  await openRegister(page, '李娜')
  await context.setOffline(true)
  await fillHousehold(page, '孙二', '13811110002')
  await tap(page, '登记')
  await visibleText(page, /上一户已存在手机上（待上传）：孙二 138\*\*\*\*0002/).waitFor()
  await expect(pendingCount(page)).resolves.toBe('待上传 1 条')
  await fillHousehold(page, '周三', '0734-8161234')
  await tap(page, '登记')
  await visibleText(page, /上一户已存在手机上（待上传）：周三 0734-\*\*\*1234/).waitFor()
  await expect(pendingCount(page)).resolves.toBe('待上传 2 条')
  await expect(visible(page, '.pending-uploads__label').allTextContents()).resolves.toEqual(['登记：孙二 138****0002', '登记：周三 0734-***1234'])
  await page.screenshot({ path: join(ARTIFACTS, 'field-offline-pending.png') })
  expect(contactsOf('孙二') + contactsOf('周三')).toBe(0)

  // The network comes back: nothing to tap.
  await context.setOffline(false)
  await visible(page, '.pending-uploads').waitFor({ state: 'detached', timeout: 20_000 })
  expect(contactsOf('孙二')).toBe(1)
  expect(contactsOf('周三')).toBe(1)
  expect(e2e.cloud.count('contacts', { owner: cadre })).toBe(2)
  // Sent: nothing of the residents left in the phone's storage.
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('outbox')).map((k) => localStorage.getItem(k)))
  expect(kept).toEqual([])
  expect(errors).toEqual([])
  await context.close()
}, 90_000)

it('a reload while records wait keeps them; they go once the cloud is reachable again', async () => {
  const cadre = await newCadre('赵敏')
  const { context, page, errors } = await phone(e2e.browser, cadre)
  await openRegister(page, '赵敏')
  // The page loads, but calls to the functions fail as on a dead mobile network.
  const blocked = await blockApi(page)
  await fillHousehold(page, '吴四', '13811110004')
  await tap(page, '登记')
  await visibleText(page, /上一户已存在手机上（待上传）：吴四/).waitFor()
  await fillHousehold(page, '郑五', '13811110005')
  await tap(page, '登记')
  await visibleText(page, /上一户已存在手机上（待上传）：郑五/).waitFor()

  await page.reload()
  await visible(page, '.pending-uploads__count').waitFor({ timeout: 20_000 })
  await expect(pendingCount(page)).resolves.toBe('待上传 2 条')
  await page.screenshot({ path: join(ARTIFACTS, 'field-reload-pending.png') })
  expect(contactsOf('吴四') + contactsOf('郑五')).toBe(0)

  await blocked.lift()
  // Their next try (at most a few seconds away) sends both, in order, once.
  await visible(page, '.pending-uploads').waitFor({ state: 'detached', timeout: 30_000 })
  expect(contactsOf('吴四')).toBe(1)
  expect(contactsOf('郑五')).toBe(1)
  expect(errors).toEqual([])
  await context.close()
}, 90_000)

it('a number registered by someone else meanwhile is shown on the item; edited, it is stored', async () => {
  const cadre = await newCadre('钱多')
  const other = await newCadre('陈刚')
  const { context, page, errors } = await phone(e2e.browser, cadre)
  await openRegister(page, '钱多')
  await context.setOffline(true)
  await fillHousehold(page, '冯六', '13811110006')
  await tap(page, '登记')
  await visibleText(page, /上一户已存在手机上（待上传）：冯六/).waitFor()
  // Meanwhile a colleague with signal registers the same number.
  expect((await e2e.cloud.call('contacts', { action: 'register', name: '冯六', phone: '13811110006', consent: true }, other)).ok).toBe(true)

  await context.setOffline(false)
  const item = visible(page, '.pending-uploads__item--refused')
  await item.waitFor({ timeout: 20_000 })
  await expect(item.locator('.pending-uploads__state').textContent()).resolves.toBe('没有上传成功：该号码已在新城登记')
  await expect(visible(page, '.pending-uploads__refused-count').textContent()).resolves.toBe('其中 1 条需要处理')
  await item.scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(ARTIFACTS, 'field-conflict-on-item.png') })
  expect(e2e.cloud.count('contacts', { phone: '13811110006' })).toBe(1)

  // The cadre checks with the resident: another number.
  await item.getByText('修改', { exact: true }).tap()
  await item.locator('input[name="phone"]').fill('13811110016')
  await item.getByText('改好了，重新上传', { exact: true }).tap()
  await visible(page, '.pending-uploads').waitFor({ state: 'detached', timeout: 20_000 })
  expect(e2e.cloud.count('contacts', { phone: '13811110016', owner: cadre })).toBe(1)
  expect(errors).toEqual([])
  await context.close()
}, 90_000)

it('a mock call from the household list: the number revealed (audited), dialled, the outcome recorded and shown on the household', async () => {
  const cadre = await newCadre('马丽')
  const household = await e2e.cloud.call('contacts', { action: 'register', name: '何七', phone: '13811110007', consent: true }, cadre)
  expect(household.ok).toBe(true)
  const { context, page, errors } = await phone(e2e.browser, cadre)
  // What the dialler is asked for (Taro's H5 makePhoneCall sets location to tel:…).
  const dialled: string[] = []
  page.on('request', (r) => {
    if (r.url().startsWith('tel:')) dialled.push(r.url())
  })
  await page.goto(`${e2e.cloud.url}/#/packages/cadre/contacts/index`)
  const card = visible(page, '.contact-card').filter({ hasText: '何七' })
  await card.waitFor({ timeout: 20_000 })
  await expect(card.locator('.contact-card__last-call').textContent()).resolves.toBe('还没有打过模拟民调电话')
  await card.getByText('拨打并记录模拟民调', { exact: true }).tap()
  await visibleText(page, '打给：何七（结果会显示在登记名单上）').waitFor({ timeout: 15_000 })
  expect(dialled).toEqual(['tel:13811110007'])
  expect(e2e.cloud.count('audit_log', { action: 'contacts.reveal', actor: cadre, target: household.data.id })).toBe(1)
  await page.screenshot({ path: join(ARTIFACTS, 'field-mock-call-interview.png') })
  await tap(page, '拒访')
  await visibleText(page, '已记录：拒访').waitFor()
  await tap(page, '返回登记名单，拨打下一户')
  // The list reloads on coming back: the household now shows how the call went.
  await card.locator('.contact-card__last-call').filter({ hasText: '上次模拟民调：拒访' }).waitFor({ timeout: 15_000 })
  await expect(card.locator('.contact-card__last-call').textContent()).resolves.toMatch(/^上次模拟民调：拒访（\d{4}-\d\d-\d\d \d\d:\d\d）$/)
  await page.screenshot({ path: join(ARTIFACTS, 'field-mock-call-list.png') })
  const doc = e2e.cloud.service.db.get('contacts', household.data.id) as { lastCall?: { outcome: string; by: string } }
  expect(doc.lastCall).toMatchObject({ outcome: 'refused', by: cadre })
  expect(e2e.cloud.count('survey_responses', { mode: 'interview', cadre, outcome: 'refused' })).toBe(1)
  // The whole number, once, to the phone's dialler.
  expect(dialled).toEqual(['tel:13811110007'])
  expect(errors).toEqual([])
  await context.close()
}, 90_000)

it('phone fields open the number pad and every placeholder of the cadre forms fits at 320 px', async () => {
  const cadre = await newCadre('林立')
  const { context, page } = await phone(e2e.browser, cadre, 320)
  await openRegister(page, '林立')
  const phoneInput = field(page, 'phone')
  await expect(phoneInput.getAttribute('inputmode')).resolves.toBe('numeric')
  // Text, not type=number: "+86 138…" and dashes pasted from a chat still go in.
  await expect(phoneInput.getAttribute('type')).resolves.toBe('text')
  await phoneInput.fill('+86 138-0013-8000')
  await visibleText(page, '13800138000').waitFor()

  /** Inputs whose placeholder is wider than the room inside them. */
  const clipped = () =>
    page.evaluate(() => {
      const ctx = document.createElement('canvas').getContext('2d')!
      return Array.from(document.querySelectorAll<HTMLInputElement>('input[placeholder]'))
        .filter((i) => i.offsetParent !== null && i.placeholder)
        .map((i) => {
          const s = getComputedStyle(i)
          ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`
          const room = i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)
          return { name: i.name, placeholder: i.placeholder, text: Math.ceil(ctx.measureText(i.placeholder).width), room }
        })
        .filter((m) => m.text > m.room)
    })
  await page.screenshot({ path: join(ARTIFACTS, 'field-register-320.png') })
  await expect(clipped()).resolves.toEqual([])
  await tap(page, '查看本村登记名单')
  await field(page, 'search').waitFor()
  // Measured once the page has slid into place.
  await visibleText(page, /新城共 \d+ 户/).waitFor()
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.contacts')).some((e) => e.getBoundingClientRect().left === 0))
  await page.screenshot({ path: join(ARTIFACTS, 'field-contacts-320.png') })
  await expect(clipped()).resolves.toEqual([])
  // No page wider than the phone.
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320)
  await context.close()
}, 60_000)
