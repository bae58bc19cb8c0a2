import type { Schema } from '@/api/http'

type T = (key: string, named?: Record<string, string>) => string

// History keys from the server: "budget.executed", "lines[id=26].value",
// "light", "grade", "total", "status".
const lineField: Record<string, string> = {
  value: 'report.value', projected: 'report.projected', band: 'report.band', score_input: 'report.scoreInput',
  completed_on: 'report.completedOn', not_applicable: 'report.notApplicable', not_applicable_reason: 'report.notApplicableReason',
  deviation_causes: 'report.causes', explanation: 'report.explanation', likelihood: 'report.likelihood', measures: 'report.measures',
}
const budgetField: Record<string, string> = {
  adjusted: 'report.budgetAdjusted', executed: 'report.budgetExecuted', projected: 'report.budgetProjected', reason: 'report.budgetReason',
}
const scoreField: Record<string, string> = { adjusted: 'report.adjusted', adjust_reason: 'report.adjustReason' }
const topField: Record<string, string> = { light: 'report.projectLight', grade: 'report.grade', total: 'report.total', status: 'report.status' }

function show(v: unknown, t: T): string {
  if (v === null || v === undefined || v === '') return '—'
  if (Array.isArray(v)) return v.length ? v.map((x) => show(x, t)).join('、') : '—'
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no')
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

const lightWord = (v: unknown, t: T) => (v ? t(`light.${String(v)}`) : '—')

/** A stored value as the form words it: bands, likelihoods and causes by their labels. */
function valueText(field: string, v: unknown, t: T): string {
  const word = (prefix: string, x: unknown) => (x ? t(`${prefix}.${String(x)}`) : '—')
  if (field === 'band') return word('band', v)
  if (field === 'likelihood') return word('likelihood', v)
  if (field === 'deviation_causes' && Array.isArray(v)) return v.length ? v.map((c) => word('cause', c)).join('、') : '—'
  return show(v, t)
}

/** One readable line per changed field, e.g. "《…》年发行期数 · 1–6月执行情况：— → 1". */
export function describeChanges(changes: Record<string, Schema<'ReportVersion'>['changes'][string]>, indicators: Schema<'Indicator'>[], t: T, m: Record<string, string> = { m: '12', mon: 'Dec' }): string[] {
  const names = new Map(indicators.map((i) => [i.id, i.name]))
  return Object.entries(changes).map(([key, c]) => {
    let label = key
    const line = /^lines\[id=(\d+)\]\.(\w+)$/.exec(key)
    const budget = /^budget\.(\w+)$/.exec(key)
    if (line) {
      const f = line[2]
      const name = lineField[f] ? t(lineField[f], m) : scoreField[f] ? t(scoreField[f]) : f
      return `${names.get(Number(line[1])) ?? line[1]} · ${name}：${valueText(f, c.from, t)} → ${valueText(f, c.to, t)}`
    }
    if (budget) label = budgetField[budget[1]] ? t(budgetField[budget[1]], m) : key
    else if (topField[key]) label = t(topField[key])
    if (key === 'light') return `${label}：${lightWord(c.from, t)} → ${lightWord(c.to, t)}`
    if (key === 'status') return `${label}：${c.from ? t(`status.${String(c.from)}`) : '—'} → ${c.to ? t(`status.${String(c.to)}`) : '—'}`
    return `${label}：${show(c.from, t)} → ${show(c.to, t)}`
  })
}
