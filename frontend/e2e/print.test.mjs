// What leaves the system on paper, in the browser: 金融服务活动资金's 2024-06
// report is submitted and approved, then its targets are adjusted (举办银企对接
// 会议次数 10 → 8). The report page still reads version 1 and says so; 打印
// gives the national form (Chromium's own PDF, read back with pdftotext -raw,
// the text in the order it was drawn, cell by cell): every indicator,
// 填报单位, period, 金额单位, the sign-off block and page numbers, and nothing of the app's frame. Reopened, its submitter moves it
// to version 2 after a confirmation that lists the change. The department's
// table prints over several pages; the project's targets print too; the
// dashboard's average does not move when a draft gets a value.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { launch, newPage, login, apiAs, artifacts, visit } from './lib.mjs'

const code = '63280100024T000000642'
const period = '2024-06'
const reportApi = `/api/v1/projects/${code}/reports/${period}`
const reportPage = `/projects/${code}/reports/${period}`
// the app's frame and controls: none of it may reach the paper
const chrome = ['总览', '审计日志', '退出登录', '修改密码', '保存', '提交', '重新打开', '导出', '打印', '查看目标版本', '改按新版目标']

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

/** A page whose print dialog is counted instead of opened (the sheet is printed with page.pdf). */
async function printablePage(username, path) {
  const page = await newPage(browser)
  await page.addInitScript(() => {
    window.print = () => { window.__printed = (window.__printed ?? 0) + 1 }
  })
  await login(page, username, path)
  return page
}

/** Clicks a 打印 button, then prints the page as Chromium does; the PDF's text and pages. */
async function printed(page, button, name) {
  const before = await page.evaluate(() => window.__printed ?? 0)
  await page.getByTestId(button).click()
  await page.waitForFunction((n) => (window.__printed ?? 0) > n, before)
  await page.evaluate(() => document.fonts.ready)
  const path = join(artifacts, `${name}.pdf`)
  await page.pdf({ path, preferCSSPageSize: true, printBackground: true })
  let text
  try {
    text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8', timeout: 30000 })
  } catch (e) {
    throw new Error(`pdftotext (Debian's poppler-utils; .ci/run installs it) could not read ${path}: ${e.message}`)
  }
  const pages = text.split('\f').filter((p) => p.trim() !== '')
  const size = execFileSync('pdfinfo', [path], { encoding: 'utf8', timeout: 30000 }).match(/Page size:\s+([\d.]+) x ([\d.]+)/)
  return { text, flat: text.replace(/\s+/g, ''), pages: pages.length, landscape: !!size && Number(size[1]) > Number(size[2]) }
}

function assertForm(pdf, what, { mustHave, pages = 1 }) {
  for (const s of mustHave) assert.ok(pdf.flat.includes(s.replace(/\s+/g, '')), `${what}: the printout lacks “${s}”`)
  for (const s of chrome) assert.ok(!pdf.text.includes(s), `${what}: the printout shows the app's “${s}”`)
  assert.ok(pdf.landscape, `${what}: A4 landscape`)
  assert.ok(pdf.pages >= pages, `${what}: ${pdf.pages} pages, want at least ${pages}`)
  assert.ok(pdf.flat.includes('第1页'), `${what}: page numbers`)
  for (const s of ['填报单位（盖章）', '单位负责人', '填报人', '联系电话', '填报日期']) assert.ok(pdf.flat.includes(s), `${what}: sign-off lacks ${s}`)
}

/** Fills every line on target (cumulative ones half way) and the budget half executed. */
async function fill(api) {
  const p = (await api('GET', `/api/v1/projects/${code}`)).body
  const r = (await api('GET', reportApi)).body
  const lines = p.indicators.map((i) => {
    if (i.kind === 'qualitative') return { indicator_id: i.id, band: 'achieved', score_input: i.weight }
    if (i.kind === 'deadline') return { indicator_id: i.id, likelihood: 'certain' }
    const half = i.accrual === 'cumulative' ? String(Number(i.target) / 2) : i.target
    return { indicator_id: i.id, value: half, projected: i.target, likelihood: 'certain' }
  })
  const saved = await api('PUT', reportApi, { version: r.version, budget: { executed: '7.90', projected: '15.80' }, lines })
  assert.equal(saved.status, 200, JSON.stringify(saved.body))
  return p
}

test('an adjusted report prints the targets it was filed against, and moves to the new ones on request', async () => {
  const jingji = await apiAs('jingji')
  const reviewer = await apiAs('reviewer')
  const project = await fill(jingji)
  assert.equal((await jingji('POST', `${reportApi}/submit`, {})).status, 200)
  assert.equal((await reviewer('POST', `${reportApi}/approve`, { comment: '同意' })).status, 200)
  const meetings = project.indicators.find((i) => i.name === '举办银企对接会议次数')
  assert.equal(meetings.target, '10')
  const change = await jingji('POST', `/api/v1/projects/${code}/target-changes`, {
    reason: '场地所限，全年调整为8次', items: [{ op: 'change', indicator_id: meetings.id, target: '8' }],
  })
  assert.equal(change.status, 201, JSON.stringify(change.body))
  assert.equal((await reviewer('POST', `/api/v1/target-changes/${change.body.id}/approve`, { comment: '同意' })).status, 200)

  // the approved report still reads version 1, and says so
  const page = await printablePage('jingji', reportPage)
  await page.getByTestId('version-notice-text').getByText('按第 1 版目标填报（目标已调整为第 2 版）').waitFor()
  await page.locator(`[data-indicator-id="${meetings.id}"]`).getByText('≥10').first().waitFor()
  assert.equal(await page.getByTestId('retarget').count(), 0, 'an approved report is not moved')
  await page.getByTestId('view-versions').click()
  await page.getByTestId('versions').locator(`[data-cell="${meetings.id}-2"]`).getByText('≥8').waitFor()
  await page.keyboard.press('Escape')
  await page.getByTestId('versions').waitFor({ state: 'hidden' })
  await visit(page, '30-report-adjusted-targets')

  const pdf = await printed(page, 'print-report', '31-report-print')
  assertForm(pdf, 'the report', {
    mustHave: [
      '2024年1–6月项目支出绩效监控情况表', '填报单位：格尔木市人民政府办公室', '金额单位：万元', '期间：2024年1–6月监控',
      '按第 1 版目标填报（目标已调整为第 2 版）', '≥10次', '一级指标', '纠偏措施', '预计得分', '已通过', ...project.indicators.map((i) => i.name),
    ],
  })
  assert.ok(!pdf.flat.includes('≥8次'), 'the report prints version 1, not the adjusted target')

  // reopened: its submitter moves it to version 2, after seeing what changes
  assert.equal((await reviewer('POST', `${reportApi}/reopen`, { reason: '请按调整后的目标重新填报' })).status, 200)
  await page.reload()
  await page.getByTestId('retarget').click()
  const dialog = page.getByTestId('retarget-changes')
  await dialog.getByText('「举办银企对接会议次数」：≥10次').waitFor()
  assert.match(await dialog.textContent(), /≥10次，\d+ 分 → ≥8次/)
  await visit(page, '32-retarget-confirm')
  await page.getByTestId('retarget-confirm').click()
  await page.locator('.el-message--success').getByText('已改按第 2 版目标填报').waitFor()
  await page.getByTestId('version-notice').waitFor({ state: 'detached' })
  await page.locator(`[data-indicator-id="${meetings.id}"]`).getByText('≥8').first().waitFor()
  const moved = (await jingji('GET', reportApi)).body
  assert.deepEqual([moved.target_version, moved.current_target_version, moved.status], [2, 2, 'returned'])
  assert.equal(moved.indicators.find((i) => i.id === meetings.id).target, '8')
  assert.deepEqual(page.errors, [])
  await page.context().close()
})

test('the department table prints over several pages; the project targets print; drafts leave the average alone', async () => {
  const reviewer = await apiAs('reviewer')
  const dash = (await reviewer('GET', `/api/v1/dashboard?period=${period}&department=003001`)).body
  assert.equal(dash.project_count, 12)
  const page = await printablePage('reviewer', `/dashboard?period=${period}&department=003001`)
  const average = page.getByTestId('average-score')
  await page.getByTestId('average-caption').getByText(`已提交和已通过的 ${dash.reported_count} 个项目`).waitFor()
  const shown = await average.textContent()

  // one value typed into another office's draft: the average stays
  const xinxi = await apiAs('xinxi')
  const other = '63280100024T000000703'
  const p = (await xinxi('GET', `/api/v1/projects/${other}`)).body
  const r = (await xinxi('GET', `/api/v1/projects/${other}/reports/${period}`)).body
  assert.equal((await xinxi('PATCH', `/api/v1/projects/${other}/reports/${period}`, { version: r.version, lines: [{ indicator_id: p.indicators[0].id, value: '1' }] })).status, 200)
  const after = (await reviewer('GET', `/api/v1/dashboard?period=${period}&department=003001`)).body
  assert.deepEqual([after.average_score, after.by_grade, after.by_light], [dash.average_score, dash.by_grade, dash.by_light])
  assert.equal(after.by_status.draft, (dash.by_status.draft ?? 0) + (r.saved ? 0 : 1))
  await page.reload()
  await page.getByTestId('average-caption').waitFor()
  assert.equal(await average.textContent(), shown, 'the average card after a draft got a value')
  await visit(page, '33-dashboard-reported')

  const reports = await Promise.all(dash.projects.map((x) => reviewer('GET', `/api/v1/projects/${x.code}/reports/${period}`)))
  const names = [...new Set(reports.flatMap((x) => x.body.indicators.map((i) => i.name)))]
  const pdf = await printed(page, 'print-dashboard', '34-department-print')
  assertForm(pdf, 'the department table', {
    mustHave: ['2024年1–6月项目支出绩效运行监控表', '填报单位：格尔木市人民政府办公室', '金额单位：万元', '未填报', ...dash.projects.map((x) => x.name), ...names],
    pages: 2,
  })
  await page.context().close()

  // the project's targets
  const tpage = await printablePage('reviewer', `/projects/${code}`)
  await tpage.getByTestId('target-table').waitFor()
  const project = (await reviewer('GET', `/api/v1/projects/${code}`)).body
  const tpdf = await printed(tpage, 'print-targets', '35-targets-print')
  assertForm(tpdf, 'the targets', { mustHave: ['2024年项目支出绩效目标表', '金融服务活动资金', '分值权重', ...project.indicators.map((i) => i.name)] })
  await tpage.context().close()
})

test('a report nobody filled prints 未填报, no score, no 差', async () => {
  const code = '63280100024T000000705'
  const page = await printablePage('xinxi', `/projects/${code}/reports/${period}`)
  await page.getByTestId('print-report').waitFor()
  const pdf = await printed(page, 'print-report', '36-unfilled-print')
  assertForm(pdf, 'an unfilled report', { mustHave: ['报告状态未填报', '项目预计总分未填报'] })
  assert.ok(!pdf.flat.includes('（差）') && !/\d（[优良中差]）/.test(pdf.flat), 'no grade')
  await page.context().close()
})
