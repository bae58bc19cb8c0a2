import type { Schema } from '@/api/http'
import { targetText } from './labels'

// What moving a report from the targets it was filed against to another
// version changes, indicator by indicator (matched by id, as a target
// adjustment keeps the ids of the indicators it changes).

export interface TargetChange {
  kind: 'changed' | 'added' | 'removed'
  id: number
  name: string
  /** the indicator in the report's version; null when added */
  from: Schema<'Indicator'> | null
  /** the indicator in the new version; null when removed */
  to: Schema<'Indicator'> | null
}

/** "≥10次" — a target as the form prints it, with its unit. */
export function targetWithUnit(ind: Schema<'Indicator'>): string {
  return `${targetText(ind)}${ind.unit}`
}

function differs(a: Schema<'Indicator'>, b: Schema<'Indicator'>): boolean {
  return a.name !== b.name || a.nature !== b.nature || a.target !== b.target || a.unit !== b.unit || Number(a.weight) !== Number(b.weight)
}

/** The changes from one version's indicators to another's, in the new version's order, removed ones last. */
export function targetChanges(from: Schema<'Indicator'>[], to: Schema<'Indicator'>[]): TargetChange[] {
  const before = new Map(from.map((i) => [i.id, i]))
  const after = new Set(to.map((i) => i.id))
  const out: TargetChange[] = []
  for (const ind of to) {
    const old = before.get(ind.id)
    if (!old) out.push({ kind: 'added', id: ind.id, name: ind.name, from: null, to: ind })
    else if (differs(old, ind)) out.push({ kind: 'changed', id: ind.id, name: ind.name, from: old, to: ind })
  }
  for (const ind of from) {
    if (!after.has(ind.id)) out.push({ kind: 'removed', id: ind.id, name: ind.name, from: ind, to: null })
  }
  return out
}
