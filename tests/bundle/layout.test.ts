/**
 * What a resident downloads holds no cadre or admin code: checked on the built bundles (dist/ from
 * `npm run build:weapp`, dist-h5/ from `npm run build:h5`) through the manifest each build writes
 * (dist-stats/, config/bundle-manifest.ts: which source files are in which output file), and on the
 * sources (each call of callCloud comes from a client module that carries its contract). Structure,
 * not sizes: bench/size.ts prints the sizes against their aims.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs'
import { join, relative } from 'path'
import type { BundleManifest } from '../../config/bundle-manifest'
import { campaignsContract } from '../../src/core/contract/campaigns'
import { campaignsResident } from '../../src/core/contract/campaigns-resident'
import { concernsContract } from '../../src/core/contract/concerns'
import { concernsResident } from '../../src/core/contract/concerns-resident'
import { surveyContract } from '../../src/core/contract/survey'
import { townsContract } from '../../src/core/contract/towns'
import { townsResident } from '../../src/core/contract/towns-resident'
import { userContract } from '../../src/core/contract/user'
import { userResident } from '../../src/core/contract/user-resident'

const ROOT = join(__dirname, '..', '..')
const SRC = join(ROOT, 'src')

function manifest(target: 'weapp' | 'h5', dist: string, built: string): BundleManifest {
  const file = join(ROOT, 'dist-stats', `${target}.json`)
  if (!existsSync(join(ROOT, dist, built)) || !existsSync(file)) throw new Error(`${dist}/ is missing: run npm run build:${target}`)
  return JSON.parse(readFileSync(file, 'utf8')) as BundleManifest
}

/**
 * Cadre and admin code: their pages and everything only they use, including the whole contracts of
 * the functions residents call part of (their resident actions are in contract/*-resident.ts), the
 * barrels that import every contract and every questionnaire module, and the questionnaire's
 * structural rules with their reachability walk (the server's check on import).
 */
const STAFF_ONLY = [
  /^src\/packages\//,
  /^src\/core\/contract\/(contacts|stats|visits|inspections|setup|user|towns|concerns|campaigns|index)\.ts$/,
  /^src\/core\/questionnaire\/(index|check|checked|reach|schema|xlsform|relevant)\.ts$/,
  /^src\/services\/(cloud-staff|outbox|outbox-store|upload|cadre-identity)\.ts$/,
  /^src\/core\/contact\/schema\.ts$/,
  /^src\/core\/units-table\.ts$/
]
const staffOnly = (path: string) => STAFF_ONLY.some((re) => re.test(path))

function modulesOf(m: BundleManifest, files: string[]): string[] {
  return m.chunks.filter((c) => c.files.some((f) => files.includes(f))).flatMap((c) => c.modules.map((mod) => mod.path))
}

describe('weapp: the main package', () => {
  const DIST = join(ROOT, 'dist')
  const m = manifest('weapp', 'dist', 'app.json')
  const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')) as { pages: string[]; subPackages: { root: string; pages: string[] }[] }
  const roots = app.subPackages.map((p) => p.root.replace(/\/?$/, '/'))
  // On disk, not as webpack named them: Taro moves the chunks several subpackages share ("sub-common/…")
  // into each of those subpackages.
  const mainFiles = m.chunks.flatMap((c) => c.files).filter((f) => !roots.some((r) => f.startsWith(r)) && existsSync(join(DIST, f)))
  const main = modulesOf(m, mainFiles)

  test('the manifest is this build’s: every script of the main package is in it', () => {
    const scripts = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? scripts(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []))
    const onDisk = scripts(DIST)
      .map((f) => relative(DIST, f))
      .filter((f) => !roots.some((r) => f.startsWith(r)) && f !== 'comp.js' && f !== 'custom-wrapper.js')
    expect(onDisk.filter((f) => !mainFiles.includes(f))).toEqual([])
  })

  test('holds the resident pages (so the check below looks at something)', () => {
    expect(app.pages).toEqual(expect.arrayContaining(['pages/index/index', 'pages/survey/index', 'pages/concern/index']))
    expect(main).toEqual(
      expect.arrayContaining(['src/pages/index/index.tsx', 'src/pages/survey/index.tsx', 'src/core/contract/survey.ts', 'src/core/contract/user-resident.ts', 'src/core/questionnaire/model.ts'])
    )
  })

  test('holds no cadre or admin page, contract or client', () => {
    expect(main.filter(staffOnly)).toEqual([])
  })

  test('carries zod/mini only, not classic zod', () => {
    expect(main.filter((p) => p.startsWith('node_modules/zod/v4/classic/'))).toEqual([])
  })

  test('every cadre and admin page is in a subpackage', () => {
    const pages = readdirSync(join(SRC, 'packages')).flatMap((pkg) =>
      readdirSync(join(SRC, 'packages', pkg))
        .filter((d) => existsSync(join(SRC, 'packages', pkg, d, 'index.config.ts')))
        .map((d) => `packages/${pkg}/${d}/index`)
    )
    const inSub = app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))
    expect(pages.filter((p) => !inSub.includes(p))).toEqual([])
    expect(app.pages.filter((p) => p.startsWith('packages/'))).toEqual([])
  })
})

describe('H5: the first visit of the home page', () => {
  const DIST = join(ROOT, 'dist-h5')
  const m = manifest('h5', 'dist-h5', 'index.html')
  const html = readFileSync(join(DIST, 'index.html'), 'utf8')
  const entry = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g)].map((x) => x[1])
  const route = m.imports['pages/index/index']
  const files = [...entry, ...(route ?? [])]

  test('the manifest is this build’s, and names the home route', () => {
    expect(route?.length).toBeGreaterThan(0)
    for (const f of files) expect(existsSync(join(DIST, f))).toBe(true)
    expect(m.chunks.flatMap((c) => c.files)).toEqual(expect.arrayContaining(entry))
  })

  test('loads the home page (so the check below looks at something)', () => {
    expect(modulesOf(m, files)).toEqual(expect.arrayContaining(['src/pages/index/index.tsx', 'src/services/whoami.ts']))
  })

  test('loads no cadre or admin code, and no contract the home page does not call', () => {
    const loaded = modulesOf(m, files)
    expect(loaded.filter(staffOnly)).toEqual([])
    expect(loaded.filter((p) => /^src\/core\/contract\/(survey|concerns|concerns-resident)\.ts$/.test(p))).toEqual([])
    expect(loaded.filter((p) => p.startsWith('node_modules/zod/v4/classic/'))).toEqual([])
  })

  test('the entry asks the browser to fetch nothing ahead (no prefetch or preload of other pages)', () => {
    expect(html).not.toMatch(/rel="?(prefetch|preload)/)
    // webpack's prefetch runtime (webpackPrefetch) names its link rel; no chunk carries it.
    for (const f of entry) expect(readFileSync(join(DIST, f), 'utf8')).not.toMatch(/\.rel\s*=\s*"prefetch"/)
  })

  test('no cadre or admin route is in the entry: each loads apart', () => {
    const staffRoutes = Object.keys(m.imports).filter((k) => k.startsWith('packages/'))
    expect(staffRoutes.length).toBeGreaterThan(10)
    for (const r of staffRoutes) {
      const own = m.imports[r].filter((f) => !files.includes(f))
      expect(modulesOf(m, own).some((p) => p.startsWith(`src/${r.replace(/\/index$/, '')}`))).toBe(true)
    }
  })
})

describe('sources: each callCloud comes from a client that carries its contract', () => {
  // What each resident client carries, action by action (services/contracts and the cloud-* modules);
  // services/cloud-staff carries every contract whole.
  const base = { user: Object.keys(userResident), towns: Object.keys(townsResident) }
  const CARRIES: Record<string, Record<string, string[]> | 'all'> = {
    'services/cloud': base,
    'services/cloud-survey': { ...base, survey: Object.keys(surveyContract) },
    'services/cloud-concerns': { ...base, concerns: Object.keys(concernsResident) },
    'services/cloud-campaigns': { ...base, campaigns: Object.keys(campaignsResident) },
    'services/cloud-staff': 'all'
  }
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name)
      return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(name) ? [p] : []
    })
  const callers = sources(SRC).filter((f) => /\bcallCloud\(/.test(readFileSync(f, 'utf8')) && !f.endsWith(join('services', 'cloud.ts')))

  test('finds the callers (guards the scan)', () => {
    expect(callers.length).toBeGreaterThan(20)
  })

  test('the resident clients carry only part of user, towns, concerns and campaigns', () => {
    expect(Object.keys(userResident).length).toBeLessThan(Object.keys(userContract).length)
    expect(Object.keys(concernsResident).length).toBeLessThan(Object.keys(concernsContract).length)
    expect(Object.keys(campaignsResident)).toEqual(['current'])
    for (const [face, whole] of [
      [userResident, userContract],
      [townsResident, townsContract],
      [concernsResident, concernsContract],
      [campaignsResident, campaignsContract]
    ] as const) {
      for (const [action, spec] of Object.entries(face)) expect((whole as Record<string, unknown>)[action]).toBe(spec)
    }
  })

  test.each(callers.map((f) => [relative(ROOT, f)]))('%s', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8')
    const from = text.match(/import\s*\{[^}]*\bcallCloud\b[^}]*\}\s*from\s*'([^']+)'/)?.[1]
    expect(from).toBeDefined()
    const client = relative(SRC, join(ROOT, file, '..', from!)).replace(/\\/g, '/')
    const carries = CARRIES[client]
    expect(carries).toBeDefined()
    if (file.startsWith('src/packages/')) expect(client).toBe('services/cloud-staff')
    const called = [...text.matchAll(/callCloud\(\s*'([a-z]+)'/g)].map((x) => x[1])
    // A name that is not a literal (the outbox's queued calls) needs the client that carries them all.
    if (/callCloud\(\s*[^'\s]/.test(text)) expect(carries).toBe('all')
    if (carries === 'all') return
    expect(called.filter((n) => !(n in carries))).toEqual([])
    // Every action the file names is one its client carries for a function it calls.
    const actions = [...text.matchAll(/\baction:\s*'([A-Za-z]+)'/g)].map((x) => x[1])
    const carried = new Set(called.flatMap((n) => carries[n] ?? []))
    expect(actions.filter((a) => !carried.has(a))).toEqual([])
  })
})
