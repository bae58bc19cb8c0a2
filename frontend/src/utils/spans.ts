// Merged 一级 and 二级 cells, as the printed forms lay them out: a cell spans
// the run of consecutive rows with the same value (二级 within its 一级).

export interface Spanned {
  level1: string
  level2: string
}

export interface RowSpan {
  /** rows the 一级 cell spans from this row; 0 when a row above holds it */
  level1: number
  level2: number
}

export function spans(rows: Spanned[]): RowSpan[] {
  const out: RowSpan[] = rows.map(() => ({ level1: 0, level2: 0 }))
  for (let i = 0; i < rows.length; ) {
    let j = i
    while (j < rows.length && rows[j].level1 === rows[i].level1) j++
    out[i].level1 = j - i
    for (let k = i; k < j; ) {
      let m = k
      while (m < j && rows[m].level2 === rows[k].level2) m++
      out[k].level2 = m - k
      k = m
    }
    i = j
  }
  return out
}
