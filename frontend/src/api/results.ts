import { call, op, type Body, type Schema } from './http'

// 结果应用: what each approved annual self-evaluation's grade proposes for
// next year's budget, and what the finance bureau decided.

export const resultActions: Schema<'ResultAction'>['action'][] = ['priority', 'maintain', 'reduce', 'cancel']

export const listResults = (year: number, department?: string) =>
  call(op('GET', '/api/v1/results/{year}'), { params: { year: String(year) }, query: { department } })

/** PUT /api/v1/results/{year}/{code}: a note is needed when the decision differs from the proposal. */
export const decideResult = (year: number, code: string, body: Body<'PUT', '/api/v1/results/{year}/{code}'>) =>
  call(op('PUT', '/api/v1/results/{year}/{code}'), { params: { year: String(year), code }, body })

/** The address of results.xlsx (预算编制参考表). */
export const resultsWorkbook = (year: number, department?: string) =>
  `/api/v1/exports/results.xlsx?year=${year}${department ? `&department=${encodeURIComponent(department)}` : ''}`
