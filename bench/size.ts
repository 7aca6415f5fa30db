// Sizes of what WeChat downloads (weapp main package against its 2 MB limit and our aim) and of an H5
// first visit of the home page (against our aim), with what fills them. KB = 1024 bytes.
import { existsSync, readdirSync, readFileSync, statSync } from 'fs'
import { join, relative } from 'path'
import { gzipSync } from 'zlib'
import type { BundleManifest } from '../config/bundle-manifest'

const ROOT = join(__dirname, '..')
const WEAPP = join(ROOT, 'dist')
const H5 = join(ROOT, 'dist-h5')
const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024
const TOTAL_LIMIT = 20 * 1024 * 1024
/** Issue 13 (weak networks): what a resident waits for before the first screen. */
export const MAIN_PACKAGE_AIM = 400 * 1024
export const H5_FIRST_VISIT_JS_AIM = 180 * 1024

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
  const mainFiles: { file: string; size: number }[] = []
  for (const f of all) {
    const size = statSync(f).size
    total += size
    const rel = relative(WEAPP, f)
    const root = roots.find((r) => rel.startsWith(r))
    if (root) perSub.set(root, (perSub.get(root) ?? 0) + size)
    else {
      main += size
      mainFiles.push({ file: rel, size })
    }
  }
  mainFiles.sort((a, b) => b.size - a.size)
  return { total, main, perSub, mainFiles }
}

function manifest(target: 'weapp' | 'h5'): BundleManifest | null {
  const file = join(ROOT, 'dist-stats', `${target}.json`)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BundleManifest) : null
}

/** What a file holds, by package or source folder, largest first (sizes before minifying). */
function contents(m: BundleManifest | null, file: string, top = 4): string {
  const chunk = m?.chunks.find((c) => c.files.includes(file))
  if (!chunk) return ''
  const by = new Map<string, number>()
  for (const mod of chunk.modules) {
    const pkg = mod.path.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1]
    const key = pkg ?? mod.path.split('/').slice(0, mod.path.startsWith('src/core/') ? 3 : 2).join('/')
    by.set(key, (by.get(key) ?? 0) + mod.size)
  }
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k]) => k).join(', ')
}

/** The H5 home page's first visit from the build itself: the entry scripts, then the home route's chunks. */
export function h5HomeFromBuild(): { files: number; jsGzip: number } | null {
  const m = manifest('h5')
  const route = m?.imports['pages/index/index']
  if (!route) return null
  const html = readFileSync(join(H5, 'index.html'), 'utf8')
  const entry = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g)].map((x) => x[1])
  const files = [...new Set([...entry, ...route])]
  return { files: files.length, jsGzip: files.reduce((n, f) => n + gzipSync(readFileSync(join(H5, f)), { level: 9 }).length, 0) }
}

const against = (size: number, aim: number) => `(aim ≤ ${kb(aim)}: ${size <= aim ? 'met' : `${kb(size - aim)} over`})`

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
  const wm = manifest('weapp')
  console.log('weapp (dist/)')
  console.log(`  weapp main package ${kb(w.main)} ${against(w.main, MAIN_PACKAGE_AIM)}; WeChat's limit ${kb(MAIN_PACKAGE_LIMIT)} (${((w.main / MAIN_PACKAGE_LIMIT) * 100).toFixed(1)}%)`)
  for (const { file, size } of w.mainFiles.filter((f) => f.size >= 4096)) {
    const what = contents(wm, file)
    console.log(`    ${file.padEnd(26)} ${kb(size).padStart(9)}${what ? `  ${what}` : ''}`)
  }
  for (const [root, size] of w.perSub) console.log(`  subpackage ${root.padEnd(16)} ${kb(size).padStart(9)}`)
  console.log(`  total ${kb(w.total)} of ${kb(TOTAL_LIMIT)} limit`)
  const h = h5FirstVisit()
  console.log('h5 (dist-h5/)')
  console.log(`  entry assets (the app shell): JavaScript ${kb(h.js)} raw, ${kb(h.jsGzip)} gzipped, in ${h.assets} files; CSS ${kb(h.css)} raw`)
  const b = h5HomeFromBuild()
  if (b) console.log(`  home page first visit, from the build (gzip -9): ${kb(b.jsGzip)} of JavaScript in ${b.files} files ${against(b.jsGzip, H5_FIRST_VISIT_JS_AIM)}`)
  const v = await h5MeasuredVisit()
  console.log(`  H5 home first visit in Chromium, as transferred: ${kb(v.jsBytes)} of gzipped JavaScript in ${v.files} files ${against(v.jsBytes, H5_FIRST_VISIT_JS_AIM)}; everything ${kb(v.allBytes)}`)
}

if (require.main === module) {
  reportSizes().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
