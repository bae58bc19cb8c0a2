// The layout and keys of the report form. Pure functions: tests/form.test.ts.
import type { Schema } from '@/api/http'
import type { RowSpan } from '@/utils/spans'

/** The fields of a line that live in its details (opened under it), by kind and period. */
export function detailFields(kind: Schema<'Indicator'>['kind'], monitor: boolean): string[] {
  const out = ['deviation_causes', 'explanation', 'measures', 'not_applicable_reason']
  if (monitor && kind !== 'deadline') out.push('likelihood')
  if (monitor && kind === 'deadline') out.push('band')
  return out
}

/**
 * The merged 一级 and 二级 cells counted in table rows: a line takes
 * rows[i] rows (2 with its details open), so a merged cell spans the rows of
 * its lines, details included.
 */
export function rowSpans(lineSpans: RowSpan[], rows: number[]): RowSpan[] {
  const sum = (from: number, n: number) => rows.slice(from, from + n).reduce((a, b) => a + b, 0)
  return lineSpans.map((s, i) => ({ level1: s.level1 ? sum(i, s.level1) : 0, level2: s.level2 ? sum(i, s.level2) : 0 }))
}

/** The last day a completion date may name: the end of the cut-off month, or of the year. */
export function lastDay(periodKey: string): Date {
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(periodKey)
  const year = Number(m?.[1] ?? 9999)
  const month = Number(m?.[2] ?? 12)
  return new Date(year, month, 0, 23, 59, 59)
}

/**
 * The cell Enter or ↓ (dir 1), Shift+Enter or ↑ (dir -1) moves to: the same
 * column of the next line that has a typed field there (lines whose column
 * holds a choice or a date are passed over), or null at the edge.
 */
export function moveTarget(root: ParentNode, from: HTMLElement, dir: 1 | -1 | number): HTMLElement | null {
  const cells = Array.from(root.querySelectorAll<HTMLElement>(`[data-nav="${from.dataset.nav}"][data-text]`))
  const i = cells.indexOf(from)
  if (i < 0) return null
  return cells[i + dir] ?? null
}
