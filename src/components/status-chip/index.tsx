import { Text } from '@tarojs/components'
import { CONCERN_STATUS_LABELS, type ConcernStatus } from '../../core/concerns'
import { VISIT_STATUS_LABELS, type VisitStatus } from '../../core/visits'
import './index.css'

export type ChipStatus = VisitStatus | ConcernStatus | 'overdue'

const LABELS: Record<ChipStatus, string> = { ...VISIT_STATUS_LABELS, ...CONCERN_STATUS_LABELS, overdue: '已超期' }
// Green once done, red when late, neutral otherwise.
const TONE: Record<ChipStatus, 'done' | 'late' | 'plain'> = {
  unvisited: 'plain',
  incomplete: 'plain',
  complete: 'done',
  open: 'plain',
  assigned: 'plain',
  replied: 'done',
  closed: 'done',
  overdue: 'late'
}

/** A household's visit status or a concern's, in the core's words. */
export function StatusChip({ status }: { status: ChipStatus }) {
  return <Text className={`status-chip status-chip--${TONE[status]} status-chip--${status}`}>{LABELS[status]}</Text>
}
