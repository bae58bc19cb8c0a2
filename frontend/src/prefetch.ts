import type { RouteLocationNormalized } from 'vue-router'
import { op, prefetch } from '@/api/http'
import { readPaging } from '@/views/dashboard/paging'

// What a page reads first, asked for by the router as soon as the session is
// known, while the page's script is still on its way: on a slow line the data
// and the script then come together instead of one after the other. The
// addresses are those the pages' own calls make (useDashboard, useReport),
// so that those calls take these answers (api/http.ts prefetch).

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined)

/** Starts the first reads of the page at to, if it is one that has them. */
export function prefetchPage(to: RouteLocationNormalized): void {
  if (to.name === 'dashboard') {
    // without a period in the address the page picks one from the periods first
    const period = str(to.query.period)
    if (!period) return
    const { page, size } = readPaging(to.query)
    prefetch(op('GET', '/api/v1/dashboard'), { query: { period, department: str(to.query.department), page, size } })
  } else if (to.name === 'report') {
    const code = String(to.params.code)
    const period = String(to.params.period)
    prefetch(op('GET', '/api/v1/projects/{code}'), { params: { code } })
    prefetch(op('GET', '/api/v1/projects/{code}/reports/{period}'), { params: { code, period } })
  }
}

/** Starts loading the page's script (its lazily loaded components) now. */
export function preloadPage(to: RouteLocationNormalized): void {
  for (const record of to.matched) {
    for (const c of Object.values(record.components ?? {})) {
      if (typeof c === 'function' && !('displayName' in c) && !('props' in c) && !('__vccOpts' in c)) {
        const p = (c as () => unknown)()
        if (p instanceof Promise) p.catch(() => undefined)
      }
    }
  }
}
