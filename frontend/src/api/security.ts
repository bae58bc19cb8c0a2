import { call, op } from './http'

// The sign-in steps take the pending token of the login's answer
// as their bearer; from a full session (one's own enrolment) it is left out
// and the cookie with the CSRF header is used. A 401 here is the step's own
// refusal (wrong code, step lapsed), never "the session ended".

/** POST /api/v1/auth/totp: the 6-digit code or a recovery code. */
export const totpStep = (pending: string, code: string) =>
  call(op('POST', '/api/v1/auth/totp'), { body: { code }, bearer: pending, quiet401: true })

/** POST /api/v1/auth/totp/enrol: a new secret, shown once. */
export const beginEnrolment = (pending?: string) =>
  call(op('POST', '/api/v1/auth/totp/enrol'), { bearer: pending, quiet401: !!pending })

/** POST /api/v1/auth/totp/enrol/confirm: the first code; answers the recovery codes (and the next step). */
export const confirmEnrolment = (pending: string | undefined, code: string) =>
  call(op('POST', '/api/v1/auth/totp/enrol/confirm'), { body: { code }, bearer: pending, quiet401: !!pending })

/** POST /api/v1/auth/password: the forced change of an expired or admin-set password. */
export const passwordStep = (pending: string, current: string, next: string) =>
  call(op('POST', '/api/v1/auth/password'), { body: { current, new: next }, bearer: pending, quiet401: true })

/** GET /api/v1/me/security: one's second factor and password life. */
export const getMySecurity = () => call(op('GET', '/api/v1/me/security'))

/**
 * DELETE /api/v1/users/{username}/totp: an admin resets a user's second factor (their sessions end): at once for a
 * submitter, or as a request a second person confirms for an admin, reviewer or auditor.
 */
export const resetUserTotp = (username: string) => call(op('DELETE', '/api/v1/users/{username}/totp'), { params: { username } })

/** POST /api/v1/auth/logout with a pending token: abandons a sign-in before its last step. */
export const abandonSignIn = (pending: string) => call(op('POST', '/api/v1/auth/logout'), { bearer: pending, quiet401: true })
