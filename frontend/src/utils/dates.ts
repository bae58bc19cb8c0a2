// Dates in Chinese format (2024年7月10日) or ISO (2024-07-10) in English.

export type LocaleName = 'zh-cn' | 'en'

const pad = (n: number) => String(n).padStart(2, '0')

/** A date "2024-07-10" as the locale writes it. */
export function formatDate(v: string | null | undefined, locale: LocaleName): string {
  if (!v) return '—'
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
  if (!m) return formatDateTime(v, locale)
  return locale === 'zh-cn' ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : v
}

/** An instant (RFC 3339) in the browser's time zone, to the minute. */
export function formatDateTime(v: string | null | undefined, locale: LocaleName): string {
  if (!v) return '—'
  const d = new Date(v)
  if (Number.isNaN(d.getTime())) return v
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`
  if (locale === 'zh-cn') return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${time}`
  return `${date} ${time}`
}

/** "2024-06" → 2024年1–6月监控 / "2024" → 2024年度自评. */
export function periodLabel(key: string, locale: LocaleName): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key)
  if (m) {
    const month = Number(m[2])
    return locale === 'zh-cn' ? `${m[1]}年1–${month}月监控` : `${m[1]} Jan–${monthNames[month - 1]} monitoring`
  }
  return locale === 'zh-cn' ? `${key}年度自评` : `${key} annual self-evaluation`
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The cut-off month of a period key as message parameters: m (6) and mon (Jun). */
export function monthParams(key: string): { m: string; mon: string } {
  const month = Number(/-(\d{2})$/.exec(key)?.[1] ?? '12')
  return { m: String(month), mon: monthNames[month - 1] ?? 'Dec' }
}
