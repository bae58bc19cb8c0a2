// Targets through their life in the browser and the tables: a submitter copies a 2024 project to a 2025 draft, sees the
// quality findings beside the rows change as they type, and submits; the
// reviewer finds it in the queue and approves it with a reason; an
// adjustment is requested and approved, and both versions show side by
// side; the dashboard shows the reconciliation gap; an exported targets
// table is checked on the import page. The API witnesses every step.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { launch, newPage, login, visit, apiAs, confirmBox, artifacts, baseURL, timeout } from './lib.mjs'

const from = '63280100024T000000639' // 政府公报办刊资金, filled by mishu
const copy = '63280100025T000000639'
/** The input of a field (Element Plus puts data-field on the input itself or on its wrapper). */
const field = (scope, name) =>
  scope.locator(`input[data-field="${name}"], textarea[data-field="${name}"], [data-field="${name}"] input, [data-field="${name}"] textarea`).first()

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

test('a 2025 draft is copied, reviewed as typed, submitted and approved with a reason', async () => {
  const mishu = await apiAs('mishu')
  const reviewerApi = await apiAs('reviewer')
  const page = await newPage(browser)
  await login(page, 'mishu', `/projects/${from}`)
  const block = page.getByTestId('project-targets')
  await block.getByTestId('target-status').getByText('已批复').waitFor()
  // a submitter sees neither approve nor return
  assert.equal(await block.getByRole('button', { name: '批复' }).count(), 0)
  await visit(page, 'targets-01-project-approved')

  // copy to 2025: the editor opens on the new draft
  await block.getByRole('button', { name: '复制为新年度草稿' }).click()
  const dialog = page.locator('.el-dialog:visible')
  await dialog.getByRole('button', { name: '确定' }).click()
  await page.waitForURL(`**/projects/${copy}/targets`)
  const editor = page.getByTestId('target-editor')
  await editor.locator('[data-row]').first().waitFor()
  let stored = (await mishu('GET', `/api/v1/projects/${copy}`)).body
  assert.equal(stored.status, 'draft')
  assert.equal(stored.year, 2025)
  assert.equal(stored.indicators.length, 7, 'the copy carries every indicator')
  assert.equal(stored.indicators.find((i) => i.name === '发行时间').target, '2025', 'the deadline moves to the new year')

  // findings beside the rows: 100 % on a rate, and the project as a whole lacks a cost indicator
  const rateRow = editor.locator('tr[data-name="印刷合格率"]')
  await rateRow.locator('[data-rule="rate_full_target"]').waitFor()
  await page.locator('.project-findings [data-rule="cost_missing"]').waitFor()
  await page.getByTestId('weight-total').getByText('合计 100').waitFor()
  await visit(page, 'targets-02-editor-findings')

  // as the target is typed the finding goes away (the server reviews the draft as typed)
  await field(rateRow, 'target').fill('98')
  await rateRow.locator('[data-rule="rate_full_target"]').waitFor({ state: 'detached' })
  // a weight that breaks the total is said so beside the total
  await field(rateRow, 'weight').fill('25')
  await page.getByTestId('weight-total').getByText('合计应为 100').waitFor()
  await field(rateRow, 'weight').fill('20')
  await page.getByRole('button', { name: '保存', exact: true }).click()
  await page.locator('.el-message--success', { hasText: '已保存' }).waitFor()
  stored = (await mishu('GET', `/api/v1/projects/${copy}`)).body
  assert.equal(stored.indicators.find((i) => i.name === '印刷合格率').target, '98')
  assert.equal(stored.version, 2)

  // submit: confirmed, then back on the project page as submitted
  await page.getByRole('button', { name: '提交审核' }).click()
  await confirmBox(page)
  await page.waitForURL(`**/projects/${copy}`)
  await page.getByTestId('project-targets').getByTestId('target-status').getByText('已提交').waitFor()
  assert.equal((await mishu('GET', `/api/v1/projects/${copy}`)).body.status, 'submitted')
  await page.context().close()

  // the reviewer's queue lists the submission; the project page offers approve and return
  const rev = await newPage(browser)
  await login(rev, 'reviewer', '/review?period=2024-06')
  const queue = rev.getByTestId('target-queue')
  await queue.locator(`[data-project="${copy}"]`).first().waitFor()
  await visit(rev, 'targets-03-review-queue')
  await queue.locator(`a[data-project="${copy}"]`).click()
  await rev.waitForURL(`**/projects/${copy}`)
  const rblock = rev.getByTestId('project-targets')
  await rblock.locator('[data-rule="cost_missing"]').first().waitFor()
  assert.equal(await rblock.getByRole('button', { name: '申请调整' }).count(), 0, 'a reviewer does not request changes')
  await visit(rev, 'targets-04-project-submitted-reviewer')
  const findings = (await reviewerApi('GET', `/api/v1/projects/${copy}/review`)).body.findings
  assert.ok(findings.length > 0)
  await rblock.getByRole('button', { name: '批复' }).click()
  await rev.locator('.el-message-box:visible').getByText(`存在 ${findings.length} 条质量审核意见`).waitFor()
  await confirmBox(rev, '成本指标将在下年度补充，本年度先行批复')
  await rblock.getByTestId('target-status').getByText('已批复').waitFor()
  stored = (await reviewerApi('GET', `/api/v1/projects/${copy}`)).body
  assert.equal(stored.status, 'approved')
  const steps = (await reviewerApi('GET', `/api/v1/projects/${copy}/transitions`)).body
  const approval = steps.find((s) => s.action === 'approve')
  assert.equal(approval.comment, '成本指标将在下年度补充，本年度先行批复')
  assert.equal(approval.actor, 'reviewer')
  await rev.context().close()
})

test('a new empty draft is reviewed as typed and created by its first save', async () => {
  const mishu = await apiAs('mishu')
  const page = await newPage(browser)
  await login(page, 'mishu', '/projects')
  await page.getByTestId('new-draft').click()
  await page.waitForURL('**/targets/new')
  await field(page, 'code').fill('63280100025T000000999')
  await field(page, 'name').first().fill('政务信息公开专项资金')
  await field(page, 'budget').fill('12.5')
  await field(page, 'goal').fill('按时公开政务信息，方便群众查询')
  const row = page.getByTestId('target-editor').locator('[data-row="0"]')
  await field(row, 'name').fill('公开信息条数')
  await field(row, 'target').fill('300')
  await field(row, 'unit').fill('条')
  await field(row, 'weight').fill('90')
  // the review of what is typed: no quality or timeliness indicator yet
  await page.locator('.project-findings [data-rule="quality_missing"]').waitFor()
  await page.locator('.project-findings [data-rule="timeliness_missing"]').waitFor()
  await page.getByTestId('weight-total').getByText('合计 100').waitFor()
  // saved without a category: refused, and the message stands beside the field
  await page.getByRole('button', { name: '保存', exact: true }).click()
  await page.locator('.el-form-item__error', { hasText: '项目类别不能为空' }).waitFor()
  await visit(page, 'targets-10-new-draft')
  await field(page, 'category').fill('3-特定目标类')
  await page.getByRole('button', { name: '保存', exact: true }).click()
  await page.waitForURL('**/projects/63280100025T000000999/targets')
  const stored = (await mishu('GET', '/api/v1/projects/63280100025T000000999')).body
  assert.equal(stored.status, 'draft')
  assert.equal(stored.budget, '12.50')
  assert.deepEqual(stored.indicators.map((i) => [i.name, i.target, i.unit, i.weight]), [['公开信息条数', '300', '条', '90']])
  await page.context().close()
})

test('an adjustment is requested, approved, and both versions show side by side', async () => {
  const mishu = await apiAs('mishu')
  const target = (await mishu('GET', `/api/v1/projects/${from}`)).body.indicators.find((i) => i.name === '每月发行数量')
  const page = await newPage(browser)
  await login(page, 'mishu', `/projects/${from}`)
  const block = page.getByTestId('project-targets')
  await block.getByRole('button', { name: '申请调整' }).click()
  const dialog = page.getByTestId('change-dialog')
  await dialog.locator('[data-field="indicator"]').click()
  await page.getByRole('option', { name: '每月发行数量', exact: true }).click()
  await field(dialog, 'target').fill('600')
  await field(dialog, 'reason').fill('纸价上涨，压缩印量，增加电子版发行')
  await visit(page, 'targets-05-change-dialog')
  await dialog.getByRole('button', { name: '申请调整' }).click()
  await page.locator('.el-message--success', { hasText: '已提交调整申请' }).waitFor()
  const changes = (await mishu('GET', `/api/v1/projects/${from}/target-changes`)).body.items
  assert.equal(changes.length, 1)
  assert.equal(changes[0].status, 'pending')
  assert.deepEqual(changes[0].items, [{ op: 'change', indicator_id: target.id, target: '600' }])
  await block.getByTestId('target-changes').getByText('待审核').waitFor()
  await page.context().close()

  const rev = await newPage(browser)
  await login(rev, 'reviewer', '/review?period=2024-06')
  const queue = rev.getByTestId('change-queue')
  await queue.getByText(/^修改「每月发行数量」：指标值 \S+ → \D*600\D*$/).waitFor()
  await queue.locator(`[data-approve-change="${changes[0].id}"]`).click()
  await confirmBox(rev, '同意调整')
  await queue.getByText('没有待审核的调整申请').waitFor()
  const reviewerApi = await apiAs('reviewer')
  const decided = (await reviewerApi('GET', `/api/v1/projects/${from}/target-changes`)).body.items[0]
  assert.equal(decided.status, 'approved')
  assert.equal(decided.result_version, 2)
  const versions = (await reviewerApi('GET', `/api/v1/projects/${from}/versions`)).body.items
  assert.deepEqual(versions.map((v) => v.indicators.find((i) => i.id === target.id).target), ['800', '600'])

  await rev.goto(`/projects/${from}`)
  const table = rev.getByTestId('versions')
  await table.locator(`[data-cell="${target.id}-1"]`).getByText('≥800本').waitFor()
  await table.locator(`[data-cell="${target.id}-2"]`).getByText('≥600本').waitFor()
  await table.locator(`[data-cell="${target.id}-2"]`).getByText('已调整').waitFor()
  await visit(rev, 'targets-06-versions')
  await rev.context().close()
})

test('the dashboard shows the reconciliation gap and exports; an exported table is checked on the import page', async () => {
  const page = await newPage(browser)
  await login(page, 'reviewer', '/dashboard?period=2024-06')
  const gap = page.getByTestId('reconciliation-gaps')
  await gap.getByText('2,150.78').waitFor()
  await gap.getByText('3.00').waitFor()
  const exports = page.getByTestId('exports').first()
  assert.equal(await exports.locator('[data-export="targets"]').getAttribute('href'), '/api/v1/exports/targets.xlsx?year=2024')
  assert.equal(await exports.locator('[data-export="monitoring"]').getAttribute('href'), '/api/v1/exports/monitoring.xlsx?period=2024-06')
  await visit(page, 'targets-07-dashboard-gap')

  // the export link answers a workbook to the signed-in browser
  const res = await page.request.get('/api/v1/exports/targets.xlsx?year=2024&department=003001', { timeout })
  assert.equal(res.status(), 200)
  const xlsx = await res.body()
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK')
  const file = join(artifacts, 'targets-2024-003001.xlsx')
  writeFileSync(file, xlsx)

  const api = await apiAs('reviewer')
  const before = (await api('GET', '/api/v1/projects?year=2024')).body.total
  await page.getByRole('menuitem', { name: '导入' }).click()
  await page.waitForURL('**/imports')
  await page.getByTestId('import-file').setInputFiles(file)
  await page.getByTestId('dry-run').click()
  await page.getByTestId('import-ok').waitFor()
  const projects = page.getByTestId('import-projects')
  await projects.getByText(from).waitFor()
  await projects.getByText('政府公报办刊资金').waitFor()
  assert.equal(await projects.locator('tbody > tr.el-table__row').count(), 12)
  await visit(page, 'targets-08-import-dry-run')
  // a dry run stores nothing
  assert.equal((await api('GET', '/api/v1/projects?year=2024')).body.total, before)

  // a file that is no workbook is refused with a sentence, pointing at the file
  const bad = join(artifacts, 'not-a-table.csv')
  writeFileSync(bad, 'hello,world\n1,2\n')
  await page.getByTestId('import-file').setInputFiles(bad)
  await page.getByTestId('dry-run').click()
  await page.getByTestId('import-bad').waitFor()
  await page.getByTestId('import-errors').locator('tbody tr').first().waitFor()
  await visit(page, 'targets-09-import-errors')
  await page.context().close()

  // a submitter has no import page, in the menu or by address
  const sub = await newPage(browser)
  await login(sub, 'mishu', '/dashboard?period=2024-06')
  assert.equal(await sub.getByRole('menuitem', { name: '导入' }).count(), 0)
  await sub.goto(`${baseURL}/imports`)
  await sub.getByRole('main').getByText('页面不存在').waitFor()
  await sub.context().close()
})
