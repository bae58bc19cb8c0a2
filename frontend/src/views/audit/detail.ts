// The details of an audit entry as readable fields ("意见：同意"), not raw
// JSON. Pure: tests/audit-detail.test.ts.

/** One field of a detail: its label (translated key) and its value in words. */
export interface Field {
  key: string
  value: string
}

const maxValue = 300

function valueText(v: unknown, yes: string, no: string): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'boolean') return v ? yes : no
  if (typeof v === 'string') return v
  if (typeof v === 'number') return String(v)
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x))).join('、')
  const s = JSON.stringify(v)
  return s.length > maxValue ? `${s.slice(0, maxValue)}…` : s
}

/**
 * The fields of a detail object, known keys first in the given order: label
 * looks a key up (an unknown key keeps its name).
 */
export function detailFields(detail: unknown, label: (key: string) => string | undefined, yes: string, no: string): Field[] {
  if (detail === null || detail === undefined) return []
  if (typeof detail !== 'object' || Array.isArray(detail)) return [{ key: '', value: valueText(detail, yes, no) }]
  return Object.entries(detail as Record<string, unknown>).map(([k, v]) => ({ key: label(k) ?? k, value: valueText(v, yes, no) }))
}
