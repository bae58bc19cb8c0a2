// Shapes of the JSON the API answers (docs/api.md). Decimals are strings.

export type Light = 'red' | 'yellow' | 'green' | 'blue' | 'grey'
export type Grade = '优' | '良' | '中' | '差' | ''
export type ReportStatus = 'draft' | 'submitted' | 'endorsed' | 'returned' | 'approved'
export type Action = 'submit' | 'approve' | 'return' | 'reopen' | 'urge' | 'retarget'
export type Band = 'achieved' | 'partly' | 'not_achieved' | ''
export type Cause = 'funding' | 'rules' | 'staffing' | 'equipment' | 'other'
export type Likelihood = 'certain' | 'possible' | 'impossible' | ''
export type Role = 'submitter' | 'reviewer' | 'supervisor' | 'admin' | 'auditor'

export interface Me {
  id: number
  username: string
  display_name: string
  roles: Role[]
  department: string
  departments: string[]
  projects: string[]
  permissions: string[]
}

export interface LoginResult {
  token: string
  user: Me
  csrf_header: string
  csrf_token: string
}

export interface Department {
  code: string
  name: string
}

export interface Period {
  key: string
  kind: 'monitor' | 'final'
  year: number
  cutoff_month: number
}

export interface ProjectSummary {
  code: string
  name: string
  category: string
  year: number
  department: Department
  budget: string
  indicator_count: number
  /** true where the caller fills the project's reports */
  assigned?: boolean
}

export interface ProjectList {
  items: ProjectSummary[]
  /** every project that matches, on every page */
  total: number
  budget_total?: string
  page?: number
  size?: number
}

export type Nature = '>=' | '>' | '<=' | '<' | '=' | 'qualitative'
export type Kind = 'higher' | 'lower' | 'equal' | 'deadline' | 'qualitative'

export interface Indicator {
  id: number
  level1: string
  level2: string
  name: string
  nature: Nature
  target: string
  unit: string
  weight: string
  kind: Kind
  accrual?: 'cumulative' | 'level'
  deadline?: string
}

export interface Project extends ProjectSummary {
  goal: string
  execution_weight: string
  indicator_weight: string
  indicators: Indicator[]
}

export interface BudgetView {
  budget: string
  adjusted: string | null
  executed: string | null
  projected: string | null
  reason: string
  base: string
  rate: string | null
  light: Light
  needs_reason: boolean
  missing: string[]
  /** why the light (预警依据): the execution rate against the time progress, or a fixed checkpoint */
  basis?: string
  /** 部门整体 reports only: 基本支出 then 项目支出, each with its budget, execution and rate */
  parts?: BudgetPartView[]
}

export type BudgetPartName = 'basic' | 'projects'

export interface BudgetPartView {
  part: BudgetPartName
  label: string
  budget: string
  executed: string | null
  projected: string | null
  rate: string | null
}

export interface LineView {
  indicator_id: number
  value: string | null
  projected: string | null
  band: Band
  score_input: string | null
  completed_on: string
  not_applicable: boolean
  not_applicable_reason: string
  deviation_causes: Cause[]
  explanation: string
  likelihood: Likelihood
  measures: string
  light: Light
  needs_explanation: boolean
  missing: string[]
  score: string
  rule: string
  /** The rule in words: what pages show, never the code. */
  rule_name: string
  basis: string
  /** Why the light (预警依据). */
  light_basis: string
}

export interface ScoreLine {
  indicator_id: number
  kind: string
  rule: string
  rule_name: string
  target: string
  value: string
  weight: string
  band: string
  computed: string
  adjusted: string | null
  reason: string
  score: string
  overshoot: boolean
  not_applicable: boolean
  basis: string
}

export interface Score {
  total: string
  computed_total: string
  grade: Grade
  execution: { rate: string | null; score: string; rule: string; rule_name: string; basis: string }
  lines: ScoreLine[]
  basis: string
  projected: boolean
  /** What the rule profile's variants did to the total (an execution cap). */
  effects?: { rule: string; before: string; after: string; basis: string }[]
}

/** The rule profile version a score was made with. */
export interface ProfileRef {
  name: string
  version: number
}

export interface Transition {
  action: string
  from: string
  to: string
  actor: string
  /** the actor's display name ('' when none) */
  actor_name: string
  at: string
  comment: string
  /** the review level: 1 the 主管部门, 2 the finance bureau, 0 the submitter's steps */
  level?: number
}

export interface Problem {
  indicator_id?: number
  field: string
  message: string
}

export interface Report {
  project_code: string
  period: string
  period_kind: 'monitor' | 'final'
  status: ReportStatus
  status_label: string
  version: number
  saved: boolean
  editable: boolean
  actions: Action[]
  time_progress: string
  light: Light
  budget: BudgetView
  lines: LineView[]
  score: Score
  blocking: Problem[]
  transitions: Transition[]
  updated_at: string | null
  updated_by: string
  /** the display name of updated_by */
  updated_by_name: string
  /** the version of the project's targets the report is filled and scored against */
  target_version: number
  /** the project's version of its targets now: greater when adjusted after the report was filled */
  current_target_version: number
  /** the targets of target_version: what every view of the report shows */
  indicators: Indicator[]
  execution_weight: string
  /** The rule profile the stored evaluation was scored with. */
  rule_profile?: ProfileRef
  /** Project-level warnings of the profile's variants. */
  warnings?: { rule: string; light: Light; basis: string }[]
}

/** What a person types into one line: the fields PUT, PATCH and preview take. */
export interface LineInput {
  indicator_id: number
  value: string
  projected: string
  band: Band
  score_input: string
  completed_on: string
  not_applicable: boolean
  not_applicable_reason: string
  deviation_causes: Cause[]
  explanation: string
  likelihood: Likelihood
  measures: string
}

export interface BudgetInput {
  adjusted: string
  executed: string
  projected: string
  reason: string
  /** 部门整体 reports: the parts' execution as the form's inputs (sent as budget.parts) */
  basic_executed?: string
  basic_projected?: string
  projects_executed?: string
  projects_projected?: string
}

export interface BudgetPartInput {
  part: BudgetPartName
  executed?: string
  projected?: string
}

/** The budget as the API takes it. */
export interface BudgetBody {
  adjusted?: string
  executed?: string
  projected?: string
  reason?: string
  parts?: BudgetPartInput[]
}

export interface Adjustment {
  indicator_id: number
  score: string
  reason: string
}

export interface ReportInput {
  version: number
  budget: BudgetBody
  lines: LineInput[]
}

export type ReportPatch = { version: number; budget?: BudgetBody; lines: Array<Partial<LineInput> & { indicator_id: number }> }

export interface PreviewInput extends ReportInput {
  adjustments?: Adjustment[]
}

export interface FieldChange {
  from: unknown
  to: unknown
}

export interface ReportVersion {
  version: number
  saved_at: string
  saved_by: string
  action: string
  changes: Record<string, FieldChange>
}

export interface ReportRow {
  project: { code: string; name: string; department: Department }
  period: string
  period_kind: 'monitor' | 'final'
  status: ReportStatus
  status_label: string
  version: number
  saved: boolean
  light: Light
  score: string | null
  grade: Grade
  execution_rate: string | null
  blocking: number
  updated_at: string | null
  updated_by: string
  updated_by_name: string
  /** who sent a returned report back, when and why; null otherwise */
  returned: Returned | null
}

/** The step that returned a report. */
export interface Returned {
  by: string
  by_name: string
  at: string
  comment: string
}

export interface ReportRows {
  items: ReportRow[]
  total: number
  page: number
  size: number
}

export interface DashboardProject {
  code: string
  name: string
  department: string
  status: ReportStatus
  light: Light
  score: string | null
  grade: Grade
  budget: string
  executed: string | null
  execution_rate: string | null
  budget_light: Light
  blocking: number
}

export interface Dashboard {
  period: Period
  time_progress: string
  project_count: number
  budget_total: string
  executed_total: string
  execution_rate: string | null
  average_score: string | null
  by_light: Record<string, number>
  by_grade: Record<string, number>
  by_status: Record<string, number>
  /** how many reports (submitted or approved) the average, grades and lights cover */
  reported_count: number
  projects: DashboardProject[]
  /** The rule profile the period's reports are scored with. */
  rule_profile?: ProfileRef & { title: string; verified: boolean }
  /** Saved reports in view still scored with another profile. */
  other_profile_reports?: number
}

export interface AuditEntry {
  id: number
  at: string
  actor: string
  actor_id?: number
  /** the actor's display name */
  actor_name: string
  ip: string
  action: string
  /** the action in words */
  action_name: string
  object_type: string
  object_type_name: string
  object_id: string
  /** what the object is for people (a report as its project and period) */
  object_name: string
  status: number
  before: unknown
  after: unknown
  detail: unknown
}

export interface AuditPage {
  items: AuditEntry[]
  total: number
}

export interface User {
  username: string
  display_name: string
  roles: Role[]
  departments: string[]
  projects: string[]
  disabled: boolean
  created_at: string
  updated_at: string
  // security: personal data in full (only admins list users), password life, second factor
  phone?: string
  email?: string
  must_change_password?: boolean
  password_changed_at?: string
  last_login_at?: string | null
  totp_enrolled?: boolean
  /** the password is one an administrator set: it signs in once, until then */
  temporary_password_until?: string | null
}

/** What a reset of a password or second factor replaces. */
export type ResetKind = 'password' | 'totp'
export type ResetStatus = 'pending' | 'confirmed' | 'rejected' | 'expired'

/** A request to reset an admin's, reviewer's or auditor's password or second factor, for a second person (二人复核). */
export interface AccountReset {
  id: number
  kind: ResetKind
  username: string
  display_name: string
  roles: Role[]
  requested_by: string
  requested_at: string
  expires_at: string
  status: ResetStatus
  decided_by: string
  decided_at: string | null
  comment: string
  /** what the caller may do now: the second person confirms or rejects, the requester withdraws (reject) */
  actions: ('confirm' | 'reject')[]
}

export interface AccountResetList {
  items: AccountReset[]
  total: number
}

export interface UserList {
  items: User[]
  total: number
}

export interface NewUser {
  username: string
  display_name: string
  password: string
  roles: Role[]
  departments: string[]
  projects: string[]
  phone?: string
  email?: string
}

// ---- security: the sign-in steps and one's own second factor ----

/** A step still to take after the password (none: ''). */
export type SignInNext = '' | 'totp' | 'totp_enrol' | 'password_change'

/**
 * What the login and each sign-in step answer: a pending step with its token,
 * or (next '' or absent) a full sign-in with the fields of LoginResult.
 */
export interface SignInStep {
  next?: SignInNext
  pending_token?: string
  expires_at?: string
  token?: string
  user?: Me
  csrf_header?: string
  csrf_token?: string
  /** after enrolment only, shown once */
  recovery_codes?: string[]
}

/** A new second-factor secret, shown once. */
export interface TOTPEnrolment {
  secret: string
  otpauth_url: string
  /** data:image/png;base64,… */
  qr_png: string
}

/** GET /api/v1/me/security */
export interface MySecurity {
  totp_enrolled: boolean
  totp_required: boolean
  recovery_codes_left: number
  password_changed_at: string
  password_expires_at: string | null
  must_change_password: boolean
  /** where one's notifications are mailed ('' for none) */
  reminder_email: string
}

/** A code with its name (the audit page's filters). */
export interface Named {
  code: string
  name: string
}

export interface AuditVocabulary {
  actions: Named[]
  object_types: Named[]
}
