import { join } from 'path'
import type { Page } from 'playwright-core'
import { getQuestion, type QuestionId } from '../../src/core/questionnaire'
import { OPEN_LETTER } from '../../src/core/content'
import { ARTIFACTS, phonePage, useBrowserAndCloud } from '../support/browser'

const e2e = useBrowserAndCloud()

// Taro's H5 router keeps earlier pages in the DOM, hidden: only what a person can see counts.
const visibleText = (page: Page, text: string) => page.getByText(text, { exact: true }).filter({ visible: true })
const tap = (page: Page, text: string) => visibleText(page, text).first().tap()
const questionOnScreen = (page: Page, id: QuestionId) => visibleText(page, getQuestion(id).text).waitFor()

/** Taps the options (by their printed label), then "下一题", and waits for the next screen. */
async function answer(page: Page, from: QuestionId, to: QuestionId | 'review', ...labels: string[]) {
  await questionOnScreen(page, from)
  for (const label of labels) await tap(page, label)
  await page.locator('.survey-nav__next').filter({ visible: true }).tap()
  if (to === 'review') await visibleText(page, '检查您的回答').waitFor()
  else await questionOnScreen(page, to)
}

it('a resident reads the letter, practises with the skip rules, resumes after a reload, reviews and submits', async () => {
  const page = await phonePage(e2e.browser)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(e2e.cloud.url)

  // The open letter, laid out as a letter.
  await visibleText(page, OPEN_LETTER.title).waitFor({ timeout: 15000 })
  await page.screenshot({ path: join(ARTIFACTS, 'resident-home.png') })
  await visibleText(page, OPEN_LETTER.greeting).scrollIntoViewIfNeeded()
  await visibleText(page, OPEN_LETTER.date).scrollIntoViewIfNeeded()
  await expect(visibleText(page, OPEN_LETTER.senders[0]).count()).resolves.toBe(1)

  // The privacy notice comes before anything is entered.
  await tap(page, '练习答题')
  await visibleText(page, '平安民调 用户隐私保护指引').waitFor()
  await expect(page.locator('.question').filter({ visible: true }).count()).resolves.toBe(0)
  await tap(page, '同意并继续')

  // Q1 安全 skips Q2.
  await questionOnScreen(page, 'Q1')
  await page.screenshot({ path: join(ARTIFACTS, 'resident-question.png') })
  await answer(page, 'Q1', 'Q3', '安全')
  await expect(visibleText(page, getQuestion('Q2').text).count()).resolves.toBe(0)
  await answer(page, 'Q3', 'Q4', '不大担心')

  // Q4 with "其他": its box appears, and the text is needed.
  await tap(page, '加大巡逻守护力度')
  await tap(page, '其他')
  await page.getByRole('textbox', { name: '请在这里填写' }).filter({ visible: true }).fill('多装路灯')
  await answer(page, 'Q4', 'Q5')

  // Q5 没有 skips Q6.
  await answer(page, 'Q5', 'Q7', '没有')

  // Halfway: the page is reloaded; the draft is offered again.
  await page.reload()
  await visibleText(page, '上次还没做完').waitFor({ timeout: 15000 })
  await tap(page, '继续上次的练习')
  await questionOnScreen(page, 'Q7')
  await expect(page.locator('.survey-progress__text').filter({ visible: true }).textContent()).resolves.toBe('第7题（共14题，已跳过2题）')

  // Q7 不了解/不清楚 skips Q8; Q9 没有 skips Q10.
  await answer(page, 'Q7', 'Q9', '不了解/不清楚')
  await answer(page, 'Q9', 'Q11', '没有')
  await answer(page, 'Q11', 'Q12', '比较满意')
  await answer(page, 'Q12', 'Q13', '无')
  await answer(page, 'Q13', 'Q14', '交通运输', '乡村治理')
  await answer(page, 'Q14', 'review', '满意')

  // The review lists every question asked, with the answers given before the reload too.
  const asked = await page.locator('.answer-review__question').filter({ visible: true }).allTextContents()
  expect(asked.map((q) => q.split('、')[0])).toEqual(['1', '3', '4', '5', '7', '9', '11', '12', '13', '14'])
  for (const label of ['安全', '不大担心', '其他：多装路灯', '没有', '不了解/不清楚', '交通运输', '乡村治理']) {
    await expect(visibleText(page, label).count()).resolves.toBeGreaterThan(0)
  }
  await page.screenshot({ path: join(ARTIFACTS, 'resident-review.png') })

  await tap(page, '提交练习')
  await visibleText(page, '谢谢您的参与！').waitFor({ timeout: 15000 })
  await expect(visibleText(page, getQuestion('Q8').about).count()).resolves.toBe(1)
  expect(e2e.cloud.count('survey_responses')).toBe(1)
  expect(e2e.cloud.count('survey_responses', { mode: 'practice' })).toBe(1)

  // The draft is gone: a new practice starts from Q1 without the offer to resume.
  await tap(page, '再练一次')
  await questionOnScreen(page, 'Q1')
  await expect(visibleText(page, '上次还没做完').count()).resolves.toBe(0)
  expect(errors).toEqual([])
})
