import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { Task } from '../../../../core/contract'
import { TaskCard } from '../../../../components/task-card'
import { callCloud } from '../../../../services/cloud-staff'
import './index.css'

async function confirmNotFixed(text: string): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title: '整改未到位', content: `“${text}”将转入本轮，作为督导补火任务继续整改。`, confirmText: '未到位', cancelText: '取消', confirmColor: '#c8161d' })
    return Boolean(res.confirm)
  } catch {
    return false
  }
}

/** A task of an earlier round, checked on site: 整改到位 (verified) or 未到位 (carried into this round). */
export function VerifyTask({ task, showUnit, onVerified }: { task: Task; showUnit?: boolean; onVerified: (id: string, status: Task['status']) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const sending = useRef(false)
  const verify = async (fixed: boolean) => {
    if (sending.current) return
    if (!fixed && !(await confirmNotFixed(task.text))) return
    sending.current = true
    setBusy(true)
    setError(null)
    const res = await callCloud('inspections', { action: 'verifyTask', id: task.id, fixed })
    sending.current = false
    setBusy(false)
    if (!res.ok) return setError(res.message)
    Taro.showToast({ title: fixed ? '已验收' : '已转督导补火', icon: 'success' }).catch(() => undefined)
    onVerified(task.id, res.data.status)
  }
  return (
    <TaskCard task={task} showUnit={showUnit}>
      {error && <View className='error-box inspector__error'>{error}</View>}
      <View className='verify-task__actions'>
        <Button className='btn btn--primary verify-task__fixed' disabled={busy ? true : undefined} onClick={() => verify(true)}>
          整改到位
        </Button>
        <Button className='btn btn--secondary verify-task__not-fixed' disabled={busy ? true : undefined} onClick={() => verify(false)}>
          未到位
        </Button>
      </View>
    </TaskCard>
  )
}

/** Tasks an inspector of this round checks: found in an earlier round, not yet verified or carried. */
export const awaitsVerification = (task: Task, round: string): boolean => task.round !== round && (task.status === 'open' || task.status === 'done')
