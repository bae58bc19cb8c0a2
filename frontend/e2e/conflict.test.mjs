// Two browsers edit one report: the second save meets the first one's
// version, is told so, and keeps what was typed; re-applied on the new
// version, both people's values are stored. Then the language switch.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launch, newPage, login, visit, apiAs, fillField, openDetail, shot } from './lib.mjs'

const code = '63280100024R000014831'
const reportPath = `/projects/${code}/reports/2024-06`
let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

test('a conflicting save is explained and keeps the edits, which can be re-applied', async () => {
  const api = await apiAs('xzcw')
  const project = (await api('GET', `/api/v1/projects/${code}`)).body
  const [first, second] = project.indicators.filter((i) => i.kind !== 'qualitative' && i.kind !== 'deadline')

  const a = await newPage(browser)
  const b = await newPage(browser)
  await login(a, 'xzcw', reportPath)
  await login(b, 'xzcw', reportPath)
  await a.locator(`[data-indicator-id="${first.id}"] [data-field="value"]`).waitFor()
  await b.locator(`[data-indicator-id="${second.id}"] [data-field="value"]`).waitFor()

  // A saves first
  await fillField(a, first.id, 'value', '60')
  await fillField(a, first.id, 'projected', '63')
  await a.getByRole('button', { name: '保存', exact: true }).click()
  await a.locator('.el-message--success').first().waitFor()
  assert.equal((await api('GET', `/api/v1/projects/${code}/reports/2024-06`)).body.version, 1)

  // B, still on version 0, saves other values: the conflict is explained
  await fillField(b, second.id, 'value', '97')
  await fillField(b, second.id, 'projected', '98')
  await fillField(b, null, 'budget.executed', '350')
  await b.getByRole('button', { name: '保存', exact: true }).click()
  const dialog = b.getByTestId('conflict-dialog')
  await dialog.getByText('第 1 版').first().waitFor()
  await dialog.getByText('没有丢失').first().waitFor()
  await shot(b, '16-report-conflict')
  // nothing of B's was stored, nothing of A's was overwritten
  let stored = (await api('GET', `/api/v1/projects/${code}/reports/2024-06`)).body
  assert.equal(stored.version, 1)
  assert.equal(stored.lines.find((l) => l.indicator_id === first.id).value, '60')
  assert.equal(stored.lines.find((l) => l.indicator_id === second.id).value, null)

  // B re-applies on version 1: A's values appear, B's typing is still there
  await dialog.getByRole('button', { name: '在新版本上应用我的修改' }).click()
  await dialog.waitFor({ state: 'hidden' })
  assert.equal(await b.locator(`[data-indicator-id="${second.id}"] [data-field="value"] input`).inputValue(), '97')
  assert.equal(await b.locator('[data-field="budget.executed"] input').inputValue(), '350')
  assert.equal(await b.locator(`[data-indicator-id="${first.id}"] [data-field="value"] input`).inputValue(), '60')
  await b.getByRole('button', { name: '保存', exact: true }).click()
  await b.locator('.el-message--success').first().waitFor()
  stored = (await api('GET', `/api/v1/projects/${code}/reports/2024-06`)).body
  assert.equal(stored.version, 2)
  assert.deepEqual(
    [stored.lines.find((l) => l.indicator_id === first.id).value, stored.lines.find((l) => l.indicator_id === second.id).value, stored.budget.executed],
    ['60', '97', '350.00'],
  )

  // leaving with unsaved edits asks first; cancelling stays
  await openDetail(b, second.id)
  await fillField(b, second.id, 'explanation', '尚未保存的说明')
  await b.getByRole('menuitem', { name: '总览' }).click()
  const box = b.locator('.el-message-box:visible')
  await box.getByText('有未保存的修改').waitFor()
  await box.getByRole('button', { name: '取消' }).click()
  assert.equal(new URL(b.url()).pathname, reportPath)
  assert.equal(await b.locator(`[data-detail-of="${second.id}"] [data-field="explanation"] textarea`).inputValue(), '尚未保存的说明')
  await a.context().close()
  await b.context().close()
})

test('English is selectable and remembered', async () => {
  const page = await newPage(browser)
  await login(page, 'xzcw', '/dashboard?period=2024-06')
  await page.getByTestId('language').click()
  await page.getByRole('option', { name: 'English' }).click()
  await page.getByRole('heading', { name: /Overview/ }).waitFor()
  await page.reload()
  await page.getByRole('heading', { name: /Overview/ }).waitFor()
  await visit(page, '17-dashboard-english')
  await page.goto(reportPath)
  await page.getByRole('button', { name: 'Save', exact: true }).waitFor()
  await visit(page, '18-report-english')
  await page.context().close()
})
