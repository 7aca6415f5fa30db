import { useCallback, useEffect, useState } from 'react'
import type { Whoami } from '../core/contract'
import { callCloud } from './cloud'


/**
 * Who the app is talking to, from the `user` function. Residents are the default: while the
 * answer is on its way, or if it fails, nobody sees the cadre entries.
 */
export function useWhoami(): { who: Whoami | null; loading: boolean; reload: () => void } {
  const [who, setWho] = useState<Whoami | null>(null)
  const [loading, setLoading] = useState(true)
  const [round, setRound] = useState(0)
  useEffect(() => {
    let live = true
    setLoading(true)
    callCloud('user', { action: 'whoami' }).then((res) => {
      if (!live) return
      setWho(res.ok ? res.data : null)
      setLoading(false)
    })
    return () => {
      live = false
    }
  }, [round])
  const reload = useCallback(() => setRound((r) => r + 1), [])
  return { who, loading, reload }
}
