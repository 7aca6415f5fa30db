import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../localcloud/start'
import { serviceRequest } from './service-client'

export interface TestCloud extends LocalCloud {
  dataDir: string
  /** Calls a function through the gateway's HTTP route, as the H5 app does. */
  post(name: string, body: unknown, openid?: string): Promise<{ status: number; body: any }> // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Exact number of documents in a collection, read from the local database itself. */
  count(collection: string, where?: object): number
  /** A request to the service path (…/tcb) signed with the functions' key, as their SDK sends it. */
  serviceRequest(body: object): Promise<{ status: number; body: any }> // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A whole local cloud (database + gateway + built functions) in a fresh temporary folder. */
export async function startTestCloud(options: Partial<LocalCloudOptions> = {}): Promise<TestCloud> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pingan-cloud-'))
  // No timers in tests: a trigger firing mid-test would change what the test counts.
  const cloud = await startLocalCloud({ workers: 4, timers: false, ...options, dataDir })
  return {
    ...cloud,
    dataDir,
    async post(name, body, openid) {
      const res = await fetch(`${cloud.url}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body)
      })
      const text = await res.text()
      let parsed: unknown = text
      try {
        parsed = JSON.parse(text)
      } catch {
        // leave as text
      }
      return { status: res.status, body: parsed }
    },
    count(collection, where) {
      return cloud.service.count(collection, where)
    },
    serviceRequest(body) {
      return serviceRequest(`${cloud.url}/tcb`, body, { credentials: cloud.serviceCredentials })
    },
    async close() {
      await cloud.close()
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
