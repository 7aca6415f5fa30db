// Sizes of what WeChat downloads (weapp main package against its 2 MB limit) and of an H5 first visit.
import { existsSync, readdirSync, readFileSync, statSync } from 'fs'
import { join, relative } from 'path'
import { gzipSync } from 'zlib'

const ROOT = join(__dirname, '..')
const WEAPP = join(ROOT, 'dist')
const H5 = join(ROOT, 'dist-h5')
const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024
const TOTAL_LIMIT = 20 * 1024 * 1024

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

export function weappSizes() {
  if (!existsSync(join(WEAPP, 'app.json'))) throw new Error('dist/ is missing: run npm run build:weapp')
  const app = JSON.parse(readFileSync(join(WEAPP, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'))
  // DevTools does not upload these into the package.
  const all = files(WEAPP).filter((f) => !/\.(map|LICENSE\.txt)$/.test(f) && !f.endsWith('project.config.json'))
  let total = 0
  let main = 0
  const perSub = new Map<string, number>()
  for (const f of all) {
    const size = statSync(f).size
    total += size
    const rel = relative(WEAPP, f)
    const root = roots.find((r) => rel.startsWith(r))
    if (root) perSub.set(root, (perSub.get(root) ?? 0) + size)
    else main += size
  }
  return { total, main, perSub }
}

export function h5FirstVisit() {
  const index = join(H5, 'index.html')
  if (!existsSync(index)) throw new Error('dist-h5/ is missing: run npm run build:h5')
  const html = readFileSync(index, 'utf8')
  // What the shell itself loads; lazily loaded page chunks come later.
  const assets = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => join(H5, m[1]))
  let js = 0
  let jsGzip = 0
  let css = 0
  for (const a of assets) {
    const body = readFileSync(a)
    if (a.endsWith('.js')) {
      js += body.length
      jsGzip += gzipSync(body, { level: 9 }).length
    } else css += body.length
  }
  return { assets: assets.length, js, jsGzip, css, htmlGzip: gzipSync(html).length }
}

export function reportSizes(): void {
  const w = weappSizes()
  console.log('weapp (dist/)')
  console.log(`  main package   ${kb(w.main).padStart(10)}  of ${kb(MAIN_PACKAGE_LIMIT)} limit (${((w.main / MAIN_PACKAGE_LIMIT) * 100).toFixed(1)}%)`)
  for (const [root, size] of w.perSub) console.log(`  subpackage ${root.padEnd(12)} ${kb(size).padStart(10)}`)
  console.log(`  total          ${kb(w.total).padStart(10)}  of ${kb(TOTAL_LIMIT)} limit`)
  const h = h5FirstVisit()
  console.log('h5 (dist-h5/) first visit, entry assets only')
  console.log(`  JavaScript     ${kb(h.js).padStart(10)} raw, ${kb(h.jsGzip)} gzipped, in ${h.assets} files`)
  console.log(`  CSS            ${kb(h.css).padStart(10)} raw`)
}

if (require.main === module) reportSizes()
