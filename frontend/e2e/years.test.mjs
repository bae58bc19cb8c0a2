// Targets that learn from the years, in the browser: 641's 2024 annual
// self-evaluation is filled and approved (through the API, unless the season
// test approved it already), 641 is copied to
// a 2025 draft whose editor shows 2024's target and actual beside each row;
// the clerk inserts an indicator from the library (it keeps its library_id);
// the reviewer confirms a proposed department indicator, records what 641's
// 2024 grade means for its 2025 budget (结果应用), and the draft shows it; the
// project across years shows both years. The API witnesses every step.
// (xzcw fills 641: smoke.test.mjs locks jingji's username.)
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launch, newPage, login, visit, apiAs } from './lib.mjs'

const code = '63280100024T000000641' // 市政府办公室综合事务专项资金, filled by xzcw
const next = '63280100025T000000641'

/** The input of a test id (Element Plus puts the attribute on the input itself or on its wrapper). */
const inputOf = (scope, id) =>
  scope.locator(`input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea`).first()

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

/** An annual report meeting every target: the body of PUT …/reports/2024. */
function annual(p) {
  return {
    version: 0,
    budget: { executed: p.budget },
    lines: p.indicators.map((i) => {
      if (i.kind === 'qualitative') return { indicator_id: i.id, band: 'achieved', score_input: i.weight }
      if (i.kind === 'deadline') return { indicator_id: i.id, completed_on: i.deadline }
      return { indicator_id: i.id, value: i.target }
    }),
  }
}

test('2024 beside each 2025 target, the library in the editor, 结果应用 and the years', async () => {
  const sub = await apiAs('xzcw')
  const reviewer = await apiAs('reviewer')
  const p = (await sub('GET', `/api/v1/projects/${code}`)).body
  const before = (await sub('GET', `/api/v1/projects/${code}/reports/2024`)).body
  if (before.status !== 'approved') {
    if (before.status !== 'submitted') {
      const saved = await sub('PUT', `/api/v1/projects/${code}/reports/2024`, { ...annual(p), version: before.version })
      assert.equal(saved.status, 200, JSON.stringify(saved.body))
      assert.equal((await sub('POST', `/api/v1/projects/${code}/reports/2024/submit`, {})).status, 200)
    }
    assert.equal((await reviewer('POST', `/api/v1/projects/${code}/reports/2024/approve`, { comment: '同意' })).status, 200)
  }
  const report = (await reviewer('GET', `/api/v1/projects/${code}/reports/2024`)).body
  const copied = await sub('POST', '/api/v1/projects', { copy_from: code, year: 2025 })
  assert.equal(copied.status, 201, JSON.stringify(copied.body))

  // the editor of the 2025 draft: last year's target and actual beside each row
  const page = await newPage(browser)
  await login(page, 'xzcw', `/projects/${next}/targets`)
  const editor = page.getByTestId('target-editor')
  await editor.locator('[data-row]').first().waitFor()
  const first = p.indicators.find((i) => i.kind !== 'qualitative' && i.kind !== 'deadline')
  const actual = report.lines.find((l) => l.indicator_id === first.id).value
  const cell = editor.locator(`tr[data-name="${first.name}"] .last-year`)
  await cell.getByText(`2024年：目标${first.target}${first.unit}，实际${actual}${first.unit}`).waitFor()
  await visit(page, 'years-01-editor-last-year')

  // insert from the library: a common 成本指标 of 101号, with its source
  await page.getByTestId('open-library').click()
  const picker = page.locator('.el-dialog:visible')
  await inputOf(picker, 'library-q').fill('单位产出成本')
  await picker.locator('[data-insert="单位产出成本"]').click()
  await editor.locator('tr[data-name="单位产出成本"]').waitFor()
  await page.keyboard.press('Escape')
  const row = editor.locator('tr[data-name="单位产出成本"]')
  await row.locator('input[data-field="target"], [data-field="target"] input').first().fill('50')
  await row.locator('input[data-field="weight"], [data-field="weight"] input').first().fill('0')
  // the save's own answer (a success message of the insert may still show)
  const savedDraft = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/api/v1/projects/${next}`))
  await page.getByRole('button', { name: '保存' }).click()
  assert.equal((await savedDraft).status(), 200)
  await page.locator('.el-message--success').first().waitFor()
  let stored = (await sub('GET', `/api/v1/projects/${next}`)).body
  const inserted = stored.indicators.find((i) => i.name === '单位产出成本')
  assert.ok(inserted?.library_id > 0, 'the inserted indicator keeps its library entry')
  assert.ok(stored.indicators.filter((i) => i.copy_of).length === p.indicators.length, 'the copied rows keep copy_of through the save')
  const entry = (await sub('GET', `/api/v1/indicator-library/${inserted.library_id}`)).body
  assert.match(entry.entry.source, /财预〔2021〕101号/)
  assert.ok(entry.uses.some((u) => u.project.code === next))

  // a proposed department indicator, confirmed by the reviewer on the library page
  const proposed = await sub('POST', '/api/v1/indicator-library', { level1: '产出指标', level2: '数量指标', name: '综合事务保障会议场次', nature: '>=', unit: '场' })
  assert.equal(proposed.status, 201)
  const rpage = await newPage(browser)
  await login(rpage, 'reviewer', '/library')
  await rpage.getByTestId('library-pending').locator('[data-accept="综合事务保障会议场次"]').click()
  await rpage.locator('.el-message--success').first().waitFor()
  assert.equal((await reviewer('GET', `/api/v1/indicator-library/${proposed.body.id}`)).body.entry.status, 'accepted')
  await visit(rpage, 'years-02-library')

  // 结果应用: the reviewer records the decision on 642's 2024 result
  await rpage.goto(new URL('/results?year=2024', page.url()).href)
  await rpage.locator(`[data-decide="${code}"]`).click()
  const dialog = rpage.locator('.el-dialog:visible')
  await inputOf(dialog, 'decide-percent').fill('-5')
  await inputOf(dialog, 'decide-note').fill('综合事务支出未按计划执行，压减5%')
  await dialog.locator('.el-select').first().click()
  await rpage.getByRole('option', { name: '压减', exact: true }).click()
  await dialog.getByTestId('decide-save').click()
  await rpage.locator(`[data-decided="${code}"]`).waitFor()
  const results = (await reviewer('GET', '/api/v1/results/2024')).body
  const mine = results.items.find((r) => r.project.code === code)
  assert.equal(mine.decided.action, 'reduce')
  assert.equal(mine.decided.percent, '-5.00')
  await visit(rpage, 'years-03-results')

  // the draft shows the decision; the project across years shows both years
  await page.reload()
  await page.getByTestId('last-decision').getByText('综合事务支出未按计划执行，压减5%').waitFor()
  await page.goto(new URL(`/projects/${next}/years`, page.url()).href)
  const years = page.getByTestId('years-table')
  await years.getByText('2024', { exact: true }).waitFor()
  await years.getByText('2025', { exact: true }).waitFor()
  await page.getByTestId('years-indicators').locator(`tr[data-name="${first.name}"]`).waitFor()
  await visit(page, 'years-04-across-years')
  // the department's projects by year
  await page.getByTestId('department-years-link').click()
  await page.getByTestId('department-years').locator('[data-grade]').first().waitFor()
  await visit(page, 'years-05-department')
  stored = (await sub('GET', `/api/v1/projects/${next}/years`)).body
  assert.equal(stored.years.length, 2)
})
