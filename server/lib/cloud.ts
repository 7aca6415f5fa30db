import cloud from 'wx-server-sdk'
import type { Db } from './db-types'

// DYNAMIC_CURRENT_ENV: the environment the function is deployed in. Locally the gateway points the
// unchanged SDK at the local cloud through TCB_CONTEXT_CNFG, so nothing here knows where it runs.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

export { cloud }

export function database(): Db {
  return cloud.database() as unknown as Db
}
