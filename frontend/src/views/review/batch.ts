import type { ReportRow } from '@/api/types'
import type { BatchItem, BatchItemResult } from '@/api/seasonTypes'

/** The server takes at most this many reports in one batch. */
export const batchLimit = 100

/** The rows ticked in the queue as the batch endpoint wants them. */
export function batchItems(rows: ReportRow[]): BatchItem[] {
  return rows.map((r) => ({ code: r.project.code, period: r.period }))
}

/** How many items the server moved and how many it refused. */
export function summarize(results: BatchItemResult[]): { ok: number; failed: number } {
  const failed = results.filter((r) => r.error !== undefined && r.error !== '').length
  return { ok: results.length - failed, failed }
}
