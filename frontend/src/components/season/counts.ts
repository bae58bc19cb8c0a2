import { reactive } from 'vue'
import { listNotifications, listTodos } from '@/api/season'
import { listReports } from '@/api/reports'
import { session } from '@/session'
import { can, Perm } from '@/utils/permissions'

// The frame's counts: the to-dos and unread messages in the top bar, and the
// menu's badge (a reviewer's queue, a submitter's reports still to file in
// the period shown). Read on each page change, after every action that
// changes them (refreshHeaderCounts), when the window comes back into view,
// and every so often while it is in view, so that what others do (a report
// returned, a round opened) shows without a reload.
export const counts = reactive<{ todos: number; unread: number; queue: number | null; period: string }>({ todos: 0, unread: 0, queue: null, period: '' })

/** How often the unread count is read while the window is in view (ms). */
export const pollEvery = 15000
/** Every how many polls the to-dos and the queue are read too. */
const fullEvery = 4

let pending: Promise<void> | null = null

async function queueCount(period: string): Promise<number | null> {
  const me = session.me
  if (!period) return null
  if (can(me, Perm.ReportsReview)) return (await listReports({ period, status: 'submitted', size: 1 })).total
  if (can(me, Perm.ReportsWrite)) {
    const mine = new Set(me?.projects ?? [])
    const rows = (await listReports({ period, size: 200 })).items
    return rows.filter((r) => mine.has(r.project.code) && (r.status === 'draft' || r.status === 'returned')).length
  }
  return null
}

/** Reads every count again (one round at a time); a failure leaves the frame quiet. */
export function refreshHeaderCounts(): Promise<void> {
  if (pending) return pending
  const me = session.me
  pending = Promise.all([
    can(me, Perm.TodosRead) ? listTodos().then((r) => r.total ?? r.items.length) : Promise.resolve(0),
    can(me, Perm.NotificationsRead) ? listNotifications(true).then((r) => r.unread) : Promise.resolve(0),
    queueCount(counts.period).catch(() => null),
  ])
    .then(([todos, unread, queue]) => {
      counts.todos = todos
      counts.unread = unread
      counts.queue = queue
    })
    .catch(() => undefined)
    .finally(() => {
      pending = null
    })
  return pending
}

/** The period the menu's badge counts in; read again when it changes. */
export function setCountsPeriod(period: string): void {
  if (period === counts.period) return
  counts.period = period
  void refreshHeaderCounts()
}

/** Reads the unread count; when it grew, everything else too (someone did something). */
async function poll(): Promise<void> {
  const me = session.me
  if (!can(me, Perm.NotificationsRead)) return
  try {
    const unread = (await listNotifications(true)).unread
    if (unread !== counts.unread) await refreshHeaderCounts()
  } catch {
    // the frame stays quiet; the next poll tries again
  }
}

let timer: ReturnType<typeof setInterval> | null = null

/** Starts polling while the window is in view; returns how to stop. */
export function startPolling(): () => void {
  if (timer) return () => undefined
  let n = 0
  const visible = () => document.visibilityState === 'visible'
  timer = setInterval(() => {
    if (!visible() || !session.me) return
    n++
    void (n % fullEvery === 0 ? refreshHeaderCounts() : poll())
  }, pollEvery)
  const onShow = () => {
    if (visible() && session.me) void refreshHeaderCounts()
  }
  document.addEventListener('visibilitychange', onShow)
  window.addEventListener('focus', onShow)
  return () => {
    if (timer) clearInterval(timer)
    timer = null
    document.removeEventListener('visibilitychange', onShow)
    window.removeEventListener('focus', onShow)
  }
}
