// `npm run bench`: every benchmark in turn; each prints its own figures.
import { execFileSync } from 'child_process'
import { existsSync, readdirSync } from 'fs'
import { join } from 'path'

const ROOT = join(__dirname, '..')
const only = process.argv.slice(2)

if (!existsSync(join(ROOT, 'dist', 'app.json'))) execFileSync('npm', ['run', '--silent', 'build:weapp'], { cwd: ROOT, stdio: 'inherit' })
if (!existsSync(join(ROOT, 'dist-h5', 'index.html'))) execFileSync('npm', ['run', '--silent', 'build:h5'], { cwd: ROOT, stdio: 'inherit' })
execFileSync('node', ['scripts/build-cloud.mjs'], { cwd: ROOT, stdio: 'inherit' })

const benches = readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
for (const file of benches) {
  console.log(`\n== ${file} ==`)
  execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, file)], { cwd: ROOT, stdio: 'inherit' })
}
