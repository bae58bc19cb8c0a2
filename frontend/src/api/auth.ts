import { call } from './http'
import { endpoints as ep } from './endpoints'
import type { Me, SignInStep } from './types'

/** POST /api/v1/auth/login: starts a session (cookie) and answers the CSRF token, or a pending step (security). */
export const login = (username: string, password: string) =>
  call<SignInStep>(ep.login, { body: { username, password }, quiet401: true })

/** POST /api/v1/auth/logout: ends the session server-side. */
export const logout = () => call<void>(ep.logout)

/** GET /api/v1/me: who is signed in and what they may do. */
export const getMe = (quiet401 = false) => call<Me>(ep.me, { quiet401 })

/** PUT /api/v1/me/password: the signed-in person changes their own password. */
export const changeOwnPassword = (current: string, next: string) =>
  call<void>(ep.changeOwnPassword, { body: { current, new: next } })
