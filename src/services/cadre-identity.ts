import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { Whoami } from '../core/contract'
import { callCloud } from './cloud'
import { localOpenid } from './local-user'

/**
 * Who the app is talking to, for the cadre pages, that also works without signal: the last answer
 * that said "cadre" is kept on the phone (their own name, village and town, nothing of residents),
 * and used only when no answer can come (TIMEOUT, OFFLINE), so a cadre can keep registering and
 * visiting in a village with no signal. Any real answer replaces it; one that is not a cadre clears it.
 */
const KEY = 'cadre-identity'
const keyNow = (): string => (process.env.TARO_ENV === 'h5' ? `${KEY}:${localOpenid()}` : KEY)

function cached(): Whoami | null {
  try {
    const raw = Taro.getStorageSync(keyNow()) as Partial<Whoami> | ''
    if (raw && typeof raw === 'object' && raw.role === 'cadre' && typeof raw.village === 'string' && typeof raw.name === 'string' && typeof raw.openid === 'string') {
      return raw as Whoami
    }
  } catch {
    // unreadable: none
  }
  return null
}

function remember(who: Whoami | null): void {
  try {
    if (who?.role === 'cadre') Taro.setStorageSync(keyNow(), { openid: who.openid, role: who.role, village: who.village, name: who.name, ...(who.town ? { town: who.town } : {}) })
    else Taro.removeStorageSync(keyNow())
  } catch {
    // storage unavailable: the pages just need a signal to start
  }
}

export interface CadreWhoami {
  who: Whoami | null
  loading: boolean
  /** `who` is the identity kept on the phone: no answer could come. */
  offline: boolean
  reload: () => void
}

export function useCadreWhoami(): CadreWhoami {
  const [state, setState] = useState<{ who: Whoami | null; loading: boolean; offline: boolean }>({ who: null, loading: true, offline: false })
  const [round, setRound] = useState(0)
  useEffect(() => {
    let live = true
    setState((s) => ({ ...s, loading: true }))
    callCloud('user', { action: 'whoami' }).then((res) => {
      if (!live) return
      if (res.ok) {
        remember(res.data)
        setState({ who: res.data, loading: false, offline: false })
        return
      }
      const kept = res.code === 'TIMEOUT' || res.code === 'OFFLINE' ? cached() : null
      setState({ who: kept, loading: false, offline: kept !== null })
    })
    return () => {
      live = false
    }
  }, [round])
  const reload = useCallback(() => setRound((r) => r + 1), [])
  return { ...state, reload }
}
