// Helpers of the browser tests: Debian's Chromium through playwright-core,
// sign-in, the API as a second witness, screenshots and axe-core.
import { chromium } from 'playwright-core'
import { readFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import assert from 'node:assert/strict'

export const baseURL = process.env.JIXIAO_URL ?? 'http://127.0.0.1:8080'
export const password = process.env.JIXIAO_DEMO_PASSWORD ?? ''
export const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts')
mkdirSync(artifacts, { recursive: true })

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Every wait is bounded by this (milliseconds). */
export const timeout = 15000

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    timeout: 30000,
  })
}

/** A new browser context at 1366×768 whose console errors are collected. */
export async function newPage(browser) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })
  context.setDefaultTimeout(timeout)
  context.setDefaultNavigationTimeout(timeout)
  const page = await context.newPage()
  page.errors = []
  page.on('pageerror', (e) => page.errors.push(String(e)))
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (401|404|409|422)/.test(m.text())) page.errors.push(m.text())
  })
  return page
}

/** Signs in through the login form and waits for the page asked for. */
export async function login(page, username, path = '/dashboard') {
  await page.goto(path)
  await page.waitForURL(/\/login/)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码', { exact: true }).fill(password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

/** Saves a full-page screenshot as frontend/e2e/artifacts/<name>.png. */
export async function shot(page, name) {
  await page.waitForLoadState('networkidle', { timeout }).catch(() => undefined)
  // the frame scrolls inside itself; let the page grow for a full picture
  const style = await page.addStyleTag({ content: '.frame{height:auto!important;min-height:100vh}.main{overflow:visible!important}' })
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true })
  await style.evaluate((el) => el.remove())
}

/** Runs axe-core on the page: no serious or critical violation. */
export async function checkA11y(page, name) {
  // A toast fading in is half transparent: axe would judge its blended
  // colours. Check the page once its transitions have settled (bounded:
  // a spinner may run for ever).
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), null, { timeout: 3000 })
    .catch(() => {})
  await page.evaluate(axeSource)
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await window.axe.run(document, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))
  })
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  assert.deepEqual(bad, [], `${name}: axe-core found serious violations:\n${JSON.stringify(bad, null, 2)}`)
}

/** Screenshot and accessibility check of a page, and no script error so far. */
export async function visit(page, name) {
  await shot(page, name)
  await checkA11y(page, name)
  assert.deepEqual(page.errors, [], `${name}: errors in the browser console`)
}

/** The API as a signed-in user (bearer token), to check results beside the screen. */
export async function apiAs(username) {
  const res = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(timeout),
  })
  assert.equal(res.status, 200, `API login as ${username}`)
  const { token } = await res.json()
  return async (method, path, body) => {
    const r = await fetch(`${baseURL}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeout),
    })
    const text = await r.text()
    return { status: r.status, body: text ? JSON.parse(text) : null }
  }
}

/** The line of an indicator and its details (opened under it): where its fields are. */
export function lineScope(page, id) {
  return page.locator(`:is([data-indicator-id="${id}"], [data-detail-of="${id}"])`)
}

/** Opens the details under a line (its causes, explanation and measures) unless they are open. */
export async function openDetail(page, id) {
  if ((await page.locator(`[data-detail-of="${id}"]`).count()) === 0) await page.locator(`[data-toggle="${id}"]`).click()
  await page.locator(`[data-detail-of="${id}"]`).waitFor()
}

/** Fills the input of a field of a line (or, with id null, of the page). */
export async function fillField(page, id, field, value) {
  const scope = id === null ? page.locator(`[data-field="${field}"]`) : lineScope(page, id).locator(`[data-field="${field}"]`)
  await scope.locator('input, textarea').first().fill(value)
}

/** Chooses options (by their labels) in the Element Plus select of a field, or ticks its checkboxes. */
export async function choose(page, id, field, ...labels) {
  const scope = lineScope(page, id).locator(`[data-field="${field}"]`)
  if ((await scope.locator('.el-checkbox-group').count()) > 0) {
    for (const label of labels) {
      const box = scope.locator('.el-checkbox', { hasText: label })
      if (!(await box.locator('input').isChecked())) await box.click()
    }
    return
  }
  const select = scope.locator('.el-select')
  await select.click()
  // the select's own list (earlier lists may still be fading out)
  const listId = await select.locator('[aria-controls]').first().getAttribute('aria-controls')
  const list = page.locator(`[id="${listId}"]`)
  for (const label of labels) {
    await list.getByRole('option', { name: label, exact: true }).click()
  }
  if (await list.isVisible()) await page.keyboard.press('Escape')
  await list.waitFor({ state: 'hidden' })
}

/** The message box's confirm button (every final action asks first). */
export async function confirmBox(page, text) {
  const box = page.locator('.el-message-box:visible')
  await box.waitFor()
  if (text !== undefined) await box.locator('textarea, input').first().fill(text)
  await box.getByRole('button', { name: '确定' }).click()
  await box.waitFor({ state: 'hidden' })
}
