import { call } from './http'
import { endpoints as ep } from './endpoints'
import type { Department, Period, Project, ProjectList } from './types'

/** GET /api/v1/departments */
export const listDepartments = () => call<Department[]>(ep.departments)

/** GET /api/v1/periods?year= */
export const listPeriods = (year?: number) => call<Period[]>(ep.periods, { query: { year } })

export interface ProjectQuery {
  year?: number
  department?: string
  mine?: boolean
}

/** GET /api/v1/projects */
export const listProjects = (q: ProjectQuery = {}) =>
  call<ProjectList>(ep.projects, { query: { year: q.year, department: q.department, mine: q.mine ? true : undefined } })

/** GET /api/v1/projects/{code} */
export const getProject = (code: string) => call<Project>(ep.project, { params: { code } })
