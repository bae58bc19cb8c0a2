import { acceptLanguage, ApiError, csrfToken, expand, httpError, networkError, type ErrorBody, type Schema } from './http'

type ImportResult = Schema<'ImportResult'>

// Excel in and out: the import of target tables (multipart, so not
// through call) and the addresses of the exported workbooks.

/** POST /api/v1/imports/targets: a 422 with errors is an answer, not a failure. */
export async function importTargets(file: Blob, name: string, opts: { dryRun: boolean; year?: number }): Promise<ImportResult> {
  const form = new FormData()
  form.append('file', file, name)
  const sp = new URLSearchParams()
  if (opts.dryRun) sp.set('dry_run', 'true')
  if (opts.year) sp.set('year', String(opts.year))
  const q = sp.toString()
  let res: Response
  try {
    res = await fetch('/api/v1/imports/targets' + (q ? `?${q}` : ''), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': acceptLanguage(), 'X-CSRF-Token': csrfToken() },
      body: form,
    })
  } catch {
    throw new ApiError(0, networkError())
  }
  const data: unknown = await res.json().catch(() => undefined)
  if (data && typeof data === 'object' && 'errors' in data && (res.ok || res.status === 422)) return normalise(data as Partial<ImportResult>)
  const err = data && typeof data === 'object' && 'error' in data ? (data as { error: ErrorBody }).error : undefined
  throw new ApiError(res.status, err ?? httpError(res.status))
}

function normalise(r: Partial<ImportResult>): ImportResult {
  return {
    ok: !!r.ok, dry_run: !!r.dry_run, stored: !!r.stored, year: r.year ?? 0, departments: r.departments ?? [],
    created_departments: r.created_departments ?? [],
    projects: r.projects ?? [], unchanged: r.unchanged ?? [], errors: r.errors ?? [], error: r.error,
  }
}

export type ExportTable = 'targets' | 'monitoring' | 'self-evaluation'

const exportPaths: Record<ExportTable, string> = {
  targets: '/api/v1/exports/targets.xlsx',
  monitoring: '/api/v1/exports/monitoring.xlsx',
  'self-evaluation': '/api/v1/exports/self-evaluation.xlsx',
}

/** The address of an exported workbook: targets by year, monitoring by period, self-evaluation by year. */
export function exportUrl(table: ExportTable, q: { year?: number; period?: string; department?: string }): string {
  const sp = new URLSearchParams()
  if (table === 'monitoring') {
    if (q.period) sp.set('period', q.period)
  } else if (q.year) {
    sp.set('year', String(q.year))
  }
  if (q.department) sp.set('department', q.department)
  const s = sp.toString()
  return expand(exportPaths[table]) + (s ? `?${s}` : '')
}
