// A fresh machine has no Debian chromium: the browser tests must still find one, from npm alone.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { launchBrowser } from './browser'
import { findChromium, unpackNpmChromium } from './chromium'

const NO_SYSTEM = { env: { PATH: '' }, searchPath: [] as string[] }

it('with no CHROMIUM_PATH and no system Chromium, the npm Chromium launches and renders a page', async () => {
  const found = await findChromium(NO_SYSTEM)
  expect(found.source).toBe('npm')
  expect(existsSync(found.path)).toBe(true)
  const browser = await launchBrowser(NO_SYSTEM)
  try {
    expect(browser.version()).toMatch(/^\d{3}\./)
    const page = await browser.newPage()
    await page.setContent('<p id="t">平安民调 ok</p>')
    await expect(page.textContent('#t')).resolves.toBe('平安民调 ok')
    await expect(page.evaluate(() => document.getElementById('t')!.getBoundingClientRect().width)).resolves.toBeGreaterThan(0)
  } finally {
    await browser.close()
  }
})

it('CHROMIUM_PATH wins, and a wrong one is a clear error rather than a silent fallback', async () => {
  await expect(findChromium({ env: { CHROMIUM_PATH: '/nonexistent/chromium' }, searchPath: [] })).rejects.toThrow('CHROMIUM_PATH=/nonexistent/chromium does not exist')
})

it('test files that unpack at the same time end with one complete copy and no leftovers', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'pingan-chromium-race-'))
  try {
    const dir = join(parent, 'chromium-test')
    const dirs = await Promise.all([unpackNpmChromium(dir), unpackNpmChromium(dir)])
    expect(dirs).toEqual([dir, dir])
    expect(existsSync(join(dir, 'chromium'))).toBe(true)
    expect(readdirSync(parent)).toEqual(['chromium-test'])
  } finally {
    rmSync(parent, { recursive: true, force: true })
  }
}, 60000)
