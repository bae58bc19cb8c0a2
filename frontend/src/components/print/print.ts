// What the printed forms write in their cells: values, lights and scores of
// a report as the national forms print them. A report nobody saved has no
// score and no grade, and its lights say 未填报.
import type { Schema } from '@/api/http'
import { formatAmount, formatRate, formatScore } from '@/utils/decimal'
import { formatDate, type LocaleName } from '@/utils/dates'
import { targetText } from '@/views/report/labels'

type T = (key: string, params?: Record<string, unknown>) => string

/** Opens the browser's print dialog; the page's print sheet is what prints. */
export function printPage(): void {
  window.print()
}

/** "≥10次", or the qualitative word. */
export function printedTarget(ind: Schema<'Indicator'>): string {
  return ind.nature === 'qualitative' ? ind.target : `${targetText(ind)}${ind.unit}`
}

/** The line's value: the number, a band, a completion date, or not applicable with its reason. */
export function printedValue(l: Schema<'ReportLine'> | undefined, t: T, locale: LocaleName): string {
  if (!l) return ''
  if (l.not_applicable) return t('outputs.print.notApplicable', { reason: l.not_applicable_reason })
  if (l.value !== null && l.value !== '') return l.value
  if (l.completed_on) return t('outputs.print.done', { date: formatDate(l.completed_on, locale) })
  if (l.band) return t(`band.${l.band}`)
  return ''
}

/** A light in words, 未填报 for a report nobody saved. */
export function printedLight(light: string, saved: boolean, t: T): string {
  return saved ? t(`light.${light}`) : t('outputs.print.unfilled')
}

/** A score with two decimals; nothing for a report nobody saved. */
export function printedScore(v: string | null | undefined, saved: boolean): string {
  return saved && v ? formatScore(v) : ''
}

/** Causes, explanation and measures of a line in one cell. */
export function printedCauses(l: Schema<'ReportLine'> | undefined, t: T): string {
  if (!l) return ''
  const causes = l.deviation_causes.map((c) => t(`cause.${c}`)).join('、')
  return [causes, l.explanation, l.measures].filter(Boolean).join('；')
}

/** The lines of a report by indicator id. */
export function linesById(r: Schema<'Report'>): Map<number, Schema<'ReportLine'>> {
  return new Map(r.lines.map((l) => [l.indicator_id, l]))
}

export const amount = (v: string | null | undefined) => (v ? formatAmount(v) : '')
export const rate = (v: string | null | undefined) => (v ? formatRate(v) : '')

/** A project of a printed department table: its dashboard line and, once read, its report. */
export interface PrintedProject {
  summary: Schema<'Dashboard'>['projects'][number]
  /** the report with the targets it was filed against; null when not read */
  report: Schema<'Report'> | null
}
