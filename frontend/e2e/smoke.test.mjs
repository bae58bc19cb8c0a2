import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launch, newPage, login, visit, shot, baseURL, password } from './lib.mjs'

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

test('deep links survive a reload; unknown API paths stay JSON 404', async () => {
  const r = await fetch(`${baseURL}/api/v1/no-such-thing`)
  assert.equal(r.status, 404)
  assert.match(r.headers.get('content-type') ?? '', /json/)
  const page = await newPage(browser)
  await page.goto('/projects/63280100024T000000639')
  await page.waitForURL(/\/login\?redirect=/)
  await page.getByRole('heading', { name: '绩效目标管理' }).waitFor()
  await visit(page, '01-login')
  await page.getByLabel('用户名').fill('auditor')
  await page.getByLabel('密码', { exact: true }).fill('wrong-password-1A')
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByTestId('login-error').getByText('用户名或密码错误').waitFor()
  await page.context().close()
})

test('after login the person lands on the page asked for', async () => {
  const page = await newPage(browser)
  await login(page, 'auditor', '/dashboard?period=2024-06')
  assert.match(page.url(), /\/dashboard\?period=2024-06$/)
  await page.getByTestId('dashboard-table').waitFor()
  await visit(page, '02-dashboard-auditor')
  // / goes to the dashboard, which names its period in the address
  await page.goto('/')
  await page.waitForURL((u) => u.pathname === '/dashboard' && u.searchParams.get('period') === '2024-06')
  // a reload of a deep link lands on the same page, still signed in
  await page.goto('/projects/63280100024T000000639/reports/2024')
  await page.reload()
  await page.getByText('项目支出绩效自评表').first().waitFor()
  await page.context().close()
})

test('repeated failures lock the username, and the login page says so plainly', async () => {
  const page = await newPage(browser)
  await page.goto('/login')
  const error = page.getByTestId('login-error')
  let locked = false
  for (let i = 0; i < 6 && !locked; i++) {
    await page.getByLabel('用户名').fill('jingji')
    await page.getByLabel('密码', { exact: true }).fill(`wrong-Password-${i}`)
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'))
    await page.getByRole('button', { name: '登录' }).click()
    locked = (await answered).status() === 429
  }
  await error.getByText('锁定').waitFor()
  assert.ok(locked, 'the lockout message is shown')
  await shot(page, '19-login-locked')
  // even the right password is refused while locked
  const res = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'jingji', password }),
  })
  assert.equal(res.status, 429)
  await page.context().close()
})
