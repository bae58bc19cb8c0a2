import type { Schema } from '@/api/http'
import { describe, expect, it } from 'vitest'
import { exportUrl } from '@/api/tables'
import { addDecimal, blankRow, findingsByRow, problemsByRow, rowsOf, toInput, weightTotal, weightsComplete } from '@/views/targets/rows'
import { describeItem, versionMatrix } from '@/views/targets/versions'
import { newDraft, pick, toItems } from '@/views/targets/changeItems'

const ind = (id: number, name: string, o: Partial<Schema<'Indicator'>> = {}): Schema<'Indicator'> => ({
  id, level1: '产出指标', level2: '数量指标', name, nature: '>=', target: '800', unit: '本', weight: '10', kind: 'higher', value_basis: '', ...o,
})
const finding = (o: Partial<Schema<'Finding'>>): Schema<'Finding'> => ({ rule: 'similar_text', severity: 'medium', indicator_id: null, message: 'm', source: 's', ...o })

describe('the target editor rows', () => {
  const rows = rowsOf([ind(7, '每月发行数量'), ind(8, '印刷合格率', { level2: '质量指标', target: '100', unit: '%' })])

  it('become the API body in order, trimmed, with the version', () => {
    rows[0].name = ' 每月发行数量 '
    const body = toInput({ code: 'C', year: 2025, department: '003001' }, { name: 'P', category: '专项', budget: '19.8', goal: 'g', execution_weight: '10' }, rows, 3)
    expect(body.version).toBe(3)
    expect(body.indicators?.map((i) => i.name)).toEqual(['每月发行数量', '印刷合格率'])
    expect(body.indicators?.[1]).toMatchObject({ level2: '质量指标', nature: '>=', target: '100', unit: '%', weight: '10' })
    rows[0].name = '每月发行数量'
  })

  it('place findings by stored id, then by the indicator name typed; the rest belong to the project', () => {
    const typed = [...rows, { ...blankRow(rows[1]), name: '新指标' }]
    const { byRow, project } = findingsByRow(typed, [
      finding({ rule: 'rate_full_target', indicator_id: 8, indicator: '印刷合格率' }),
      finding({ rule: 'frequency_low', indicator: '新指标' }),
      finding({ rule: 'cost_missing' }),
      finding({ rule: 'similar_text', indicator: '已删除的指标' }),
    ])
    expect(byRow[rows[1].key].map((f) => f.rule)).toEqual(['rate_full_target'])
    expect(byRow[typed[2].key].map((f) => f.rule)).toEqual(['frequency_low'])
    expect(byRow[rows[0].key]).toBeUndefined()
    expect(project.map((f) => f.rule)).toEqual(['cost_missing', 'similar_text'])
  })

  it('place the API problems on their row and field', () => {
    const { byRow, head } = problemsByRow(rows, { 'indicators[1].weight': '请填写分值权重', 'indicators[0]': '名称重复', budget: '请填写预算数', 'indicators[9].name': '越界' })
    expect(byRow[rows[1].key]).toEqual({ weight: '请填写分值权重' })
    expect(byRow[rows[0].key]).toEqual({ name: '名称重复' })
    expect(head).toEqual({ budget: '请填写预算数', 'indicators[9].name': '越界' })
  })

  it('add weights exactly and say whether they make 100', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3')
    expect(addDecimal('12.5', '-2.75')).toBe('9.75')
    const w = rowsOf([ind(1, 'a', { weight: '45.5' }), ind(2, 'b', { weight: '44.5' })])
    expect(weightTotal(w, '10')).toBe('100')
    expect(weightsComplete(weightTotal(w, '10'))).toBe(true)
    expect(weightsComplete(weightTotal(w, '9'))).toBe(false)
    w[1].weight = '四十'
    expect(weightTotal(w, '10')).toBeNull()
    w[1].weight = ''
    expect(weightTotal(w, '10')).toBe('55.5')
  })

  it('a blank row keeps the levels of the row above', () => {
    expect(blankRow(rows[1])).toMatchObject({ id: null, level1: '产出指标', level2: '质量指标', name: '' })
  })
})

describe('target versions side by side', () => {
  const v = (version: number, indicators: Schema<'Indicator'>[]): Schema<'TargetVersion'> => ({
    version, current: false, created_at: null, created_by: 'reviewer', change_id: null, budget: '19.80', execution_weight: '10', indicators,
  })
  it('one row per indicator ever, a cell per version, changes marked', () => {
    const m = versionMatrix([v(1, [ind(1, '每月发行数量'), ind(2, '旧指标')]), v(2, [ind(1, '每月发行数量', { target: '600' }), ind(3, '新指标')])])
    expect(m.map((r) => r.name)).toEqual(['每月发行数量', '旧指标', '新指标'])
    expect(m[0].cells.map((c) => c?.target)).toEqual(['≥800', '≥600'])
    expect(m[0].cells[1]?.changed).toBe(true)
    expect(m[1].cells[1]).toBeNull()
    expect(m[2].cells[0]).toBeNull()
    expect(m[2].cells[1]?.changed).toBe(true)
  })
})

describe('the adjustment request', () => {
  const indicators = [ind(7, '每月发行数量'), ind(8, '印刷合格率')]
  it('sends only what changed, removals and additions', () => {
    const a = newDraft()
    pick(a, indicators[0])
    a.target = '600'
    const same = newDraft()
    pick(same, indicators[1])
    const r = newDraft('remove')
    r.indicatorId = 8
    const add = newDraft('add')
    Object.assign(add, { name: '成本控制', nature: '<=', target: '19.8', unit: '万元', weight: '5' })
    expect(toItems([a, same, r, add, newDraft()], indicators)).toEqual([
      { op: 'change', indicator_id: 7, target: '600' },
      { op: 'remove', indicator_id: 8 },
      { op: 'add', indicator: { level1: '产出指标', level2: '数量指标', name: '成本控制', nature: '<=', target: '19.8', unit: '万元', weight: '5' } },
    ])
  })
  it('is described in words with the indicator name', () => {
    const t = (k: string) => ({ 'targets.op.change': '修改', 'targets.newTarget': '新指标值', 'form.change.target': '指标值', 'form.change.weight': '权重' })[k] ?? k
    expect(describeItem({ op: 'change', indicator_id: 7, target: '600' }, new Map([[7, { name: '每月发行数量' }]]), t)).toBe('修改「每月发行数量」：新指标值 600')
    // a pending request reads old → new against the indicator as it stands
    const ind = new Map([[7, { name: '每月发行数量', nature: '>=', target: '800', unit: '本', weight: '20' }]])
    expect(describeItem({ op: 'change', indicator_id: 7, target: '600', weight: '15' }, ind, t, true)).toBe('修改「每月发行数量」：指标值 ≥800本 → ≥600本，权重 20 → 15')
  })
})

describe('export addresses', () => {
  it('name the year or the period and the department', () => {
    expect(exportUrl('targets', { year: 2024, period: '2024-06', department: '003001' })).toBe('/api/v1/exports/targets.xlsx?year=2024&department=003001')
    expect(exportUrl('monitoring', { year: 2024, period: '2024-06' })).toBe('/api/v1/exports/monitoring.xlsx?period=2024-06')
    expect(exportUrl('self-evaluation', { year: 2024 })).toBe('/api/v1/exports/self-evaluation.xlsx?year=2024')
  })
})
