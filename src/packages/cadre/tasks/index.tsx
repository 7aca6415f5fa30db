import Taro from '@tarojs/taro'
import { Button, Textarea, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { Task } from '../../../core/contract'
import { TaskCard } from '../../../components/task-card'
import { callCloud } from '../../../services/cloud-staff'
import { useCloudData } from '../../../services/use-cloud-data'
import { CadreGate, type Cadre } from '../components/cadre-gate'
import { disabledIf } from '../shared/disabled'
import { ItemScores } from './item-scores'
import { LastScores } from './last-scores'
import './index.css'

function MarkDone({ task, onDone }: { task: Task; onDone: () => void }) {
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const sending = useRef(false)
  const done = async () => {
    if (sending.current) return
    sending.current = true
    setBusy(true)
    setError(null)
    const res = await callCloud('inspections', { action: 'completeTask', id: task.id, note })
    sending.current = false
    setBusy(false)
    if (!res.ok) return setError(res.message)
    Taro.showToast({ title: '已标记整改', icon: 'success' }).catch(() => undefined)
    onDone()
  }
  return (
    <TaskCard task={task}>
      <View className='cadre-tasks__label'>整改情况</View>
      <Textarea className='textarea' name={`note-${task.id}`} value={note} maxlength={200} placeholder='例如：已在主干道增挂横幅3幅' onInput={(e) => setNote(e.detail.value)} />
      {error && <View className='cadre-tasks__error'>{error}</View>}
      <Button className='btn btn--primary cadre-tasks__done' disabled={disabledIf(busy)} onClick={done}>
        {busy ? '正在保存…' : '已整改'}
      </Button>
    </TaskCard>
  )
}

// Overdue first, then the nearest deadline.
const byUrgency = (a: Task, b: Task) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt)

function Tasks({ cadre }: { cadre: Cadre }) {
  const tasks = useCloudData(() => callCloud('inspections', { action: 'tasks', ...(cadre.town ? { town: cadre.town } : {}) }), `tasks|${cadre.village}`)
  const all = tasks.data?.tasks ?? []
  const open = all.filter((t) => t.status === 'open').sort(byUrgency)
  const waiting = all.filter((t) => t.status === 'done')
  const closed = all.filter((t) => t.status === 'verified' || t.status === 'carried')
  return (
    <View className='cadre-tasks'>
      <View className='card'>
        <View className='card__title'>{cadre.village}整改任务</View>
        <View className='muted'>督查发现的问题，整改后在这里说明做了什么；下一轮督查现场验收。</View>
      </View>
      {tasks.error && (
        <View className='card'>
          <View className='cadre-tasks__error'>整改任务加载失败：{tasks.error}</View>
          <Button className='btn btn--secondary' onClick={tasks.reload}>
            重试
          </Button>
        </View>
      )}
      {!tasks.data && !tasks.error && <View className='card muted'>正在读取整改任务…</View>}
      {tasks.data && (
        <View>
          <View className='cadre-tasks__section'>待整改（{open.length}）</View>
          {open.length === 0 && <View className='card muted'>没有待整改的问题。</View>}
          {open.map((t) => (
            <MarkDone key={t.id} task={t} onDone={tasks.reload} />
          ))}
          {waiting.length > 0 && <View className='cadre-tasks__section'>已整改，待下轮验收（{waiting.length}）</View>}
          {waiting.map((t) => (
            <TaskCard key={t.id} task={t} />
          ))}
          {closed.length > 0 && <View className='cadre-tasks__section'>已验收或转督导补火（{closed.length}）</View>}
          {closed.map((t) => (
            <TaskCard key={t.id} task={t} />
          ))}
        </View>
      )}
      <LastScores cadre={cadre} />
      <ItemScores cadre={cadre} />
    </View>
  )
}

/** 整改任务: the unit's problems found by the inspectors, marked done with a note; its last scores. */
export default function CadreTasksPage() {
  return <CadreGate>{(cadre) => <Tasks cadre={cadre} />}</CadreGate>
}
