import { acceptLanguage, ApiError, call, csrfToken, expand, networkError, type ErrorBody, op, type Schema } from './http'
import { i18n } from '@/i18n'

const at = (code: string, period: string) => ({ code, period })
const byId = (id: number) => ({ id: String(id) })

/** POST /api/v1/rounds: open a round (任务下发). */
export const openRound = (body: Schema<'RoundInput'>) => call(op('POST', '/api/v1/rounds'), { body })

/** The most items one page of a list holds (the server's maximum `size`). */
export const maxPage = 500

/**
 * GET /api/v1/rounds: the rounds covering a department the caller sees, newest first. Every list pages on the
 * server (50 by default); this page asks for the most one page holds (500), `total` counting them all.
 */
export const listRounds = () => call(op('GET', '/api/v1/rounds'), { query: { size: maxPage } })

/** GET /api/v1/rounds/{id}: a round with its progress. */
export const getRound = (id: number) => call(op('GET', '/api/v1/rounds/{id}'), { params: byId(id) })

/** POST /api/v1/rounds/{id}/extend: a later due date. */
export const extendRound = (id: number, due: string) => call(op('POST', '/api/v1/rounds/{id}/extend'), { params: byId(id), body: { due } })

/** POST /api/v1/rounds/{id}/close */
export const closeRound = (id: number) => call(op('POST', '/api/v1/rounds/{id}/close'), { params: byId(id), body: {} })

/** POST /api/v1/rounds/{id}/urge: 催办 every pending report of the round (each at most once a day). */
export const urgeRound = (id: number) => call(op('POST', '/api/v1/rounds/{id}/urge'), { params: byId(id), body: {} })

/** POST …/urge: 催办 the submitters of one report (at most once a day). */
export const urgeReport = (code: string, period: string) => call(op('POST', '/api/v1/projects/{code}/reports/{period}/urge'), { params: at(code, period), body: {} })

/** GET /api/v1/todos: what waits for the caller, the most one page holds (500); `total` counts them all. */
export const listTodos = () => call(op('GET', '/api/v1/todos'), { query: { size: maxPage } })


/** GET /api/v1/notifications (unread only when asked). */
export const listNotifications = (unread = false) =>
  call(op('GET', '/api/v1/notifications'), { query: { unread: unread ? 'true' : undefined } })

/** POST /api/v1/notifications/read: the ones named, or all. */
export const markNotificationsRead = (which: { ids: number[] } | { all: true }) =>
  call(op('POST', '/api/v1/notifications/read'), { body: which })

/** PUT /api/v1/me/email: where one's notifications are mailed ('' for none). */
export const setMyEmail = (email: string) => call(op('PUT', '/api/v1/me/email'), { body: { email } })

/** GET …/attachments: a report's evidence files with who and when. */
export const listAttachments = (code: string, period: string) =>
  call(op('GET', '/api/v1/projects/{code}/reports/{period}/attachments'), { params: at(code, period), query: { size: maxPage } })

/** DELETE /api/v1/attachments/{id}: only while the report is editable. */
export const deleteAttachment = (id: number) => call(op('DELETE', '/api/v1/attachments/{id}'), { params: byId(id) })

/** Where a file downloads (attachment) or previews (inline, PDF and images). */
export function attachmentUrl(id: number, inline = false): string {
  return expand('/api/v1/attachments/{id}', byId(id)) + (inline ? '?inline=1' : '')
}

/** What an upload is about: the report, one of its lines, or a rectification item. */
export interface UploadTarget {
  indicatorId?: number | null
  rectificationId?: number | null
}

/** POST …/attachments as multipart: the file, and the line or item it supports. */
export async function uploadAttachment(code: string, period: string, file: File, target: UploadTarget = {}): Promise<Schema<'Attachment'>> {
  const form = new FormData()
  form.append('file', file, file.name)
  if (target.indicatorId) form.append('indicator_id', String(target.indicatorId))
  if (target.rectificationId) form.append('rectification_id', String(target.rectificationId))
  let res: Response
  try {
    res = await fetch(expand('/api/v1/projects/{code}/reports/{period}/attachments', at(code, period)), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': acceptLanguage(), 'X-CSRF-Token': csrfToken() },
      body: form,
    })
  } catch {
    throw new ApiError(0, networkError())
  }
  const data: unknown = await res.json().catch(() => undefined)
  if (!res.ok) throw new ApiError(res.status, uploadError(res.status, data))
  return data as Schema<'Attachment'>
}

/** The error body of a refused upload; 413 when a proxy answered before the API. */
export function uploadError(status: number, data: unknown): ErrorBody {
  if (data && typeof data === 'object' && 'error' in data) {
    const e = (data as { error: unknown }).error
    if (e && typeof e === 'object' && 'code' in e) return e as ErrorBody
  }
  if (status === 413) return { code: 'too_large', message: i18n.global.t('net.tooLarge') }
  return { code: `http_${status}`, message: i18n.global.t('net.upload', { status }) }
}

/** GET …/rectifications: a report's rectification items. */
export const listRectifications = (code: string, period: string) =>
  call(op('GET', '/api/v1/projects/{code}/reports/{period}/rectifications'), { params: at(code, period), query: { size: maxPage } })

/** POST /api/v1/rectifications/{id}/answer */
export const answerRectification = (id: number, answer: string) =>
  call(op('POST', '/api/v1/rectifications/{id}/answer'), { params: byId(id), body: { answer } })

/** POST /api/v1/rectifications/{id}/close */
export const closeRectification = (id: number) => call(op('POST', '/api/v1/rectifications/{id}/close'), { params: byId(id), body: {} })

/** POST /api/v1/rectifications/{id}/reopen */
export const reopenRectification = (id: number) => call(op('POST', '/api/v1/rectifications/{id}/reopen'), { params: byId(id), body: {} })

/** POST /api/v1/reports/batch: each report moved on its own, a result per item, rectification items issued with each. */
export const batchReview = (action: Schema<'BatchInput'>['action'], comment: string, items: Schema<'BatchInput'>['items'], rectifications: Schema<'RectificationDraft'>[] = []) =>
  call(op('POST', '/api/v1/reports/batch'), { body: { action, comment, items, ...(rectifications.length ? { rectifications: rectifications.map((r) => (r.due ? r : { text: r.text })) } : {}) } })

/** The Word document of one report (downloaded by the browser with the session cookie). */
export const reportDocumentUrl = (code: string, period: string) => expand('/api/v1/projects/{code}/reports/{period}/document.docx', at(code, period))

/** The Word document of every project of a department. */
export const departmentDocumentUrl = (department: string, period: string) =>
  expand('/api/v1/departments/{code}/reports/{period}/document.docx', { code: department, period })
