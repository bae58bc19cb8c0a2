// A monitoring round in the browser: the submitter fills the 2024-06 report
// of 政府公报办刊资金, is stopped by a red light until they explain it, and
// submits; the reviewer finds it in the queue, adjusts a qualitative score
// and approves; the dashboard shows the score; the auditor sees it all.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launch, newPage, login, visit, apiAs, fillField, choose, confirmBox, openDetail, lineScope, password, baseURL } from './lib.mjs'

const code = '63280100024T000000639'
const reportPath = `/projects/${code}/reports/2024-06`
let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

test('a monitoring round: fill, red light blocks, explain, submit, review, approve, dashboard, audit', async () => {
  const submitter = await apiAs('mishu')
  const project = (await submitter('GET', `/api/v1/projects/${code}`)).body
  const ids = Object.fromEntries(project.indicators.map((i) => [i.name, i.id]))
  const issues = ids['《格尔木政府公报》年发行期数']
  const monthly = ids['每月发行数量']
  const quality = ids['印刷合格率']
  const deadline = ids['发行时间']
  const social = project.indicators.find((i) => i.level2 === '社会效益').id
  const lasting = project.indicators.find((i) => i.level2 === '可持续影响').id
  const satisfaction = ids['各部门满意度']

  // --- the submitter, arriving by a deep link
  const page = await newPage(browser)
  await login(page, 'mishu', reportPath)
  assert.equal(new URL(page.url()).pathname, reportPath)
  await page.locator(`[data-indicator-id="${issues}"]`).waitFor()
  await fillField(page, null, 'budget.executed', '9.90')
  await fillField(page, null, 'budget.projected', '19.80')
  await fillField(page, issues, 'value', '2')
  await fillField(page, issues, 'projected', '6')
  await fillField(page, monthly, 'value', '800')
  await fillField(page, monthly, 'projected', '800')
  await fillField(page, quality, 'value', '100')
  await fillField(page, quality, 'projected', '100')
  await choose(page, deadline, 'likelihood', '确定能')
  await choose(page, social, 'band', '达成年度指标')
  await fillField(page, social, 'score_input', '9')
  await choose(page, lasting, 'band', '达成年度指标')
  await fillField(page, lasting, 'score_input', '9')
  await fillField(page, satisfaction, 'value', '96')
  await fillField(page, satisfaction, 'projected', '96')
  // the preview lights the line red while typing; nothing is stored yet
  await page.locator(`[data-indicator-id="${issues}"] [data-light="red"]`).waitFor()
  assert.equal((await submitter('GET', `/api/v1/projects/${code}/reports/2024-06`)).body.saved, false)
  await page.getByRole('button', { name: '保存', exact: true }).click()
  await page.locator('.el-message--success').first().waitFor()
  await visit(page, '03-report-submitter-red')

  // 提交 is refused while the red line is unexplained
  await page.getByRole('button', { name: '提交', exact: true }).click()
  await page.locator('[data-problems]').getByText('红灯预警').first().waitFor()
  await lineScope(page, issues).locator('.err').first().waitFor()
  assert.equal(await page.locator('.el-message-box:visible').count(), 0, 'no confirmation while blocked')
  let stored = (await submitter('GET', `/api/v1/projects/${code}/reports/2024-06`)).body
  assert.equal(stored.status, 'draft')
  assert.equal(stored.lines.find((l) => l.indicator_id === issues).light, 'red')
  assert.equal(stored.lines.find((l) => l.indicator_id === issues).value, '2')
  await visit(page, '04-report-submitter-blocked')

  // the explanation the light demands
  await choose(page, issues, 'deviation_causes', '经费保障', '其他')
  await choose(page, issues, 'likelihood', '有可能')
  await fillField(page, issues, 'explanation', '印刷经费下达较晚，上半年仅出刊2期')
  await fillField(page, issues, 'measures', '下半年每月按期出刊并补齐欠刊')
  await page.getByRole('button', { name: '提交', exact: true }).click()
  await confirmBox(page)
  await page.getByTestId('report-status').getByText('已提交').waitFor()
  stored = (await submitter('GET', `/api/v1/projects/${code}/reports/2024-06`)).body
  assert.equal(stored.status, 'submitted')
  const line = stored.lines.find((l) => l.indicator_id === issues)
  assert.deepEqual([line.explanation, line.likelihood, line.deviation_causes], ['印刷经费下达较晚，上半年仅出刊2期', 'possible', ['funding', 'other']])
  assert.equal(await page.getByRole('button', { name: '保存', exact: true }).count(), 0, 'a submitted report is read only')
  await visit(page, '05-report-submitted')
  await page.goto('/mine?period=2024-06')
  await page.getByText('政府公报办刊资金').waitFor()
  await visit(page, '06-mine-submitter')
  await page.context().close()

  // --- the reviewer: the queue, the report, an adjustment, approval
  const rpage = await newPage(browser)
  await login(rpage, 'reviewer', '/review?period=2024-06')
  await rpage.getByTestId('review-table').locator(`[data-project="${code}"]`).waitFor()
  await visit(rpage, '07-review-queue')
  await rpage.getByTestId('review-table').locator(`[data-project="${code}"]`).click()
  await rpage.waitForURL((u) => u.pathname === reportPath)
  await rpage.locator(`[data-indicator-id="${social}"]`).waitFor()
  // the reviewer sees why each light is lit beside the values, and opens a line to adjust its score
  await rpage.locator(`[data-indicator-id="${issues}"] [data-testid="light-basis"]`).getByText('低于60%：红灯').waitFor()
  await openDetail(rpage, social)
  assert.equal(await rpage.getByRole('button', { name: '提交', exact: true }).count(), 0, 'a reviewer never submits')
  assert.equal(await rpage.locator('[data-field="value"] input').count(), 0, 'a reviewer never types values')
  await fillField(rpage, social, 'adjustment.score', '8')
  await fillField(rpage, social, 'adjustment.reason', '社会效益佐证材料不足，酌减1分')
  await rpage.locator(`[data-indicator-id="${social}"]`).getByText('审核调整为 8.00（原因：社会效益佐证材料不足，酌减1分）').waitFor()
  await visit(rpage, '08-report-reviewer')
  await rpage.getByRole('button', { name: '通过', exact: true }).click()
  await confirmBox(rpage, '同意，注意按期出刊')
  await rpage.getByTestId('report-status').getByText('已通过').waitFor()
  await rpage.getByRole('button', { name: '重新打开', exact: true }).waitFor()
  const reviewer = await apiAs('reviewer')
  const approved = (await reviewer('GET', `/api/v1/projects/${code}/reports/2024-06`)).body
  assert.equal(approved.status, 'approved')
  const adjusted = approved.score.lines.find((l) => l.indicator_id === social)
  assert.deepEqual([adjusted.adjusted, adjusted.reason], ['8.00', '社会效益佐证材料不足，酌减1分'])
  assert.deepEqual(approved.transitions.map((t) => t.to), ['submitted', 'approved'])

  // the dashboard shows the approved score
  await rpage.goto('/dashboard?period=2024-06')
  const dash = (await reviewer('GET', '/api/v1/dashboard?period=2024-06')).body
  const row = dash.projects.find((p) => p.code === code)
  assert.equal(row.status, 'approved')
  assert.equal(row.score, approved.score.total)
  await rpage.locator(`[data-score="${code}"]`).getByText(approved.score.total).waitFor()
  await visit(rpage, '09-dashboard-reviewer')

  // an approved report can be reopened, with a reason
  await rpage.locator(`[data-project="${code}"]`).click()
  await rpage.waitForURL((u) => u.pathname === reportPath)
  await rpage.getByRole('button', { name: '重新打开', exact: true }).click()
  await confirmBox(rpage, '出刊计划需补充说明')
  await rpage.getByTestId('report-status').getByText('已退回').waitFor()
  const reopened = (await reviewer('GET', `/api/v1/projects/${code}/reports/2024-06`)).body
  assert.equal(reopened.status, 'returned')
  assert.equal(reopened.transitions.at(-1).comment, '出刊计划需补充说明')
  await rpage.context().close()

  // --- the auditor sees the round in the audit trail
  const apage = await newPage(browser)
  await login(apage, 'auditor', `/audit?object_id=${code}/2024-06`)
  const table = apage.getByTestId('audit-table')
  // actions in words, objects by name, people by name
  await table.locator('[data-action="report.approve"]', { hasText: '审核通过' }).first().waitFor()
  await table.locator('[data-action="report.submit"]', { hasText: '提交报告' }).first().waitFor()
  await table.getByText('政府公报办刊资金 · 2024年1–6月监控').first().waitFor()
  assert.equal(await table.getByText('report.approve').count(), 0, 'no action code on the page')
  const auditor = await apiAs('auditor')
  const trail = (await auditor('GET', `/api/v1/audit?object_id=${code}/2024-06&page_size=100`)).body
  const actions = new Set(trail.items.map((e) => `${e.actor} ${e.action}`))
  for (const want of ['mishu report.save', 'mishu report.submit', 'reviewer report.approve', 'reviewer report.reopen']) assert.ok(actions.has(want), `audit has ${want}: ${[...actions]}`)
  await visit(apage, '10-audit')
  await apage.goto('/projects')
  await apage.getByTestId('project-table').getByText('政府公报办刊资金').waitFor()
  await visit(apage, '11-projects')
  await apage.goto(`/projects/${code}`)
  await apage.getByTestId('target-table').waitFor()
  await apage.getByText('印刷经费下达较晚').first().waitFor()
  await visit(apage, '12-project-detail')
  await apage.goto(reportPath)
  await apage.getByTestId('report-status').getByText('已退回').waitFor()
  for (const label of ['保存', '提交', '通过', '退回', '重新打开']) {
    assert.equal(await apage.getByRole('button', { name: label, exact: true }).count(), 0, `an auditor has no ${label}`)
  }
  await visit(apage, '13-report-auditor')
  await apage.context().close()
})

test('an admin manages users; everyone changes their own password', async () => {
  const page = await newPage(browser)
  await login(page, 'admin', '/users')
  await page.getByTestId('users-table').getByText('mishu').waitFor()
  await visit(page, '14-users')
  await page.goto('/review')
  await page.locator('.el-result__title', { hasText: '页面不存在' }).waitFor()
  await page.context().close()

  // a submitter changes their own password; the new one signs in
  const own = await newPage(browser)
  await login(own, 'zonghe2', '/password')
  await own.getByRole('heading', { name: '修改密码' }).waitFor()
  await visit(own, '15-password')
  const next = `${password}-New2`
  await own.getByLabel('当前密码').fill(password)
  await own.getByLabel('新密码', { exact: true }).fill(next)
  await own.getByLabel('再次输入新密码').fill(next)
  await own.getByRole('button', { name: '修改密码' }).click()
  await own.getByText('密码已修改').waitFor()
  const res = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'zonghe2', password: next }),
  })
  assert.equal(res.status, 200)
  await own.context().close()
})
