import type { Schema } from '@/api/http'
import { describe, expect, it } from 'vitest'
import { rowFromLibrary, rowsOf, toInput } from '@/views/targets/rows'
import { menu } from '@/utils/permissions'

// The editor keeping library_id, value_basis and copy_of through a save,
// and the menu of the library and 结果应用.

describe('the target editor and the library', () => {
  const stored = {
    id: 7, level1: '产出指标', level2: '数量指标', name: '每月发行数量', nature: '>=', target: '800', unit: '本', weight: '20', kind: 'higher',
    library_id: 12, value_basis: '历史标准', copy_of: 3,
    last_year: { year: 2024, via: 'copy', project: { code: 'P', name: 'p' }, indicator_id: 3, target: '800', unit: '本', actual: '900', score: '20.00', status: 'approved' },
  } as Schema<'Indicator'> & Record<string, unknown>
  it('a save sends back library_id, value_basis and copy_of, never last year', () => {
    const rows = rowsOf([stored])
    expect(rows[0].last_year?.actual).toBe('900')
    const body = toInput({ code: 'P2', year: 2025, department: '003001' }, { name: 'n', category: 'c', budget: '1', goal: '', execution_weight: '10' }, rows)
    expect(body.indicators?.[0]).toEqual({
      level1: '产出指标', level2: '数量指标', name: '每月发行数量', nature: '>=', target: '800', unit: '本', weight: '20', library_id: 12,
      value_basis: '历史标准', copy_of: 3,
    })
  })
  it('an inserted entry keeps its id, levels, unit and basis, with target and weight to fill', () => {
    const entry: Schema<'LibraryEntry'> = {
      id: 40, scope: 'common', department: null, level1: '成本指标', level2: '经济成本指标', name: '单位产出成本', aliases: [], nature: '<=', unit: '元',
      value_basis: '历史标准', guidance: '', source: '财预〔2021〕101号', status: 'accepted', merged_into: null, uses: 0,
    }
    const r = rowFromLibrary(entry)
    expect(r).toMatchObject({ id: null, library_id: 40, level1: '成本指标', level2: '经济成本指标', name: '单位产出成本', nature: '<=', unit: '元', target: '', weight: '', value_basis: '历史标准' })
  })
  it('the menu shows the library and 结果应用 only with their permissions', () => {
    const me = (permissions: string[]): Schema<'Me'> => ({ id: 1, username: 'u', display_name: 'u', roles: ['reviewer'], department: '', departments: [], projects: [], permissions })
    const paths = (p: string[]) => menu.filter((m) => m.show(me(p))).map((m) => m.path)
    expect(paths(['library:read'])).toEqual(['/library'])
    expect(paths(['library:read', 'results:read'])).toEqual(['/library', '/results'])
    expect(paths([])).toEqual([])
  })
})
