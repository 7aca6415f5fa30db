import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useRef } from 'react'
import type { ConcernItem } from '../../../core/contract'
import { ConcernQueueList } from '../../../components/concern-card/queue'
import { useConcernQueue } from '../../../components/concern-card/use-queue'
import { newSubmissionId } from '../../../services/submission-id'
import { CadreGate, type Cadre } from '../components/cadre-gate'
import { PendingUploads } from '../components/pending-uploads'
import { replyItem, send } from '../shared/outbox'

function Queue({ cadre }: { cadre: Cadre }) {
  // The function puts overdue ones first: the order is the queue's.
  const base = useConcernQueue({})
  // One id per reply being written: a tap again after a lost answer (or the outbox) adds it once.
  const replyIds = useRef(new Map<string, string>())
  const reply = async (item: ConcernItem, text: string): Promise<boolean> => {
    const key = `${item.id}\n${text}`
    const replyId = replyIds.current.get(key) ?? newSubmissionId()
    replyIds.current.set(key, replyId)
    // Through the outbox: without signal the reply waits on the phone (待上传) and goes by itself.
    const res = await send(replyItem({ action: 'reply', id: item.id, text, replyId }, item.code))
    if (res.ok === false) {
      Taro.showModal({ title: '没有答复', content: res.message, showCancel: false }).catch(() => undefined)
      return false
    }
    replyIds.current.delete(key)
    Taro.showToast({ title: res.ok === 'kept' ? '已存手机，待上传' : '已答复', icon: res.ok === 'kept' ? 'none' : 'success' }).catch(() => undefined)
    if (res.ok === true) base.reload()
    return true
  }
  const queue = { ...base, reply }
  return (
    <View className='cadre-concerns'>
      <PendingUploads kinds={['reply']} />
      <View className='card'>
        <View className='card__title'>{cadre.village}群众诉求</View>
        <View className='muted'>超期未答复的排在最前。答复只说问题本身的办理情况。</View>
      </View>
      <ConcernQueueList queue={queue} empty='本村(社区)暂时没有群众诉求。' />
    </View>
  )
}

/** 群众诉求: the village's concerns, overdue first, with 答复 (kept on the phone without signal) and 办结. */
export default function CadreConcernsPage() {
  return <CadreGate>{(cadre) => <Queue cadre={cadre} />}</CadreGate>
}
