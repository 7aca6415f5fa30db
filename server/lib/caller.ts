import { cloud } from './cloud'
import { refuse } from './refusal'

/** Who is calling, as WeChat says: read inside each call, never at module load. */
export interface Caller {
  openid: string
  /** 'wx_trigger' for timer calls, which have no user. */
  source: string
}

/** SOURCE of a call made by a timer trigger. */
export const TIMER_SOURCE = 'wx_trigger'

export function isTimer(caller: Caller): boolean {
  return caller.source === TIMER_SOURCE
}

export function currentCaller(): Caller {
  const context = cloud.getWXContext()
  return { openid: String(context.OPENID ?? ''), source: String(context.SOURCE ?? '') }
}

export function requireOpenid(caller: Caller): string {
  if (!caller.openid) refuse('UNAUTHENTICATED', '请在微信中打开小程序后再试')
  return caller.openid
}

/** Admins are named by OPENID in the environment (set in the cloud console). */
export function isAdminOpenid(openid: string): boolean {
  const admins = (process.env.ADMIN_OPENIDS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  return admins.includes(openid)
}
