import type { Endpoint } from './http'

// Every endpoint the web app calls, as the OpenAPI document names it. A test
// (tests/openapi.test.ts) fails when one of these is not in the document.
export const endpoints = {
  login: { method: 'POST', path: '/api/v1/auth/login' },
  logout: { method: 'POST', path: '/api/v1/auth/logout' },
  me: { method: 'GET', path: '/api/v1/me' },
  changeOwnPassword: { method: 'PUT', path: '/api/v1/me/password' },
  departments: { method: 'GET', path: '/api/v1/departments' },
  periods: { method: 'GET', path: '/api/v1/periods' },
  projects: { method: 'GET', path: '/api/v1/projects' },
  project: { method: 'GET', path: '/api/v1/projects/{code}' },
  report: { method: 'GET', path: '/api/v1/projects/{code}/reports/{period}' },
  saveReport: { method: 'PUT', path: '/api/v1/projects/{code}/reports/{period}' },
  patchReport: { method: 'PATCH', path: '/api/v1/projects/{code}/reports/{period}' },
  previewReport: { method: 'POST', path: '/api/v1/projects/{code}/reports/{period}/preview' },
  reportHistory: { method: 'GET', path: '/api/v1/projects/{code}/reports/{period}/history' },
  submitReport: { method: 'POST', path: '/api/v1/projects/{code}/reports/{period}/submit' },
  approveReport: { method: 'POST', path: '/api/v1/projects/{code}/reports/{period}/approve' },
  returnReport: { method: 'POST', path: '/api/v1/projects/{code}/reports/{period}/return' },
  reopenReport: { method: 'POST', path: '/api/v1/projects/{code}/reports/{period}/reopen' },
  reports: { method: 'GET', path: '/api/v1/reports' },
  dashboard: { method: 'GET', path: '/api/v1/dashboard' },
  audit: { method: 'GET', path: '/api/v1/audit' },
  users: { method: 'GET', path: '/api/v1/users' },
  createUser: { method: 'POST', path: '/api/v1/users' },
  user: { method: 'GET', path: '/api/v1/users/{username}' },
  updateUser: { method: 'PUT', path: '/api/v1/users/{username}' },
  setUserRoles: { method: 'PUT', path: '/api/v1/users/{username}/roles' },
  setUserAssignments: { method: 'PUT', path: '/api/v1/users/{username}/assignments' },
  resetUserPassword: { method: 'PUT', path: '/api/v1/users/{username}/password' },
  // security (issue 13): the sign-in steps, one's own second factor, an admin's reset
  totpStep: { method: 'POST', path: '/api/v1/auth/totp' },
  totpEnrol: { method: 'POST', path: '/api/v1/auth/totp/enrol' },
  totpEnrolConfirm: { method: 'POST', path: '/api/v1/auth/totp/enrol/confirm' },
  passwordStep: { method: 'POST', path: '/api/v1/auth/password' },
  mySecurity: { method: 'GET', path: '/api/v1/me/security' },
  resetUserTotp: { method: 'DELETE', path: '/api/v1/users/{username}/totp' },
} as const satisfies Record<string, Endpoint>

export type EndpointName = keyof typeof endpoints
