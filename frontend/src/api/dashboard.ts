import { call } from './http'
import { endpoints as ep } from './endpoints'
import type { Dashboard } from './types'

/** GET /api/v1/dashboard?period=&department= */
export const getDashboard = (period: string, department?: string) =>
  call<Dashboard>(ep.dashboard, { query: { period, department } })
