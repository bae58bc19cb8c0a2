import { call, op, type Schema } from './http'

// Targets through their life: drafts, review, adjustment requests,
// versions and the reconciliation with the budget tables.

const at = (code: string) => ({ params: { code } })

/** GET /api/v1/projects/{code} with its targets' status and actions. */
export const getTargetProject = (code: string) => call(op('GET', '/api/v1/projects/{code}'), at(code))

/** POST /api/v1/projects: a new draft, or {copy_from, year} a copy with every indicator. */
export const createProject = (body: Schema<'ProjectInput'>) => call(op('POST', '/api/v1/projects'), { body })

/** PUT /api/v1/projects/{code}: a draft or returned project, with the version read. */
export const editProject = (code: string, body: Schema<'ProjectInput'>) => call(op('PUT', '/api/v1/projects/{code}'), { ...at(code), body })

/** POST …/submit */
export const submitProject = (code: string) => call(op('POST', '/api/v1/projects/{code}/submit'), { ...at(code), body: {} })

/** POST …/approve; a reason is required when the review has findings. */
export const approveProject = (code: string, reason: string) =>
  call(op('POST', '/api/v1/projects/{code}/approve'), { ...at(code), body: { reason } })

/** POST …/return with a comment. */
export const returnProject = (code: string, comment: string) =>
  call(op('POST', '/api/v1/projects/{code}/return'), { ...at(code), body: { comment } })

/** GET …/review: the quality findings of the stored targets. */
export const getReview = (code: string) => call(op('GET', '/api/v1/projects/{code}/review'), at(code))

/** POST /api/v1/projects/review: findings and problems of the targets as typed, stored nowhere. */
export const previewReview = (body: Schema<'ProjectInput'>) => call(op('POST', '/api/v1/projects/review'), { body })

/** GET …/transitions, oldest first. */
export const projectTransitions = (code: string) => call(op('GET', '/api/v1/projects/{code}/transitions'), at(code))

/** GET …/versions, oldest first. */
export const projectVersions = (code: string) => call(op('GET', '/api/v1/projects/{code}/versions'), at(code))

/** POST …/target-changes → 201 pending. */
export const requestTargetChange = (code: string, reason: string, items: Schema<'TargetChangeItem'>[]) =>
  call(op('POST', '/api/v1/projects/{code}/target-changes'), { ...at(code), body: { reason, items } })

/** GET …/target-changes of a project, newest first. */
export const projectTargetChanges = (code: string) =>
  call(op('GET', '/api/v1/projects/{code}/target-changes'), { ...at(code), query: { size: 500 } })

/** GET /api/v1/target-changes?status=pending: the reviewer's queue. */
export const listTargetChanges = (status?: Schema<'TargetChange'>['status'], department?: string) =>
  call(op('GET', '/api/v1/target-changes'), { query: { status, department, size: 500 } })

/** POST /api/v1/target-changes/{id}/approve|reject with a comment. */
export const decideTargetChange = (id: number, approve: boolean, comment: string) =>
  call(approve ? op('POST', '/api/v1/target-changes/{id}/approve') : op('POST', '/api/v1/target-changes/{id}/reject'), { params: { id: String(id) }, body: { comment } })
