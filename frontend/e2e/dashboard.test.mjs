// The dashboard's project list a page at a time: the auditor (who sees all
// twelve seeded projects) opens it five to a page, goes to page 2 and finds
// projects 6–10 in the server's order, with the page in the address; back
// returns to page 1; another period or department starts at page 1 again;
// a page that fails to load says so and leaves the totals shown.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launch, newPage, login, visit, apiAs } from './lib.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

/** The project codes of the table's rows, top to bottom. */
const shownCodes = (page) => page.getByTestId('dashboard-table').locator('tbody [data-project]').evaluateAll((as) => as.map((a) => a.dataset.project))

/** Waits until the table shows exactly these projects, in this order. */
async function waitForRows(page, codes) {
  await page.waitForFunction(
    (want) => {
      const got = [...document.querySelectorAll('[data-testid="dashboard-table"] tbody [data-project]')].map((a) => a.dataset.project)
      return JSON.stringify(got) === JSON.stringify(want)
    },
    codes,
  ).catch(() => undefined)
  assert.deepEqual(await shownCodes(page), codes)
}

test('the dashboard pages its projects; the page is in the address', async () => {
  const api = await apiAs('auditor')
  const all = (await api('GET', '/api/v1/dashboard?period=2024-06')).body
  assert.equal(all.project_count, 12)
  assert.equal(all.projects.length, 12)
  const order = all.projects.map((p) => p.code)
  const second = (await api('GET', '/api/v1/dashboard?period=2024-06&page=2&size=5')).body
  assert.deepEqual(second.projects.map((p) => p.code), order.slice(5, 10))

  const page = await newPage(browser)
  await login(page, 'auditor', '/dashboard?period=2024-06&size=5')
  const pager = page.getByTestId('dashboard-pager')
  await page.getByTestId('dashboard-count').getByText('共 12 个项目').waitFor()
  await waitForRows(page, order.slice(0, 5))
  // the totals are the whole dashboard's, not the page's
  assert.equal(await page.getByTestId('project-count').textContent(), '12')

  await pager.locator('.el-pager li', { hasText: /^2$/ }).click()
  await page.waitForURL((u) => u.searchParams.get('page') === '2' && u.searchParams.get('size') === '5' && u.searchParams.get('period') === '2024-06')
  await waitForRows(page, order.slice(5, 10))
  assert.equal(await page.getByTestId('project-count').textContent(), '12')
  await visit(page, 'dashboard-page-2')

  // a reload of the link shows the same page
  await page.reload()
  await waitForRows(page, order.slice(5, 10))
  // back returns to the first page
  await page.goBack()
  await page.waitForURL((u) => u.searchParams.get('page') === null && u.searchParams.get('size') === '5')
  await waitForRows(page, order.slice(0, 5))
  await page.goForward()
  await page.waitForURL((u) => u.searchParams.get('page') === '2')
  await waitForRows(page, order.slice(5, 10))

  // another period starts at its first page, five to a page still
  const annual12 = (await api('GET', '/api/v1/dashboard?period=2024')).body.projects.map((p) => p.code)
  assert.equal(annual12.length, 12)
  const annual = annual12.slice(0, 5)
  await page.getByTestId('period-select').click()
  await page.getByRole('option', { name: '2024年度自评' }).click()
  await page.waitForURL((u) => u.searchParams.get('period') === '2024' && u.searchParams.get('page') === null && u.searchParams.get('size') === '5')
  await waitForRows(page, annual)

  // a page that fails to load says so; the totals stay
  const third = (u) => u.pathname === '/api/v1/dashboard' && u.searchParams.get('page') === '3'
  await page.route(third, (r) => r.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal","message":"服务器内部错误，请稍后重试"}}' }))
  await pager.locator('.el-pager li', { hasText: /^3$/ }).click()
  await page.getByText('服务器内部错误，请稍后重试').waitFor()
  assert.equal(await page.getByTestId('project-count').textContent(), '12')
  await page.unroute(third)
  await page.getByRole('button', { name: '重试' }).click()
  await waitForRows(page, (await api('GET', '/api/v1/dashboard?period=2024&page=3&size=5')).body.projects.map((p) => p.code))

  // twenty to a page: one page from the first, all twelve on it
  await page.getByTestId('dashboard-size').click()
  await page.getByRole('option', { name: '20 个/页' }).click()
  await page.waitForURL((u) => u.searchParams.get('size') === '20' && u.searchParams.get('page') === null)
  await page.getByTestId('dashboard-table').locator('tbody [data-project]').nth(11).waitFor()
  assert.deepEqual((await shownCodes(page)).sort(), [...annual12].sort())

  // a department starts at its first page too, and its totals are its own
  await page.goto('/dashboard?period=2024&size=5&page=2')
  await waitForRows(page, annual12.slice(5, 10))
  const dept = all.projects.find((p) => p.code === order[0]).department
  const mine = (await api('GET', `/api/v1/dashboard?period=2024&department=${dept}&size=5`)).body
  const name = (await api('GET', '/api/v1/departments')).body.find((d) => d.code === dept).name
  await page.getByTestId('dashboard-department').click()
  await page.getByRole('option', { name, exact: true }).click()
  await page.waitForURL((u) => u.searchParams.get('department') === dept && u.searchParams.get('page') === null && u.searchParams.get('size') === '5')
  await page.getByTestId('project-count').getByText(String(mine.project_count), { exact: true }).waitFor()
  await page.getByTestId('dashboard-table').locator('tbody [data-project]').nth(mine.projects.length - 1).waitFor()
  assert.deepEqual((await shownCodes(page)).sort(), mine.projects.map((p) => p.code).sort())
  await page.context().close()
})
