import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { CONCERN_CATEGORIES, CONCERN_TEXT_MAX, type ConcernCategory } from '../../core/concerns'
import type { ConcernsContract, EventOf } from '../../core/contract'
import { UNDISCLOSED_VILLAGE } from '../../core/contract/survey'
import { DEFAULT_TOWN } from '../../core/towns'
import { Notice as Message } from '../../components/notice'
import { ResidentPage } from '../../components/resident-page'
import { StatusChip } from '../../components/status-chip'
import { VillagePicker } from '../../components/village-picker'
import { chinaDateTime } from '../../components/figures/format'
import { callCloud } from '../../services/cloud'
import { newSubmissionId } from '../../services/submission-id'
import { chosenTown } from '../../services/town-choice'
import { useCloudData } from '../../services/use-cloud-data'
import './index.css'

// The contract's empty `z.object({})` types as Record<string, never>, which rejects even `action`.
const MINE = { action: 'mine' } as EventOf<ConcernsContract, 'mine'>
const call110 = () => Taro.makePhoneCall({ phoneNumber: '110' }).catch(() => undefined)

/** Said first on both tabs: what this page is not. */
function Notice() {
  return (
    <View className='card concern__notice'>
      <View>
        紧急情况请直接拨打
        <Text className='concern__110' onClick={call110}>
          110
        </Text>
        （点击拨打）。
      </View>
      <View>这里反映的问题由本村(社区)干部和乡镇(街道)综治办处理，与问卷调查无关。</View>
    </View>
  )
}

function ConcernForm({ onFiled }: { onFiled: () => void }) {
  const town = chosenTown() ?? DEFAULT_TOWN
  // Made once per concern written: a retry or a double tap stores one.
  const [submissionId, setSubmissionId] = useState(newSubmissionId)
  const [category, setCategory] = useState<ConcernCategory | null>(null)
  const [village, setVillage] = useState<string>(UNDISCLOSED_VILLAGE)
  const [text, setText] = useState('')
  const [phone, setPhone] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [canRetry, setCanRetry] = useState(false)
  const [code, setCode] = useState<string | null>(null)

  if (code) {
    return (
      <View className='card concern__filed'>
        <View className='card__title'>已提交</View>
        <View>您的查询码：</View>
        <View className='concern__code'>{code}</View>
        <View className='muted'>询问办理情况时请报这个查询码。回复会显示在“我的反映”里。</View>
        <Button
          className='btn btn--secondary'
          onClick={() => {
            setCode(null)
            onFiled()
          }}
        >
          查看我的反映
        </Button>
      </View>
    )
  }

  const submit = async () => {
    setCanRetry(false)
    if (!category) return setError('请选择问题类别')
    if (!text.trim()) return setError('请写下您要反映的问题')
    setBusy(true)
    setError(null)
    let res: Awaited<ReturnType<typeof callCloud<'concerns', 'submit'>>> | undefined
    try {
      res = await callCloud('concerns', {
        action: 'submit',
        submissionId,
        town,
        category,
        text,
        ...(village !== UNDISCLOSED_VILLAGE ? { village } : {}),
        ...(phone.trim() ? { callback: { phone: phone.trim() } } : {})
      })
    } catch {
      res = undefined
    } finally {
      setBusy(false)
    }
    if (!res || !res.ok) {
      // What was written stays in the boxes; the same submission id makes a retry store one concern.
      setCanRetry(!res || ['TIMEOUT', 'OFFLINE', 'INTERNAL'].includes(res.code))
      return setError(res ? res.message : '网络不稳定,没有提交成功,内容已保留,请稍后重试')
    }
    setCode(res.data.code)
    setSubmissionId(newSubmissionId())
    setCategory(null)
    setText('')
    setPhone('')
  }

  return (
    <View className='concern__form'>
      <View className='card'>
        <View className='concern__label'>问题类别</View>
        <View className='concern__categories'>
          {CONCERN_CATEGORIES.map((c) => (
            <View key={c} className={`concern__category${c === category ? ' concern__category--on' : ''}`} onClick={() => setCategory(c)}>
              {c}
            </View>
          ))}
        </View>
      </View>
      <VillagePicker town={town} value={village} onChange={setVillage} />
      <View className='card'>
        <View className='concern__label'>您要反映的问题</View>
        <Textarea
          className='textarea concern__text'
          name='text'
          value={text}
          maxlength={-1}
          placeholder='请写清楚事情和地点'
          onInput={(e) => setText(e.detail.value)}
        />
        <View className={`concern__count${text.length > CONCERN_TEXT_MAX ? ' concern__count--over' : ''}`}>
          {text.length}/{CONCERN_TEXT_MAX}
        </View>
      </View>
      <View className='card'>
        <View className='concern__label'>联系电话（可不填）</View>
        <Input className='field concern__phone' name='callback' type='number' value={phone} placeholder='不填也可以提交' onInput={(e) => setPhone(e.detail.value)} />
        <View className='muted concern__who'>留下号码，本村(社区)干部和乡镇(街道)综治办可以看到它，以便了解情况；不留也会处理。</View>
      </View>
      <View className='concern__actions'>
        <Message tone='error' message={error} onRetry={canRetry && !busy ? submit : undefined} />
        <Button className='btn btn--primary' disabled={busy ? true : undefined} onClick={submit}>
          {busy ? '正在提交…' : '提交'}
        </Button>
      </View>
    </View>
  )
}

function MyConcerns() {
  const mine = useCloudData(() => callCloud('concerns', MINE), 'concerns.mine')
  const list = mine.data?.items
  if (mine.error) {
    return (
      <View className='card'>
        <Message tone='error' message={mine.error} onRetry={mine.reload} />
      </View>
    )
  }
  if (!list) return <View className='card muted'>正在读取…</View>
  if (list.length === 0) return <View className='card muted'>您还没有反映过问题。</View>
  return (
    <View>
      {list.map((c) => (
        <View key={c.id} className='card concern__item'>
          <View className='concern__item-head'>
            <Text className='concern__item-category'>{c.category}</Text>
            <StatusChip status={c.status} />
          </View>
          <View className='concern__item-text'>{c.text}</View>
          <View className='muted concern__item-when'>
            查询码 {c.code} · {chinaDateTime(c.createdAt)}
          </View>
          {c.replies.map((r, i) => (
            <View key={i} className='concern__reply'>
              <View className='concern__reply-text'>{r.by}答复：{r.text}</View>
              <View className='muted concern__item-when'>{chinaDateTime(r.at)}</View>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}

/** 反映问题 and 我的反映: a resident's concern to the village, and its replies. */
export default function ConcernPage() {
  const [tab, setTab] = useState<'new' | 'mine'>(useRouter()?.params?.tab === 'mine' ? 'mine' : 'new')
  return (
    <ResidentPage className='concern'>
      <View className='tabs'>
        <View className={`tabs__tab${tab === 'new' ? ' tabs__tab--on' : ''}`} onClick={() => setTab('new')}>
          反映问题
        </View>
        <View className={`tabs__tab${tab === 'mine' ? ' tabs__tab--on' : ''}`} onClick={() => setTab('mine')}>
          我的反映
        </View>
      </View>
      <Notice />
      {tab === 'new' ? <ConcernForm onFiled={() => setTab('mine')} /> : <MyConcerns />}
    </ResidentPage>
  )
}
