import { ApiError, type Schema } from '@/api/http'

// The sign-in after the password, as a small state machine: each answer of
// the login or of a step is either one more step (with the token that may
// take only that step) or the full sign-in; recovery codes, when an answer
// carries them, are shown before anything else. Pure: flow.ts holds the state.

/** A step the server may ask for after the password. */
export type StepName = 'totp' | 'totp_enrol' | 'password_change'

/** What an answer means for the web app. */
export type Outcome =
  | { kind: 'step'; step: StepName; token: string; expiresAt: string; recoveryCodes: string[] }
  | { kind: 'done'; me: Schema<'Me'>; csrfToken: string; recoveryCodes: string[] }

const steps: readonly StepName[] = ['totp', 'totp_enrol', 'password_change']

/** The page of each step (views/security/routes.ts). */
export const stepPath: Record<StepName, string> = {
  totp: '/login/code',
  totp_enrol: '/login/enrol',
  password_change: '/login/change-password',
}

/** Where the recovery codes are shown once. */
export const recoveryPath = '/login/recovery-codes'

/** Reads an answer; one that is neither a step nor a sign-in is a server fault. */
export function readAnswer(a: Schema<'SignInStep'>): Outcome {
  const recoveryCodes = a.recovery_codes ?? []
  if (a.next) {
    if (!steps.includes(a.next) || !a.pending_token) throw new Error(`unexpected sign-in step ${a.next}`)
    return { kind: 'step', step: a.next, token: a.pending_token, expiresAt: a.expires_at ?? '', recoveryCodes }
  }
  if (!a.user || !a.csrf_token) throw new Error('sign-in answer without user or CSRF token')
  return { kind: 'done', me: a.user, csrfToken: a.csrf_token, recoveryCodes }
}

/** The page to show after an answer: the recovery codes first, then the step, else where the person was going. */
export function pathAfter(o: Outcome, redirect: string): string {
  if (o.recoveryCodes.length > 0) return recoveryPath
  return o.kind === 'step' ? stepPath[o.step] : redirect
}

/** The page after the recovery codes were saved. */
export function pathAfterCodes(o: Outcome, redirect: string): string {
  return o.kind === 'step' ? stepPath[o.step] : redirect
}

/** A typed code as the server takes it: a 6-digit code without spaces, a recovery code as typed. */
export function normalizeCode(input: string): string {
  const compact = input.replace(/\s+/g, '')
  return /^\d{6}$/.test(compact) ? compact : input.trim()
}

/** Why a typed code is not worth sending (an i18n key), or '' when it may be. */
export function codeProblem(input: string, recovery: boolean): string {
  const code = normalizeCode(input)
  if (!code) return recovery ? 'security.recoveryRequired' : 'security.codeRequired'
  if (recovery) return /^[a-z0-9]{4}(-?[a-z0-9]{4}){3}$/i.test(code.replace(/\s+/g, '')) ? '' : 'security.recoveryFormat'
  return /^\d{6}$/.test(code) ? '' : 'security.codeFormat'
}

/** What a refusal of a step means: a message key (or the server's words) and whether to start again at the password. */
export interface Refusal {
  key: string
  message: string
  restart: boolean
  field: string
}

/** Maps a step's refusal to what the person reads; the server's message for anything unforeseen. */
export function refusal(e: unknown): Refusal {
  if (!(e instanceof ApiError)) return { key: '', message: e instanceof Error ? e.message : String(e), restart: false, field: '' }
  const field = Object.keys(e.fields)[0] ?? ''
  const of = (key: string, restart = false): Refusal => ({ key, message: e.message, restart, field })
  switch (e.code) {
    case 'invalid_code':
      return of('security.invalidCode')
    case 'pending_expired':
      return of('security.pendingExpired', true)
    case 'locked':
      return of('security.locked', true)
    case 'throttled':
    case 'busy':
      return of('security.busy')
    case 'no_secret_key':
      return of('security.noSecretKey')
    case 'totp_enrolled':
      return of('security.alreadyEnrolled')
    case 'no_pending_step':
    case 'totp_required':
    case 'totp_enrol_required':
    case 'password_change_required':
      return of('security.pendingExpired', true)
  }
  if (e.status === 401) return of('security.pendingExpired', true)
  if (e.status === 429) return of('security.locked', true)
  if (e.status === 422 && field === 'code') return of('security.invalidCode')
  return of('', false)
}

/** The text file of the recovery codes a person downloads. */
export function recoveryFile(username: string, codes: string[], now: Date): { name: string; text: string } {
  const day = now.toISOString().slice(0, 10)
  const text = [`绩效目标管理 恢复码 / recovery codes: ${username}`, `${day}`, '每个恢复码只能使用一次 / each code works once', '', ...codes, ''].join('\n')
  return { name: `jixiao-recovery-codes-${username}-${day}.txt`, text }
}
