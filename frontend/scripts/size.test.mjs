// The first page stays small: JavaScript and CSS of the entry and the
// dashboard route, gzipped, within the budget (npm run build first).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { firstPage, budgetBytes } from './size.mjs'

test('first page JS and CSS stay under 500 KB gzipped (dashboard and login)', () => {
  const fp = firstPage()
  assert.ok(fp.dashboard.files.some((f) => f.endsWith('.css')), 'the CSS is counted')
  assert.ok(fp.dashboard.gzip > 10 * 1024, `implausibly small first page: ${fp.dashboard.gzip} bytes`)
  assert.ok(fp.dashboard.gzip <= budgetBytes, `first page is ${(fp.dashboard.gzip / 1024).toFixed(1)} KB gzipped, over ${budgetBytes / 1024} KB`)
  // the charts load after the dashboard's table, so the login page may weigh more: both within the budget
  assert.ok(fp.login.gzip <= budgetBytes, `the login page is ${(fp.login.gzip / 1024).toFixed(1)} KB gzipped, over ${budgetBytes / 1024} KB`)
})
