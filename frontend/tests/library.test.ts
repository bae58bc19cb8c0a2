import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LibraryEntry, LibraryProposal, LibraryUse, LineLastYear, LinePrevious, ProjectYears } from '@/api/library'
import type { ResultAction, ResultRow } from '@/api/results'
import { rowFromLibrary, rowsOf, toInput } from '@/views/targets/rows'
import type { Indicator } from '@/api/types'
import { menu } from '@/utils/permissions'
import type { Me } from '@/api/types'

// The library, last year's values, the years and 结果应用: the web app's
// types against the server's schemas (app/api/openapi/95-library.json), and
// the editor keeping library_id, value_basis and copy_of through a save.
const dir = join(__dirname, '..', '..', 'app', 'api', 'openapi')
const schemas: Record<string, { properties?: Record<string, unknown> }> = {}
for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
  Object.assign(schemas, (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { components?: { schemas?: typeof schemas } }).components?.schemas ?? {})
}
const keys = <T>(r: Record<keyof T, true>) => Object.keys(r)

const checks: Array<[string, string[]]> = [
  ['LibraryEntry', keys<LibraryEntry>({
    id: true, scope: true, department: true, department_name: true, level1: true, level2: true, name: true, aliases: true, nature: true, unit: true,
    value_basis: true, guidance: true, source: true, status: true, merged_into: true, proposed_by: true, proposed_at: true, decided_by: true,
    decided_at: true, uses: true,
  })],
  ['LibraryProposal', keys<LibraryProposal>({ department: true, level1: true, level2: true, name: true, nature: true, unit: true, value_basis: true, guidance: true })],
  ['LibraryUse', keys<LibraryUse>({ project: true, year: true, status: true, indicator_id: true, target: true, unit: true, actual: true, score: true })],
  ['LineLastYear', keys<LineLastYear>({ year: true, via: true, project: true, indicator_id: true, target: true, unit: true, actual: true, score: true, status: true })],
  ['LinePrevious', keys<LinePrevious>({ period: true, value: true, light: true, status: true })],
  ['ProjectYears', keys<ProjectYears>({ code: true, name: true, years: true, indicators: true })],
  ['ResultAction', keys<ResultAction>({ action: true, action_label: true, percent: true })],
  ['ResultRow', keys<ResultRow>({ project: true, department: true, budget: true, total: true, grade: true, proposed: true, decided: true, note: true, actions: true, year: true })],
]

describe('the library and results types and the OpenAPI schemas', () => {
  it.each(checks)('%s: every field is in the schema', (name, fields) => {
    const props = Object.keys(schemas[name]?.properties ?? {})
    expect(props.length, `schema ${name} has properties`).toBeGreaterThan(0)
    expect(fields.filter((f) => !props.includes(f))).toEqual([])
  })
})

describe('the target editor and the library', () => {
  const stored = {
    id: 7, level1: '产出指标', level2: '数量指标', name: '每月发行数量', nature: '>=', target: '800', unit: '本', weight: '20', kind: 'higher',
    library_id: 12, value_basis: '历史标准', copy_of: 3,
    last_year: { year: 2024, via: 'copy', project: { code: 'P', name: 'p' }, indicator_id: 3, target: '800', unit: '本', actual: '900', score: '20.00', status: 'approved' },
  } as Indicator & Record<string, unknown>
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
    const entry: LibraryEntry = {
      id: 40, scope: 'common', department: null, level1: '成本指标', level2: '经济成本指标', name: '单位产出成本', aliases: [], nature: '<=', unit: '元',
      value_basis: '历史标准', guidance: '', source: '财预〔2021〕101号', status: 'accepted', merged_into: null, uses: 0,
    }
    const r = rowFromLibrary(entry)
    expect(r).toMatchObject({ id: null, library_id: 40, level1: '成本指标', level2: '经济成本指标', name: '单位产出成本', nature: '<=', unit: '元', target: '', weight: '', value_basis: '历史标准' })
  })
  it('the menu shows the library and 结果应用 only with their permissions', () => {
    const me = (permissions: string[]): Me => ({ id: 1, username: 'u', display_name: 'u', roles: ['reviewer'], department: '', departments: [], projects: [], permissions })
    const paths = (p: string[]) => menu.filter((m) => m.show(me(p))).map((m) => m.path)
    expect(paths(['library:read'])).toEqual(['/library'])
    expect(paths(['library:read', 'results:read'])).toEqual(['/library', '/results'])
    expect(paths([])).toEqual([])
  })
})
