import { execSync } from 'child_process'
import { join } from 'path'
import { findChromium } from './chromium'

/** Function tests run the built bundles, as WeChat does: rebuild them first (esbuild, < 1 s). */
export default async function globalSetup(): Promise<void> {
  execSync('node scripts/build-cloud.mjs', { cwd: join(__dirname, '..', '..'), stdio: 'ignore' })
  // Unpack the npm Chromium once, before parallel browser test files want it. A failure is left for
  // those files to report; the others need no browser.
  await findChromium().catch(() => undefined)
}
