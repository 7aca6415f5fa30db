import { useCallback, useEffect, useState } from 'react'
import type { Result } from '../core/contract'

export interface CloudData<T> {
  data: T | null
  /** The function's (Chinese) message when the last load failed. */
  error: string | null
  loading: boolean
  reload: () => void
}

/**
 * Loads once on mount and again whenever `key` changes or `reload` is called. A stale answer (the
 * key changed while it was on its way) is dropped. The last good data stays on screen while the same
 * key reloads, never under another key: one town's figures or letter never show under another's name.
 */
export function useCloudData<T>(load: () => Promise<Result<T>>, key: string): CloudData<T> {
  const [loaded, setLoaded] = useState<{ key: string; data: T } | null>(null)
  const [failed, setFailed] = useState<{ key: string; message: string } | null>(null)
  const [loading, setLoading] = useState(true)
  const [round, setRound] = useState(0)
  useEffect(() => {
    let live = true
    setLoading(true)
    load().then((res) => {
      if (!live) return
      if (res.ok) {
        setLoaded({ key, data: res.data })
        setFailed(null)
      } else setFailed({ key, message: res.message })
      setLoading(false)
    })
    return () => {
      live = false
    }
    // `load` is a new closure every render; `key` says when what it loads changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round])
  const reload = useCallback(() => setRound((r) => r + 1), [])
  return {
    data: loaded?.key === key ? loaded.data : null,
    error: failed?.key === key ? failed.message : null,
    loading: loading || (loaded?.key !== key && failed?.key !== key),
    reload
  }
}
