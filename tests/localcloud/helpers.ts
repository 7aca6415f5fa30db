/** Shared setup for the local cloud database tests: a real server in a temp folder + the real SDK. */
import fs from 'fs'
import http from 'http'
import os from 'os'
import path from 'path'
import type * as WxServerSdk from 'wx-server-sdk'
import { DatabaseServer, startDatabaseServer } from '../../localcloud/db'

export type Cloud = typeof WxServerSdk
/**
 * The SDK's typings declare every call as `Promise<string | void | Result>` (callback overloads),
 * which would need a cast per line; tests use the database untyped.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CloudDb = any

export interface LocalCloud {
  cloud: Cloud
  db: CloudDb
  server: DatabaseServer
  dataDir: string
  close(): Promise<void>
}

export const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-db-'))

/**
 * Loads wx-server-sdk pointed at `serviceUrl`. Jest gives every test file its own module registry,
 * so each file gets a fresh SDK whose (first and only) cloud.init wins.
 */
export function loadSdk(serviceUrl: string): Cloud {
  process.env.TENCENTCLOUD = 'true' // skips the metadata probe made outside the cloud
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk') as Cloud
  // serviceUrl/secretId/secretKey are real options the typings do not list.
  ;(cloud.init as (config: Record<string, unknown>) => void)({ env: 'local', serviceUrl, secretId: 'x', secretKey: 'x' })
  return cloud
}

export async function startLocalCloud(): Promise<LocalCloud> {
  const dataDir = tempDir()
  const server = await startDatabaseServer({ dataDir })
  const cloud = loadSdk(server.url)
  return {
    cloud,
    db: cloud.database(),
    server,
    dataDir,
    close: async () => {
      await server.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/** POSTs a body shaped like the SDK's straight to the server (for what the SDK would never send). */
export function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body)
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
        } catch (e) {
          reject(e)
        }
      })
    })
    req.on('error', reject)
    req.end(text)
  })
}

/** Awaits a rejected SDK call and returns its error (fails the test if it resolved). */
export async function errorOf(p: Promise<unknown>): Promise<{ errCode?: number; errMsg?: string; message?: string }> {
  try {
    await p
  } catch (e) {
    return e as { errCode?: number; errMsg?: string; message?: string }
  }
  throw new Error('expected the call to fail, it succeeded')
}

export const ids = (docs: { _id?: unknown }[]): unknown[] => docs.map((d) => d._id)
