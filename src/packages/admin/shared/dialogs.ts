import Taro from '@tarojs/taro'

/**
 * Asks before anything that writes: resolves true only on the confirm button. `confirmText` is at
 * most four Chinese characters (WeChat and Taro's H5 modal refuse longer).
 */
export async function confirmAction(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText, cancelText: '取消', confirmColor: '#c8161d' })
    return Boolean(res.confirm)
  } catch {
    return false
  }
}

export function toast(title: string): void {
  Taro.showToast({ title, icon: 'success' }).catch(() => undefined)
}
