// Which Chromium the browser tests and the size bench drive. Playwright never downloads a browser here:
// CHROMIUM_PATH if set, else a system Chromium, else the one inside the npm package @sparticuz/chromium
// (a devDependency), so `npm install && npm test` needs no apt-get.
import { execFile } from 'child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'fs'
import { delimiter, dirname, join } from 'path'
import { promisify } from 'util'

const ROOT = join(__dirname, '..', '..')
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']
// Where distributions put NSS; the npm Chromium links against libnss3 dynamically.
const LIB_DIRS = ['/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib64', '/usr/lib64', '/lib', '/usr/lib']

export interface ChromiumExecutable {
  path: string
  source: 'CHROMIUM_PATH' | 'system' | 'npm'
  /** Extra environment for the browser process (libraries or fonts the system lacks). */
  env: Record<string, string>
}

export interface ChromiumOptions {
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>
  /** Folders searched for a system Chromium; defaults to PATH. An empty list forces the npm Chromium. */
  searchPath?: string[]
  /** Where the npm Chromium is unpacked; defaults to node_modules/.cache/chromium-<version>. */
  cacheDir?: string
}

export function systemChromium(searchPath: string[]): string | undefined {
  for (const dir of searchPath) {
    for (const name of SYSTEM_NAMES) {
      const candidate = join(dir, name)
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
    }
  }
  return undefined
}

function npmPackage(): { dir: string; version: string } {
  let entry: string
  try {
    entry = require.resolve('@sparticuz/chromium', { paths: [ROOT] })
  } catch {
    throw new Error('No Chromium: set CHROMIUM_PATH, install chromium, or run `npm install` (it brings @sparticuz/chromium)')
  }
  const dir = join(dirname(entry), '..')
  return { dir, version: (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version }
}

/**
 * Unpacks the npm Chromium (~1.5 s, 210 MB) unless it already is. Safe when several test files or
 * processes race: each unpacks into its own staging folder and renames it into place; the first rename
 * wins and the others discard theirs. A folder that exists is therefore always complete.
 */
export async function unpackNpmChromium(cacheDir?: string): Promise<string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`@sparticuz/chromium ships Chromium for linux-x64 only (this is ${process.platform}-${process.arch}): set CHROMIUM_PATH`)
  }
  const pkg = npmPackage()
  const dir = cacheDir ?? join(ROOT, 'node_modules', '.cache', `chromium-${pkg.version}`)
  const executable = join(dir, 'chromium')
  if (existsSync(executable)) return dir
  mkdirSync(dirname(dir), { recursive: true })
  const staging = mkdtempSync(`${dir}.unpacking-`)
  try {
    // The package unpacks into os.tmpdir(): point that at the staging folder, in a process of its own.
    await promisify(execFile)(process.execPath, [join(__dirname, 'unpack-chromium.mjs')], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: staging, TMP: staging, TEMP: staging }
    })
    if (!existsSync(join(staging, 'chromium'))) throw new Error(`unpacking @sparticuz/chromium left no binary in ${staging}`)
    try {
      renameSync(staging, dir)
    } catch (e) {
      if (!existsSync(executable)) throw e // not a lost race
    }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
  if (!cacheDir) removeOtherVersions(dir)
  return dir
}

/** Older versions' copies and staging folders left by a killed run (older than 10 minutes). */
function removeOtherVersions(keep: string): void {
  const parent = dirname(keep)
  for (const name of readdirSync(parent)) {
    const path = join(parent, name)
    if (!name.startsWith('chromium-') || path === keep) continue
    if (name.includes('.unpacking-') && Date.now() - statSync(path).mtimeMs < 10 * 60_000) continue
    rmSync(path, { recursive: true, force: true })
  }
}

function npmChromiumEnv(dir: string): Record<string, string> {
  const env: Record<string, string> = {}
  // A slim system without NSS: use the copies built for Amazon Linux that ship in the package.
  if (!LIB_DIRS.some((d) => existsSync(join(d, 'libnss3.so')))) {
    env.LD_LIBRARY_PATH = [join(dir, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':')
  }
  // No system fontconfig: the package's Open Sans. (Either way no CJK font: Chinese shows as boxes in
  // screenshots; text and layout assertions are unaffected.)
  if (!existsSync('/etc/fonts/fonts.conf')) {
    const conf = join(dir, 'fonts.local.conf')
    if (!existsSync(conf)) {
      writeFileSync(conf, `<?xml version="1.0"?>\n<fontconfig>\n  <dir>${join(dir, 'fonts', 'fonts')}</dir>\n  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`)
    }
    env.FONTCONFIG_FILE = conf
  }
  return env
}

export async function findChromium(options: ChromiumOptions = {}): Promise<ChromiumExecutable> {
  const env = options.env ?? process.env
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist`)
    return { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH', env: {} }
  }
  const system = systemChromium(options.searchPath ?? [...(env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin'])
  if (system) return { path: system, source: 'system', env: {} }
  const dir = await unpackNpmChromium(options.cacheDir)
  return { path: join(dir, 'chromium'), source: 'npm', env: npmChromiumEnv(dir) }
}
