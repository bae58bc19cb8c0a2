import { call, op, type QueryOf, type Schema } from './http'

const at = (code: string, period: string) => ({ code, period })

/** GET /api/v1/projects/{code}/reports/{period} */
export const getReport = (code: string, period: string) => call(op('GET', '/api/v1/projects/{code}/reports/{period}'), { params: at(code, period) })

/** PUT /api/v1/projects/{code}/reports/{period}: the whole draft, with the version read. */
export const saveReport = (code: string, period: string, body: Schema<'ReportInput'>) =>
  call(op('PUT', '/api/v1/projects/{code}/reports/{period}'), { params: at(code, period), body })

/** PATCH /api/v1/projects/{code}/reports/{period}: only the fields sent. */
export const patchReport = (code: string, period: string, body: Schema<'ReportPatchInput'>) =>
  call(op('PATCH', '/api/v1/projects/{code}/reports/{period}'), { params: at(code, period), body })

/** POST …/preview: the draft evaluated by the server's rules, stored nowhere. */
export const previewReport = (code: string, period: string, body: Schema<'ReportPreviewInput'>) =>
  call(op('POST', '/api/v1/projects/{code}/reports/{period}/preview'), { params: at(code, period), body })

/** GET …/history: the newest saved versions (one page; X-Total-Count counts them all) with what changed. */
export const reportHistory = (code: string, period: string) =>
  call(op('GET', '/api/v1/projects/{code}/reports/{period}/history'), { params: at(code, period) })

/** POST …/submit */
export const submitReport = (code: string, period: string) =>
  call(op('POST', '/api/v1/projects/{code}/reports/{period}/submit'), { params: at(code, period), body: {} })

/** POST …/approve with a comment, per-line adjustments and rectification items (整改). */
export const approveReport = (code: string, period: string, comment: string, adjustments: Schema<'Adjustment'>[], rectifications: Schema<'RectificationDraft'>[] = []) =>
  call(op('POST', '/api/v1/projects/{code}/reports/{period}/approve'), { params: at(code, period), body: { comment, adjustments, ...withItems(rectifications) } })

/** POST …/return with a comment and rectification items (整改). */
export const returnReport = (code: string, period: string, comment: string, rectifications: Schema<'RectificationDraft'>[] = []) =>
  call(op('POST', '/api/v1/projects/{code}/reports/{period}/return'), { params: at(code, period), body: { comment, ...withItems(rectifications) } })

// the field is left out when empty, as before rectification existed
const withItems = (items: Schema<'RectificationDraft'>[]) => (items.length ? { rectifications: items.map((r) => (r.due ? r : { text: r.text })) } : {})

/** POST …/reopen with a reason. */
export const reopenReport = (code: string, period: string, reason: string) =>
  call(op('POST', '/api/v1/projects/{code}/reports/{period}/reopen'), { params: at(code, period), body: { reason } })

export type ReportQuery = QueryOf<'GET', '/api/v1/reports'>

/** GET /api/v1/reports: one row per project × period the caller may see. */
export const listReports = (q: ReportQuery) => call(op('GET', '/api/v1/reports'), { query: { ...q } })

/** POST …/retarget: a draft or returned report moved to its project's current targets and scored again. */
export const retargetReport = (code: string, period: string) =>
  call(op('POST', '/api/v1/projects/{code}/reports/{period}/retarget'), { params: at(code, period), body: {} })

/** The address of the report list as a CSV file (every row of the filters; page and size are not used). */
export function reportsCsvUrl(q: Omit<ReportQuery, 'page' | 'size'>): string {
  const sp = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (v) sp.set(k, String(v))
  const s = sp.toString()
  return '/api/v1/reports.csv' + (s ? `?${s}` : '')
}
