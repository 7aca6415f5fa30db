import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ConcernStatus } from '../../core/concerns'
import type { ConcernItem } from '../../core/contract'
import { callCloud } from '../../services/cloud-staff'
import { newSubmissionId } from '../../services/submission-id'

const PAGE_SIZE = 20

export interface QueueFilter {
  town?: string
  village?: string
  status?: ConcernStatus
  overdue?: boolean
}

const say = (title: string, content: string) => Taro.showModal({ title, content, showCancel: false }).catch(() => undefined)

/**
 * A staff queue of concerns as `concerns.list` orders it (overdue first, then oldest), twenty at a
 * time, with the actions every queue has: reply, 办结, reveal a callback number.
 */
export function useConcernQueue(filter: QueueFilter) {
  const [items, setItems] = useState<ConcernItem[]>([])
  const [total, setTotal] = useState<number | null>(null)
  const [page, setPage] = useState(0)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [phones, setPhones] = useState<Record<string, string>>({})
  const generation = useRef(0)
  const key = JSON.stringify(filter)

  const load = useCallback(
    async (nextPage: number, before: ConcernItem[]) => {
      const mine = ++generation.current
      setLoading(true)
      setError(null)
      const res = await callCloud('concerns', { action: 'list', ...filter, page: nextPage, pageSize: PAGE_SIZE })
      if (mine !== generation.current) return
      setLoading(false)
      if (!res.ok) return setError(res.message)
      const seen = new Set(before.map((c) => c.id))
      setItems([...before, ...res.data.items.filter((c) => !seen.has(c.id))])
      setTotal(res.data.total)
      setPage(nextPage + 1)
    },
    // `key` stands for the filter's fields.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key]
  )

  useEffect(() => {
    load(0, [])
  }, [load])

  const reload = () => load(0, [])

  // One id per reply being written (concern and text): tapping 答复 again after no answer adds it once.
  const replyIds = useRef(new Map<string, string>())
  const reply = async (item: ConcernItem, text: string): Promise<boolean> => {
    const key = `${item.id}\n${text}`
    const replyId = replyIds.current.get(key) ?? newSubmissionId()
    replyIds.current.set(key, replyId)
    setBusy(item.id)
    const res = await callCloud('concerns', { action: 'reply', town: filter.town, id: item.id, text, replyId })
    setBusy(null)
    if (!res.ok) {
      say('没有答复', res.message)
      return false
    }
    replyIds.current.delete(key)
    Taro.showToast({ title: '已答复', icon: 'success' }).catch(() => undefined)
    reload()
    return true
  }

  const close = async (item: ConcernItem, resolved: boolean) => {
    const answer = await Taro.showModal({
      title: resolved ? '办结：已解决？' : '办结：未解决？',
      content: '办结后不能再答复这件诉求。',
      confirmText: '办结',
      cancelText: '取消'
    }).catch(() => ({ confirm: false }))
    if (!answer.confirm) return
    setBusy(item.id)
    const res = await callCloud('concerns', { action: 'close', town: filter.town, id: item.id, resolved })
    setBusy(null)
    if (!res.ok) return say('没有办结', res.message)
    Taro.showToast({ title: '已办结', icon: 'success' }).catch(() => undefined)
    reload()
  }

  const reveal = async (item: ConcernItem) => {
    setBusy(item.id)
    const res = await callCloud('concerns', { action: 'revealCallback', town: filter.town, id: item.id })
    setBusy(null)
    if (!res.ok) return say('无法显示号码', res.message)
    setPhones((p) => ({ ...p, [item.id]: res.data.phone }))
  }

  return { items, total, loading, error, busy, phones, more: () => load(page, items), reload, reply, close, reveal }
}
export type ConcernQueue = ReturnType<typeof useConcernQueue>
