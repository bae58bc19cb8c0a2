import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, type Schema } from '@/api/http'
import { abandonSignIn, totpStep, beginEnrolment, confirmEnrolment } from '@/api/security'
import { session } from '@/session'
import { codeProblem, normalizeCode, pathAfter, pathAfterCodes, readAnswer, recoveryFile, refusal, stepPath } from '@/views/security/steps'
import { advance, codesSaved, flow, start } from '@/views/security/flow'

const me: Schema<'Me'> = { id: 7, username: 'reviewer', display_name: '审核', roles: ['reviewer'], department: '', departments: ['003001'], projects: [], permissions: ['reports:review'] }
const full: Schema<'SignInStep'> = { token: 't', user: me, csrf_header: 'X-CSRF-Token', csrf_token: 'csrf-1' }
const pending = (next: 'totp' | 'totp_enrol' | 'password_change', extra: Partial<Schema<'SignInStep'>> = {}): Schema<'SignInStep'> => ({ next, pending_token: `p-${next}`, expires_at: '2026-11-27T14:00:00Z', ...extra })
const codes = Array.from({ length: 10 }, (_, i) => `abcd-efgh-ijkm-${String(1000 + i)}`)

beforeEach(() => {
  localStorage.clear()
  session.me = null
  session.checked = false
})

describe('reading a sign-in answer', () => {
  it('the plain login answer (no next) is a full sign-in', () => {
    expect(readAnswer(full)).toEqual({ kind: 'done', me, csrfToken: 'csrf-1', recoveryCodes: [] })
    expect(readAnswer({ ...full, next: '' }).kind).toBe('done')
  })
  it('a pending answer names its step and token', () => {
    expect(readAnswer(pending('totp'))).toEqual({ kind: 'step', step: 'totp', token: 'p-totp', expiresAt: '2026-11-27T14:00:00Z', recoveryCodes: [] })
  })
  it('refuses answers that are neither', () => {
    expect(() => readAnswer({ next: 'totp' })).toThrow(/totp/)
    expect(() => readAnswer({ next: 'sms' as 'totp', pending_token: 'x' })).toThrow(/sms/)
    expect(() => readAnswer({ token: 't' })).toThrow(/user/)
  })
})

describe('the page after each answer', () => {
  it.each([
    ['totp', '/login/code'],
    ['totp_enrol', '/login/enrol'],
    ['password_change', '/login/change-password'],
  ] as const)('step %s goes to %s', (step, path) => {
    expect(pathAfter(readAnswer(pending(step)), '/review')).toBe(path)
    expect(stepPath[step]).toBe(path)
  })
  it('a full sign-in goes where the person was going', () => {
    expect(pathAfter(readAnswer(full), '/review?period=2024-06')).toBe('/review?period=2024-06')
  })
  it('recovery codes come first, then the next step or the app', () => {
    const thenPassword = readAnswer(pending('password_change', { recovery_codes: codes }))
    expect(pathAfter(thenPassword, '/review')).toBe('/login/recovery-codes')
    expect(pathAfterCodes(thenPassword, '/review')).toBe('/login/change-password')
    const thenApp = readAnswer({ ...full, recovery_codes: codes })
    expect(pathAfter(thenApp, '/review')).toBe('/login/recovery-codes')
    expect(pathAfterCodes(thenApp, '/review')).toBe('/review')
  })
})

describe('the flow through the steps', () => {
  it('login → enrol → recovery codes → password change → signed in', () => {
    expect(start(pending('totp_enrol'), 'reviewer', '/review')).toBe('/login/enrol')
    expect(flow).toMatchObject({ username: 'reviewer', step: 'totp_enrol', token: 'p-totp_enrol' })
    expect(session.me).toBeNull()
    expect(advance(pending('password_change', { recovery_codes: codes }))).toBe('/login/recovery-codes')
    expect(flow.recoveryCodes).toHaveLength(10)
    expect(flow.token).toBe('p-password_change')
    expect(codesSaved()).toBe('/login/change-password')
    expect(flow.recoveryCodes).toEqual([])
    expect(advance(full)).toBe('/review')
    expect(flow.step).toBeNull()
    expect(flow.token).toBe('')
    expect(session.me).toEqual(me)
    expect(localStorage.getItem('jixiao.csrf')).toBe('csrf-1')
  })
  it('a new login forgets the sign-in before it', () => {
    start(pending('totp'), 'admin', '/users')
    expect(start(full, 'xzcw', '/mine')).toBe('/mine')
    expect(flow).toMatchObject({ username: 'xzcw', step: null, token: '', recoveryCodes: [] })
    expect(session.me?.username).toBe('reviewer')
  })
})

describe('typed codes', () => {
  it('takes six digits, also typed with spaces', () => {
    expect(normalizeCode(' 123 456 ')).toBe('123456')
    expect(codeProblem('123 456', false)).toBe('')
    expect(codeProblem('', false)).toBe('security.codeRequired')
    expect(codeProblem('12345', false)).toBe('security.codeFormat')
    expect(codeProblem('12345a', false)).toBe('security.codeFormat')
  })
  it('takes recovery codes with or without dashes', () => {
    expect(codeProblem('abcd-efgh-ijkm-1234', true)).toBe('')
    expect(codeProblem('ABCDEFGHIJKM1234', true)).toBe('')
    expect(codeProblem('abcd-efgh', true)).toBe('security.recoveryFormat')
    expect(codeProblem(' ', true)).toBe('security.recoveryRequired')
  })
})

describe('refusals in words', () => {
  const err = (status: number, code: string, fields?: Record<string, string>) => new ApiError(status, { code, message: `server: ${code}`, fields })
  it.each([
    [err(401, 'invalid_code'), 'security.invalidCode', false],
    [err(422, 'invalid', { code: '验证码不正确' }), 'security.invalidCode', false],
    [err(401, 'pending_expired'), 'security.pendingExpired', true],
    [err(403, 'totp_required'), 'security.pendingExpired', true],
    [err(429, 'locked'), 'security.locked', true],
    [err(429, 'busy'), 'security.busy', false],
    [err(503, 'no_secret_key'), 'security.noSecretKey', false],
    [err(409, 'totp_enrolled'), 'security.alreadyEnrolled', false],
  ])('%o → %s (restart %s)', (e, key, restart) => {
    expect(refusal(e)).toMatchObject({ key, restart })
  })
  it("keeps the server's words for the unforeseen, with the field", () => {
    expect(refusal(err(422, 'invalid', { new: '不能使用最近 5 次用过的密码' }))).toEqual({ key: '', message: 'server: invalid', restart: false, field: 'new' })
    expect(refusal(new Error('boom'))).toMatchObject({ key: '', message: 'boom' })
  })
})

describe('the recovery codes file', () => {
  it('names the user and the day and holds every code', () => {
    const f = recoveryFile('reviewer', codes, new Date('2026-11-27T13:00:00Z'))
    expect(f.name).toBe('jixiao-recovery-codes-reviewer-2026-11-27.txt')
    for (const c of codes) expect(f.text).toContain(c)
  })
})

describe('the steps on the wire', () => {
  let seen: { url: string; init: RequestInit }[] = []
  let unauthorized = 0
  beforeEach(async () => {
    seen = []
    unauthorized = 0
    const http = await import('@/api/http')
    http.setUnauthorizedHandler(() => unauthorized++)
    http.setCsrfToken('csrf-old')
  })
  afterEach(() => vi.unstubAllGlobals())
  const answer = (status: number, body: unknown) =>
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      seen.push({ url, init })
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
    })
  const headers = (i: number) => seen[i].init.headers as Record<string, string>

  it('a pending step sends its token as the bearer and no CSRF header', async () => {
    answer(200, full)
    await totpStep('pend-1', '123456')
    expect(seen[0].url).toBe('/api/v1/auth/totp')
    expect(headers(0).Authorization).toBe('Bearer pend-1')
    expect(headers(0)['X-CSRF-Token']).toBeUndefined()
    expect(JSON.parse(String(seen[0].init.body))).toEqual({ code: '123456' })
  })
  it("a wrong code is the step's refusal, not a session that ended", async () => {
    answer(401, { error: { code: 'invalid_code', message: '验证码不正确、已过期或已使用' } })
    await expect(totpStep('pend-1', '000000')).rejects.toMatchObject({ status: 401, code: 'invalid_code' })
    expect(unauthorized).toBe(0)
  })
  it('abandoning a sign-in logs the pending token out', async () => {
    answer(401, { error: { code: 'pending_expired', message: '登录步骤已超时' } })
    await abandonSignIn('pend-2').catch(() => undefined)
    expect(seen[0].url).toBe('/api/v1/auth/logout')
    expect(headers(0).Authorization).toBe('Bearer pend-2')
    expect(unauthorized).toBe(0)
  })
  it('enrolment from a signed-in session uses the cookie and the CSRF header', async () => {
    answer(200, { secret: 'S', otpauth_url: 'otpauth://totp/x', qr_png: 'data:image/png;base64,' })
    await beginEnrolment()
    answer(200, { next: '', recovery_codes: codes })
    await confirmEnrolment(undefined, '123456')
    expect(headers(0).Authorization).toBeUndefined()
    expect(headers(1)['X-CSRF-Token']).toBe('csrf-old')
    expect(seen[1].url).toBe('/api/v1/auth/totp/enrol/confirm')
  })
})

describe('a reset that waits for a second person', () => {
  it('is told from the changed user by its kind and status', async () => {
    const { isPendingReset } = await import('@/api/users')
    const user = { username: 'u', display_name: '', roles: ['submitter'], departments: [], projects: [], disabled: false, created_at: '', updated_at: '',
      phone: '', email: '', must_change_password: false, password_changed_at: '', last_login_at: null, totp_enrolled: false, temporary_password_until: null } as const
    const pending = {
      id: 1, kind: 'password', username: 'rev', display_name: '', roles: ['reviewer'], requested_by: 'admin', requested_at: '', expires_at: '',
      status: 'pending', decided_by: '', decided_at: null, comment: '', actions: ['reject'],
    } as const
    expect(isPendingReset({ ...user, roles: [...user.roles], departments: [], projects: [] })).toBe(false)
    expect(isPendingReset({ ...pending, roles: [...pending.roles], actions: [...pending.actions] })).toBe(true)
  })
})
