import type { Schema } from '@/api/http'

// Target versions side by side: one row per indicator that ever existed (in
// the order first seen), one cell per version; a cell is null where the
// indicator was not (yet, or no longer) part of that version.

export interface VersionCell {
  target: string
  unit: string
  weight: string
  /** different from the version before */
  changed: boolean
}

export interface VersionRow {
  id: number
  level1: string
  level2: string
  name: string
  cells: Array<VersionCell | null>
}

const natureSign: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' }

/** "≥ 800" for numeric natures; the text itself for qualitative ones. */
export function targetWithNature(i: { nature: string; target: string }): string {
  const s = natureSign[i.nature]
  return s ? `${s}${i.target}` : i.target
}

export function versionMatrix(versions: Schema<'TargetVersion'>[]): VersionRow[] {
  const rows: VersionRow[] = []
  const byId = new Map<number, VersionRow>()
  versions.forEach((v, col) => {
    for (const ind of v.indicators) {
      let row = byId.get(ind.id)
      if (!row) {
        row = { id: ind.id, level1: ind.level1, level2: ind.level2, name: ind.name, cells: versions.map(() => null) }
        byId.set(ind.id, row)
        rows.push(row)
      }
      const before = col > 0 ? row.cells[col - 1] : null
      const cell = { target: targetWithNature(ind), unit: ind.unit, weight: ind.weight, changed: false }
      cell.changed = col > 0 && (!before || before.target !== cell.target || before.unit !== cell.unit || before.weight !== cell.weight)
      row.cells[col] = cell
    }
  })
  return rows
}

/** The indicator an item speaks of, as it stands: its name and, for a pending change, what it changes from. */
export interface ItemIndicator {
  name: string
  nature?: string
  target?: string
  unit?: string
  weight?: string
}

/**
 * One line describing an item of an adjustment request with the indicator's
 * name; given the indicator as it stands (a pending request), each change
 * reads old → new: "修改「每月发行数量」：指标值 ≥800本 → ≥600本".
 */
export function describeItem(item: Schema<'TargetChangeItem'>, indicators: Map<number, ItemIndicator>, t: (k: string) => string, pending = false): string {
  const ind = item.indicator_id ? indicators.get(item.indicator_id) : undefined
  const name = item.indicator?.name ?? (item.indicator_id ? ind?.name ?? `#${item.indicator_id}` : '')
  const was = pending && ind ? ind : undefined
  const parts: string[] = []
  if (item.target !== undefined) {
    const nature = { nature: was?.nature ?? '', target: '' }
    parts.push(was?.target !== undefined
      ? `${t('form.change.target')} ${targetWithNature({ ...nature, target: was.target })}${was.unit ?? ''} → ${targetWithNature({ ...nature, target: item.target })}${item.unit ?? was.unit ?? ''}`
      : `${t('targets.newTarget')} ${item.target}`)
  }
  if (item.unit !== undefined) parts.push(was?.unit !== undefined ? `${t('form.change.unit')} ${was.unit || '—'} → ${item.unit || '—'}` : `${t('targets.newUnit')} ${item.unit}`)
  if (item.weight !== undefined) parts.push(was?.weight !== undefined ? `${t('form.change.weight')} ${was.weight} → ${item.weight}` : `${t('targets.newWeight')} ${item.weight}`)
  if (item.op === 'add' && item.indicator) parts.push(`${targetWithNature(item.indicator)}${item.indicator.unit}，${t('targets.newWeight')} ${item.indicator.weight}`)
  return `${t(`targets.op.${item.op}`)}「${name}」${parts.length ? '：' + parts.join('，') : ''}`
}
