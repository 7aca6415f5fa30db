import { join } from 'path'
import { startGateway, type Gateway } from './gateway/gateway'
import { startTimers } from './gateway/timers'
import { openService, type Service } from './service'
import { newServiceCredentials, type ServiceCredentials } from './service-auth'

export const REPO_ROOT = join(__dirname, '..')

export interface LocalCloudOptions {
  /** Where the database (and stored files) live; created if missing, kept across restarts. */
  dataDir: string
  host?: string
  /** 0 picks a free port (tests). */
  port?: number
  h5Dir?: string
  functionsDir?: string
  /** Comma-separated OPENIDs treated as admins, as ADMIN_OPENIDS in the cloud console. */
  adminOpenids?: string
  workers?: number
  /** A function call running longer is answered INTERNAL (超时) and its worker replaced; default 60 s, as in the cloud. */
  functionTimeoutMs?: number
  /** Fire the functions' timer triggers (config.json) as the cloud would; default true. */
  timers?: boolean
  /** Make `local-cadre` a cadre of 云集 (云集街道) on first start, so the "switch user" panel has one to switch to. */
  demoCadre?: boolean
}

export interface LocalCloud {
  url: string
  gateway: Gateway
  service: Service
  /** The key pair the functions' SDK signs service requests with; made at start, never stored. */
  serviceCredentials: ServiceCredentials
  /** Calls a function as the given OPENID, exactly as `POST /api/<name>` would. */
  call(name: string, event: object, openid: string): Promise<any> // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>
}

export const LOCAL_ADMIN = 'local-admin'
export const LOCAL_CADRE = 'local-cadre'

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const host = options.host ?? '127.0.0.1'
  // Only the function workers learn this key: the service refuses every request not signed with it.
  const serviceCredentials = newServiceCredentials()
  const service = openService(options.dataDir, { guard: { credentials: serviceCredentials } })
  const adminOpenids = options.adminOpenids ?? LOCAL_ADMIN
  const gateway = await startGateway({
    host,
    port: options.port ?? 0,
    h5Dir: options.h5Dir ?? join(REPO_ROOT, 'dist-h5'),
    functionsDir: options.functionsDir ?? join(REPO_ROOT, 'cloudfunctions'),
    service: service.handler,
    serviceCredentials,
    workers: options.workers,
    functionTimeoutMs: options.functionTimeoutMs,
    functionEnv: { ADMIN_OPENIDS: adminOpenids },
    clientUpload: (cloudPath, bytes) => service.storage.write(cloudPath, bytes)
  })
  const functionsDir = options.functionsDir ?? join(REPO_ROOT, 'cloudfunctions')
  const stopTimers = options.timers === false ? () => {} : startTimers(functionsDir, gateway.runner)
  const call = (name: string, event: object, openid: string) => gateway.runner.invoke({ name, event, openid, source: 'local' })
  const cloud: LocalCloud = {
    url: gateway.url,
    gateway,
    service,
    serviceCredentials,
    call,
    async close() {
      stopTimers()
      await gateway.close()
      service.close()
    }
  }
  try {
    await firstStart(cloud, adminOpenids.split(',')[0].trim(), options.demoCadre ?? false)
  } catch (error) {
    await cloud.close()
    throw error
  }
  return cloud
}

/** Collections, indexes, the default town (云集街道) and its villages through the same `setup` function the real cloud runs. */
async function firstStart(cloud: LocalCloud, admin: string, demoCadre: boolean): Promise<void> {
  cloud.service.ensureIndexes()
  const setup = await cloud.call('setup', { action: 'init' }, admin)
  if (!setup?.ok) throw new Error(`setup.init failed: ${JSON.stringify(setup)}`)
  if (!demoCadre) return
  const me = await cloud.call('user', { action: 'whoami' }, LOCAL_CADRE)
  if (me?.data?.role === 'cadre') return
  const invite = await cloud.call('user', { action: 'createInvite', village: '云集', maxUses: 1, expiresInDays: 1 }, admin)
  await cloud.call('user', { action: 'redeemInvite', code: invite.data.code, name: '本地演示干部' }, LOCAL_CADRE)
}
