import type { Schema } from '@/api/http'

// The adjustment dialog's items as typed, and the request body: a change
// sends only the fields that differ from the indicator as it stands.

export interface ChangeDraft {
  key: number
  op: Schema<'TargetChangeItem'>['op']
  indicatorId: number | null
  target: string
  unit: string
  weight: string
  level1: string
  level2: string
  name: string
  nature: string
}

let seq = 0

export function newDraft(op: Schema<'TargetChangeItem'>['op'] = 'change'): ChangeDraft {
  return { key: ++seq, op, indicatorId: null, target: '', unit: '', weight: '', level1: '产出指标', level2: '数量指标', name: '', nature: '>=' }
}

/** Fills a change's fields from the indicator chosen, so that only what is edited differs. */
export function pick(d: ChangeDraft, ind: Schema<'Indicator'> | undefined): void {
  d.indicatorId = ind?.id ?? null
  d.target = ind?.target ?? ''
  d.unit = ind?.unit ?? ''
  d.weight = ind?.weight ?? ''
}

/** The request's items; a draft that changes nothing is left out. */
export function toItems(drafts: ChangeDraft[], indicators: Schema<'Indicator'>[]): Schema<'TargetChangeItem'>[] {
  const out: Schema<'TargetChangeItem'>[] = []
  for (const d of drafts) {
    if (d.op === 'add') {
      out.push({ op: 'add', indicator: { level1: d.level1.trim(), level2: d.level2.trim(), name: d.name.trim(), nature: d.nature, target: d.target.trim(), unit: d.unit.trim(), weight: d.weight.trim() } })
      continue
    }
    if (d.indicatorId === null) continue
    if (d.op === 'remove') {
      out.push({ op: 'remove', indicator_id: d.indicatorId })
      continue
    }
    const ind = indicators.find((i) => i.id === d.indicatorId)
    const item: Schema<'TargetChangeItem'> = { op: 'change', indicator_id: d.indicatorId }
    if (d.target.trim() !== (ind?.target ?? '')) item.target = d.target.trim()
    if (d.unit.trim() !== (ind?.unit ?? '')) item.unit = d.unit.trim()
    if (d.weight.trim() !== (ind?.weight ?? '')) item.weight = d.weight.trim()
    if (item.target !== undefined || item.unit !== undefined || item.weight !== undefined) out.push(item)
  }
  return out
}
