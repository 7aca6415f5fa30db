import { join } from 'path'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { contactSheet } from '../fixtures/contact-sheets'
import { ARTIFACTS, phonePage, useBrowserAndCloud } from '../support/browser'

const e2e = useBrowserAndCloud()

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
  // A tap leaves the emulated pointer hovering where it was: move it off the buttons.
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(ARTIFACTS, file) })
  await page.setViewportSize(size)
}

/** Types as a person does, then leaves the field (which is when its own message appears). */
async function fill(page: Page, name: string, value: string) {
  await field(page, name).fill(value)
  await field(page, name).blur()
}

it('a person joins with an invite, registers a household, sees it masked, and the same number typed differently is refused', async () => {
  const invite = await e2e.cloud.call('user', { action: 'createInvite', village: '新塘站' }, 'local-admin')
  expect(invite.ok).toBe(true)
  // A neighbouring village registered a number first.
  const other = await e2e.cloud.call('user', { action: 'createInvite', village: '云集' }, 'local-admin')
  await e2e.cloud.call('user', { action: 'redeemInvite', code: other.data.code, name: '云集干部' }, 'e2e-yunji')
  const taken = await e2e.cloud.call('contacts', { action: 'register', name: '赵六', phone: '13912345678', consent: true }, 'e2e-yunji')
  expect(taken.ok).toBe(true)

  const page = await phonePage(e2e.browser)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  // Who the H5 app says it is (services/local-user.ts, stored as Taro.setStorageSync does).
  await page.addInitScript((openid) => localStorage.setItem('local-openid', JSON.stringify({ data: openid })), CADRE)

  // Not a cadre yet: after the privacy guide, the hub asks for the invite code.
  await page.goto(`${e2e.cloud.url}/#/packages/cadre/home/index`)
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
  expect(e2e.cloud.count('contacts')).toBe(1)
  await visible(page, '.consent-box__row').tap()
  await screenshotWhole(page, 'cadre-register.png')
  await tap(page, '登记')
  await visibleText(page, '上一户已登记：李四 138****8000').waitFor()
  await expect(field(page, 'name').inputValue()).resolves.toBe('')
  await expect(field(page, 'phone').inputValue()).resolves.toBe('')
  await expect(field(page, 'responsible').inputValue()).resolves.toBe('王芳')
  expect(e2e.cloud.count('contacts', { village: '新塘站' })).toBe(1)

  // The same number, typed another way, for another name: refused, naming the village.
  await fill(page, 'name', '李四的儿子')
  await fill(page, 'phone', '138 0013 8000')
  await visible(page, '.consent-box__row').tap()
  await tap(page, '登记')
  await visibleText(page, '该号码已在新塘站登记').waitFor()
  // And one the neighbouring village registered first.
  await fill(page, 'phone', '0086 139-1234-5678')
  await tap(page, '登记')
  // Another village's number: the cadre is not told which village holds it.
  await visibleText(page, '该号码已在其他村(社区)登记').waitFor()
  expect(e2e.cloud.count('contacts', { village: '新塘站' })).toBe(1)
  expect(e2e.cloud.count('contacts')).toBe(2)

  // The list: newest first, masked, and only the cadre's own may be revealed.
  await tap(page, '查看本村登记名单')
  await visibleText(page, '新塘站共 1 户').waitFor()
  const card = visible(page, '.contact-card')
  await expect(card.count()).resolves.toBe(1)
  await expect(card.locator('.contact-card__phone').textContent()).resolves.toBe('138****8000')
  await expect(card.locator('.contact-card__name').textContent()).resolves.toBe('李四')
  expect(await visible(page, '.contacts').textContent()).not.toMatch(/13800138000/)
  await page.screenshot({ path: join(ARTIFACTS, 'cadre-list.png') })

  // 显示号码: the whole number, and the reveal is in the audit log.
  await card.getByText('显示号码', { exact: true }).tap()
  await card.getByText('13800138000', { exact: true }).waitFor()
  expect(e2e.cloud.count('audit_log', { action: 'contacts.reveal', actor: CADRE })).toBe(1)

  // Back on the hub, the figures count the new household.
  await page.goBack()
  await page.goBack()
  await visible(page, '.village-progress__figures').filter({ hasText: '已登记 1 户' }).waitFor()
  await expect(visible(page, '.village-progress__mine').textContent()).resolves.toBe('我登记了 1 户')

  expect(errors).toEqual([])
}, 90_000)

it('a cadre imports a filled-in 附件2 sheet, sees the refused rows, and exports the village (recorded)', async () => {
  const invite = await e2e.cloud.call('user', { action: 'createInvite', village: '新塘站' }, 'local-admin')
  await e2e.cloud.call('user', { action: 'redeemInvite', code: invite.data.code, name: '刘强' }, 'e2e-importer')
  expect((await e2e.cloud.call('contacts', { action: 'register', name: '王二', phone: '13700001111', consent: true }, 'e2e-importer')).ok).toBe(true)
  const sheet = await contactSheet({
    rows: [
      [1, '', '张三', '137 0000 2222', '务农', '新塘站村一组', ''],
      [2, '', '李五', '1370000', '', '', ''],
      [3, '', '王二', '13700001111', '', '', '']
    ]
  })

  const page = await phonePage(e2e.browser)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.addInitScript(() => {
    localStorage.setItem('local-openid', JSON.stringify({ data: 'e2e-importer' }))
    localStorage.setItem('privacy-consent', JSON.stringify({ data: '2023-08-v1' }))
  })
  await page.goto(`${e2e.cloud.url}/#/packages/cadre/import/index`)
  await visibleText(page, '· 包户责任人空着的行，记为您（刘强）。').waitFor({ timeout: 15000 })
  await visible(page, '.consent-box__row').tap()
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page, '选择Excel文件导入')])
  await chooser.setFiles({ name: '新塘站.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: sheet })

  await visible(page, '.import__imported').filter({ hasText: '导入1户' }).waitFor({ timeout: 20000 })
  await expect(visible(page, '.skipped-rows__tr').allTextContents()).resolves.toEqual([
    '行号原因',
    '5电话号码位数不对，手机号码应为11位',
    '6该号码已在新塘站登记'
  ])
  await screenshotWhole(page, 'cadre-import.png')
  expect(e2e.cloud.count('contacts', { createdBy: 'e2e-importer' })).toBe(2)
  expect(e2e.cloud.count('contacts', { phone: '13700002222', responsible: '刘强', village: '新塘站' })).toBe(1)

  // Export: the cadre's own households, full numbers, and the export is in the audit log.
  await page.goto(`${e2e.cloud.url}/#/packages/cadre/export/index`)
  await visibleText(page, '导出Excel表格').waitFor({ timeout: 15000 })
  await expect(visibleText(page, /每次导出都会被记录/).count()).resolves.toBe(1)
  await tap(page, '导出Excel表格')
  const rows = e2e.cloud.count('contacts', { village: '新塘站', owner: 'e2e-importer' })
  await visibleText(page, `已导出 ${rows} 户`).waitFor()
  const href = await visible(page, 'a.export__link').getAttribute('href')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(await (await fetch(href!)).arrayBuffer()) as unknown as ArrayBuffer)
  const cells = workbook.worksheets[0].getSheetValues().flat().map(String)
  expect(cells).toEqual(expect.arrayContaining(['张三', '13700002222', '王二', '13700001111']))
  expect(e2e.cloud.count('audit_log', { action: 'contacts.exportXlsx', actor: 'e2e-importer' })).toBe(1)

  expect(errors).toEqual([])
}, 90_000)
