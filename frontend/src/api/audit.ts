import { call, op, type QueryOf } from './http'

export type AuditQuery = QueryOf<'GET', '/api/v1/audit'>

/** GET /api/v1/audit: newest first, paged. */
export const listAudit = (q: AuditQuery) => call(op('GET', '/api/v1/audit'), { query: { ...q } })

/** GET /api/v1/audit/vocabulary: the actions and kinds of object, named. */
export const auditVocabulary = () => call(op('GET', '/api/v1/audit/vocabulary'))
