import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { TASK_STATUS_LABELS, type Task } from '../../core/contract'
import { chinaDate } from '../figures/format'
import './index.css'

/** The last day to fix it: a deadline at a China midnight is the end of the day before. */
export const lastDay = (dueAt: string): string => chinaDate(new Date(new Date(dueAt).getTime() - 1).toISOString())

// Green once verified, red when late or carried over, neutral otherwise (the status-chip tones).
const TONE: Record<Task['status'], 'done' | 'late' | 'plain'> = { open: 'plain', done: 'plain', verified: 'done', carried: 'late' }

/** A 整改 task's status in the contract's words, 已超期 when past its deadline. */
export function TaskChip({ task }: { task: Pick<Task, 'status' | 'overdue'> }) {
  return (
    <>
      <Text className={`status-chip status-chip--${TONE[task.status]} task-card__status task-card__status--${task.status}`}>{TASK_STATUS_LABELS[task.status]}</Text>
      {task.overdue && <Text className='status-chip status-chip--late task-card__overdue'>已超期</Text>}
    </>
  )
}

/**
 * One 整改 task: the problem as the inspector wrote it, when it was found and by when it is due, the
 * unit's note once done; `children` are the actions of whoever looks at it (mark done, verify).
 */
export function TaskCard({ task, showUnit = false, children }: { task: Task; showUnit?: boolean; children?: ReactNode }) {
  return (
    <View className={`card task-card task-card--${task.status}${task.overdue ? ' task-card--overdue' : ''}`}>
      <View className='task-card__head'>
        {showUnit && <Text className='task-card__unit'>{task.unit}</Text>}
        <TaskChip task={task} />
      </View>
      <View className='task-card__text'>{task.text}</View>
      <View className='muted task-card__meta'>
        第{task.roundNumber}轮督查发现 · 整改期限 {lastDay(task.dueAt)}
      </View>
      {task.note && <View className='task-card__note'>整改情况：{task.note}</View>}
      {children}
    </View>
  )
}
