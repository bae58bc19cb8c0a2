import { call, op } from './http'

// 结果应用: what each approved annual self-evaluation's grade proposes for
// next year's budget, and what the finance bureau decided.

export type ResultActionName = 'priority' | 'maintain' | 'reduce' | 'cancel'
export const resultActions: ResultActionName[] = ['priority', 'maintain', 'reduce', 'cancel']

export interface ResultAction {
  action: ResultActionName
  action_label: string
  percent: string
}

export interface ResultDecision extends ResultAction {
  note: string
  decided_by: string
  decided_at: string
}

export interface ResultRow {
  project: { code: string; name: string }
  department: { code: string; name: string }
  budget: string
  total: string
  grade: string
  proposed: ResultAction | null
  decided: ResultDecision | null
  note: string
  actions: 'decide'[]
  /** only in a target draft's last_result */
  year?: number
}

export interface ResultSetting {
  grade: string
  action: ResultActionName
  action_label: string
  percent: string
}

export interface ResultList {
  year: number
  items: ResultRow[]
  total: number
  settings: ResultSetting[]
}

/** GET /api/v1/results/{year} */
export const listResults = (year: number, department?: string) =>
  call<ResultList>(op('GET', '/api/v1/results/{year}'), { params: { year: String(year) }, query: { department } })

/** PUT /api/v1/results/{year}/{code}: a note is needed when the decision differs from the proposal. */
export const decideResult = (year: number, code: string, body: { action: ResultActionName; percent: string; note: string }) =>
  call<ResultRow>(op('PUT', '/api/v1/results/{year}/{code}'), { params: { year: String(year), code }, body })

/** The address of results.xlsx (预算编制参考表). */
export const resultsWorkbook = (year: number, department?: string) =>
  `/api/v1/exports/results.xlsx?year=${year}${department ? `&department=${encodeURIComponent(department)}` : ''}`
