import { call, op } from './http'
import type { Department, Period, Project, ProjectList } from './types'

export interface DepartmentQuery {
  /** part of a code or name */
  q?: string
  /** at most this many (all when absent) */
  size?: number
  /** the departments wanted, by code */
  codes?: string[]
}

/** GET /api/v1/departments: all the caller sees, or searched on the server (pickers). */
export const listDepartments = (q: DepartmentQuery = {}) =>
  call<Department[]>(op('GET', '/api/v1/departments'), { query: { q: q.q, size: q.size, codes: q.codes?.length ? q.codes.join(',') : undefined } })

/** GET /api/v1/periods?year= */
export const listPeriods = (year?: number) => call<Period[]>(op('GET', '/api/v1/periods'), { query: { year } })

export interface ProjectQuery {
  year?: number
  department?: string
  mine?: boolean
  /** part of the code or name */
  q?: string
  /** the targets' status */
  status?: 'draft' | 'submitted' | 'approved' | 'returned'
  page?: number
  size?: number
}

/** The server's default and largest page of projects. */
export const projectPage = { size: 50, max: 500 }

/** GET /api/v1/projects: a page at a time, the caller's own first. */
export const listProjects = (q: ProjectQuery = {}) =>
  call<ProjectList>(op('GET', '/api/v1/projects'), {
    query: { year: q.year, department: q.department, mine: q.mine ? true : undefined, q: q.q, status: q.status, page: q.page, size: q.size },
  })

/** GET /api/v1/projects/{code} */
export const getProject = (code: string) => call<Project>(op('GET', '/api/v1/projects/{code}'), { params: { code } })
