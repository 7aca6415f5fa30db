import { join } from 'path'
import { OPEN_LETTER, SLOGANS } from '../../src/core/content'
import { ARTIFACTS, phonePage, useBrowserAndCloud } from '../support/browser'

const e2e = useBrowserAndCloud()

it('the H5 build served by the local cloud renders the open letter and the slogans', async () => {
  const page = await phonePage(e2e.browser)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(e2e.cloud.url)
  await page.getByText(OPEN_LETTER.title).waitFor({ timeout: 15000 })
  await expect(page.getByText(OPEN_LETTER.greeting).count()).resolves.toBe(1)
  await expect(page.getByText(OPEN_LETTER.date).count()).resolves.toBe(1)
  for (const slogan of SLOGANS) await expect(page.getByText(slogan, { exact: true }).count()).resolves.toBeGreaterThan(0)
  await page.screenshot({ path: join(ARTIFACTS, 'home.png'), fullPage: false })
  expect(errors).toEqual([])
})
