import type { Schema } from '@/api/http'
import { compareDecimal, isDecimal } from '@/utils/decimal'

// The target editor's model: the disclosure's rows (一级 / 二级 / 三级 / 性质 /
// 指标值 / 单位 / 权重) as typed, the body the API takes, and the review's
// findings and problems placed beside the row they speak of.

export interface EditorRow extends Schema<'IndicatorInput'> {
  /** a stable key for the screen; the stored id when the row was loaded */
  key: string
  id: number | null
  unit: string
  value_basis: Schema<'Indicator'>['value_basis']
  /** last year's target and actual, shown beside the row (never sent) */
  last_year: Schema<'LineLastYear'> | null
}

export interface EditorHead {
  name: string
  category: string
  budget: string
  goal: string
  execution_weight: string
}

let seq = 0
const newKey = () => `n${++seq}`

const natureIn: Record<string, string> = { '>=': '>=', '>': '>', '<=': '<=', '<': '<', '=': '=', qualitative: 'qualitative' }

/** The rows of stored indicators, in their order. */
export function rowsOf(indicators: Schema<'Indicator'>[]): EditorRow[] {
  return indicators.map((i) => ({
    key: `i${i.id}`, id: i.id, level1: i.level1, level2: i.level2, name: i.name, nature: natureIn[i.nature] ?? i.nature,
    target: i.target, unit: i.unit, weight: i.weight, library_id: i.library_id || undefined, value_basis: i.value_basis ?? '',
    copy_of: i.copy_of || undefined, last_year: i.last_year ?? null,
  }))
}

/** A row from a library entry under the row `after` (its levels, name, nature, unit and basis; target and weight to fill). */
export function rowFromLibrary(e: Schema<'LibraryEntry'>): EditorRow {
  return {
    key: newKey(), id: null, level1: e.level1, level2: e.level2, name: e.name, nature: natureIn[e.nature] ?? '>=', target: '',
    unit: e.unit, weight: '', library_id: e.id, value_basis: e.value_basis, last_year: null,
  }
}

/** A blank row under the same 一级 / 二级 as `after` (or 产出指标 / 数量指标). */
export function blankRow(after?: EditorRow): EditorRow {
  return {
    key: newKey(), id: null, level1: after?.level1 ?? '产出指标', level2: after?.level2 ?? '数量指标', name: '', nature: '>=',
    target: '', unit: '', weight: '', value_basis: '', last_year: null,
  }
}

export function headOf(p: Schema<'TargetProject'>): EditorHead {
  return { name: p.name, category: p.category, budget: p.budget, goal: p.goal, execution_weight: p.execution_weight }
}

/** The body of PUT /api/v1/projects/{code} (and of the review preview, with the code). */
export function toInput(p: { code: string; year: number; department: string }, head: EditorHead, rows: EditorRow[], version?: number): Schema<'ProjectInput'> {
  return {
    code: p.code, year: p.year, department: p.department, name: head.name.trim(), category: head.category.trim(),
    budget: head.budget.trim(), goal: head.goal.trim(), execution_weight: head.execution_weight.trim(), version,
    indicators: rows.map((r) => ({
      level1: r.level1.trim(), level2: r.level2.trim(), name: r.name.trim(), nature: r.nature, target: r.target.trim(),
      unit: r.unit.trim(), weight: r.weight.trim(), library_id: r.library_id, value_basis: r.value_basis, copy_of: r.copy_of,
    })),
  }
}

/** Findings beside their rows: by indicator id when stored, else by the indicator's name; the rest concern the project. */
export function findingsByRow(rows: EditorRow[], findings: Schema<'Finding'>[]): { byRow: Record<string, Schema<'Finding'>[]>; project: Schema<'Finding'>[] } {
  const byRow: Record<string, Schema<'Finding'>[]> = {}
  const project: Schema<'Finding'>[] = []
  for (const f of findings) {
    let hit = f.indicator_id !== null ? rows.find((r) => r.id === f.indicator_id) : undefined
    if (!hit && f.indicator) hit = rows.find((r) => r.name.trim() === f.indicator)
    if (hit) (byRow[hit.key] ??= []).push(f)
    else project.push(f)
  }
  return { byRow, project }
}

/** Problems of the API by row and field ("indicators[3].weight"), and those of the project's own fields. */
export function problemsByRow(rows: EditorRow[], problems: Record<string, string>): { byRow: Record<string, Record<string, string>>; head: Record<string, string> } {
  const byRow: Record<string, Record<string, string>> = {}
  const head: Record<string, string> = {}
  for (const [path, msg] of Object.entries(problems)) {
    const m = /^indicators\[(\d+)\]\.?(\w*)/.exec(path)
    const row = m ? rows[Number(m[1])] : undefined
    if (m && row) (byRow[row.key] ??= {})[m[2] || 'name'] = msg
    else head[path] = msg
  }
  return { byRow, head }
}

/** The sum of the typed weights and the execution weight, exactly ("100" when complete); null when one is not a number. */
export function weightTotal(rows: EditorRow[], executionWeight: string): string | null {
  const parts = [executionWeight, ...rows.map((r) => r.weight)].map((s) => s.trim() || '0')
  if (!parts.every(isDecimal)) return null
  return parts.reduce((a, b) => addDecimal(a, b), '0')
}

/** Exact addition of two non-negative or negative decimal strings. */
export function addDecimal(a: string, b: string): string {
  const scale = Math.max(frac(a), frac(b))
  const sum = toUnits(a, scale) + toUnits(b, scale)
  const neg = sum < 0n
  const digits = (neg ? -sum : sum).toString().padStart(scale + 1, '0')
  const int = digits.slice(0, digits.length - scale)
  const fr = digits.slice(digits.length - scale).replace(/0+$/, '')
  return (neg ? '-' : '') + int + (fr ? '.' + fr : '')
}

const frac = (s: string) => (s.includes('.') ? s.split('.')[1].length : 0)

function toUnits(s: string, scale: number): bigint {
  const t = s.trim()
  const neg = t.startsWith('-')
  const [i, f = ''] = t.replace(/^[-+]/, '').split('.')
  const v = BigInt((i || '0') + f.padEnd(scale, '0'))
  return neg ? -v : v
}

/** Whether the weights add up to 100 (the seed's rule). */
export const weightsComplete = (total: string | null) => total !== null && compareDecimal(total, '100') === 0
