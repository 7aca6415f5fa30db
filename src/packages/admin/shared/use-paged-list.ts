import { useCallback, useEffect, useRef, useState } from 'react'
import type { Result } from '../../../core/contract'

export interface PagedList<T> {
  items: T[]
  total: number
  error: string | null
  loading: boolean
  /** More pages than shown. */
  hasMore: boolean
  more: () => void
  /** From the first page again (after a change). */
  reload: () => void
}

/**
 * A list the functions hand out page by page (`page`, `pageSize`, exact `total`): the first page on
 * mount and whenever `key` changes, the following ones on `more`.
 */
export function usePagedList<T>(fetchPage: (page: number) => Promise<Result<{ items: T[]; total: number }>>, key: string): PagedList<T> {
  const [items, setItems] = useState<T[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(0)
  const [round, setRound] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  const shownKey = useRef(key)

  useEffect(() => {
    if (shownKey.current !== key) {
      shownKey.current = key
      // Another filter: start from its first page, not from the page the last one had reached.
      if (page !== 0) return setPage(0)
    }
    let live = true
    setLoading(true)
    fetchRef.current(page).then((res) => {
      if (!live) return
      setLoading(false)
      if (!res.ok) return setError(res.message)
      setError(null)
      setTotal(res.data.total)
      setItems((before) => (page === 0 ? res.data.items : [...before, ...res.data.items]))
    })
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, page, round])

  const reload = useCallback(() => {
    setPage(0)
    setRound((r) => r + 1)
  }, [])
  const more = useCallback(() => setPage((p) => p + 1), [])
  return { items, total, error, loading, hasMore: items.length < total, more, reload }
}
