/**
 * A new questionnaire without a developer, in the built H5 app against the real local cloud: a county
 * admin imports the 2026 workbook (a real .xlsx) on 测评年度, reads the preview (every question with its
 * skip rule in Chinese), makes it the year's; a resident's practice then runs it — Q15 appears only
 * after Q14 不满意 — and the response is stored with its version.
 */
import { join } from 'path'
import type { Page } from 'playwright-core'
import { getQuestion } from '../../src/core/questionnaire'
import { form2026, workbookOf } from '../fixtures/xlsform'
import { ARTIFACTS, phonePage, useBrowserAndCloud } from '../support/browser'

const e2e = useBrowserAndCloud()

const visibleText = (page: Page, text: string | RegExp) =>
  (typeof text === 'string' ? page.getByText(text, { exact: true }) : page.getByText(text)).filter({ visible: true })
const tap = (page: Page, text: string) => visibleText(page, text).first().tap()

async function as(openid: string): Promise<Page> {
  const page = await phonePage(e2e.browser)
  await page.addInitScript((id) => localStorage.setItem('local-openid', JSON.stringify({ data: id })), openid)
  return page
}

it('a county admin imports the 2026 workbook, previews it and makes it the year’s; the practice then asks Q15 after Q14 不满意', async () => {
  const admin = await as('local-admin')
  const errors: string[] = []
  admin.on('pageerror', (e) => errors.push(String(e)))
  await admin.goto(`${e2e.cloud.url}/#/packages/admin/campaigns/index`)
  await visibleText(admin, '动员部署').waitFor({ timeout: 20000 })

  const bytes = await workbookOf(form2026())
  await admin.locator('.xlsx-picker__file').setInputFiles({ name: '2026年问卷.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes })
  await visibleText(admin, /已导入，待启用/).waitFor({ timeout: 20000 })
  const rules = await admin.locator('.campaigns__draft .campaigns__rule').allTextContents()
  expect(rules).toHaveLength(15)
  expect(rules[1]).toBe('第1题选(3)或(4)时才问')
  expect(rules[14]).toBe('第14题选(4)时才问')
  await admin.screenshot({ path: join(ARTIFACTS, 'campaigns-preview.png') })
  // Still a draft: phones run 2023.
  expect((await e2e.cloud.call('campaigns', { action: 'current' }, 'e2e-anyone')).data.questionnaireVersion).toBe('2023')

  await tap(admin, '设为2023年问卷')
  await tap(admin, '启用')
  // The versions list says so once it has reloaded.
  await admin.locator('.campaigns__version').filter({ hasText: '2026-1' }).filter({ hasText: '当前使用' }).waitFor({ timeout: 15000 })
  expect((await e2e.cloud.call('campaigns', { action: 'current' }, 'e2e-anyone')).data.questionnaireVersion).toBe('2026-1')
  expect(errors).toEqual([])

  // The resident's practice: the privacy notice names the deletion date, then the 2026 questions.
  const page = await as('e2e-campaign-resident')
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(`${e2e.cloud.url}/#/pages/survey/index`)
  await visibleText(page, '平安民调 用户隐私保护指引').waitFor({ timeout: 20000 })
  await visibleText(page, /2023年测评计划于2023年11月15日结束/).waitFor()
  await tap(page, '同意并继续')
  const next = () => page.locator('.survey-nav__next').filter({ visible: true }).tap()
  const steps: [string, string][] = [
    ['Q1', '安全'],
    ['Q3', '不大担心'],
    ['Q4', '加大巡逻守护力度'],
    ['Q5', '没有'],
    ['Q7', '不了解/不清楚'],
    ['Q9', '没有'],
    ['Q11', '比较满意'],
    ['Q12', '无'],
    ['Q13', '交通运输'],
    ['Q14', '不满意']
  ]
  for (const [id, label] of steps) {
    await visibleText(page, getQuestion(id).text).waitFor({ timeout: 15000 })
    await tap(page, label)
    await next()
  }
  await visibleText(page, '您对政法队伍不满意，主要是哪方面的原因？').waitFor({ timeout: 15000 })
  await expect(page.locator('.survey-progress__text').filter({ visible: true }).textContent()).resolves.toMatch(/^第15题/)
  await page.screenshot({ path: join(ARTIFACTS, 'campaigns-q15.png') })
  await tap(page, '执法不公')
  await next()
  await visibleText(page, '检查您的回答').waitFor()
  await tap(page, '提交练习')
  await visibleText(page, '谢谢您的参与！').waitFor({ timeout: 15000 })
  const stored = e2e.cloud.service.db.find('survey_responses', { filter: { version: '2026-1' } })
  expect(stored).toEqual([expect.objectContaining({ year: 2023, version: '2026-1', answers: expect.objectContaining({ Q14: [4], Q15: [1] }) })])
  expect(errors).toEqual([])
})
