import { existsSync } from 'fs'
import { join } from 'path'
import type { Browser } from 'playwright-core'
import { OPEN_LETTER, SLOGANS } from '../../src/core/content'
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

it('the H5 build served by the local cloud renders the open letter and the slogans', async () => {
  const page = await phonePage(browser)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(cloud.url)
  await page.getByText(OPEN_LETTER.title).waitFor({ timeout: 15000 })
  await expect(page.getByText(OPEN_LETTER.greeting).count()).resolves.toBe(1)
  await expect(page.getByText(OPEN_LETTER.date).count()).resolves.toBe(1)
  for (const slogan of SLOGANS) await expect(page.getByText(slogan, { exact: true }).count()).resolves.toBeGreaterThan(0)
  await page.screenshot({ path: join(ARTIFACTS, 'home.png'), fullPage: false })
  expect(errors).toEqual([])
})
