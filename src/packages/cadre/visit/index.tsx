import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { EXPLAINED_MEANS, VISIT_NOTE_MAX } from '../../../core/contract'
import '../../../services/cloud-staff'
import { newSubmissionId } from '../../../services/submission-id'
import { CadreGate } from '../components/cadre-gate'
import { PendingUploads } from '../components/pending-uploads'
import { send, visitItem } from '../shared/outbox'
import { disabledIf } from '../shared/disabled'
import './index.css'

type Tick = 'letter' | 'card' | 'explained'
const TICKS: { key: Tick; label: string }[] = [
  { key: 'letter', label: '已发放公开信' },
  { key: 'card', label: '已收回民情联系卡回执' },
  { key: 'explained', label: '已讲解辅导民调问卷' }
]

function VisitForm() {
  const params = useRouter()?.params ?? {}
  const contactId = params.contactId ?? ''
  const name = params.name ? decodeURIComponent(params.name) : ''
  // One id per visit screen: a retry after a lost answer stores this visit once.
  const [visitId] = useState(newSubmissionId)
  // Ticked on an earlier visit: it stays ticked (the function never unticks), so it is shown fixed.
  const [before] = useState<Record<Tick, boolean>>(() => ({ letter: params.letter === '1', card: params.card === '1', explained: params.explained === '1' }))
  const [ticks, setTicks] = useState<Record<Tick, boolean>>(before)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const save = async () => {
    setBusy(true)
    setError(null)
    // Through the outbox: without signal the visit waits on the phone (待上传) and goes by itself.
    const res = await send(visitItem({ action: 'record', visitId, contactId, ...ticks, ...(note.trim() ? { note } : {}) }, name))
    setBusy(false)
    if (res.ok === false) return setError(res.message)
    Taro.showToast({ title: res.ok === 'kept' ? '已存手机，待上传' : '已记录走访', icon: res.ok === 'kept' ? 'none' : 'success' }).catch(() => undefined)
    Taro.navigateBack().catch(() => undefined)
  }

  return (
    <View className='visit'>
      <PendingUploads kinds={['visit']} />
      <View className='card'>
        <View className='card__title'>走访{name}</View>
        <View className='muted'>保存即记为已上门走访。</View>
        {TICKS.map((t) => (
          <View
            key={t.key}
            className={`visit__tick${ticks[t.key] ? ' visit__tick--on' : ''}`}
            onClick={() => {
              if (!before[t.key]) setTicks((s) => ({ ...s, [t.key]: !s[t.key] }))
            }}
          >
            <Text className='visit__box'>{ticks[t.key] ? '✓' : ''}</Text>
            <Text>{t.label}</Text>
            {before[t.key] && <Text className='muted visit__before'>（此前已完成）</Text>}
          </View>
        ))}
        <View className='visit__rule'>{EXPLAINED_MEANS}</View>
      </View>
      <View className='card'>
        <View className='visit__label'>备注（可不填）</View>
        <Textarea className='textarea' name='note' value={note} maxlength={-1} placeholder='例如：家中老人独居' onInput={(e) => setNote(e.detail.value)} />
        <View className='muted visit__count'>
          {note.length}/{VISIT_NOTE_MAX}
        </View>
      </View>
      {error && <View className='visit__error'>{error}</View>}
      <View className='visit__actions'>
        <Button className='btn btn--primary' disabled={disabledIf(busy || !contactId)} onClick={save}>
          {busy ? '正在保存…' : '保存走访'}
        </Button>
      </View>
    </View>
  )
}

/** 走访登记: one visit to one household, with what was handed over and explained. */
export default function VisitPage() {
  return <CadreGate>{() => <VisitForm />}</CadreGate>
}
