import { Button, Input, View } from '@tarojs/components'
import { useState } from 'react'
import { DEFAULT_DUE_DAYS, MAX_DUE_DAYS } from '../../../core/concerns'
import type { ConcernItem } from '../../../core/contract'
import { ConcernQueueList } from '../../../components/concern-card/queue'
import { useConcernQueue, type ConcernQueue } from '../../../components/concern-card/use-queue'
import { callCloud } from '../../../services/cloud-staff'
import { AdminPage, ErrorNote, disabledWhen, useAdminScope } from '../shared/admin-page'
import { toast } from '../shared/dialogs'
import { VillageSelect } from '../shared/village-select'
import './index.css'

/** 交办: hand one concern to a unit of the town, due in so many days. */
function Assign({ town, item, queue }: { town: string; item: ConcernItem; queue: ConcernQueue }) {
  const [unit, setUnit] = useState<string | null>(item.village || null)
  const [days, setDays] = useState(String(DEFAULT_DUE_DAYS))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const assign = async () => {
    if (!unit) return setError('请选择交办的村(社区)')
    setBusy(true)
    setError(null)
    const res = await callCloud('concerns', { action: 'assign', town, id: item.id, unit, dueDays: Number(days) })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    toast('已交办')
    queue.reload()
  }
  return (
    <View className='admin-concerns__assign'>
      <View className='admin__label'>交办给</View>
      <VillageSelect town={town} value={unit} noneLabel='请选择村(社区)' onChange={setUnit} />
      <View className='admin__row'>
        <View className='admin__label'>办理期限（天，1–{MAX_DUE_DAYS}）</View>
        <Input className='field admin-concerns__days' name={`days-${item.id}`} type='number' value={days} onInput={(e) => setDays(e.detail.value)} />
      </View>
      <ErrorNote message={error} />
      <Button className='btn btn--small' disabled={disabledWhen(busy)} onClick={assign}>
        {item.status === 'assigned' ? '重新交办' : '交办'}
      </Button>
    </View>
  )
}

function ConcernsView() {
  const { town } = useAdminScope()
  const [village, setVillage] = useState<string | null>(null)
  const [overdue, setOverdue] = useState(false)
  const queue = useConcernQueue({ town, ...(village ? { village } : {}), ...(overdue ? { overdue } : {}) })
  return (
    <View className='admin-concerns'>
      <View className='card'>
        <View className='card__title'>{town}群众诉求</View>
        <VillageSelect town={town} value={village} noneLabel='全部村(社区)' onChange={setVillage} />
        <View className='admin__segments'>
          <View className={`admin__segment${!overdue ? ' admin__segment--on' : ''}`} onClick={() => setOverdue(false)}>
            全部
          </View>
          <View className={`admin__segment${overdue ? ' admin__segment--on' : ''}`} onClick={() => setOverdue(true)}>
            只看超期
          </View>
        </View>
      </View>
      <ConcernQueueList queue={queue} showVillage empty='没有符合条件的诉求。' extra={(item) => (item.status === 'open' || item.status === 'assigned' ? <Assign town={town} item={item} queue={queue} /> : null)} />
    </View>
  )
}

/** 群众诉求: every village's concerns (overdue first), 交办 with a due date, reply and 办结. */
export default function AdminConcernsPage() {
  return (
    <AdminPage current='concerns'>
      <ConcernsView />
    </AdminPage>
  )
}
