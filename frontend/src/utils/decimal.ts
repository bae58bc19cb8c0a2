// Exact decimal formatting on strings: amounts, rates and scores arrive as
// decimal strings and are never turned into floats.

interface Parts {
  negative: boolean
  int: string // digits, no leading zeros except "0"
  frac: string // digits
}

const decimalPattern = /^([+-]?)(\d*)(?:\.(\d*))?$/

function parse(s: string): Parts | null {
  const m = decimalPattern.exec(s.trim())
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null
  const int = (m[2] || '0').replace(/^0+(?=\d)/, '')
  return { negative: m[1] === '-', int, frac: m[3] ?? '' }
}

/** Adds one unit in the last place to a digit string ("199" → "200", "99" → "100"). */
function increment(digits: string): string {
  const a = digits.split('')
  let i = a.length - 1
  while (i >= 0) {
    if (a[i] === '9') {
      a[i] = '0'
      i--
    } else {
      a[i] = String(Number(a[i]) + 1)
      return a.join('')
    }
  }
  return '1' + a.join('')
}

/** Rounds half away from zero to `places` decimals, like shopspring's StringFixed. */
function round(p: Parts, places: number): Parts {
  const frac = p.frac.padEnd(places + 1, '0')
  let kept = p.int + frac.slice(0, places)
  if (frac[places] >= '5') kept = increment(kept)
  const int = kept.slice(0, kept.length - places) || '0'
  return { negative: p.negative, int: int.replace(/^0+(?=\d)/, ''), frac: kept.slice(kept.length - places) }
}

function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

function join(p: Parts, grouped: boolean): string {
  const isZero = /^0*$/.test(p.int + p.frac)
  const sign = p.negative && !isZero ? '-' : ''
  const int = grouped ? group(p.int) : p.int
  return sign + int + (p.frac ? '.' + p.frac : '')
}

/** "2150.78" → "2,150.78"; "19.8" → "19.80"; null or "" → "—". */
export function formatAmount(v: string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—'
  const p = parse(v)
  return p ? join(round(p, 2), true) : v
}

/** A count with thousands separators: 60000 → "60,000". */
export function formatCount(n: number): string {
  return (n < 0 ? '-' : '') + group(String(Math.trunc(Math.abs(n))))
}

/** A score with two decimals: "18.255" → "18.26". */
export function formatScore(v: string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—'
  const p = parse(v)
  return p ? join(round(p, 2), false) : v
}

/** Moves the decimal point two places right: "0.4545" → "45.45". */
function times100(p: Parts): Parts {
  const frac = p.frac.padEnd(2, '0')
  const int = (p.int + frac.slice(0, 2)).replace(/^0+(?=\d)/, '')
  return { negative: p.negative, int, frac: frac.slice(2) }
}

/** A rate held as a fraction, as a percentage: "0.4545" → "45.45%". */
export function formatRate(v: string | null | undefined, places = 2): string {
  if (v === null || v === undefined || v === '') return '—'
  const p = parse(v)
  return p ? join(round(times100(p), places), true) + '%' : v
}

/** Compares two decimal strings exactly: -1, 0 or 1. Unparseable sorts first. */
export function compareDecimal(a: string | null | undefined, b: string | null | undefined): number {
  const pa = a ? parse(a) : null
  const pb = b ? parse(b) : null
  if (!pa || !pb) return pa ? 1 : pb ? -1 : 0
  const sign = (p: Parts) => (/^0*$/.test(p.int + p.frac) ? 0 : p.negative ? -1 : 1)
  const sa = sign(pa)
  const sb = sign(pb)
  if (sa !== sb) return sa < sb ? -1 : 1
  const len = Math.max(pa.frac.length, pb.frac.length)
  const da = pa.int.padStart(40, '0') + pa.frac.padEnd(len, '0')
  const db = pb.int.padStart(40, '0') + pb.frac.padEnd(len, '0')
  const c = da === db ? 0 : da < db ? -1 : 1
  return sa < 0 ? -c : c
}

/** Whether a typed value is a plain decimal the API will read. */
export function isDecimal(s: string): boolean {
  return parse(s) !== null && !/^[+]/.test(s.trim())
}
