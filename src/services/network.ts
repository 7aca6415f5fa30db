import Taro from '@tarojs/taro'

/**
 * Whether the phone has a network, as the platform reports it, and a way to hear it come back.
 * WeChat: Taro.getNetworkType once, then onNetworkStatusChange. H5: navigator.onLine and the
 * window's online/offline events. Until the platform has answered, the phone counts as online (a
 * call then finds out for itself).
 */

type Listener = () => void

let online = true
let watching = false
const listeners = new Set<Listener>()

function set(now: boolean): void {
  const cameBack = now && !online
  online = now
  if (cameBack) for (const listener of [...listeners]) listener()
}

function watch(): void {
  if (watching) return
  watching = true
  if (process.env.TARO_ENV === 'h5') {
    if (typeof navigator !== 'undefined' && typeof navigator.onLine === 'boolean') online = navigator.onLine
    if (typeof window !== 'undefined') {
      window.addEventListener('online', () => set(true))
      window.addEventListener('offline', () => set(false))
    }
    return
  }
  try {
    Taro.getNetworkType()
      .then((res) => set(res.networkType !== 'none'))
      .catch(() => undefined)
    Taro.onNetworkStatusChange((res) => set(res.isConnected))
  } catch {
    // No network API (a test runtime): stay "online" and let calls find out.
  }
}

export function isOnline(): boolean {
  watch()
  return online
}

/** Calls `listener` each time the network comes back; answers the way to stop. */
export function onReconnect(listener: Listener): () => void {
  watch()
  listeners.add(listener)
  return () => listeners.delete(listener)
}
