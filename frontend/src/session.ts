import { reactive } from 'vue'
import * as authApi from '@/api/auth'
import { ApiError, hasCsrfToken, setCsrfToken, type Schema } from '@/api/http'

// Who is signed in: read by the router guard, the layout and every page, so
// it lives in one reactive module (small enough not to need pinia).
export const session = reactive<{ me: Schema<'Me'> | null; checked: boolean }>({ me: null, checked: false })

/** Asks the server who is signed in (once per page load, or after a 401). */
export async function ensureSession(): Promise<Schema<'Me'> | null> {
  if (session.checked) return session.me
  // never signed in here: straight to the login page, without a refused /me in the audit trail
  if (!hasCsrfToken()) {
    session.checked = true
    return null
  }
  try {
    session.me = await authApi.getMe(true)
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e
    session.me = null
  }
  session.checked = true
  return session.me
}

/** Checks the password: a full sign-in is adopted; a pending step (views/security) is answered as it came. */
export async function signIn(username: string, password: string): Promise<Schema<'SignInStep'>> {
  const res = await authApi.login(username, password)
  if (!res.next && res.user && res.csrf_token) adopt(res.user, res.csrf_token)
  return res
}

/** Takes a full sign-in (the login's or the last sign-in step's) as this browser's session. */
export function adopt(me: Schema<'Me'>, csrfToken: string): void {
  setCsrfToken(csrfToken)
  session.me = me
  session.checked = true
}

export async function signOut(): Promise<void> {
  try {
    await authApi.logout()
  } finally {
    forget()
  }
}

/** Forgets the session locally (after a 401 or a sign-out). */
export function forget(): void {
  setCsrfToken(null)
  session.me = null
  session.checked = true
}
