import type { Schema } from '@/api/http'
import { reactive } from 'vue'
import { adopt } from '@/session'
import { pathAfter, pathAfterCodes, readAnswer, type Outcome, type StepName } from './steps'

// The sign-in in progress, for the step pages of this folder. Kept in memory
// only: a reload starts again at the password (the pending token lapses
// within 5 minutes anyway, and is never written to storage).
export const flow = reactive<{
  username: string
  redirect: string
  /** the pending step and its token, while one is pending */
  step: StepName | null
  token: string
  /** codes shown once, until the person says they are saved */
  recoveryCodes: string[]
  /** the answer that carried the codes: where to go after them */
  outcome: Outcome | null
}>({ username: '', redirect: '/dashboard', step: null, token: '', recoveryCodes: [], outcome: null })

/** Takes an answer of the login or a step and says which page comes next. */
export function advance(answer: Schema<'SignInStep'>): string {
  const o = readAnswer(answer)
  if (o.kind === 'done') {
    adopt(o.me, o.csrfToken)
    flow.step = null
    flow.token = ''
  } else {
    flow.step = o.step
    flow.token = o.token
  }
  flow.recoveryCodes = o.recoveryCodes
  flow.outcome = o
  return pathAfter(o, flow.redirect)
}

/** Starts a sign-in with the login's answer; the page to go to. */
export function start(answer: Schema<'SignInStep'>, username: string, redirect: string): string {
  reset()
  flow.username = username
  flow.redirect = redirect
  return advance(answer)
}

/** After the recovery codes were saved: forgets them, and the next page. */
export function codesSaved(): string {
  const o = flow.outcome
  flow.recoveryCodes = []
  return o ? pathAfterCodes(o, flow.redirect) : '/login'
}

/** Forgets the sign-in in progress. */
export function reset(): void {
  Object.assign(flow, { username: '', redirect: '/dashboard', step: null, token: '', recoveryCodes: [], outcome: null })
}
