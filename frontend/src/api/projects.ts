import { call, op, type QueryOf } from './http'

/** The departments asked for: codes as a list (sent joined by commas). */
export type DepartmentQuery = Omit<QueryOf<'GET', '/api/v1/departments'>, 'codes'> & { codes?: string[] }

/** GET /api/v1/departments: all the caller sees, or searched on the server (pickers). */
export const listDepartments = (q: DepartmentQuery = {}) =>
  call(op('GET', '/api/v1/departments'), { query: { q: q.q, size: q.size, codes: q.codes?.length ? q.codes.join(',') : undefined } })

/** GET /api/v1/periods?year= */
export const listPeriods = (year?: number) => call(op('GET', '/api/v1/periods'), { query: { year } })

export type ProjectQuery = QueryOf<'GET', '/api/v1/projects'>

/** The server's default and largest page of projects. */
export const projectPage = { size: 50, max: 500 }

/** GET /api/v1/projects: a page at a time, the caller's own first. */
export const listProjects = (q: ProjectQuery = {}) =>
  call(op('GET', '/api/v1/projects'), {
    query: { year: q.year, department: q.department, mine: q.mine ? true : undefined, q: q.q, status: q.status, page: q.page, size: q.size },
  })

/** GET /api/v1/projects/{code} */
export const getProject = (code: string) => call(op('GET', '/api/v1/projects/{code}'), { params: { code } })
