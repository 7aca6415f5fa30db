/**
 * Issue 13 in Chromium at 360×640 (and 320): what a cheap phone, a weak signal and older eyes meet.
 * Everything is measured from computed styles and boxes, never assumed from the CSS source.
 */
import { join } from 'path'
import type { Browser, Page, Route } from 'playwright-core'
import { getQuestion, type QuestionId } from '../../src/core/questionnaire'
import { OPEN_LETTER } from '../../src/core/content'
import { ARTIFACTS, useBrowserAndCloud } from '../support/browser'

const e2e = useBrowserAndCloud()

const PRIVACY = { key: 'privacy-consent', value: '2023-08-v1' }

/** A phone of this width, touch enabled, with the app's storage preset (Taro keeps `{ data }`). */
async function phone(browser: Browser, width: number, storage: Record<string, unknown> = {}, height = 640): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale: 'zh-CN' })
  const page = await context.newPage()
  await page.addInitScript((entries) => {
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, JSON.stringify({ data: v }))
  }, storage)
  return page
}

// Taro's H5 router keeps earlier pages in the DOM, hidden: only what a person can see counts.
const visibleText = (page: Page, text: string | RegExp) =>
  (typeof text === 'string' ? page.getByText(text, { exact: true }) : page.getByText(text)).filter({ visible: true })
const tap = (page: Page, text: string) => visibleText(page, text).first().tap()
const visible = (page: Page, selector: string) => page.locator(selector).filter({ visible: true })
const questionOnScreen = (page: Page, id: QuestionId) => visibleText(page, getQuestion(id).text).waitFor()

async function answer(page: Page, from: QuestionId, to: QuestionId | 'review', ...labels: string[]) {
  await questionOnScreen(page, from)
  for (const label of labels) await tap(page, label)
  await visible(page, '.survey-nav__next').tap()
  if (to === 'review') await visibleText(page, '检查您的回答').waitFor()
  else await questionOnScreen(page, to)
}

const shot = async (page: Page, file: string) => {
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(ARTIFACTS, file) })
}

/** Every element a person taps on these pages. */
const TAP_TARGETS = [
  'taro-button-core',
  '.option',
  '.tabs__tab',
  '.concern__category',
  '.concern__110',
  '.hotline-list__item',
  '.hotline-list__call',
  '.slogan-list__item',
  '.choice-field__field',
  'taro-input-core',
  'taro-textarea-core',
  '.type-size__choice',
  '.home__join',
  '.consent-box__row'
].join(',')

interface Measure {
  /** The smallest font size of any visible text, and a few of the texts at it. */
  minFont: number
  smallest: string[]
  /** Tap targets under 44×44 CSS px. */
  smallTargets: string[]
  targets: number
  /** How far anything sticks out past the right edge of the screen (outside a sideways-scrolling table). */
  overflow: number
  overflowing: string[]
}

/** Reads the visible page (Taro's `.taro_page` not hidden) as a person would see it, once it has slid in. */
async function measure(page: Page): Promise<Measure> {
  await page.waitForFunction(() => {
    const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    const top = pages[pages.length - 1]
    return !top || Math.abs(top.getBoundingClientRect().left) < 0.5
  })
  await page.waitForTimeout(350)
  return page.evaluate((selector) => {
    const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    const root = pages[pages.length - 1] ?? document.body
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) return false
      for (let e: Element | null = el; e; e = e.parentElement) {
        const s = getComputedStyle(e)
        if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false
      }
      return true
    }
    let minFont = Infinity
    let smallest: string[] = []
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim()
      const el = n.parentElement
      if (!text || !el || !shown(el)) continue
      const size = parseFloat(getComputedStyle(el).fontSize)
      if (size < minFont - 0.01) {
        minFont = size
        smallest = [text]
      } else if (Math.abs(size - minFont) < 0.01 && smallest.length < 5) smallest.push(text)
    }
    const targets = Array.from(root.querySelectorAll(selector)).filter(shown)
    const smallTargets = targets
      .map((t) => ({ t, r: t.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 43.5 || r.height < 43.5)
      .map(({ t, r }) => `${t.className || t.tagName} "${(t.textContent ?? '').trim().slice(0, 12)}" ${r.width.toFixed(1)}×${r.height.toFixed(1)}`)
    const scrolls = (el: Element) => {
      for (let e: Element | null = el.parentElement; e && e !== root; e = e.parentElement) {
        const o = getComputedStyle(e).overflowX
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return true
      }
      return false
    }
    let overflow = Math.max(0, root.scrollWidth - root.clientWidth, document.documentElement.scrollWidth - innerWidth)
    const overflowing: string[] = []
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.right <= innerWidth + 0.5 || scrolls(el)) continue
      overflow = Math.max(overflow, r.right - innerWidth)
      if (overflowing.length < 5) overflowing.push(`${el.className || el.tagName} → ${r.right.toFixed(1)}`)
    }
    return { minFont, smallest, smallTargets, targets: targets.length, overflow, overflowing }
  }, TAP_TARGETS)
}

/** Measured figures, printed at the end for the closing note. */
const figures: Record<string, unknown> = {}
afterAll(() => {
  console.log(`field figures:\n${JSON.stringify(figures, null, 2)}`)
})

async function expectLegible(page: Page, label: string, least = 16) {
  const m = await measure(page)
  figures[label] = { minFont: m.minFont, targets: m.targets, overflow: m.overflow }
  expect({ label, small: m.minFont < least ? m.smallest : [], smallTargets: m.smallTargets, overflowing: m.overflowing }).toEqual({
    label,
    small: [],
    smallTargets: [],
    overflowing: []
  })
  expect(m.minFont).toBeGreaterThanOrEqual(least)
  expect(m.overflow).toBeLessThanOrEqual(0.5)
  return m
}

/** WCAG contrast of an element's text over its (first opaque) background. */
function contrastOf(page: Page, selector: string) {
  return page.locator(selector).filter({ visible: true }).first().evaluate((el) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number)
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
      }
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
    }
    let bg = [255, 255, 255]
    for (let e: Element | null = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor)
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) {
        bg = c.slice(0, 3)
        break
      }
    }
    const s = getComputedStyle(el)
    const fg = rgb(s.color)
    // A translucent colour or element is what the eye gets: blend it over the background.
    const alpha = (fg.length === 4 ? fg[3] : 1) * Number(s.opacity)
    const seen = fg.slice(0, 3).map((v, i) => v * alpha + bg[i] * (1 - alpha))
    const [a, b] = [lum(seen), lum(bg)].sort((x, y) => y - x)
    return { ratio: (a + 0.05) / (b + 0.05), color: s.color, background: `rgb(${bg.join(',')})`, opacity: s.opacity }
  })
}

/** The element's box lies inside the screen. */
async function inViewport(page: Page, selector: string, text?: string) {
  const el = text ? visible(page, selector).filter({ hasText: text }).first() : visible(page, selector).first()
  const box = await el.boundingBox()
  const size = page.viewportSize()!
  return box !== null && box.y >= -1 && box.y + Math.min(box.height, 60) <= size.height
}

it('the resident path at 360×640: 16px at the least, 44px targets, the allowance first, skips explained, review returns to the edit and asks before clearing, a held submission ends in a message with the answers kept', async () => {
  const page = await phone(e2e.browser, 360)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(e2e.cloud.url)
  await visibleText(page, OPEN_LETTER.title).waitFor({ timeout: 20000 })
  await expectLegible(page, 'home 360')
  await shot(page, 'field-home-360.png')

  await tap(page, '练习答题')
  await tap(page, '同意并继续')
  // 1. Before the first question: today's practice runs (a family phone's 10).
  await visibleText(page, '今天还可以练习 10 次（每人每天 10 次）').waitFor()
  await questionOnScreen(page, 'Q1')
  await expectLegible(page, 'survey Q1 360')
  await shot(page, 'field-allowance-360.png')

  // 5. The skip said on the next screen, the paper's number and a total that stays 14.
  await answer(page, 'Q1', 'Q3', '安全')
  await visibleText(page, '第2题不用答：第1题您选了“安全”').waitFor()
  await expect(visible(page, '.survey-progress__text').textContent()).resolves.toBe('第3题（共14题，已跳过1题）')
  await shot(page, 'field-skip-explained-360.png')
  await answer(page, 'Q3', 'Q4', '不大担心')

  // 6. The 其他 box: a tap in its lower part focuses it (the input fills the box).
  await tap(page, '加大巡逻守护力度')
  await tap(page, '其他')
  const box = visible(page, '.question__other-input')
  await box.scrollIntoViewIfNeeded()
  const outer = (await box.boundingBox())!
  const inner = (await box.locator('input').boundingBox())!
  figures['其他 box (outer, input) px'] = [outer.height, inner.height]
  expect(inner.height).toBeGreaterThanOrEqual(outer.height - 8)
  await page.touchscreen.tap(outer.x + outer.width / 2, outer.y + outer.height - 4)
  await expect(box.locator('input').evaluate((i) => i === document.activeElement)).resolves.toBe(true)
  await box.locator('input').fill('多装路灯')
  await expectLegible(page, 'survey Q4 其他 360')
  await answer(page, 'Q4', 'Q5')

  // 9. The "(不读出)" option in a resident's words, at 16px at least.
  await expect(visible(page, '.option__note').textContent()).resolves.toBe('（电话里不会念这一项，您可以直接这样说）')
  expect(await page.locator('.taro_page').filter({ visible: true }).textContent()).not.toMatch(/调查员|不读出/)
  await expectLegible(page, 'survey Q5 360')
  await answer(page, 'Q5', 'Q7', '没有')
  await visibleText(page, '第6题不用答：第5题您选了“没有”').waitFor()
  await answer(page, 'Q7', 'Q9', '不了解/不清楚')
  await answer(page, 'Q9', 'Q11', '没有')
  await answer(page, 'Q11', 'Q12', '比较满意')
  await answer(page, 'Q12', 'Q13', '煽动闹事', '沙霸')
  await answer(page, 'Q13', 'Q14', '交通运输')
  await answer(page, 'Q14', 'review', '满意')

  // The review: the whole paper, skipped questions in place with their reason.
  await expect(visible(page, '.answer-review__skipped').allTextContents()).resolves.toEqual([
    '第2题不用答：第1题您选了“安全”',
    '第6题不用答：第5题您选了“没有”',
    '第8题不用答：第7题您选了“不了解/不清楚”',
    '第10题不用答：第9题您选了“没有”'
  ])
  await expectLegible(page, 'review 360')
  await shot(page, 'field-review-360.png')

  // 8. 修改 Q12 far down the list: "无" says what it clears before clearing; 改好了 comes back to Q12.
  await visible(page, '#answer-review-Q12').getByText('修改', { exact: true }).tap()
  await questionOnScreen(page, 'Q12')
  await tap(page, '无')
  await visibleText(page, '选“无”会取消本题已选的“煽动闹事”“沙霸”。').waitFor()
  // Once faded in: the dialog's sentence and buttons as legible as the page.
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.taro__modal')!).opacity === '1')
  for (const [label, selector] of [
    ['dialog text', '.taro-modal__text'],
    ['dialog confirm', '.taro-model__confirm'],
    ['dialog cancel', '.taro-model__cancel']
  ]) {
    const c = await contrastOf(page, selector)
    const size = await visible(page, selector).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
    figures[`${label} (contrast, px)`] = [Number(c.ratio.toFixed(2)), size]
    expect(c.ratio).toBeGreaterThanOrEqual(4.5)
    expect(size).toBeGreaterThanOrEqual(16)
  }
  await shot(page, 'field-confirm-clear-360.png')
  await page.locator('.taro-model__confirm').filter({ visible: true }).tap()
  await expect(visible(page, '.option--selected .option__label').allTextContents()).resolves.toEqual(['无'])
  await tap(page, '改好了，回到检查页')
  await visibleText(page, '检查您的回答').waitFor()
  await page.waitForTimeout(300)
  expect(await inViewport(page, '#answer-review-Q12')).toBe(true)
  await expect(visible(page, '#answer-review-Q12').textContent()).resolves.toContain('刚改过这一题')
  await shot(page, 'field-review-returns-360.png')

  // 4. A stalled request: the buttons grey but legible while it waits, then a message, the answers kept, 重试.
  const held: Route[] = []
  await page.route('**/api/survey', (route) => {
    if ((route.request().postDataJSON() as { action: string }).action === 'submit') held.push(route)
    else route.continue()
  })
  await tap(page, '提交练习')
  await visibleText(page, '正在提交…').waitFor()
  const waited = Date.now()
  for (const [label, selector] of [
    ['disabled primary (正在提交…)', '.survey__actions .btn--primary'],
    ['disabled secondary (上一题)', '.survey__actions .btn--secondary']
  ]) {
    const c = await contrastOf(page, selector)
    figures[`contrast ${label}`] = Number(c.ratio.toFixed(2))
    expect(c.opacity).toBe('1')
    expect(c.ratio).toBeGreaterThanOrEqual(4.5)
  }
  await shot(page, 'field-disabled-buttons-360.png')
  const draftBefore = await page.evaluate(() => localStorage.getItem('survey-draft:practice'))
  await visible(page, '.notice--error').waitFor({ timeout: 30000 })
  figures['stalled submit: message after (s)'] = Math.round((Date.now() - waited) / 100) / 10
  await expect(visible(page, '.notice--error .notice__text').textContent()).resolves.toMatch(/内容已保留/)
  expect(await inViewport(page, '.notice--error')).toBe(true)
  await expect(visibleText(page, '提交练习').count()).resolves.toBe(1)
  expect(await page.evaluate(() => localStorage.getItem('survey-draft:practice'))).toBe(draftBefore)
  expect(e2e.cloud.count('survey_responses')).toBe(0)
  await shot(page, 'field-submit-timeout-360.png')
  for (const r of held) await r.abort().catch(() => undefined)
  await page.unroute('**/api/survey')
  await visible(page, '.notice__retry').tap()
  await visibleText(page, '谢谢您的参与！').waitFor({ timeout: 20000 })
  expect(e2e.cloud.count('survey_responses', { mode: 'practice' })).toBe(1)
  await expectLegible(page, 'thanks 360')

  // The concern page too.
  await page.goto(`${e2e.cloud.url}/#/pages/concern/index`)
  await visibleText(page, '问题类别').waitFor({ timeout: 15000 })
  await expectLegible(page, 'concern 360')
  expect(errors).toEqual([])
}, 180_000)

it('大字 at 320×640 scales every text, is remembered, and nothing sticks out sideways', async () => {
  const page = await phone(e2e.browser, 320, { [PRIVACY.key]: PRIVACY.value })
  await page.goto(e2e.cloud.url)
  await visibleText(page, OPEN_LETTER.title).waitFor({ timeout: 20000 })
  const paragraph = () => visible(page, '.open-letter__paragraph').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
  const standard = await paragraph()
  await expectLegible(page, 'home 320')
  await tap(page, '大字')
  const large = await paragraph()
  figures['letter text px (标准 → 大字)'] = [standard, large]
  expect(large / standard).toBeCloseTo(1.25, 2)
  await expectLegible(page, 'home 320 大字', 20)
  await shot(page, 'field-large-home-320.png')

  // Remembered: a reload, and the next pages, stay large.
  await page.reload()
  await visibleText(page, OPEN_LETTER.title).waitFor({ timeout: 20000 })
  expect(await paragraph()).toBeCloseTo(large, 1)
  await tap(page, '练习答题')
  await questionOnScreen(page, 'Q1')
  await expectLegible(page, 'survey Q1 320 大字', 20)
  await shot(page, 'field-large-question-320.png')
  await answer(page, 'Q1', 'Q2', '不安全')
  await tap(page, '电信网络诈骗')
  await tap(page, '其他')
  await visible(page, '.question__other-input input').fill('电动车被偷了好几次，希望多装监控')
  await expectLegible(page, 'survey Q2 其他 320 大字', 20)
  await shot(page, 'field-large-other-320.png')
  await page.goto(`${e2e.cloud.url}/#/pages/concern/index`)
  await visibleText(page, '问题类别').waitFor({ timeout: 15000 })
  await expectLegible(page, 'concern 320 大字', 20)
  await shot(page, 'field-large-concern-320.png')
  await page.goto(`${e2e.cloud.url}/#/pages/thanks/index`)
  await visibleText(page, '谢谢您的参与！').waitFor({ timeout: 15000 })
  await expectLegible(page, 'thanks 320 大字', 20)
}, 120_000)

it('a larger font set in the browser enlarges the app (the root follows it)', async () => {
  const page = await phone(e2e.browser, 360)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 20, fixed: 16 } })
  await page.goto(e2e.cloud.url)
  await visibleText(page, OPEN_LETTER.title).waitFor({ timeout: 20000 })
  const root = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))
  const text = await visible(page, '.open-letter__paragraph').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
  figures['browser default 20px: root, letter text px'] = [root, text]
  // 20px root on a phone × 20/16 for the reader's setting; body text 17px × 1.25.
  expect(root).toBeCloseTo(25, 1)
  expect(text).toBeCloseTo(21.25, 1)
  await expectLegible(page, 'home 360, browser font 20px', 20)
}, 60_000)

it('registering at 360×640: the error by the button after 登记 with 姓名 empty, the confirmation and the empty form in view after a success', async () => {
  const CADRE = 'e2e-field-cadre'
  const invite = await e2e.cloud.call('user', { action: 'createInvite', village: '新塘站' }, 'local-admin')
  await e2e.cloud.call('user', { action: 'redeemInvite', code: invite.data.code, name: '王芳' }, CADRE)
  const page = await phone(e2e.browser, 360, { 'local-openid': CADRE, [PRIVACY.key]: PRIVACY.value })
  await page.goto(`${e2e.cloud.url}/#/packages/cadre/register/index`)
  const field = (name: string) => visible(page, `input[name="${name}"]`)
  await field('responsible').waitFor({ timeout: 20000 })
  await field('phone').fill('13800138000')

  // Scrolled down to the button, as a cadre is when they tap it.
  await visible(page, '.register__submit').scrollIntoViewIfNeeded()
  await tap(page, '登记')
  await visible(page, '.notice--error').filter({ hasText: '还有' }).waitFor()
  await page.waitForTimeout(300)
  expect(await inViewport(page, '.notice--error', '姓名')).toBe(true)
  await expect(visible(page, '.notice--error').filter({ hasText: '还有' }).textContent()).resolves.toBe('还有2项要填好才能登记：姓名、告知居民并征得同意（见红字）')
  await shot(page, 'field-register-error-360.png')
  expect(e2e.cloud.count('contacts')).toBe(0)

  await field('name').fill('李四')
  await visible(page, '.consent-box__row').tap()
  await tap(page, '登记')
  await visibleText(page, '上一户已登记：李四 138****8000').waitFor({ timeout: 15000 })
  await page.waitForTimeout(300)
  expect(await inViewport(page, '.notice--ok')).toBe(true)
  // Ready for the next household at once: its name box is on screen and empty.
  expect(await inViewport(page, '.contact-form__field--name')).toBe(true)
  await expect(field('name').inputValue()).resolves.toBe('')
  await shot(page, 'field-register-done-360.png')
  expect(e2e.cloud.count('contacts', { village: '新塘站' })).toBe(1)
  await expectLegible(page, 'register 360', 16)
}, 90_000)

it('the admin ranking at 360 fits its box (every column, 14px text); at 320 it scrolls and says so', async () => {
  const page = await phone(e2e.browser, 360, { 'local-openid': 'local-admin', [PRIVACY.key]: PRIVACY.value })
  await page.goto(`${e2e.cloud.url}/#/packages/admin/ranking/index`)
  await visible(page, '.rank-table__body').first().waitFor({ timeout: 20000 })
  const table = () =>
    visible(page, '.wide-table__scroll').first().evaluate((el) => {
      const head = Array.from(el.querySelectorAll('.rank-table__head .rank-table__cell'))
      const box = el.getBoundingClientRect()
      const sizes = Array.from(el.querySelectorAll('.rank-table__row *')).map((e) => parseFloat(getComputedStyle(e).fontSize))
      return {
        box: box.width,
        content: el.scrollWidth,
        clipped: head.filter((h) => h.getBoundingClientRect().right > box.right + 0.5).map((h) => h.textContent),
        minFont: Math.min(...sizes)
      }
    })
  const at360 = await table()
  figures['ranking table at 360 (box, content, min font)'] = [at360.box, at360.content, at360.minFont]
  expect(at360.clipped).toEqual([])
  expect(at360.content).toBeLessThanOrEqual(at360.box + 0.5)
  expect(at360.minFont).toBeGreaterThanOrEqual(14)
  await expect(visible(page, '.wide-table__hint').count()).resolves.toBe(0)
  await page.screenshot({ path: join(ARTIFACTS, 'field-ranking-360.png'), fullPage: true })

  await page.setViewportSize({ width: 320, height: 640 })
  await visible(page, '.wide-table__hint').waitFor({ timeout: 5000 })
  const at320 = await table()
  figures['ranking table at 320 (box, content)'] = [at320.box, at320.content]
  expect(at320.content).toBeGreaterThan(at320.box)
  await expect(visible(page, '.wide-table__hint').textContent()).resolves.toBe('表格较宽：左右滑动可看到全部列 →')
  // The page itself does not scroll sideways: only the table does.
  const m = await measure(page)
  expect(m.overflowing).toEqual([])
  await page.screenshot({ path: join(ARTIFACTS, 'field-ranking-320.png'), fullPage: true })
}, 60_000)
