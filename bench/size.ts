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

/** What a first visit of the home page really downloads, measured in Chromium against the local cloud. */
export async function h5MeasuredVisit(): Promise<{ files: number; jsBytes: number; allBytes: number }> {
  const { mkdtempSync, rmSync } = await import('fs')
  const { tmpdir } = await import('os')
  const { startLocalCloud } = await import('../localcloud/start')
  const { launchBrowser } = await import('../tests/support/browser')
  const dataDir = mkdtempSync(join(tmpdir(), 'pingan-bench-size-'))
  const cloud = await startLocalCloud({ dataDir, timers: false, workers: 2 })
  const browser = await launchBrowser()
  try {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage()
    const sizes: Promise<{ url: string; bytes: number }>[] = []
    page.on('requestfinished', (request) => sizes.push(request.sizes().then((s) => ({ url: request.url(), bytes: s.responseBodySize }))))
    await page.goto(cloud.url, { waitUntil: 'networkidle' })
    await page.getByText('练习答题').first().waitFor()
    const all = await Promise.all(sizes)
    const js = all.filter((r) => /\.js(\?|$)/.test(r.url))
    return { files: js.length, jsBytes: js.reduce((n, r) => n + r.bytes, 0), allBytes: all.reduce((n, r) => n + r.bytes, 0) }
  } finally {
    await browser.close()
    await cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export async function reportSizes(): Promise<void> {
  const w = weappSizes()
  console.log('weapp (dist/)')
  console.log(`  main package   ${kb(w.main).padStart(10)}  of ${kb(MAIN_PACKAGE_LIMIT)} limit (${((w.main / MAIN_PACKAGE_LIMIT) * 100).toFixed(1)}%)`)
  for (const [root, size] of w.perSub) console.log(`  subpackage ${root.padEnd(12)} ${kb(size).padStart(10)}`)
  console.log(`  total          ${kb(w.total).padStart(10)}  of ${kb(TOTAL_LIMIT)} limit`)
  const h = h5FirstVisit()
  console.log('h5 (dist-h5/) first visit, entry assets only')
  console.log(`  JavaScript     ${kb(h.js).padStart(10)} raw, ${kb(h.jsGzip)} gzipped, in ${h.assets} files`)
  console.log(`  CSS            ${kb(h.css).padStart(10)} raw`)
  const v = await h5MeasuredVisit()
  console.log(`h5 first visit of the home page in Chromium (as transferred, gzip)`)
  console.log(`  JavaScript     ${kb(v.jsBytes).padStart(10)} in ${v.files} files; everything ${kb(v.allBytes)}`)
}

if (require.main === module) {
  reportSizes().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
