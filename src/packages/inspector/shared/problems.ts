import type { Task } from '../../../core/contract'

const DAY = 86_400_000
const chinaMidnight = (iso: string) => {
  const day = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10)
  return Date.parse(`${day}T00:00:00+08:00`)
}

/**
 * The problems this unit's score already recorded in `round`, in the order they were sent: the
 * function keeps problem i of a score as task `<score>/p<i>` and replaces them all when the unit is
 * scored again, so a second save must send them again (or they are withdrawn). Tasks carried into
 * the round (督导补火) are not among them.
 */
export function recordedProblems(tasks: readonly Task[], round: string): { task: Task; index: number }[] {
  return tasks
    .filter((t) => t.round === round)
    .map((task) => ({ task, index: Number(/\/p(\d+)$/.exec(task.id)?.[1] ?? NaN) }))
    .filter((p) => Number.isInteger(p.index))
    .sort((a, b) => a.index - b.index)
}

/** The deadline in days a task was given: due at the start of the China day after its last day. */
export function dueDaysOf(task: Pick<Task, 'createdAt' | 'dueAt'>): number {
  const days = Math.round((new Date(task.dueAt).getTime() - chinaMidnight(task.createdAt)) / DAY) - 1
  return Math.min(60, Math.max(1, days))
}
