import { useCallback, useEffect, useState } from 'react'
import type { Result } from '../../../core/contract'

export interface CloudData<T> {
  data: T | null
  /** The function's (Chinese) message when the last load failed. */
  error: string | null
  loading: boolean
  reload: () => void
}

/**
 * Loads once on mount and again whenever `key` changes or `reload` is called. A stale answer (the
 * key changed while it was on its way) is dropped; the last good data stays on screen while reloading.
 */
export function useCloudData<T>(load: () => Promise<Result<T>>, key: string): CloudData<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [round, setRound] = useState(0)
  useEffect(() => {
    let live = true
    setLoading(true)
    load().then((res) => {
      if (!live) return
      if (res.ok) {
        setData(res.data)
        setError(null)
      } else setError(res.message)
      setLoading(false)
    })
    return () => {
      live = false
    }
    // `load` is a new closure every render; `key` says when what it loads changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round])
  const reload = useCallback(() => setRound((r) => r + 1), [])
  return { data, error, loading, reload }
}
