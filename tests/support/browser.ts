import { existsSync, mkdirSync } from 'fs'
import { join } from 'path'
import { chromium, type Browser } from 'playwright-core'
import { findChromium, type ChromiumOptions } from './chromium'
import { startTestCloud, type TestCloud } from './local-cloud'

export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts')

/** CHROMIUM_PATH, else a system Chromium, else the npm one (see ./chromium); playwright never downloads one. */
export async function launchBrowser(options?: ChromiumOptions): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const executable = await findChromium(options)
  return chromium.launch({
    executablePath: executable.path,
    env: { ...process.env, ...executable.env },
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
