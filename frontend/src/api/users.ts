import { call, op, type Body, type Schema } from './http'

const who = (username: string) => ({ username })

/** GET /api/v1/users: a page (50 by default, at most 500) with the total, searched by part of a username or name. */
export const listUsers = (q: { q?: string; page?: number; size?: number } = {}) =>
  call(op('GET', '/api/v1/users'), { query: { q: q.q || undefined, page: q.page, size: q.size } })

/** POST /api/v1/users */
export const createUser = (u: Schema<'NewUser'>) => call(op('POST', '/api/v1/users'), { body: u })

/** GET /api/v1/users/{username} */
export const getUser = (username: string) => call(op('GET', '/api/v1/users/{username}'), { params: who(username) })

/** PUT /api/v1/users/{username}: display name, disabled, phone, e-mail. */
export const updateUser = (username: string, change: Body<'PUT', '/api/v1/users/{username}'>) =>
  call(op('PUT', '/api/v1/users/{username}'), { params: who(username), body: change })

/** PUT /api/v1/users/{username}/roles, with the assignments that go with them. */
export const setUserRoles = (username: string, roles: Schema<'Role'>[], departments: string[], projects: string[]) =>
  call(op('PUT', '/api/v1/users/{username}/roles'), { params: who(username), body: { roles, departments, projects } })

/** PUT /api/v1/users/{username}/assignments */
export const setUserAssignments = (username: string, departments: string[], projects: string[]) =>
  call(op('PUT', '/api/v1/users/{username}/assignments'), { params: who(username), body: { departments, projects } })

/**
 * PUT /api/v1/users/{username}/password: an admin resets a password. A submitter's applies at once (the user);
 * an admin's, reviewer's or auditor's waits for a second person (the request, see isPendingReset).
 */
export const resetUserPassword = (username: string, password: string) =>
  call(op('PUT', '/api/v1/users/{username}/password'), { params: who(username), body: { password } })

/** Whether a reset's answer is a request waiting for a second person rather than the changed user. */
export const isPendingReset = (x: Schema<'User'> | Schema<'AccountReset'>): x is Schema<'AccountReset'> => 'kind' in x && x.status === 'pending'

/** GET /api/v1/account-resets: the reset requests, newest first (status=pending: those waiting). */
export const listResets = (status?: Schema<'AccountReset'>['status']) => call(op('GET', '/api/v1/account-resets'), { query: { status } })

/** POST /api/v1/account-resets/{id}/confirm: the second person confirms; the reset applies. */
export const confirmReset = (id: number) => call(op('POST', '/api/v1/account-resets/{id}/confirm'), { params: { id: String(id) }, body: {} })

/** POST /api/v1/account-resets/{id}/reject: the second person turns it down, or the requester withdraws it. */
export const rejectReset = (id: number, comment: string) =>
  call(op('POST', '/api/v1/account-resets/{id}/reject'), { params: { id: String(id) }, body: { comment } })
