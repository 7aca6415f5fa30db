import { Button, Text, Textarea, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import { REPLY_TEXT_MAX, UNNAMED_VILLAGE_LABEL } from '../../core/concerns'
import type { ConcernItem } from '../../core/contract'
import { chinaDateTime } from '../figures/format'
import { StatusChip } from '../status-chip'
import './index.css'

interface Props {
  item: ConcernItem
  /** The full callback number, once revealed. */
  phone?: string
  busy: boolean
  /** Shows the village (an admin's list spans villages). */
  showVillage?: boolean
  onReply(text: string): Promise<boolean>
  onClose(resolved: boolean): void
  onReveal(): void
  /** More actions below the reply (an admin's 交办). */
  children?: ReactNode
}

/** One concern in a staff queue: what was raised, its due date, the dialogue, and reply / 办结. */
export function ConcernCard({ item, phone, busy, showVillage, onReply, onClose, onReveal, children }: Props) {
  const [text, setText] = useState('')
  const off = busy ? true : undefined
  const send = async () => {
    if (await onReply(text)) setText('')
  }
  return (
    <View className={`card concern-card${item.overdue ? ' concern-card--overdue' : ''}`}>
      <View className='concern-card__head'>
        <Text className='concern-card__category'>{item.category}</Text>
        <StatusChip status={item.status} />
        {item.overdue && <StatusChip status='overdue' />}
      </View>
      {showVillage && <View className='concern-card__village'>{item.village || UNNAMED_VILLAGE_LABEL}</View>}
      <View className='concern-card__text'>{item.text}</View>
      <View className='muted concern-card__meta'>
        编号 {item.code} · 提交于 {chinaDateTime(item.createdAt)} · 限 {chinaDateTime(item.dueAt)} 前答复
      </View>
      {item.callbackMasked && (
        <View className='concern-card__callback'>
          联系电话：{phone ?? item.callbackMasked}
          {!phone && (
            <Button className='btn btn--small concern-card__reveal' disabled={off} onClick={onReveal}>
              显示号码
            </Button>
          )}
        </View>
      )}
      {item.replies.map((r, i) => (
        <View key={i} className='concern-card__reply'>
          {r.by}答复：{r.text}
          <View className='muted concern-card__meta'>{chinaDateTime(r.at)}</View>
        </View>
      ))}
      {item.status === 'closed' ? (
        <View className='muted concern-card__meta'>
          {item.resolved ? '已解决' : '未解决'}
          {item.note ? `：${item.note}` : ''}
        </View>
      ) : (
        <View className='concern-card__actions'>
          <Textarea className='textarea concern-card__input' name={`reply-${item.id}`} value={text} maxlength={-1} placeholder={`答复办理情况（${REPLY_TEXT_MAX}字以内）`} onInput={(e) => setText(e.detail.value)} />
          <Button className='btn btn--primary' disabled={off} onClick={send}>
            答复
          </Button>
          {item.status === 'replied' && (
            <View className='concern-card__row'>
              <Button className='btn btn--small concern-card__half' disabled={off} onClick={() => onClose(true)}>
                办结：已解决
              </Button>
              <Button className='btn btn--small concern-card__half' disabled={off} onClick={() => onClose(false)}>
                办结：未解决
              </Button>
            </View>
          )}
          {children}
        </View>
      )}
    </View>
  )
}
