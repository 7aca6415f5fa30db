import { Button, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { ConcernItem } from '../../core/contract'
import { ConcernCard } from '.'
import type { ConcernQueue } from './use-queue'

/** A queue on screen: its cards, its failure with a retry, and "加载更多". */
export function ConcernQueueList({ queue, showVillage, extra, empty }: { queue: ConcernQueue; showVillage?: boolean; extra?: (item: ConcernItem) => ReactNode; empty: string }) {
  return (
    <View className='concern-queue'>
      {queue.total !== null && <View className='concern-queue__total muted'>共 {queue.total} 件</View>}
      {queue.total === 0 && !queue.loading && <View className='card muted'>{empty}</View>}
      {queue.items.map((item) => (
        <ConcernCard
          key={item.id}
          item={item}
          phone={queue.phones[item.id]}
          busy={queue.busy === item.id}
          showVillage={showVillage}
          onReply={(text) => queue.reply(item, text)}
          onClose={(resolved) => queue.close(item, resolved)}
          onReveal={() => queue.reveal(item)}
        >
          {extra?.(item)}
        </ConcernCard>
      ))}
      {queue.error && (
        <View className='card'>
          <View className='concern-queue__error'>{queue.error}</View>
          <Button className='btn btn--secondary' onClick={queue.reload}>
            重试
          </Button>
        </View>
      )}
      {queue.loading && <View className='concern-queue__total muted'>正在读取…</View>}
      {queue.total !== null && !queue.loading && queue.items.length < queue.total && (
        <View className='concern-queue__more'>
          <Button className='btn btn--secondary' onClick={queue.more}>
            加载更多（已显示 {queue.items.length}/{queue.total}）
          </Button>
        </View>
      )}
    </View>
  )
}
