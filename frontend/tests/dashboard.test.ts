import type { Schema } from '@/api/http'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getDashboard, type DashboardQuery } from '@/api/dashboard'
import { defaultSize, pageCount, readPaging, sizeChoices, withPaging } from '@/views/dashboard/paging'
import { executionOption, gradeOption, lightOption, totalsOf } from '@/views/dashboard/options'

let urls: string[] = []
beforeEach(() => {
  urls = []
  vi.stubGlobal('fetch', async (url: string) => {
    urls.push(url)
    return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } })
  })
})
afterEach(() => vi.unstubAllGlobals())

describe('getDashboard', () => {
  it('asks for the period alone when nothing else is chosen', async () => {
    await getDashboard({ period: '2024-06' })
    expect(urls).toEqual(['/api/v1/dashboard?period=2024-06'])
  })

  it('sends the department, page and size as query parameters', async () => {
    await getDashboard({ period: '2024-06', department: '003001', page: 2, size: 5 })
    expect(urls).toEqual(['/api/v1/dashboard?period=2024-06&department=003001&page=2&size=5'])
  })

  it('sends nothing the server does not know (it answers 400 to any other parameter)', async () => {
    await getDashboard({ period: '2024', page: 3, sort: 'score' } as DashboardQuery)
    expect(urls).toEqual(['/api/v1/dashboard?period=2024&page=3'])
  })
})

describe('the page in the address', () => {
  it('reads page and size, with the server’s defaults', () => {
    expect(readPaging({})).toEqual({ page: 1, size: 100 })
    expect(readPaging({ page: '2', size: '5' })).toEqual({ page: 2, size: 5 })
  })

  it('treats what is not a whole number in range as absent', () => {
    for (const q of [{ page: '0', size: '0' }, { page: '-1', size: '1001' }, { page: '1.5', size: 'x' }, { page: ['2', '3'], size: null }]) {
      expect(readPaging(q)).toEqual({ page: 1, size: defaultSize })
    }
    expect(readPaging({ size: '1000' }).size).toBe(1000)
  })

  it('writes the page beside the other filters and leaves the defaults out', () => {
    const q = { period: '2024-06', department: '003001' }
    expect(withPaging(q, { page: 2, size: 5 })).toEqual({ ...q, page: '2', size: '5' })
    expect(withPaging({ ...q, page: '4', size: '20' }, { page: 1, size: 100 })).toEqual({ ...q, page: undefined, size: undefined })
  })

  it('counts the pages, one at least', () => {
    expect([pageCount(12, 5), pageCount(10, 5), pageCount(0, 100), pageCount(60000, 100)]).toEqual([3, 2, 1, 600])
  })

  it('offers the usual sizes, and the one from a link among them', () => {
    expect(sizeChoices(100)).toEqual([20, 50, 100, 200])
    expect(sizeChoices(5)).toEqual([5, 20, 50, 100, 200])
    expect(sizeChoices(500)).toEqual([20, 50, 100, 200, 500])
  })
})

describe('the dashboard charts', () => {
  const project = (code: string, grade: string): Schema<'Dashboard'>['projects'][number] => ({
    code, name: code, department: '003001', status: 'approved', light: 'green', score: '95.00', grade: grade as Schema<'Dashboard'>['projects'][number]['grade'],
    budget: '10.00', executed: '5.00', execution_rate: '0.5000', budget_light: 'green', blocking: 0,
  })
  // one page of five projects out of 60,000
  const d: Schema<'Dashboard'> = {
    period: { key: '2024-06', kind: 'monitor', year: 2024, cutoff_month: 6, review_levels: 2 },
    time_progress: '0.5000', project_count: 60000, budget_total: '1000000.00', executed_total: '400000.00', execution_rate: '0.4000',
    average_score: '88.10', by_light: { red: 100, green: 50000, grey: 9900 }, by_grade: { 优: 30000, 良: 20000, 中: 100, 差: 0 },
    by_status: { approved: 50100 }, reported_count: 50100, projects: ['a', 'b', 'c', 'd', 'e'].map((c) => project(c, '优')),
    departments: [], department_count: 0, reconciliation_gaps: [], rule_profile: { name: 'default', version: 1, title: '', verified: true }, other_profile_reports: 0,
  }
  const t = (k: string) => k
  type Bars = { series: Array<{ data: Array<{ value: number }> }>; xAxis: { data: string[] } }

  it('draw the totals, not the page of projects', () => {
    expect(Object.keys(totalsOf(d))).not.toContain('projects')
    const g = gradeOption(totalsOf(d), t) as unknown as Bars
    expect(g.xAxis.data).toEqual(['grades.优', 'grades.良', 'grades.中', 'grades.差', 'outputs.dashboard.notReported'])
    expect(g.series[0].data.map((b) => b.value)).toEqual([30000, 20000, 100, 0, 9900])
    const pie = lightOption(totalsOf(d), t) as unknown as { series: Array<{ data: Array<{ value: number }> }> }
    expect(pie.series[0].data.map((s) => s.value)).toEqual([100, 50000, 9900])
    const e = executionOption(totalsOf(d), t) as unknown as { series: Array<{ data: Array<{ value: number }>; markLine: { data: Array<{ xAxis: number }> } }> }
    expect(e.series[0].data[0].value).toBeCloseTo(40)
    expect(e.series[0].markLine.data[0].xAxis).toBeCloseTo(50)
  })
})
