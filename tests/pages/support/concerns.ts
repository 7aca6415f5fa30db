import type { ConcernItem } from '../../../src/core/contract'

/** A concern as `concerns.list` answers it: open, in 新塘站, not overdue, unless told otherwise. */
export const concern = (id: string, over: Partial<ConcernItem> = {}): ConcernItem => ({
  id,
  code: 'K7M2QX',
  category: '治安问题',
  text: `诉求${id}`,
  village: '新塘站',
  status: 'open',
  createdAt: '2023-09-01T02:00:00.000Z',
  dueAt: '2023-09-04T02:00:00.000Z',
  replies: [],
  closedAt: null,
  resolved: null,
  town: '云集街道',
  overdue: false,
  late: false,
  callbackMasked: null,
  contactId: null,
  recordedBy: 'resident',
  assignedAt: null,
  repliedAt: null,
  replyHours: null,
  note: null,
  ...over
})
