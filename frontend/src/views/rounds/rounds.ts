import type { Schema } from '@/api/http'

export type RoundField = 'period' | 'departments' | 'due'

/** What an open-round form still lacks, field by field (i18n keys under season.rounds). */
export function roundProblems(input: Schema<'RoundInput'>): Partial<Record<RoundField, string>> {
  const out: Partial<Record<RoundField, string>> = {}
  if (!input.period) out.period = 'periodRequired'
  if (input.departments.length === 0) out.departments = 'departmentsRequired'
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.due)) out.due = 'dueRequired'
  return out
}

/** Whether a new due date is later than the round's (ISO dates compare as text). */
export function isLater(next: string, current: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(next) && next > current
}

/** The share of a round's reports approved, as a whole percentage. */
export function approvedPercent(r: Schema<'Round'>): number {
  const p = r.progress
  if (!p || p.total === 0) return 0
  return Math.round((p.approved / p.total) * 100)
}

/** A department's name when known, else its code. */
export function departmentName(code: string, names: Map<string, string>): string {
  return names.get(code) ?? code
}
