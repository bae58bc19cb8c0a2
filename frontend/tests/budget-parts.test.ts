import type { Schema } from '@/api/http'
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '@/i18n'
import BudgetBlock from '@/views/report/BudgetBlock.vue'

function view(parts?: Schema<'BudgetPart'>[]): Schema<'Report'> {
  return {
    project_code: '003001-ZT2024', period: '2024-06', period_kind: 'monitor', status: 'draft', status_label: '草稿', version: 1, saved: true,
    editable: false, actions: [], time_progress: '0.5', light: 'grey',
    budget: { budget: '4397.85', adjusted: null, executed: '4300.00', projected: null, reason: '', base: '4397.85', rate: '0.9778', light: 'green', needs_reason: false, missing: [], basis: '', parts },
    lines: [], score: { total: '0.00', computed_total: '0.00', grade: '差', execution: { rate: null, score: '0', rule: '', rule_name: '', basis: '' }, lines: [], basis: '', projected: true, applicable_weight: '90', indicator_sum: '0', indicator_weight: '90', effects: [] },
    blocking: [], transitions: [], updated_at: null, updated_by: '', updated_by_name: '',
    target_version: 1, current_target_version: 1, indicators: [], execution_weight: '10', rule_profile: { name: 'default', version: 1 }, warnings: [],
  }
}

const budget = { adjusted: '', executed: '4300.00', projected: '', reason: '' }

describe('the budget block of a 部门整体 report', () => {
  it('shows 基本支出 and 项目支出 with their execution and rates under the whole', () => {
    const w = mount(BudgetBlock, {
      props: {
        budget, edit: false, showProblems: false, errors: {},
        view: view([
          { part: 'basic', label: '基本支出', budget: '2244.07', executed: '2200.00', projected: null, rate: '0.9804' },
          { part: 'projects', label: '项目支出', budget: '2153.78', executed: '2100.00', projected: '2150.00', rate: '0.975' },
        ]),
      },
      global: { plugins: [i18n, ElementPlus] },
    })
    const basic = w.find('[data-testid="budget-part-basic"]')
    expect(basic.text()).toContain('其中：基本支出')
    expect(basic.text()).toContain('2,244.07')
    expect(w.find('[data-testid="budget-part-rate-basic"]').text()).toBe('98.04%')
    expect(w.find('[data-testid="budget-part-projects"]').text()).toContain('其中：项目支出')
    expect(w.find('[data-testid="budget-part-rate-projects"]').text()).toBe('97.50%')
  })

  it('has no such rows on an ordinary project', () => {
    const w = mount(BudgetBlock, { props: { budget, edit: false, showProblems: false, errors: {}, view: view() }, global: { plugins: [i18n, ElementPlus] } })
    expect(w.findAll('[data-testid^="budget-part-"]')).toHaveLength(0)
  })
})
