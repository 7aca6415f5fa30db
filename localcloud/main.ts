// `npm start`: builds what is missing, then serves the H5 app and the cloud functions on one port.
import { execSync } from 'child_process'
import { existsSync, readdirSync, statSync } from 'fs'
import { join, resolve } from 'path'
import { REPO_ROOT, startLocalCloud } from './start'

const DEFAULT_PORT = 8787

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

function buildIfMissing(): void {
  const run = (script: string) => execSync(`npm run --silent ${script}`, { cwd: REPO_ROOT, stdio: 'inherit' })
  const functionsOut = join(REPO_ROOT, 'cloudfunctions')
  const sources = Math.max(newestMtime(join(REPO_ROOT, 'server')), newestMtime(join(REPO_ROOT, 'src', 'core')))
  if (!existsSync(functionsOut) || newestMtime(functionsOut) < sources) {
    console.log('构建云函数…')
    run('build:cloud')
  }
  if (!existsSync(join(REPO_ROOT, 'dist-h5', 'index.html'))) {
    console.log('首次启动:构建 H5 应用(约半分钟)…')
    run('build:h5')
  }
}

async function main(): Promise<void> {
  buildIfMissing()
  const port = Number(process.env.PORT ?? DEFAULT_PORT)
  const dataDir = resolve(REPO_ROOT, process.env.DATA_DIR ?? '.local-cloud')
  const cloud = await startLocalCloud({
    dataDir,
    port,
    host: process.env.HOST ?? '127.0.0.1',
    adminOpenids: process.env.ADMIN_OPENIDS ?? 'local-admin',
    functionTimeoutMs: Number(process.env.FUNCTION_TIMEOUT) > 0 ? Number(process.env.FUNCTION_TIMEOUT) * 1000 : undefined,
    demoCadre: true
  })
  console.log(`平安民调 本地云已启动: ${cloud.url}  (数据目录 ${dataDir})`)
  const stop = async () => {
    await cloud.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
