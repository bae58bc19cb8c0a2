import { call, op } from './http'

// The indicator library (指标库), last year's values beside each line and a
// project across years. The types live here, next to their calls, until the
// generated types of the OpenAPI document replace them.

export type ValueBasis = '' | '计划标准' | '行业标准' | '历史标准' | '其他标准'
export const valueBases: ValueBasis[] = ['计划标准', '行业标准', '历史标准', '其他标准']
/** The message key of each basis (library.bases.<key>). */
export const basisKey: Record<string, string> = { 计划标准: 'plan', 行业标准: 'industry', 历史标准: 'history', 其他标准: 'other' }

export interface LibraryEntry {
  id: number
  scope: 'common' | 'department'
  department: string | null
  department_name?: string
  level1: string
  level2: string
  name: string
  aliases: string[]
  nature: string
  unit: string
  value_basis: ValueBasis
  guidance: string
  source: string
  status: 'proposed' | 'accepted' | 'merged'
  merged_into: number | null
  proposed_by?: string
  proposed_at?: string
  decided_by?: string
  decided_at?: string
  uses: number
}

export interface LibraryUse {
  project: { code: string; name: string }
  year: number
  status: string
  indicator_id: number
  target: string
  unit: string
  actual: string | null
  score: string | null
}

export type LibraryQuery = {
  q?: string
  level1?: string
  level2?: string
  scope?: 'common' | 'department'
  department?: string
  status?: 'proposed' | 'accepted'
  size?: number
}

export interface LibraryProposal {
  department?: string
  level1: string
  level2: string
  name: string
  nature?: string
  unit?: string
  value_basis?: ValueBasis
  guidance?: string
}

/** The same indicator last year, through copy_of or library_id. */
export interface LineLastYear {
  year: number
  via: 'copy' | 'library'
  project: { code: string; name: string }
  indicator_id: number
  target: string
  unit: string
  actual: string | null
  score: string | null
  status: string | null
}

/** The same indicator in the previous monitoring period of the year. */
export interface LinePrevious {
  period: string
  value: string | null
  light: string
  status: string
}

/** What an indicator carries besides the published fields. */
export interface IndicatorExtras {
  library_id?: number
  value_basis?: ValueBasis
  copy_of?: number
  last_year?: LineLastYear | null
}

/** What a report line carries beside it. */
export interface LineHistory {
  previous?: LinePrevious | null
  last_year?: LineLastYear | null
}

export interface YearValue {
  indicator_id: number
  target: string
  unit: string
  actual: string | null
  score: string | null
}

export interface ProjectYears {
  code: string
  name: string
  years: {
    year: number
    project: { code: string; name: string }
    target_status: string
    budget: string
    report_status: string | null
    total: string | null
    grade: string | null
    execution_rate: string | null
  }[]
  indicators: { level1: string; level2: string; name: string; nature: string; kind: string; library_id?: number; values: (YearValue | null)[] }[]
}

/** GET /api/v1/indicator-library: ranked by the words of q. */
export const searchLibrary = (q: LibraryQuery) =>
  call<{ items: LibraryEntry[]; total: number }>(op('GET', '/api/v1/indicator-library'), { query: q })

/** GET /api/v1/indicator-library/{id} with where it is used. */
export const getLibraryEntry = (id: number) => call<{ entry: LibraryEntry; uses: LibraryUse[] }>(op('GET', '/api/v1/indicator-library/{id}'), { params: { id: String(id) } })

/** POST /api/v1/indicator-library: a department entry for its reviewer to confirm. */
export const proposeLibraryEntry = (body: LibraryProposal) => call<LibraryEntry>(op('POST', '/api/v1/indicator-library'), { body })

/** POST …/{id}/accept */
export const acceptLibraryEntry = (id: number) => call<LibraryEntry>(op('POST', '/api/v1/indicator-library/{id}/accept'), { params: { id: String(id) }, body: {} })

/** POST …/{id}/merge into another entry. */
export const mergeLibraryEntry = (id: number, into: number) =>
  call<LibraryEntry>(op('POST', '/api/v1/indicator-library/{id}/merge'), { params: { id: String(id) }, body: { into } })

/** GET /api/v1/projects/{code}/years */
export const getProjectYears = (code: string) => call<ProjectYears>(op('GET', '/api/v1/projects/{code}/years'), { params: { code } })

export interface DepartmentYears {
  department: string
  years: number[]
  projects: {
    code: string
    name: string
    years: ({ project: { code: string; name: string }; report_status: string | null; total: string | null; grade: string | null } | null)[]
  }[]
}

/** GET /api/v1/departments/{code}/years: the department's projects' grades by year. */
export const getDepartmentYears = (code: string) => call<DepartmentYears>(op('GET', '/api/v1/departments/{code}/years'), { params: { code } })
