// Builds one deployable folder per cloud function under cloudfunctions/ (what WeChat DevTools uploads).
// A function can only load files inside its own folder, so the core and zod are bundled into index.js;
// wx-server-sdk stays external and is installed by the cloud from the folder's package.json.
import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs'
import { dirname, join } from 'path'
import { fileURLToPath } from 'url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const sources = join(root, 'server', 'functions')
const out = join(root, 'cloudfunctions')
const sdkVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'wx-server-sdk', 'package.json'), 'utf8')).version

const names = readdirSync(sources, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(sources, d.name, 'index.ts')))
  .map((d) => d.name)

const started = Date.now()
await Promise.all(
  names.map(async (name) => {
    const dir = join(out, name)
    mkdirSync(dir, { recursive: true })
    await build({
      entryPoints: [join(sources, name, 'index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      // The cloud's Node runtime may be as old as 16.
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      minifySyntax: true,
      minifyWhitespace: true,
      legalComments: 'none',
      logLevel: 'warning'
    })
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': sdkVersion } }, null, 2) + '\n'
    )
    const config = join(sources, name, 'config.json')
    if (existsSync(config)) copyFileSync(config, join(dir, 'config.json'))
  })
)
console.log(`built ${names.length} cloud functions (${names.join(', ')}) into cloudfunctions/ in ${Date.now() - started} ms`)
