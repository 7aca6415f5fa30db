/**
 * The database server on its own, for tests and manual runs:
 *   npx tsx localcloud/db/standalone.ts --data-dir DIR [--port 0] [--synchronous NORMAL|FULL]
 * Prints `listening <url>` once ready; SIGTERM/SIGINT close it cleanly.
 */
import { startDatabaseServer } from './server'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}

async function main(): Promise<void> {
  const dataDir = arg('--data-dir') ?? process.env.LOCALCLOUD_DB_DIR
  if (!dataDir) throw new Error('usage: standalone.ts --data-dir DIR [--port N] [--synchronous NORMAL|FULL]')
  const synchronous = arg('--synchronous') === 'FULL' ? 'FULL' : 'NORMAL'
  const server = await startDatabaseServer({ dataDir, port: Number(arg('--port') ?? 0), synchronous })
  process.stdout.write(`listening ${server.url}\n`)
  const stop = (): void => {
    void server.close().then(() => process.exit(0))
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`)
  process.exit(1)
})
