// Pasting a block copied from Excel or WPS into the report form: the text is
// a grid (tab between cells, newline between rows, quoted cells may hold
// either); it fills consecutive lines from the focused one, in the form's
// columns from the focused one on. Pure functions: tests/paste.test.ts.
import type { Schema } from '@/api/http'
import type { LineForm } from './draft'
import { normalizeNumber } from '@/utils/number'

/** The columns of the form a pasted cell may land in, after 年度指标值, in the printed order. */
export type PasteColumn = 'c1' | 'c2' | 'light' | 'causes' | 'likelihood' | 'explanation' | 'measures' | 'weight' | 'score'

/** The monitoring form: 1–m月执行情况 | 全年预计完成情况 | 预警 | 偏差原因 | 完成目标可能性 | 原因说明 | 纠偏措施. */
export const monitorColumns: PasteColumn[] = ['c1', 'c2', 'light', 'causes', 'likelihood', 'explanation', 'measures']
/** The self-evaluation form: 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施. */
export const finalColumns: PasteColumn[] = ['c1', 'weight', 'score', 'explanation']

/** Whether pasted text is more than one cell (and so is ours to spread). */
export function isGrid(text: string): boolean {
  return /[\t\n\r]/.test(text.replace(/(\r\n|\n|\r)$/, ''))
}

/** Reads tab-separated text as Excel writes it to the clipboard. */
export function parseGrid(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  let i = 0
  const s = text.replace(/(\r\n|\n|\r)$/, '')
  while (i < s.length) {
    const ch = s[i]
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"'
        i += 2
        continue
      }
      if (ch === '"') quoted = false
      else cell += ch
      i++
      continue
    }
    if (ch === '"' && cell === '') {
      quoted = true
    } else if (ch === '\t') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      if (ch === '\r' && s[i + 1] === '\n') i++
    } else {
      cell += ch
    }
    i++
  }
  row.push(cell)
  rows.push(row)
  return rows
}

const bandWords: Array<[Exclude<NonNullable<Schema<'LineInput'>['band']>, ''>, string[]]> = [
  ['not_achieved', ['not_achieved', '未达成且效果较差', '未达成', 'not achieved']],
  ['partly', ['partly', '部分达成并具有一定效果', '部分达成', 'partly achieved']],
  ['achieved', ['achieved', '达成年度指标', '达成', '已达成', 'achieved']],
]
const likelihoodWords: Array<[Exclude<NonNullable<Schema<'LineInput'>['likelihood']>, ''>, string[]]> = [
  ['impossible', ['impossible', '完全不可能', '不可能']],
  ['possible', ['possible', '有可能', '可能']],
  ['certain', ['certain', '确定能', '确定', '能']],
]
const causeWords: Array<[NonNullable<Schema<'LineInput'>['deviation_causes']>[number], string[]]> = [
  ['funding', ['funding', '经费保障', '经费']],
  ['rules', ['rules', '制度保障', '制度']],
  ['staffing', ['staffing', '人员保障', '人员']],
  ['equipment', ['equipment', '硬件条件保障', '硬件条件', '硬件']],
  ['other', ['other', '其他']],
]

function lookup<T>(table: Array<[T, string[]]>, text: string): T | null {
  const t = text.trim().toLowerCase()
  for (const [v, words] of table) if (words.includes(t)) return v
  return null
}

/** A date as a clerk writes it: 2024-06-30, 2024/6/30, 2024.6.30, 2024年6月30日. */
export function readDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim())
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** One cell that could not be read, by line (1-based in the paste) and column. */
export interface PasteProblem {
  row: number
  column: PasteColumn
  text: string
}

export interface PasteResult {
  /** lines written to */
  lines: number
  /** cells written */
  cells: number
  problems: PasteProblem[]
}

function setNumber(line: LineForm, field: 'value' | 'projected' | 'score_input', text: string, units: string[]): boolean {
  const n = normalizeNumber(text, units)
  // an unreadable number is kept as typed: the server's preview names the problem at the field
  line[field] = n.text
  return !n.problem
}

/**
 * Writes a pasted grid into the lines from line `start` on (in the order the
 * form shows them), its first column landing in `from`. Cells beyond the last
 * line or the last column are left out; a cell that cannot be read (a band
 * that is not one) is listed in problems and leaves its field as it was,
 * except numbers, which are kept as typed for the server to name.
 */
export function applyPaste(
  grid: string[][], indicators: Schema<'Indicator'>[], lines: LineForm[], start: number, from: PasteColumn, monitor: boolean,
): PasteResult {
  const columns = monitor ? monitorColumns : finalColumns
  const first = columns.indexOf(from)
  const out: PasteResult = { lines: 0, cells: 0, problems: [] }
  if (first < 0) return out
  const byId = new Map(lines.map((l) => [l.indicator_id, l]))
  grid.forEach((cells, r) => {
    const ind = indicators[start + r]
    const line = ind ? byId.get(ind.id) : undefined
    if (!ind || !line) return
    let wrote = false
    cells.forEach((raw, c) => {
      const column = columns[first + c]
      if (!column || column === 'light' || column === 'weight' || column === 'score') return
      const text = raw.trim()
      const ok = writeCell(ind, line, column, text, monitor)
      if (ok === null) return
      if (ok) {
        out.cells++
        wrote = true
      } else {
        out.problems.push({ row: r + 1, column, text })
        if (column === 'c1' || column === 'c2') wrote = true
      }
    })
    if (wrote) out.lines++
  })
  return out
}

/** Writes one cell: true when read, false when not, null when the column has no field on this line. */
function writeCell(ind: Schema<'Indicator'>, line: LineForm, column: PasteColumn, text: string, monitor: boolean): boolean | null {
  const units = ind.unit ? [ind.unit] : []
  switch (column) {
    case 'explanation':
    case 'measures':
      line[column] = text
      return true
    case 'causes': {
      if (text === '') {
        line.deviation_causes = []
        return true
      }
      const found = text.split(/[、,，;；/\s]+/).filter(Boolean).map((w) => lookup(causeWords, w))
      if (found.some((c) => c === null)) return false
      line.deviation_causes = [...new Set(found as NonNullable<Schema<'LineInput'>['deviation_causes']>[number][])]
      return true
    }
    case 'likelihood': {
      if (ind.kind === 'deadline' && monitor) return null // its likelihood is the c2 column
      if (text === '') {
        line.likelihood = ''
        return true
      }
      const l = lookup(likelihoodWords, text)
      if (l === null) return false
      line.likelihood = l
      return true
    }
  }
  if (ind.kind === 'qualitative') {
    if (column === 'c1' && (monitor || readBandOrNull(text) !== null || text === '')) return writeBand(line, text)
    return setNumber(line, 'score_input', text, ['分'])
  }
  if (ind.kind === 'deadline') {
    if (column === 'c1') {
      if (text === '') {
        line.completed_on = ''
        return true
      }
      const d = readDate(text)
      if (d !== null) {
        line.completed_on = d
        return true
      }
      return monitor ? false : writeBand(line, text)
    }
    if (text === '') {
      line.likelihood = ''
      return true
    }
    const l = lookup(likelihoodWords, text)
    if (l !== null) {
      line.likelihood = l
      return true
    }
    return writeBand(line, text)
  }
  if (column === 'c2' && !monitor) return null
  return setNumber(line, column === 'c1' ? 'value' : 'projected', text, units)
}

function readBandOrNull(text: string): NonNullable<Schema<'LineInput'>['band']> | null {
  return lookup(bandWords, text)
}

function writeBand(line: LineForm, text: string): boolean {
  if (text === '') {
    line.band = ''
    return true
  }
  const b = readBandOrNull(text)
  if (b === null) return false
  line.band = b
  return true
}
