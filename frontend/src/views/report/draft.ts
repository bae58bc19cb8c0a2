// What a person types into a report, kept apart from what the server last
// answered, so that edits survive a conflict and can be re-applied on a
// newer version. Pure functions: tested in tests/draft.test.ts.
import type { Schema } from '@/api/http'

/** A line as the form holds it: every field of the API's line input, text '' for none. */
export type LineForm = { [K in keyof Schema<'LineInput'>]-?: Exclude<Schema<'LineInput'>[K], null | undefined> }

/** The budget as the form holds it; a 部门整体 report's parts as flat inputs (sent as budget.parts). */
export interface BudgetInput {
  adjusted: string
  executed: string
  projected: string
  reason: string
  basic_executed?: string
  basic_projected?: string
  projects_executed?: string
  projects_projected?: string
}

export interface Draft {
  budget: BudgetInput
  lines: LineForm[]
}

const lineFields = [
  'value', 'projected', 'band', 'score_input', 'completed_on', 'not_applicable', 'not_applicable_reason',
  'deviation_causes', 'explanation', 'likelihood', 'measures',
] as const
const partFields = ['basic_executed', 'basic_projected', 'projects_executed', 'projects_projected'] as const
const budgetFields = ['adjusted', 'executed', 'projected', 'reason', ...partFields] as const

export type LineField = (typeof lineFields)[number]
export type BudgetField = (typeof budgetFields)[number]

function lineInput(l: Schema<'ReportLine'>): LineForm {
  return {
    indicator_id: l.indicator_id,
    value: l.value ?? '',
    projected: l.projected ?? '',
    band: l.band,
    score_input: l.score_input ?? '',
    completed_on: l.completed_on,
    not_applicable: l.not_applicable,
    not_applicable_reason: l.not_applicable_reason,
    deviation_causes: [...l.deviation_causes],
    explanation: l.explanation,
    likelihood: l.likelihood,
    measures: l.measures,
  }
}

/** The draft a report stands for, as the inputs show it. */
export function draftOf(r: Schema<'Report'>): Draft {
  return {
    budget: {
      adjusted: r.budget.adjusted ?? '',
      executed: r.budget.executed ?? '',
      projected: r.budget.projected ?? '',
      reason: r.budget.reason,
      ...partsDraft(r),
    },
    lines: r.lines.map(lineInput),
  }
}

/** The inputs of 基本支出 and 项目支出 of a 部门整体 report; none for any other report. */
function partsDraft(r: Schema<'Report'>): Partial<BudgetInput> {
  const out: Partial<BudgetInput> = {}
  for (const p of r.budget.parts ?? []) {
    out[`${p.part}_executed`] = p.executed ?? ''
    out[`${p.part}_projected`] = p.projected ?? ''
  }
  return out
}

/**
 * The budget as the API takes it: the parts' inputs become budget.parts,
 * each part with the fields given (a PATCH sends only the edited ones).
 */
export function budgetBody(b: Partial<BudgetInput>): Schema<'ReportInput'>['budget'] {
  const out: Schema<'ReportInput'>['budget'] = {}
  if (b.adjusted !== undefined) out.adjusted = b.adjusted
  if (b.executed !== undefined) out.executed = b.executed
  if (b.projected !== undefined) out.projected = b.projected
  if (b.reason !== undefined) out.reason = b.reason
  const parts: Schema<'BudgetPartInput'>[] = []
  for (const part of ['basic', 'projects'] as Schema<'BudgetPart'>['part'][]) {
    const executed = b[`${part}_executed`]
    const projected = b[`${part}_projected`]
    if (executed === undefined && projected === undefined) continue
    const p: Schema<'BudgetPartInput'> = { part }
    if (executed !== undefined) p.executed = executed
    if (projected !== undefined) p.projected = projected
    parts.push(p)
  }
  if (parts.length) out.parts = parts
  return out
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The person's edits: every field whose value differs from the base. */
export interface Edits {
  budget: Partial<BudgetInput>
  lines: Record<number, Partial<LineForm>>
}

export function editsBetween(base: Draft, draft: Draft): Edits {
  const out: Edits = { budget: {}, lines: {} }
  for (const f of budgetFields) if (!same(base.budget[f], draft.budget[f])) out.budget[f] = draft.budget[f]
  const baseLines = new Map(base.lines.map((l) => [l.indicator_id, l]))
  for (const l of draft.lines) {
    const b = baseLines.get(l.indicator_id)
    const changed: Partial<LineForm> = {}
    for (const f of lineFields) {
      if (!b || !same(b[f], l[f])) Object.assign(changed, { [f]: l[f] })
    }
    if (Object.keys(changed).length) out.lines[l.indicator_id] = changed
  }
  return out
}

export function hasEdits(e: Edits): boolean {
  return Object.keys(e.budget).length > 0 || Object.keys(e.lines).length > 0
}

/** Applies edits onto a (newer) base: the person's values win field by field. */
export function applyEdits(base: Draft, e: Edits): Draft {
  const copy: Draft = JSON.parse(JSON.stringify(base))
  Object.assign(copy.budget, e.budget)
  for (const l of copy.lines) {
    const ch = e.lines[l.indicator_id]
    if (ch) Object.assign(l, JSON.parse(JSON.stringify(ch)))
  }
  return copy
}

/** Fields both people changed: the newer version's value differs from the old base and from mine. */
export function collisions(oldBase: Draft, newBase: Draft, e: Edits): string[] {
  const out: string[] = []
  for (const [f, v] of Object.entries(e.budget)) {
    const k = f as BudgetField
    if (!same(oldBase.budget[k], newBase.budget[k]) && !same(newBase.budget[k], v)) out.push(`budget.${f}`)
  }
  const oldLines = new Map(oldBase.lines.map((l) => [l.indicator_id, l]))
  const newLines = new Map(newBase.lines.map((l) => [l.indicator_id, l]))
  for (const [id, ch] of Object.entries(e.lines)) {
    const o = oldLines.get(Number(id))
    const n = newLines.get(Number(id))
    if (!o || !n) continue
    for (const [f, v] of Object.entries(ch)) {
      const k = f as LineField
      if (!same(o[k], n[k]) && !same(n[k], v)) out.push(`${id}.${f}`)
    }
  }
  return out
}

/** The PATCH body that sends only the edits. */
export function patchOf(version: number, e: Edits): Schema<'ReportPatchInput'> & Required<Pick<Schema<'ReportPatchInput'>, 'lines'>> {
  const body: Schema<'ReportPatchInput'> & Required<Pick<Schema<'ReportPatchInput'>, 'lines'>> = { version, lines: Object.entries(e.lines).map(([id, ch]) => ({ indicator_id: Number(id), ...ch })) }
  if (Object.keys(e.budget).length) body.budget = budgetBody(e.budget)
  return body
}

/** The PUT (and preview) body of the whole draft. */
export function inputOf(version: number, d: Draft): Schema<'ReportInput'> {
  return { version, budget: budgetBody(d.budget), lines: d.lines.map((l) => ({ ...l, deviation_causes: [...l.deviation_causes] })) }
}

/** Where a field path of the API ("lines[3].explanation", "budget.reason") points in the draft. */
export function fieldTarget(path: string, sent: { indicator_id: number }[]): { indicatorId: number | null; field: string } | null {
  const m = /^lines\[(\d+)\]\.([a-z_]+)/.exec(path)
  if (m) return { indicatorId: sent[Number(m[1])]?.indicator_id ?? null, field: m[2] }
  if (path.startsWith('budget.')) return { indicatorId: null, field: path }
  return null
}
