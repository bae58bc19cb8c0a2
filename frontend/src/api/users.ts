import { call } from './http'
import { endpoints as ep } from './endpoints'
import type { NewUser, Role, User, UserList } from './types'

const who = (username: string) => ({ username })

/** GET /api/v1/users */
export const listUsers = () => call<UserList>(ep.users)

/** POST /api/v1/users */
export const createUser = (u: NewUser) => call<User>(ep.createUser, { body: u })

/** GET /api/v1/users/{username} */
export const getUser = (username: string) => call<User>(ep.user, { params: who(username) })

/** PUT /api/v1/users/{username}: display name, disabled, phone, e-mail. */
export const updateUser = (username: string, change: { display_name?: string; disabled?: boolean; phone?: string; email?: string }) =>
  call<User>(ep.updateUser, { params: who(username), body: change })

/** PUT /api/v1/users/{username}/roles, with the assignments that go with them. */
export const setUserRoles = (username: string, roles: Role[], departments: string[], projects: string[]) =>
  call<User>(ep.setUserRoles, { params: who(username), body: { roles, departments, projects } })

/** PUT /api/v1/users/{username}/assignments */
export const setUserAssignments = (username: string, departments: string[], projects: string[]) =>
  call<User>(ep.setUserAssignments, { params: who(username), body: { departments, projects } })

/** PUT /api/v1/users/{username}/password: an admin resets a password. */
export const resetUserPassword = (username: string, password: string) =>
  call<void>(ep.resetUserPassword, { params: who(username), body: { password } })
