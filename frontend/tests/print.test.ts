import type { Schema } from '@/api/http'
import { afterEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import ReportPrint from '@/components/print/ReportPrint.vue'

// The printed report in the DOM (the PDF is e2e/print.test.mjs's): the
// targets it was filed against, every indicator, and for a report nobody
// saved 未填报 with no score and no grade.
const ind = (id: number, name: string, target: string, over: Partial<Schema<'Indicator'>> = {}): Schema<'Indicator'> => ({
  id, level1: '产出指标', level2: '数量指标', name, nature: '>=', target, unit: '次', weight: '10', kind: 'higher', value_basis: '', ...over,
})
const line = (id: number, over: Partial<Schema<'ReportLine'>> = {}): Schema<'ReportLine'> => ({
  indicator_id: id, value: null, projected: null, band: '', score_input: null, completed_on: '', not_applicable: false,
  not_applicable_reason: '', deviation_causes: [], explanation: '', likelihood: '', measures: '', light: 'grey',
  needs_explanation: false, missing: [], score: '0.00', rule: '', rule_name: '', basis: '', light_basis: '', previous: null, last_year: null, ...over,
})
const indicators = [ind(1, '举办银企对接会议次数', '10'), ind(2, '培训合格率', '95', { unit: '%', level2: '质量指标' }), ind(3, '金融服务活动完成时限', '2024', { unit: '年', nature: '=', kind: 'deadline', level2: '时效指标' })]
const project: Schema<'Project'> = {
  code: '63280100024T000000642', name: '金融服务活动资金', category: '3-特定目标类', year: 2024, department: { code: '003001', name: '格尔木市人民政府办公室' },
  budget: '15.80', indicator_count: 3, assigned: true, status: 'approved', kind: 'project', budget_basic: null, budget_projects: null, goal: '普及金融知识', execution_weight: '10', indicator_weight: '90', indicators,
}
function report(saved: boolean, over: Partial<Schema<'Report'>> = {}): Schema<'Report'> {
  return {
    project_code: project.code, period: '2024-06', period_kind: 'monitor', status: saved ? 'approved' : 'draft', status_label: '', version: saved ? 3 : 0, saved,
    editable: false, actions: [], time_progress: '0.5', light: saved ? 'green' : 'grey',
    budget: { budget: '15.80', adjusted: null, executed: saved ? '7.90' : null, projected: null, reason: '', base: '15.80', rate: saved ? '0.5' : null, light: saved ? 'green' : 'grey', needs_reason: false, missing: [], basis: '' },
    lines: saved
      ? [line(1, { value: '5', projected: '10', light: 'green', score: '10.00' }), line(2, { value: '96', light: 'green', score: '10.00' }), line(3, { completed_on: '2024-05-20', light: 'green', score: '10.00' })]
      : indicators.map((i) => line(i.id)),
    score: { total: saved ? '100.00' : '0.00', computed_total: '0.00', grade: saved ? '优' : '差', execution: { rate: null, score: saved ? '10.00' : '0.00', rule: '', rule_name: '', basis: '' }, lines: [], basis: '', projected: true, applicable_weight: '90', indicator_sum: '0', indicator_weight: '90', effects: [] },
    blocking: [], transitions: [], updated_at: null, updated_by: '', updated_by_name: '', target_version: 1, current_target_version: 1, indicators, execution_weight: '10', rule_profile: { name: 'default', version: 1 }, warnings: [], ...over,
  }
}
const print = (r: Schema<'Report'>) => mount(ReportPrint, { props: { project, report: r, period: '2024-06', saved: r.saved }, global: { plugins: [i18n] }, attachTo: document.body })

afterEach(() => {
  document.body.innerHTML = ''
  document.head.querySelectorAll('style[data-print-page]').forEach((s) => s.remove())
})

describe('the printed report', () => {
  it('is the monitoring form with every indicator, the sign-off block and an A4 landscape page rule', () => {
    const w = print(report(true, { target_version: 1, current_target_version: 2 }))
    const sheet = document.querySelector('[data-print-sheet]')
    expect(sheet).not.toBeNull()
    const text = sheet?.textContent ?? ''
    for (const s of ['2024年1–6月项目支出绩效监控情况表', '填报单位：格尔木市人民政府办公室', '金额单位：万元', '按第 1 版目标填报（目标已调整为第 2 版）',
      '≥10次', '已完成（2024年5月20日）', '100.00（优）', '填报单位（盖章）：', '单位负责人：', '联系电话：', ...indicators.map((i) => i.name)]) {
      expect(text).toContain(s)
    }
    expect(sheet?.querySelectorAll('thead').length).toBeGreaterThan(0)
    const rule = document.head.querySelector('style[data-print-page]')?.textContent ?? ''
    expect(rule).toContain('size: A4 landscape')
    expect(rule).toContain('counter(page)')
    w.unmount()
    expect(document.head.querySelector('style[data-print-page]')).toBeNull()
  })

  it('says 未填报 for a report nobody saved, with no score and no grade', () => {
    print(report(false))
    const sheet = document.querySelector('[data-print-sheet]')
    const text = sheet?.textContent ?? ''
    expect(sheet?.querySelector('[data-print-total]')?.textContent).toBe('未填报')
    expect(text).not.toMatch(/（[优良中差]）/) // 差 is only in the heading 偏差原因
    expect(text.replace('偏差原因', '')).not.toContain('差')
    expect(text).not.toContain('0.00（')
    const scores = [...(sheet?.querySelectorAll('[data-print-lines] tbody tr') ?? [])].slice(0, 3).map((tr) => tr.lastElementChild?.textContent)
    expect(scores).toEqual(['', '', ''])
  })

  it('is the self-evaluation form for the annual period', () => {
    mount(ReportPrint, { props: { project, report: report(true, { period: '2024', period_kind: 'final' }), period: '2024', saved: true }, global: { plugins: [i18n] }, attachTo: document.body })
    const text = document.querySelector('[data-print-sheet]')?.textContent ?? ''
    for (const s of ['2024年度项目支出绩效自评表', '实际完成值', '偏差原因分析及改进措施', '全年预算数', '全年执行数', '总分', '100.00（优）']) expect(text).toContain(s)
    expect(text).not.toContain('全年预计完成情况')
  })

  it('is titled as the 部门整体 forms for a department report on itself as a whole', () => {
    const overall: Schema<'Project'> = { ...project, kind: 'department', budget_basic: '2244.07', budget_projects: '2153.78' }
    mount(ReportPrint, { props: { project: overall, report: report(true, { period: '2024', period_kind: 'final' }), period: '2024', saved: true }, global: { plugins: [i18n] }, attachTo: document.body })
    let text = document.querySelector('[data-print-sheet]')?.textContent ?? ''
    expect(text).toContain('2024年度部门整体支出绩效自评表')
    expect(text).not.toContain('项目支出绩效自评表')
    document.body.innerHTML = ''
    mount(ReportPrint, { props: { project: overall, report: report(true), period: '2024-06', saved: true }, global: { plugins: [i18n] }, attachTo: document.body })
    text = document.querySelector('[data-print-sheet]')?.textContent ?? ''
    expect(text).toContain('2024年1–6月部门整体支出绩效监控情况表')
  })

  it('names the rule profile that scored it and what its variants did, and none for a report nobody saved', () => {
    const cap = '执行率65%，低于70%，按执行率封顶规则总分不超过79分（来源：某手册）'
    const saved = report(true, { period: '2024', period_kind: 'final', rule_profile: { name: 'exec-caps', version: 1 } })
    saved.score.effects = [{ rule: 'variant.execution_cap', before: '94.50', after: '79.00', basis: cap }]
    mount(ReportPrint, { props: { project, report: saved, period: '2024', saved: true }, global: { plugins: [i18n] }, attachTo: document.body })
    expect(document.querySelector('[data-print-profile]')?.textContent?.trim()).toBe(`评分规则：exec-caps 第1版；${cap}`)
    document.body.innerHTML = ''
    print(report(false, { rule_profile: { name: 'national', version: 1 } }))
    expect(document.querySelector('[data-print-profile]')).toBeNull()
  })
})
