import { call, op } from './http'

/** POST /api/v1/auth/login: starts a session (cookie) and answers the CSRF token, or a pending step (security). */
export const login = (username: string, password: string) =>
  call(op('POST', '/api/v1/auth/login'), { body: { username, password }, quiet401: true })

/** POST /api/v1/auth/logout: ends the session server-side. */
export const logout = () => call(op('POST', '/api/v1/auth/logout'))

/** GET /api/v1/me: who is signed in and what they may do. */
export const getMe = (quiet401 = false) => call(op('GET', '/api/v1/me'), { quiet401 })

/** PUT /api/v1/me/password: the signed-in person changes their own password. */
export const changeOwnPassword = (current: string, next: string) =>
  call(op('PUT', '/api/v1/me/password'), { body: { current, new: next } })
