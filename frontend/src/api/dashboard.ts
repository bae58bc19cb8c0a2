import { call, op, type QueryOf } from './http'

/** What the dashboard is asked for; page and size window its projects, never its totals. */
export type DashboardQuery = QueryOf<'GET', '/api/v1/dashboard'>

/** GET /api/v1/dashboard?period=&department=&page=&size= */
export const getDashboard = (q: DashboardQuery) =>
  // named one by one: the server refuses any parameter it does not know
  call(op('GET', '/api/v1/dashboard'), { query: { period: q.period, department: q.department, page: q.page, size: q.size } })
