import { execSync } from 'child_process'
import { join } from 'path'

/** Function tests run the built bundles, as WeChat does: rebuild them first (esbuild, < 1 s). */
export default function globalSetup(): void {
  execSync('node scripts/build-cloud.mjs', { cwd: join(__dirname, '..', '..'), stdio: 'ignore' })
}
