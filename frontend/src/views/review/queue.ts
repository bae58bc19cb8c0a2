import type { Schema } from '@/api/http'

// The tabs of the review queue: what waits (submitted, oldest first; what
// a 主管部门 endorsed, for the finance bureau's final review), what
// was returned, what passed, and every report of the period.
export interface QueueTab {
  name: string
  status?: Schema<'Report'>['status']
  sort: string
  label: string
  hint: string
  empty: string
  /** the heading of the column that says who last acted and when */
  when: string
}

export const queueTabs: QueueTab[] = [
  { name: 'submitted', status: 'submitted', sort: 'updated_at', label: 'queue.tabs.submitted', hint: 'review.oldestFirst', empty: 'review.empty', when: 'review.submittedAt' },
  { name: 'endorsed', status: 'endorsed', sort: 'updated_at', label: 'queue.tabs.endorsed', hint: 'queue.hints.endorsed', empty: 'queue.empty.endorsed', when: 'queue.endorsedAt' },
  { name: 'returned', status: 'returned', sort: '-updated_at', label: 'queue.tabs.returned', hint: 'queue.hints.returned', empty: 'queue.empty.returned', when: 'queue.returnedAt' },
  { name: 'approved', status: 'approved', sort: '-updated_at', label: 'queue.tabs.approved', hint: 'queue.hints.approved', empty: 'queue.empty.approved', when: 'queue.approvedAt' },
  { name: 'all', sort: 'project', label: 'queue.tabs.all', hint: 'queue.hints.all', empty: 'queue.empty.all', when: 'common.updatedAt' },
]
