import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Finding, IndicatorInput, ProjectInput, ProjectTransition, Reconciliation, TargetChange, TargetChangeItem, TargetVersion } from '@/api/targets'
import type { ImportIndicator, ImportProblem, ImportProject, ImportResult } from '@/api/tables'

// The target and table types of the web app against the server's schemas
// (app/api/openapi/40-tables.json and 50-targets.json): every field read or
// sent is a property of the schema of that name.
const dir = join(__dirname, '..', '..', 'app', 'api', 'openapi')
const schemas: Record<string, { properties?: Record<string, unknown> }> = {}
for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
  Object.assign(schemas, (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { components?: { schemas?: typeof schemas } }).components?.schemas ?? {})
}
const keys = <T>(r: Record<keyof T, true>) => Object.keys(r)

const checks: Array<[string, string[]]> = [
  ['Finding', keys<Finding>({ rule: true, severity: true, indicator_id: true, indicator: true, message: true, source: true })],
  ['IndicatorInput', keys<IndicatorInput>({
    level1: true, level2: true, name: true, nature: true, target: true, unit: true, weight: true, library_id: true, value_basis: true, copy_of: true,
  })],
  ['ProjectInput', keys<ProjectInput>({
    code: true, year: true, department: true, name: true, category: true, budget: true, goal: true, execution_weight: true, indicators: true,
    version: true, copy_from: true,
  })],
  ['ProjectTransition', keys<ProjectTransition>({ action: true, from: true, to: true, actor: true, at: true, comment: true, findings: true })],
  ['TargetVersion', keys<TargetVersion>({ version: true, current: true, created_at: true, created_by: true, change_id: true, budget: true, execution_weight: true, indicators: true })],
  ['TargetChangeItem', keys<TargetChangeItem>({ op: true, indicator_id: true, target: true, unit: true, weight: true, indicator: true })],
  ['TargetChange', keys<TargetChange>({
    id: true, project: true, status: true, reason: true, items: true, base_version: true, result_version: true, requested_by: true,
    requested_at: true, decided_by: true, decided_at: true, comment: true,
  })],
  ['Reconciliation', keys<Reconciliation>({ department: true, year: true, projects: true, targets_total: true, budget_total: true, difference: true })],
  ['ImportProblem', keys<ImportProblem>({ sheet: true, row: true, column: true, message: true })],
  ['ImportIndicator', keys<ImportIndicator>({ level1: true, level2: true, name: true, nature: true, target: true, unit: true, weight: true, kind: true })],
  ['ImportProject', keys<ImportProject>({
    code: true, code_assigned: true, name: true, category: true, department: true, year: true, budget: true, goal: true, execution_weight: true,
    sheet: true, row: true, indicators: true,
  })],
  ['ImportResult', keys<ImportResult>({ ok: true, dry_run: true, stored: true, year: true, departments: true, created_departments: true, projects: true, unchanged: true, errors: true, error: true })],
]

describe('the target and table types and the OpenAPI schemas', () => {
  it.each(checks)('%s: every field is in the schema', (name, fields) => {
    const props = Object.keys(schemas[name]?.properties ?? {})
    expect(props.length, `schema ${name} has properties`).toBeGreaterThan(0)
    expect(fields.filter((f) => !props.includes(f))).toEqual([])
  })
})
