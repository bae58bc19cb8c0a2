// The two-step sign-in in the browser, against a second server
// of the same binary and database that requires a second factor of
// reviewers and holds a secret key: enrolment with the QR code and secret,
// the recovery codes, a sign-in with password and code, a replayed code
// refused, a recovery code, an admin's reset confirmed by the auditor
// (二人复核), and the forced change of an admin-set password. The API is the second witness.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, execFileSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { createServer } from 'node:net'
import { openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { launch, visit, shot, password, artifacts, timeout, apiAs } from './lib.mjs'

const bin = process.env.JIXIAO_BIN
let browser
let server
let base = ''

/** RFC 6238 TOTP of a base32 secret: SHA-1, 30 s, 6 digits. */
export function totp(secret, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const ch of secret.replace(/[\s=]/g, '').toUpperCase()) {
    const v = alphabet.indexOf(ch)
    assert.ok(v >= 0, `base32 letter ${ch}`)
    bits += v.toString(2).padStart(5, '0')
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)))
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)))
  const h = createHmac('sha1', key).update(counter).digest()
  const off = h[h.length - 1] & 0xf
  const n = ((h[off] & 0x7f) << 24) | (h[off + 1] << 16) | (h[off + 2] << 8) | h[off + 3]
  return String(n % 1e6).padStart(6, '0')
}
const step = (at = Date.now()) => Math.floor(at / 1000 / 30)

/** Waits (at most 31 s) until the TOTP step after `used` begins, so that its code is a new one. */
async function nextStep(used) {
  const until = (used + 1) * 30000 + 300
  const wait = until - Date.now()
  assert.ok(wait < 31000)
  if (wait > 0) await new Promise((r) => setTimeout(r, wait))
}

const freePort = () => new Promise((resolve, reject) => {
  const s = createServer()
  s.on('error', reject)
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)) })
})

async function api(method, path, body, token) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(timeout),
  })
  const text = await r.text()
  return { status: r.status, body: text ? JSON.parse(text) : null }
}

async function page2() {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true })
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

async function passwordStep(page, username, pw = password, path = '/review') {
  await page.goto(path)
  await page.waitForURL(/\/login/)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码', { exact: true }).fill(pw)
  await page.getByRole('button', { name: '登录' }).click()
}

async function signOut(page) {
  await page.getByTestId('user-menu').click()
  await page.getByRole('menuitem', { name: '退出登录' }).click()
  await page.waitForURL(/\/login/)
}

before(async () => {
  assert.ok(bin, 'JIXIAO_BIN names the binary (e2e/run.sh exports it)')
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  const key = execFileSync(bin, ['secret', 'generate'], { encoding: 'utf8', timeout: 10000 }).trim()
  const log = openSync(join(artifacts, 'server-security.log'), 'w')
  server = spawn(bin, ['serve'], {
    env: { ...process.env, ADDR: `127.0.0.1:${port}`, JIXIAO_TOTP_REQUIRED_ROLES: 'reviewer', JIXIAO_SECRET_KEY: key },
    stdio: ['ignore', log, log],
  })
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false)
    if (ok) break
    assert.ok(server.exitCode === null, 'the second server exited; see e2e/artifacts/server-security.log')
    assert.ok(i < 100, 'the second server is not ready after 20 s')
    await new Promise((r) => setTimeout(r, 200))
  }
  browser = await launch()
})

after(async () => {
  // leave the demo reviewer as the other browser tests expect it: a password alone
  // (a reviewer's reset waits for a second person: the auditor confirms it)
  try {
    const admin = await apiAs('admin')
    const asked = await admin('DELETE', '/api/v1/users/reviewer/totp')
    if (asked.status === 202) await (await apiAs('auditor'))('POST', `/api/v1/account-resets/${asked.body.id}/confirm`, {})
  } catch { /* already reset */ }
  await browser?.close()
  if (server && server.exitCode === null) {
    server.kill('SIGTERM')
    for (let i = 0; i < 50 && server.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100))
    if (server.exitCode === null) server.kill('SIGKILL')
  }
})

let secret = ''
let recoveryCodes = []

test('a reviewer who must use a second factor can only enrol: QR code, secret, first code, recovery codes', async () => {
  const page = await page2()
  await passwordStep(page, 'reviewer')
  await page.waitForURL(/\/login\/enrol$/)
  // nothing else is open to this sign-in
  await page.goto('/review')
  await page.waitForURL(/\/login/)
  await passwordStep(page, 'reviewer')
  await page.waitForURL(/\/login\/enrol$/)
  await page.getByText('您的角色须使用双因素认证').waitFor()
  await page.getByTestId('totp-qr').waitFor()
  assert.match(await page.getByTestId('totp-qr').getAttribute('src'), /^data:image\/png;base64,/)
  secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '')
  assert.match(secret, /^[A-Z2-7]{16,}$/)
  await visit(page, 'security-01-enrol')

  // a wrong first code is refused plainly, and nothing is enrolled
  await page.getByTestId('code-input').fill(String((Number(totp(secret)) + 1) % 1e6).padStart(6, '0'))
  await page.getByRole('button', { name: '完成绑定' }).click()
  await page.getByTestId('step-error').getByText('验证码不正确').waitFor()
  // going back ends the pending sign-in at once; the password starts a new one
  await page.getByTestId('back-to-login').click()
  await page.waitForURL(/\/login$/)
  await passwordStep(page, 'reviewer')
  await page.waitForURL(/\/login\/enrol$/)
  secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '')

  const t0 = Date.now()
  const enrolledAt = step(t0)
  await page.getByTestId('code-input').fill(totp(secret, t0))
  await page.getByRole('button', { name: '完成绑定' }).click()
  await page.waitForURL(/\/login\/recovery-codes$/)
  await page.getByTestId('recovery-codes').waitFor()
  const items = page.getByTestId('recovery-codes').locator('li')
  assert.equal(await items.count(), 10)
  recoveryCodes = (await items.allInnerTexts()).map((s) => s.trim())
  for (const c of recoveryCodes) assert.match(c, /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/)
  await visit(page, 'security-02-recovery-codes')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-codes').click()])
  const file = readFileSync(await download.path(), 'utf8')
  for (const c of recoveryCodes) assert.ok(file.includes(c), `the download holds ${c}`)
  // going on needs the tick that they are kept
  assert.equal(await page.getByRole('button', { name: '继续' }).isDisabled(), true)
  await page.getByTestId('codes-saved').click()
  await page.getByRole('button', { name: '继续' }).click()
  await page.waitForURL(/\/review/)

  const admin = await apiAs('admin')
  const u = await admin('GET', '/api/v1/users/reviewer')
  assert.equal(u.body.totp_enrolled, true)
  const mine = await page.evaluate(async () => (await fetch('/api/v1/me/security')).json())
  assert.deepEqual([mine.totp_enrolled, mine.totp_required, mine.recovery_codes_left], [true, true, 10])

  // the next sign-in takes password and a code of a later step
  await signOut(page)
  await passwordStep(page, 'reviewer')
  await page.waitForURL(/\/login\/code$/)
  await visit(page, 'security-03-code')
  await nextStep(enrolledAt)
  const code = totp(secret)
  await page.getByTestId('code-input').fill(code)
  await page.getByRole('button', { name: '验证并登录' }).click()
  await page.waitForURL(/\/review/)

  // the same code again is refused, in words that say why
  await signOut(page)
  await passwordStep(page, 'reviewer')
  await page.waitForURL(/\/login\/code$/)
  await page.getByTestId('code-input').fill(code)
  await page.getByRole('button', { name: '验证并登录' }).click()
  await page.getByTestId('step-error').getByText('已使用过').waitFor()
  assert.match(page.url(), /\/login\/code$/)
  await shot(page, 'security-04-replayed-code')
  // and through the API: the password alone grants nothing, the replayed code is 401 invalid_code
  const pending = await api('POST', '/api/v1/auth/login', { username: 'reviewer', password })
  assert.equal(pending.status, 200)
  assert.equal(pending.body.next, 'totp')
  assert.equal(pending.body.token, undefined)
  assert.equal((await api('GET', '/api/v1/me', undefined, pending.body.pending_token)).status, 403)
  const replay = await api('POST', '/api/v1/auth/totp', { code }, pending.body.pending_token)
  assert.equal(replay.status, 401)
  assert.equal(replay.body.error.code, 'invalid_code')

  // a recovery code signs in, once
  await page.getByTestId('toggle-recovery').click()
  await page.getByTestId('code-input').fill(recoveryCodes[0])
  await page.getByRole('button', { name: '验证并登录' }).click()
  await page.waitForURL(/\/review/)
  const after = await page.evaluate(async () => (await fetch('/api/v1/me/security')).json())
  assert.equal(after.recovery_codes_left, 9)
  await page.goto('/security')
  await page.getByTestId('totp-state').getByText('已启用').waitFor()
  await visit(page, 'security-05-account')
  await page.context().close()
})

test('an admin asks to reset the second factor, the auditor confirms it (二人复核): the reviewer is signed out and enrols again', async () => {
  const reviewer = await page2()
  await passwordStep(reviewer, 'reviewer')
  await reviewer.waitForURL(/\/login\/code$/)
  await reviewer.getByTestId('toggle-recovery').click()
  await reviewer.getByTestId('code-input').fill(recoveryCodes[1])
  await reviewer.getByRole('button', { name: '验证并登录' }).click()
  await reviewer.waitForURL(/\/review/)

  const admin = await page2()
  await passwordStep(admin, 'admin', password, '/users')
  await admin.waitForURL(/\/users$/)
  await admin.getByTestId('users-table').waitFor()
  await admin.locator('[data-totp="reviewer"]').getByText('已启用').waitFor()
  await shot(admin, 'security-06-users')
  await admin.locator('[data-reset-totp="reviewer"]').first().click()
  const box = admin.locator('.el-message-box:visible')
  await box.getByText('所有会话立即结束').waitFor()
  await admin.waitForTimeout(500) // the box fades in
  await shot(admin, 'security-07-reset-confirm')
  await box.getByRole('button', { name: '确定' }).click()
  // a reviewer's reset is only a request until a second person confirms it
  await admin.getByText('已提交重置申请').waitFor()
  await admin.locator('[data-totp="reviewer"]').getByText('已启用').waitFor()
  const api1 = await apiAs('admin')
  assert.equal((await api1('GET', '/api/v1/users/reviewer')).body.totp_enrolled, true)
  assert.equal(await reviewer.evaluate(async () => (await fetch('/api/v1/me')).status), 200)
  // the admin who asked may only withdraw it
  await admin.goto('/account-resets')
  await admin.getByTestId('resets-table').waitFor()
  assert.equal(await admin.locator('[data-confirm-reset="reviewer"]').count(), 0)
  await admin.locator('[data-reject-reset="reviewer"]').getByText('撤回').waitFor()

  // the auditor, the second person, confirms
  const auditor = await page2()
  await passwordStep(auditor, 'auditor', password, '/dashboard')
  await auditor.waitForURL(/\/dashboard/)
  await auditor.getByRole('menuitem', { name: '重置复核' }).click()
  await auditor.waitForURL(/\/account-resets/)
  await auditor.locator('[data-confirm-reset="reviewer"]').waitFor()
  await visit(auditor, 'security-07b-reset-approvals')
  await auditor.locator('[data-confirm-reset="reviewer"]').click()
  const approve = auditor.locator('.el-message-box:visible')
  await approve.getByText('确定已与本人核实').waitFor()
  await approve.getByRole('button', { name: '复核通过' }).click()
  await auditor.getByText('已复核').first().waitFor()
  assert.equal((await api1('GET', '/api/v1/users/reviewer')).body.totp_enrolled, false)
  await auditor.context().close()

  // the reviewer's session ended with the reset
  assert.equal(await reviewer.evaluate(async () => (await fetch('/api/v1/me')).status), 401)
  await reviewer.goto('/review')
  await reviewer.waitForURL(/\/login/)
  await passwordStep(reviewer, 'reviewer')
  await reviewer.waitForURL(/\/login\/enrol$/)
  await reviewer.context().close()
  await admin.context().close()
})

test('an admin-set password is changed at the first sign-in; a submitter may turn a second factor on; contacts on /users', async () => {
  const admin = await apiAs('admin')
  const first = 'Admin-Set-9x'
  const created = await admin('POST', '/api/v1/users', {
    username: 'sec_first', display_name: '首次登录', password: first, roles: ['submitter'], departments: ['003001'],
    projects: ['63280100024T000000639'], phone: '13812345678', email: 'first@example.cn',
  })
  assert.equal(created.status, 201)
  assert.equal(created.body.must_change_password, true)
  const page = await page2()
  await passwordStep(page, 'sec_first', first, '/mine')
  await page.waitForURL(/\/login\/change-password$/)
  await page.getByText('请先设置新密码').waitFor()
  await visit(page, 'security-08-forced-password')
  // the old password as the new one is refused next to the field
  await page.getByLabel('当前密码').fill(first)
  await page.getByLabel('新密码', { exact: true }).fill(first)
  await page.getByLabel('再次输入新密码').fill(first)
  await page.getByRole('button', { name: '修改密码并登录' }).click()
  await page.getByText('新密码不能与当前密码相同').waitFor()
  await page.getByLabel('当前密码').fill(first)
  await page.getByLabel('新密码', { exact: true }).fill('Own-Chosen-7q')
  await page.getByLabel('再次输入新密码').fill('Own-Chosen-7q')
  await page.getByRole('button', { name: '修改密码并登录' }).click()
  await page.waitForURL(/\/mine/)
  assert.equal((await admin('GET', '/api/v1/users/sec_first')).body.must_change_password, false)
  assert.equal((await api('POST', '/api/v1/auth/login', { username: 'sec_first', password: first })).status, 401)

  // a submitter need not use a second factor, but may turn it on from 账户安全
  await page.getByTestId('user-menu').click()
  await page.getByRole('menuitem', { name: '账户安全' }).click()
  await page.waitForURL(/\/security$/)
  await page.getByTestId('totp-state').getByText('未启用').waitFor()
  await page.getByRole('button', { name: '启用双因素认证' }).click()
  const own = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '')
  await page.getByTestId('code-input').fill(totp(own))
  await page.getByRole('button', { name: '完成绑定' }).click()
  await page.getByTestId('recovery-codes').waitFor()
  assert.equal(await page.getByTestId('recovery-codes').locator('li').count(), 10)
  await page.getByTestId('codes-saved').click()
  await page.getByRole('button', { name: '继续' }).click()
  await page.getByTestId('totp-state').getByText('已启用').waitFor()
  assert.equal((await admin('GET', '/api/v1/users/sec_first')).body.totp_enrolled, true)
  const next = await api('POST', '/api/v1/auth/login', { username: 'sec_first', password: 'Own-Chosen-7q' })
  assert.equal(next.body.next, 'totp')

  // one's own address for notifications by mail is set on the same page
  await page.getByTestId('reminder-email').fill('zhang.san@example.gov.cn')
  await page.getByTestId('save-email').click()
  await page.locator('.el-message--success').first().waitFor()
  const mine = await page.evaluate(async () => (await fetch('/api/v1/me/security')).json())
  assert.equal(mine.reminder_email, 'zhang.san@example.gov.cn')
  assert.deepEqual(page.errors, [])
  // a wrong address is refused beside the field (the browser logs the 400)
  await page.getByTestId('reminder-email').fill('not an address')
  await page.getByTestId('save-email').click()
  await page.getByRole('alert').filter({ hasText: '电子邮件地址格式有误' }).waitFor()
  await page.context().close()

  // the admin sees the new user's phone and e-mail in full on /users, with the second factor's state
  const adminPage = await page2()
  await passwordStep(adminPage, 'admin', password, '/users')
  await adminPage.waitForURL(/\/users$/)
  const row = adminPage.getByTestId('users-table').locator('tr', { hasText: 'sec_first' }).first()
  await row.getByText('13812345678').waitFor()
  await row.getByText('first@example.cn').waitFor()
  await adminPage.locator('[data-totp="sec_first"]').getByText('已启用').waitFor()
  await visit(adminPage, 'security-09-users-contacts')
  // the admin changes the phone number in the user's dialog
  await row.getByRole('button', { name: '角色与分配' }).click()
  const dialog = adminPage.getByRole('dialog')
  await dialog.getByLabel('手机号').fill('13900001111')
  await dialog.getByRole('button', { name: '保存' }).click()
  await row.getByText('13900001111').waitFor()
  assert.equal((await admin('GET', '/api/v1/users/sec_first')).body.phone, '13900001111')
  await adminPage.context().close()
})
