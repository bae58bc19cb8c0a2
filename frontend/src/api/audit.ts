import { call, op } from './http'
import type { AuditPage, AuditVocabulary } from './types'

export interface AuditQuery {
  actor?: string
  action?: string
  object_type?: string
  object_id?: string
  from?: string
  to?: string
  page?: number
  page_size?: number
}

/** GET /api/v1/audit: newest first, paged. */
export const listAudit = (q: AuditQuery) => call<AuditPage>(op('GET', '/api/v1/audit'), { query: { ...q } })

/** GET /api/v1/audit/vocabulary: the actions and kinds of object, named. */
export const auditVocabulary = () => call<AuditVocabulary>(op('GET', '/api/v1/audit/vocabulary'))
