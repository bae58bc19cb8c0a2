import type { Schema } from '@/api/http'
import { describe, expect, it } from 'vitest'
import { targetChanges, targetWithUnit } from '@/views/report/targetChanges'

const ind = (id: number, name: string, target: string, over: Partial<Schema<'Indicator'>> = {}): Schema<'Indicator'> => ({
  id, level1: '产出指标', level2: '数量指标', name, nature: '>=', target, unit: '次', weight: '10', kind: 'higher', value_basis: '', ...over,
})

describe('what moving a report to new targets changes', () => {
  const v1 = [ind(1, '举办银企对接会议次数', '10'), ind(2, '服务企业数量', '20', { unit: '家' }), ind(3, '满意度', '90', { unit: '%', weight: '20' })]

  it('names a changed target with its old and new value', () => {
    const v2 = [ind(1, '举办银企对接会议次数', '8'), v1[1], v1[2]]
    const got = targetChanges(v1, v2)
    expect(got.map((c) => [c.kind, c.id])).toEqual([['changed', 1]])
    expect(targetWithUnit(got[0].from!)).toBe('≥10次')
    expect(targetWithUnit(got[0].to!)).toBe('≥8次')
  })

  it('finds added and removed indicators and weight changes, and nothing when equal', () => {
    const v2 = [v1[0], ind(3, '满意度', '90', { unit: '%', weight: '20.0' }), ind(4, '新指标', '5', { weight: '10' })]
    expect(targetChanges(v1, v2).map((c) => [c.kind, c.id])).toEqual([['added', 4], ['removed', 2]])
    const v3 = [v1[0], v1[1], ind(3, '满意度', '90', { unit: '%', weight: '15' })]
    expect(targetChanges(v1, v3).map((c) => [c.kind, c.id])).toEqual([['changed', 3]])
    expect(targetChanges(v1, v1)).toEqual([])
  })
})
