import type { Schema } from '@/api/http'
import { describe, expect, it } from 'vitest'
import { applyEdits, collisions, draftOf, editsBetween, fieldTarget, hasEdits, inputOf, patchOf, type Draft } from '@/views/report/draft'

function line(id: number, over: Partial<Schema<'ReportLine'>> = {}): Schema<'ReportLine'> {
  return {
    indicator_id: id, value: null, projected: null, band: '', score_input: null, completed_on: '', not_applicable: false,
    not_applicable_reason: '', deviation_causes: [], explanation: '', likelihood: '', measures: '', light: 'grey',
    needs_explanation: false, missing: [], score: '0.00', rule: '', rule_name: '', basis: '', light_basis: '', previous: null, last_year: null, ...over,
  }
}
function report(version: number, lines: Schema<'ReportLine'>[], executed: string | null = null): Schema<'Report'> {
  return {
    project_code: 'P', period: '2024-06', period_kind: 'monitor', status: 'draft', status_label: '草稿', version, saved: version > 0,
    editable: true, actions: ['submit'], time_progress: '0.5', light: 'grey',
    budget: { budget: '19.80', adjusted: null, executed, projected: null, reason: '', base: '19.80', rate: null, light: 'grey', needs_reason: false, missing: [], basis: '' },
    lines, score: { total: '0.00', computed_total: '0.00', grade: '差', execution: { rate: null, score: '0', rule: '', rule_name: '', basis: '' }, lines: [], basis: '', projected: true, applicable_weight: '90', indicator_sum: '0', indicator_weight: '90', effects: [] },
    blocking: [], transitions: [], updated_at: null, updated_by: '', updated_by_name: '',
    target_version: 1, current_target_version: 1, indicators: [], execution_weight: '10', rule_profile: { name: 'default', version: 1 }, warnings: [],
  }
}

describe('the draft and its edits', () => {
  const v0 = report(0, [line(1), line(2)])

  it('shows nulls as empty inputs and copies the causes', () => {
    const d = draftOf(report(1, [line(1, { value: '5', deviation_causes: ['funding'] })], '3.00'))
    expect(d.lines[0]).toMatchObject({ value: '5', projected: '', score_input: '', deviation_causes: ['funding'] })
    expect(d.budget.executed).toBe('3.00')
  })

  it('finds only the fields that changed', () => {
    const d: Draft = draftOf(v0)
    d.lines[1].value = '97'
    d.lines[1].deviation_causes.push('other')
    d.budget.executed = '350'
    const e = editsBetween(draftOf(v0), d)
    expect(e).toEqual({ budget: { executed: '350' }, lines: { 2: { value: '97', deviation_causes: ['other'] } } })
    expect(hasEdits(e)).toBe(true)
    expect(hasEdits(editsBetween(draftOf(v0), draftOf(v0)))).toBe(false)
  })

  it('re-applies the edits on a newer version, keeping what the other person saved', () => {
    const mine = draftOf(v0)
    mine.lines[1].value = '97'
    const edits = editsBetween(draftOf(v0), mine)
    const theirs = report(1, [line(1, { value: '60', projected: '63' }), line(2)])
    const merged = applyEdits(draftOf(theirs), edits)
    expect(merged.lines[0]).toMatchObject({ value: '60', projected: '63' })
    expect(merged.lines[1].value).toBe('97')
    expect(collisions(draftOf(v0), draftOf(theirs), edits)).toEqual([])
    // the edits still stand against the new base, ready to save
    expect(editsBetween(draftOf(theirs), merged)).toEqual(edits)
  })

  it('names the fields both people changed; the person re-applying wins', () => {
    const mine = draftOf(v0)
    mine.lines[0].value = '50'
    const edits = editsBetween(draftOf(v0), mine)
    const theirs = report(1, [line(1, { value: '60' }), line(2)])
    expect(collisions(draftOf(v0), draftOf(theirs), edits)).toEqual(['1.value'])
    expect(applyEdits(draftOf(theirs), edits).lines[0].value).toBe('50')
  })

  it('does not share arrays between the draft and the edits', () => {
    const mine = draftOf(v0)
    mine.lines[0].deviation_causes = ['funding']
    const edits = editsBetween(draftOf(v0), mine)
    const merged = applyEdits(draftOf(v0), edits)
    merged.lines[0].deviation_causes.push('other')
    expect(edits.lines[1].deviation_causes).toEqual(['funding'])
  })

  it('sends only the edits in a PATCH and every line in a PUT', () => {
    const mine = draftOf(v0)
    mine.lines[1].measures = '补齐'
    const patch = patchOf(3, editsBetween(draftOf(v0), mine))
    expect(patch).toEqual({ version: 3, lines: [{ indicator_id: 2, measures: '补齐' }] })
    const put = inputOf(3, mine)
    expect(put.lines.map((l) => l.indicator_id)).toEqual([1, 2])
    expect(put.version).toBe(3)
  })

  it('maps the API field paths to the row and the input', () => {
    const sent = [{ indicator_id: 26 }, { indicator_id: 27 }]
    expect(fieldTarget('lines[1].explanation', sent)).toEqual({ indicatorId: 27, field: 'explanation' })
    expect(fieldTarget('lines[0].deviation_causes[0]', sent)).toEqual({ indicatorId: 26, field: 'deviation_causes' })
    expect(fieldTarget('budget.executed', sent)).toEqual({ indicatorId: null, field: 'budget.executed' })
    expect(fieldTarget('version', sent)).toBeNull()
  })

  it('keeps the 部门整体 parts as inputs and sends them as budget.parts', () => {
    const dept = report(2, [line(1)], '4300.00')
    dept.budget.parts = [
      { part: 'basic', label: '基本支出', budget: '2244.07', executed: '2200.00', projected: null, rate: '0.9804' },
      { part: 'projects', label: '项目支出', budget: '2153.78', executed: null, projected: null, rate: null },
    ]
    const base = draftOf(dept)
    expect(base.budget).toMatchObject({ basic_executed: '2200.00', basic_projected: '', projects_executed: '', projects_projected: '' })
    const d = draftOf(dept)
    d.budget.projects_executed = '2100.00'
    const e = editsBetween(base, d)
    expect(e.budget).toEqual({ projects_executed: '2100.00' })
    expect(patchOf(2, e).budget).toEqual({ parts: [{ part: 'projects', executed: '2100.00' }] })
    expect(inputOf(2, d).budget).toEqual({
      adjusted: '', executed: '4300.00', projected: '', reason: '',
      parts: [{ part: 'basic', executed: '2200.00', projected: '' }, { part: 'projects', executed: '2100.00', projected: '' }],
    })
    // an ordinary project's report has no parts, and sends none
    expect(inputOf(1, draftOf(v0)).budget).toEqual({ adjusted: '', executed: '', projected: '', reason: '' })
    expect(fieldTarget('budget.parts[1].executed', [])).toEqual({ indicatorId: null, field: 'budget.parts[1].executed' })
  })
})
