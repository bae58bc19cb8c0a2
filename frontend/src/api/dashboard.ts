import { call, op } from './http'
import type { Dashboard } from './types'

/** What the dashboard is asked for; page and size window its projects, never its totals. */
export interface DashboardQuery {
  period: string
  department?: string
  /** from 1; the server's default is 1 */
  page?: number
  /** projects per page, 1 to 1000; the server's default is 100 */
  size?: number
}

/** GET /api/v1/dashboard?period=&department=&page=&size= */
export const getDashboard = (q: DashboardQuery) =>
  // named one by one: the server refuses any parameter it does not know
  call<Dashboard>(op('GET', '/api/v1/dashboard'), { query: { period: q.period, department: q.department, page: q.page, size: q.size } })
