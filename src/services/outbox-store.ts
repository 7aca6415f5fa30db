import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { callCloud } from './cloud'
import { contractOf } from './contracts'
import { localOpenid } from './local-user'
import { onReconnect } from './network'
import { Outbox, type Delivery, type OutboxCall, type OutboxInput, type OutboxItem, type OutboxKind, type OutboxSnapshot } from './outbox'

/**
 * The outbox on this phone: kept in Taro storage (survives a closed app and a reload), sent through
 * the typed client, tried again when the network comes back, when the app starts and when a cadre
 * page shows. On the local cloud (H5) each local user has their own, so a switch of user never sends
 * one person's records as another's; on WeChat storage is already per user.
 */
const KEY = 'outbox:v1'
const keyNow = (): string => (process.env.TARO_ENV === 'h5' ? `${KEY}:${localOpenid()}` : KEY)

let current: { key: string; outbox: Outbox } | null = null
const followers = new Set<() => void>()

function make(key: string): Outbox {
  return new Outbox({
    load: () => Taro.getStorageSync(key),
    save: (items) => {
      // Nothing waiting: nothing of anyone's kept on the phone.
      if (items.length === 0) Taro.removeStorageSync(key)
      else Taro.setStorageSync(key, items)
    },
    send: async (call) => {
      // The contracts of contacts and visits come with the cadre pages (services/cloud-staff): until one
      // has opened, the item waits as if there were no network, and counts no failure of the cloud.
      if (!contractOf(call.name)) return { ok: false, code: 'OFFLINE', message: '打开干部工作台后上传' }
      return callCloud(call.name, call.event as never)
    }
  })
}

/** The outbox of whoever uses the app now. */
export function outbox(): Outbox {
  const key = keyNow()
  if (!current || current.key !== key) {
    current?.outbox.stop()
    current = { key, outbox: make(key) }
    for (const f of [...followers]) f()
  }
  return current.outbox
}

/** Forgets the outbox in memory (its timer too); the next use reads storage again. For tests. */
export function dropOutbox(): void {
  current?.outbox.stop()
  current = null
}

let started = false

/**
 * Sends what waits (app start, a page shown) and, once, listens for the network coming back. Cheap
 * when nothing waits: one read of storage.
 */
export function startOutbox(): void {
  const box = outbox()
  if (!started) {
    started = true
    onReconnect(() => {
      outbox().flush(true)
    })
  }
  if (box.snapshot().items.length > 0) box.flush(true)
}

/** The outbox's items (optionally of some kinds) and the one on its way, kept current. */
export function useOutbox(kinds?: readonly OutboxKind[]): { items: OutboxItem[]; sending: string | null } {
  const [snap, setSnap] = useState<OutboxSnapshot>(() => outbox().snapshot())
  useEffect(() => {
    let unsubscribe = () => {}
    const follow = () => {
      unsubscribe()
      const box = outbox()
      unsubscribe = box.subscribe(setSnap)
      setSnap(box.snapshot())
    }
    follow()
    followers.add(follow)
    return () => {
      followers.delete(follow)
      unsubscribe()
    }
  }, [])
  const items = kinds ? snap.items.filter((i) => kinds.includes(i.kind)) : [...snap.items]
  return { items, sending: snap.sending }
}

/** Records and sends at once through the outbox; see Delivery for what the page shows. */
export function deliver(input: OutboxInput): Promise<Delivery> {
  return outbox().submit(input)
}

/** Replaces a refused item's event after the cadre edited it (the same id), and sends it. */
export function editItem(id: string, call: OutboxCall, label: string): void {
  outbox().edit(id, call, label)
}

export type { Delivery, OutboxItem, OutboxKind }
