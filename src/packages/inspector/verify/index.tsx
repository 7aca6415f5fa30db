import { View } from '@tarojs/components'
import type { Whoami } from '../../../core/contract'
import { callCloud } from '../../../services/cloud-staff'
import { useCloudData } from '../../../services/use-cloud-data'
import { VerifyTask, awaitsVerification } from '../components/verify-task'
import { InspectorGate, townOf } from '../shared/gate'
import { LoadNote } from '../shared/load-note'

function ToVerify({ who, round }: { who: Whoami; round: string }) {
  const tasks = useCloudData(() => callCloud('inspections', { action: 'tasks', ...townOf(who) }), `tasks|${who.town ?? ''}`)
  if (!tasks.data) return <LoadNote what='整改任务' loading={tasks.loading} error={tasks.error} onRetry={tasks.reload} />
  const waiting = tasks.data.tasks.filter((t) => awaitsVerification(t, round))
  return (
    <View>
      <View className='card muted'>到现场核实上轮督查发现的问题：整改到位的验收通过，未到位的转入本轮作为督导补火任务。</View>
      {waiting.length === 0 && <View className='card muted'>没有等待验收的整改任务。</View>}
      {waiting.map((t) => (
        <VerifyTask key={t.id} task={t} showUnit onVerified={tasks.reload} />
      ))}
    </View>
  )
}

function Verify({ who }: { who: Whoami }) {
  const rounds = useCloudData(() => callCloud('inspections', { action: 'rounds', ...townOf(who) }), `rounds|${who.town ?? ''}`)
  if (!rounds.data) return <LoadNote what='督查轮次' loading={rounds.loading} error={rounds.error} onRetry={rounds.reload} />
  const open = rounds.data.rounds.find((r) => r.status === 'open')
  if (!open) return <View className='card muted'>目前没有进行中的督查轮次：整改任务在下一轮督查时验收。</View>
  return <ToVerify who={who} round={open.id} />
}

/** 整改验收: every unit's tasks of earlier rounds, checked in this round. */
export default function VerifyPage() {
  return (
    <View className='inspector'>
      <InspectorGate>{(who) => <Verify who={who} />}</InspectorGate>
    </View>
  )
}
