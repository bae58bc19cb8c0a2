import { call, op } from './http'
import type { Dashboard, Department, Indicator, Project } from './types'
import type { ValueBasis } from './library'
import type { ResultRow } from './results'

// Targets through their life: drafts, review, adjustment requests,
// versions and the reconciliation with the budget tables.

export type TargetStatus = 'draft' | 'submitted' | 'endorsed' | 'approved' | 'returned'
export type TargetAction = 'edit' | 'submit' | 'approve' | 'return' | 'request_change'
export type Severity = 'high' | 'medium' | 'low'

/** A project with where its targets stand and what this caller may do now. */
export interface TargetProject extends Project {
  status: TargetStatus
  status_label: string
  version: number
  target_version: number
  copied_from?: string
  actions: TargetAction[]
  /** 结果应用 of the project this draft was copied from */
  last_result?: ResultRow
}

/** One quality finding; indicator_id null is the project as a whole. */
export interface Finding {
  rule: string
  severity: Severity
  indicator_id: number | null
  indicator?: string
  message: string
  source: string
}

export interface IndicatorInput {
  level1: string
  level2: string
  name: string
  nature: string
  target: string
  unit: string
  weight: string
  /** the library entry inserted; the basis of the target; last year's indicator it was copied from */
  library_id?: number
  value_basis?: ValueBasis
  copy_of?: number
}

/** The body of POST /api/v1/projects, PUT /api/v1/projects/{code} and the review preview. */
export interface ProjectInput {
  code?: string
  year?: number
  department?: string
  name?: string
  category?: string
  budget?: string
  goal?: string
  execution_weight?: string
  indicators?: IndicatorInput[]
  version?: number
  copy_from?: string
}

export interface ReviewPreview {
  findings: Finding[]
  problems: Record<string, string>
}

export interface ProjectTransition {
  action: string
  from: string
  to: string
  actor: string
  at: string
  comment: string
  findings: Finding[] | null
}

export interface TargetVersion {
  version: number
  current: boolean
  created_at: string | null
  created_by: string
  change_id: number | null
  budget: string
  execution_weight: string
  indicators: Indicator[]
}

export type ChangeOp = 'change' | 'add' | 'remove'

export interface TargetChangeItem {
  op: ChangeOp
  indicator_id?: number
  target?: string
  unit?: string
  weight?: string
  indicator?: IndicatorInput
}

export interface TargetChange {
  id: number
  project: string
  status: 'pending' | 'approved' | 'rejected'
  reason: string
  items: TargetChangeItem[]
  base_version: number
  result_version: number | null
  requested_by: string
  requested_at: string
  decided_by: string
  decided_at: string | null
  comment: string
}

export interface Reconciliation {
  department: Department
  year: number
  projects: number
  targets_total: string
  budget_total: string | null
  difference: string | null
}

/** The dashboard as the server answers it. */
export type DashboardWithGaps = Dashboard & { reconciliation_gaps?: Reconciliation[] }

interface Items<T> {
  items: T[]
  total: number
}

const at = (code: string) => ({ params: { code } })

/** GET /api/v1/projects/{code} with its targets' status and actions. */
export const getTargetProject = (code: string) => call<TargetProject>(op('GET', '/api/v1/projects/{code}'), at(code))

/** POST /api/v1/projects: a new draft, or {copy_from, year} a copy with every indicator. */
export const createProject = (body: ProjectInput) => call<TargetProject>(op('POST', '/api/v1/projects'), { body })

/** PUT /api/v1/projects/{code}: a draft or returned project, with the version read. */
export const editProject = (code: string, body: ProjectInput) => call<TargetProject>(op('PUT', '/api/v1/projects/{code}'), { ...at(code), body })

/** POST …/submit */
export const submitProject = (code: string) => call<TargetProject>(op('POST', '/api/v1/projects/{code}/submit'), { ...at(code), body: {} })

/** POST …/approve; a reason is required when the review has findings. */
export const approveProject = (code: string, reason: string) =>
  call<TargetProject>(op('POST', '/api/v1/projects/{code}/approve'), { ...at(code), body: { reason } })

/** POST …/return with a comment. */
export const returnProject = (code: string, comment: string) =>
  call<TargetProject>(op('POST', '/api/v1/projects/{code}/return'), { ...at(code), body: { comment } })

/** GET …/review: the quality findings of the stored targets. */
export const getReview = (code: string) => call<{ findings: Finding[] }>(op('GET', '/api/v1/projects/{code}/review'), at(code))

/** POST /api/v1/projects/review: findings and problems of the targets as typed, stored nowhere. */
export const previewReview = (body: ProjectInput) => call<ReviewPreview>(op('POST', '/api/v1/projects/review'), { body })

/** GET …/transitions, oldest first. */
export const projectTransitions = (code: string) => call<ProjectTransition[]>(op('GET', '/api/v1/projects/{code}/transitions'), at(code))

/** GET …/versions, oldest first. */
export const projectVersions = (code: string) => call<Items<TargetVersion>>(op('GET', '/api/v1/projects/{code}/versions'), at(code))

/** POST …/target-changes → 201 pending. */
export const requestTargetChange = (code: string, reason: string, items: TargetChangeItem[]) =>
  call<TargetChange>(op('POST', '/api/v1/projects/{code}/target-changes'), { ...at(code), body: { reason, items } })

/** GET …/target-changes of a project, newest first. */
export const projectTargetChanges = (code: string) =>
  call<Items<TargetChange>>(op('GET', '/api/v1/projects/{code}/target-changes'), { ...at(code), query: { size: 500 } })

/** GET /api/v1/target-changes?status=pending: the reviewer's queue. */
export const listTargetChanges = (status?: TargetChange['status'], department?: string) =>
  call<Items<TargetChange>>(op('GET', '/api/v1/target-changes'), { query: { status, department, size: 500 } })

/** POST /api/v1/target-changes/{id}/approve|reject with a comment. */
export const decideTargetChange = (id: number, approve: boolean, comment: string) =>
  call<TargetChange>(approve ? op('POST', '/api/v1/target-changes/{id}/approve') : op('POST', '/api/v1/target-changes/{id}/reject'), { params: { id: String(id) }, body: { comment } })
