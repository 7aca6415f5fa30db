import Taro from '@tarojs/taro'

/**
 * Local cloud only: who the H5 app says it is (the gateway reads it from `x-openid`).
 * On WeChat the caller is whoever opened the app; this switch does not exist there.
 */
export const LOCAL_USERS = [
  { openid: 'local-resident', label: '居民' },
  { openid: 'local-cadre', label: '干部' },
  { openid: 'local-admin', label: '管理员' }
] as const

const KEY = 'local-openid'

export function localOpenid(): string {
  try {
    return Taro.getStorageSync(KEY) || LOCAL_USERS[0].openid
  } catch {
    return LOCAL_USERS[0].openid
  }
}

export function setLocalOpenid(openid: string): void {
  Taro.setStorageSync(KEY, openid)
}
