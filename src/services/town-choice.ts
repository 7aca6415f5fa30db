import Taro from '@tarojs/taro'
import { townNameSchema } from '../core/towns'

/**
 * The town (乡镇/街道) a resident chose on the home page, kept on the device: chosen once, or set by a
 * shared link's `?town=`. Absent until then (the pages show the default town meanwhile).
 */
const KEY = 'town'

/** A town name from a query or from storage; null when it is not one (links get mangled in chats). */
export function townName(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw === '') return null
  let text = raw
  try {
    // WeChat hands a page its query as written in the path; H5's router has decoded it already.
    text = decodeURIComponent(raw)
  } catch {
    // a lone '%': keep the text as it is
  }
  const parsed = townNameSchema.safeParse(text)
  return parsed.success ? parsed.data : null
}

export function chosenTown(): string | null {
  try {
    return townName(Taro.getStorageSync(KEY))
  } catch {
    return null
  }
}

export function chooseTown(town: string): void {
  try {
    Taro.setStorageSync(KEY, town)
  } catch {
    // Without storage the choice lasts as long as the page: it is asked again next time.
  }
}

/** The home page's path for a town: what a shared chat card or Moments post opens. */
export const townHomePath = (town: string): string => `/pages/index/index?town=${encodeURIComponent(town)}`
export const townQuery = (town: string): string => `town=${encodeURIComponent(town)}`
