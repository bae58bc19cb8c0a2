import { call, op, type QueryOf, type Schema } from './http'

// The indicator library (指标库), last year's values beside each line and a
// project across years.

export const valueBases: NonNullable<Schema<'Indicator'>['value_basis']>[] = ['计划标准', '行业标准', '历史标准', '其他标准']
/** The message key of each basis (library.bases.<key>). */
export const basisKey: Record<string, string> = { 计划标准: 'plan', 行业标准: 'industry', 历史标准: 'history', 其他标准: 'other' }

/** GET /api/v1/indicator-library: ranked by the words of q. */
export const searchLibrary = (q: QueryOf<'GET', '/api/v1/indicator-library'>) =>
  call(op('GET', '/api/v1/indicator-library'), { query: q })

/** GET /api/v1/indicator-library/{id} with where it is used. */
export const getLibraryEntry = (id: number) => call(op('GET', '/api/v1/indicator-library/{id}'), { params: { id: String(id) } })

/** POST /api/v1/indicator-library: a department entry for its reviewer to confirm. */
export const proposeLibraryEntry = (body: Schema<'LibraryProposal'>) => call(op('POST', '/api/v1/indicator-library'), { body })

/** POST …/{id}/accept */
export const acceptLibraryEntry = (id: number) => call(op('POST', '/api/v1/indicator-library/{id}/accept'), { params: { id: String(id) }, body: {} })

/** POST …/{id}/merge into another entry. */
export const mergeLibraryEntry = (id: number, into: number) =>
  call(op('POST', '/api/v1/indicator-library/{id}/merge'), { params: { id: String(id) }, body: { into } })

/** GET /api/v1/projects/{code}/years */
export const getProjectYears = (code: string) => call(op('GET', '/api/v1/projects/{code}/years'), { params: { code } })

/** GET /api/v1/departments/{code}/years: the department's projects' grades by year. */
export const getDepartmentYears = (code: string) => call(op('GET', '/api/v1/departments/{code}/years'), { params: { code } })
