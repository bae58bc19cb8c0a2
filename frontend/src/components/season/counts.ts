import { reactive } from 'vue'
import { listNotifications, listTodos } from '@/api/season'
import { session } from '@/session'
import { can, Perm } from '@/utils/permissions'

// The header's to-do and unread counts: read on each page change and after
// anything on a season page that changes them.
export const counts = reactive<{ todos: number; unread: number }>({ todos: 0, unread: 0 })

let pending: Promise<void> | null = null

/** Reads both counts again (one request of each at a time); a failure leaves the frame quiet. */
export function refreshHeaderCounts(): Promise<void> {
  if (pending) return pending
  const me = session.me
  pending = Promise.all([
    can(me, Perm.TodosRead) ? listTodos().then((r) => r.total ?? r.items.length) : Promise.resolve(0),
    can(me, Perm.NotificationsRead) ? listNotifications(true).then((r) => r.unread) : Promise.resolve(0),
  ])
    .then(([todos, unread]) => {
      counts.todos = todos
      counts.unread = unread
    })
    .catch(() => undefined)
    .finally(() => {
      pending = null
    })
  return pending
}
