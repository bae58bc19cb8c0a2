// How a typed number is read: the rule of domain/number (Go), which the
// report API and the table importer apply too, tested by the same table
// (domain/number/testdata/normalize.json). Full-width digits and punctuation
// (what a Chinese input method types), spaces, thousands separators, "。" as
// a decimal point and a trailing unit or percent sign are understood.

export type NumberProblem = 'grouping' | 'unit'

export interface Normalized {
  /** The plain text ("1234.5"); the squeezed input when it is no number at all. */
  text: string
  /** What is wrong with the input, when it cannot be read. */
  problem?: NumberProblem
}

/** Full-width ASCII forms to ASCII, the ideographic space to a space, the minus sign to "-". */
export function foldWidth(s: string): string {
  let out = ''
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0)
    else if (c === 0x3000) out += ' '
    else if (c === 0x2212) out += '-'
    else out += ch
  }
  return out
}

function isSpace(c: number): boolean {
  switch (c) {
    case 0x20: case 0x09: case 0x0a: case 0x0d: case 0x0b: case 0x0c:
    case 0xa0: case 0x202f: case 0x205f: case 0x3000: case 0xfeff:
      return true
  }
  return c >= 0x2000 && c <= 0x200b
}

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9'

function squeeze(s: string): string {
  const kept = [...foldWidth(s)].filter((ch) => !isSpace(ch.codePointAt(0) ?? 0))
  return kept.map((ch, i) => (ch === '。' && isDigit(kept[i - 1]) && isDigit(kept[i + 1]) ? '.' : ch)).join('')
}

function grouped(num: string): boolean {
  const body = num.replace(/^[+-]+/, '')
  const dot = body.indexOf('.')
  const int = dot < 0 ? body : body.slice(0, dot)
  const frac = dot < 0 ? '' : body.slice(dot + 1)
  if (frac.includes(',')) return false
  const groups = int.split(',')
  if (groups[0].length < 1 || groups[0].length > 3) return false
  return groups.slice(1).every((g) => g.length === 3)
}

/** Normalises a typed number, taking off a trailing unit that must be one of `units`. */
export function normalizeNumber(s: string, units: string[] = []): Normalized {
  const t = squeeze(s)
  let end = 0
  if (t[end] === '-' || t[end] === '+') end++
  const start = end
  while (end < t.length && (isDigit(t[end]) || t[end] === ',' || t[end] === '.')) end++
  if (end === start || !isDigit(t[start])) return { text: t }
  let num = t.slice(0, end)
  const rest = t.slice(end)
  if (num.includes(',')) {
    if (!grouped(num)) return { text: t, problem: 'grouping' }
    num = num.replaceAll(',', '')
  }
  if (rest === '') return { text: num }
  if (/[0-9]/.test(rest)) return { text: t }
  if (units.some((u) => u !== '' && squeeze(u) === rest)) return { text: num }
  return { text: t, problem: 'unit' }
}
