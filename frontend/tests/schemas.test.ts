import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type {
  AccountReset, AuditEntry, Dashboard, Department, Indicator, LineInput, Me, NewUser, Period, ProjectSummary, Report, ReportRow, ReportRows,
  ReportVersion, Score, ScoreLine, User,
} from '@/api/types'

// Every field the web app's types read or send is a property of the
// server's schema of the same name (app/api/openapi/*.json). Each list is
// checked complete against its type by the compiler (Record<keyof T, true>).
const dir = join(__dirname, '..', '..', 'app', 'api', 'openapi')
interface Schema {
  properties?: Record<string, unknown>
}
const schemas: Record<string, Schema> = {}
for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
  const doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { components?: { schemas?: Record<string, Schema> } }
  Object.assign(schemas, doc.components?.schemas ?? {})
}

const keys = <T>(r: Record<keyof T, true>) => Object.keys(r)

const checks: Array<[string, string[]]> = [
  ['Me', keys<Me>({ id: true, username: true, display_name: true, roles: true, department: true, departments: true, projects: true, permissions: true })],
  ['User', keys<User>({ username: true, display_name: true, roles: true, departments: true, projects: true, disabled: true, created_at: true, updated_at: true,
    phone: true, email: true, must_change_password: true, password_changed_at: true, last_login_at: true, totp_enrolled: true,
    temporary_password_until: true })],
  ['AccountReset', keys<AccountReset>({
    id: true, kind: true, username: true, display_name: true, roles: true, requested_by: true, requested_at: true, expires_at: true,
    status: true, decided_by: true, decided_at: true, comment: true, actions: true,
  })],
  ['NewUser', keys<NewUser>({ username: true, display_name: true, password: true, roles: true, departments: true, projects: true, phone: true, email: true })],
  ['AuditEntry', keys<AuditEntry>({ id: true, at: true, actor: true, actor_id: true, actor_name: true, ip: true, action: true, action_name: true, object_type: true, object_type_name: true, object_id: true, object_name: true, status: true, before: true, after: true, detail: true })],
  ['Department', keys<Department>({ code: true, name: true })],
  ['Period', keys<Period>({ key: true, kind: true, year: true, cutoff_month: true })],
  ['ProjectSummary', keys<ProjectSummary>({ code: true, name: true, category: true, year: true, department: true, budget: true, indicator_count: true, assigned: true })],
  ['Indicator', keys<Indicator>({ id: true, level1: true, level2: true, name: true, nature: true, target: true, unit: true, weight: true, kind: true, accrual: true, deadline: true })],
  ['LineInput', keys<LineInput>({
    indicator_id: true, value: true, projected: true, band: true, score_input: true, completed_on: true, not_applicable: true,
    not_applicable_reason: true, deviation_causes: true, explanation: true, likelihood: true, measures: true,
  })],
  ['ScoreLine', keys<ScoreLine>({
    indicator_id: true, kind: true, rule: true, rule_name: true, target: true, value: true, weight: true, band: true, computed: true, adjusted: true,
    reason: true, score: true, overshoot: true, not_applicable: true, basis: true,
  })],
  ['Score', keys<Score>({ total: true, computed_total: true, grade: true, execution: true, lines: true, basis: true, projected: true, effects: true })],
  ['Report', keys<Report>({
    project_code: true, period: true, period_kind: true, status: true, status_label: true, version: true, saved: true, editable: true,
    actions: true, time_progress: true, light: true, budget: true, lines: true, score: true, blocking: true, transitions: true,
    updated_at: true, updated_by: true, updated_by_name: true, target_version: true, current_target_version: true, indicators: true, execution_weight: true,
    rule_profile: true, warnings: true,
  })],
  ['ReportVersion', keys<ReportVersion>({ version: true, saved_at: true, saved_by: true, action: true, changes: true })],
  ['ReportListItem', keys<ReportRow>({
    project: true, period: true, period_kind: true, status: true, status_label: true, version: true, saved: true, light: true,
    score: true, grade: true, execution_rate: true, blocking: true, updated_at: true, updated_by: true, updated_by_name: true, returned: true,
  })],
  ['ReportList', keys<ReportRows>({ items: true, total: true, page: true, size: true })],
  ['Dashboard', keys<Dashboard>({
    period: true, time_progress: true, project_count: true, budget_total: true, executed_total: true, execution_rate: true,
    average_score: true, by_light: true, by_grade: true, by_status: true, reported_count: true, projects: true, rule_profile: true,
    other_profile_reports: true,
  })],
]

describe('the web app types and the OpenAPI schemas', () => {
  it.each(checks)('%s: every field is in the schema', (name, fields) => {
    const props = Object.keys(schemas[name]?.properties ?? {})
    expect(props.length, `schema ${name} has properties`).toBeGreaterThan(0)
    expect(fields.filter((f) => !props.includes(f))).toEqual([])
  })
})
