import Taro from '@tarojs/taro'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { OUTBOX_KIND_LABELS, type OutboxItem, type OutboxKind } from '../../../../services/outbox'
import { editItem, outbox, useOutbox } from '../../../../services/outbox-store'
import { ContactFields, FORM_FIELDS, emptyForm, issuesByField, useContactForm, type FormValues } from '../contact-form'
import { registrationItem, replyItem, type RegisterEvent, type ReplyEvent } from '../../shared/outbox'
import { disabledIf } from '../../shared/disabled'
import './index.css'

interface Props {
  /** Only these kinds (a page shows its own); all on the cadre home. */
  kinds?: readonly OutboxKind[]
}

const valuesOf = (event: Record<string, unknown>): FormValues => {
  const v = emptyForm()
  for (const f of FORM_FIELDS) if (typeof event[f] === 'string') v[f] = event[f] as string
  return v
}

/** Edits a refused registration in place: the same form as 登记, its fields as typed, the server's messages on them. */
function RegistrationEdit({ item, onDone }: { item: OutboxItem; onDone(): void }) {
  const event = item.call.event as RegisterEvent
  const form = useContactForm(() => valuesOf(event))
  // The server's messages on the fields they concern (INVALID_INPUT), the first thing the cadre sees.
  useEffect(() => form.refuse(issuesByField(item.refusal?.issues)), [])
  const save = () => {
    if (!form.check()) return
    const v = form.values
    const next: RegisterEvent = { ...event, name: v.name, phone: v.phone, occupation: v.occupation, address: v.address, note: v.note, responsible: v.responsible }
    const input = registrationItem(next)
    editItem(item.id, input.call, input.label)
    onDone()
  }
  return (
    <View className='pending-uploads__edit'>
      <ContactFields form={form} />
      <Button className='btn btn--primary' onClick={save}>
        改好了，重新上传
      </Button>
      <Button className='btn btn--secondary' onClick={onDone}>
        取消
      </Button>
    </View>
  )
}

function ReplyEdit({ item, onDone }: { item: OutboxItem; onDone(): void }) {
  const event = item.call.event as ReplyEvent
  const [text, setText] = useState(event.text)
  const code = item.label.split('：')[0]
  const save = () => {
    const input = replyItem({ ...event, text }, code)
    editItem(item.id, input.call, input.label)
    onDone()
  }
  return (
    <View className='pending-uploads__edit'>
      <Textarea className='textarea' name={`outbox-reply-${item.id}`} value={text} maxlength={-1} onInput={(e) => setText(e.detail.value)} />
      <Button className='btn btn--primary' onClick={save}>
        改好了，重新上传
      </Button>
      <Button className='btn btn--secondary' onClick={onDone}>
        取消
      </Button>
    </View>
  )
}

async function discard(item: OutboxItem) {
  const answer = await Taro.showModal({
    title: '放弃这条？',
    content: `“${item.label}”将从本手机删除，不会上传。`,
    confirmText: '放弃',
    confirmColor: '#c8161d',
    cancelText: '保留'
  }).catch(() => ({ confirm: false }))
  if (answer.confirm) outbox().discard(item.id)
}

/**
 * "待上传 N 条": what this phone keeps for upload, each with how it stands: on its way, waiting for
 * the network, or refused with the function's message (then 修改, 重新上传 or 放弃). Nothing waiting:
 * nothing shown.
 */
export function PendingUploads({ kinds }: Props) {
  const { items, sending } = useOutbox(kinds)
  const [editing, setEditing] = useState<string | null>(null)
  if (items.length === 0) return null
  const refused = items.filter((i) => i.refusal).length
  const waiting = items.length - refused
  return (
    <View className='card pending-uploads'>
      <View className='pending-uploads__head'>
        <Text className='pending-uploads__count'>待上传 {items.length} 条</Text>
        {refused > 0 && <Text className='pending-uploads__refused-count'>其中 {refused} 条需要处理</Text>}
      </View>
      <View className='muted pending-uploads__why'>没有网络时记录的内容先存在本手机上，有网络后自动上传，上传后即从手机上删除。</View>
      {items.map((item) => (
        <View key={item.id} className={`pending-uploads__item${item.refusal ? ' pending-uploads__item--refused' : ''}`}>
          <View className='pending-uploads__label'>
            {OUTBOX_KIND_LABELS[item.kind]}：{item.label}
          </View>
          {item.refusal ? (
            <View className='pending-uploads__state pending-uploads__state--refused'>没有上传成功：{item.refusal.message}</View>
          ) : (
            <View className='pending-uploads__state'>{sending === item.id ? '正在上传…' : '等待网络，会自动上传'}</View>
          )}
          {item.refusal && editing !== item.id && (
            <View className='pending-uploads__actions'>
              {(item.kind === 'register' || item.kind === 'reply') && (
                <Button className='btn btn--small pending-uploads__action' onClick={() => setEditing(item.id)}>
                  修改
                </Button>
              )}
              <Button className='btn btn--small pending-uploads__action' onClick={() => outbox().retry(item.id)}>
                重新上传
              </Button>
              <Button className='btn btn--small pending-uploads__action' onClick={() => discard(item)}>
                放弃
              </Button>
            </View>
          )}
          {editing === item.id && item.kind === 'register' && <RegistrationEdit item={item} onDone={() => setEditing(null)} />}
          {editing === item.id && item.kind === 'reply' && <ReplyEdit item={item} onDone={() => setEditing(null)} />}
        </View>
      ))}
      {waiting > 0 && (
        <Button className='btn btn--secondary pending-uploads__now' disabled={disabledIf(sending !== null)} onClick={() => outbox().flush(true)}>
          {sending !== null ? '正在上传…' : '现在上传'}
        </Button>
      )}
    </View>
  )
}
