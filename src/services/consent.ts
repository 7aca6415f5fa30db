import Taro from '@tarojs/taro'
import { PRIVACY_VERSION } from '../components/privacy-notice/guide'

export { PRIVACY_VERSION }
const KEY = 'privacy-consent'

/** The person accepted the current privacy guide on this device. */
export function hasPrivacyConsent(): boolean {
  try {
    return Taro.getStorageSync(KEY) === PRIVACY_VERSION
  } catch {
    return false
  }
}

export function recordPrivacyConsent(): void {
  try {
    Taro.setStorageSync(KEY, PRIVACY_VERSION)
  } catch {
    // Without storage the notice is simply shown again next time.
  }
}
