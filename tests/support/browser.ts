import { existsSync, mkdirSync } from 'fs'
import { join } from 'path'
import { chromium, type Browser } from 'playwright-core'
import { startTestCloud, type TestCloud } from './local-cloud'

/** Debian's chromium (apt-get install chromium); playwright never downloads a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts')

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
      // No --user-data-dir: playwright refuses it in launch() and already gives each launch a fresh profile.
    ]
  })
}

/** A phone-sized page, touch enabled (Taro's H5 buttons submit on touchend). */
export async function phonePage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale: 'zh-CN' })
  return context.newPage()
}

/**
 * A browser against a whole local cloud serving the H5 build, for one test file: started before its
 * tests, closed after. Read `e2e.cloud` and `e2e.browser` inside tests.
 */
export function useBrowserAndCloud(): { cloud: TestCloud; browser: Browser } {
  const e2e = {} as { cloud: TestCloud; browser: Browser }
  beforeAll(async () => {
    if (!existsSync(join(__dirname, '..', '..', 'dist-h5', 'index.html'))) {
      throw new Error('dist-h5 is missing: run `npm run build:h5` (npm test does it first)')
    }
    e2e.cloud = await startTestCloud()
    e2e.browser = await launchBrowser()
  })
  afterAll(async () => {
    await e2e.browser?.close()
    await e2e.cloud?.close()
  })
  return e2e
}
