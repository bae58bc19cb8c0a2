import type { LocationQuery, LocationQueryRaw } from 'vue-router'

// The dashboard's project list comes a page at a time (GET /api/v1/dashboard
// ?page=&size=); the page and its size live in the address, so that a link
// or the back button shows the same page.

/** The server's page size when none is asked for, and the largest it accepts (app/api/dashboard.go). */
export const defaultSize = 100
export const maxSize = 1000
/** The sizes the pager offers. */
export const usualSizes = [20, 50, 100, 200]

/** A window of the project list: page from 1, size projects per page. */
export interface Paging {
  page: number
  size: number
}

function whole(v: unknown, hi: number): number | null {
  if (typeof v !== 'string' || !/^\d+$/.test(v)) return null
  const n = Number(v)
  return n >= 1 && n <= hi ? n : null
}

/** The page and size an address asks for; a value that is not a whole number in range counts as absent. */
export function readPaging(q: LocationQuery): Paging {
  return { page: whole(q.page, 1_000_000) ?? 1, size: whole(q.size, maxSize) ?? defaultSize }
}

/** The query of the same address at another page; the defaults are left out, so that plain links stay plain. */
export function withPaging(q: LocationQuery, p: Paging): LocationQueryRaw {
  return { ...q, page: p.page === 1 ? undefined : String(p.page), size: p.size === defaultSize ? undefined : String(p.size) }
}

/** How many pages count projects fill at size per page; one when there are none. */
export function pageCount(count: number, size: number): number {
  return Math.max(1, Math.ceil(count / size))
}

/** The sizes to offer: the usual ones and the one in use (?size=5 from a link), ascending. */
export function sizeChoices(current: number): number[] {
  return usualSizes.includes(current) ? usualSizes : [...usualSizes, current].sort((a, b) => a - b)
}
