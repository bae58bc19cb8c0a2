import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, call, expand, op, setCsrfToken, setUnauthorizedHandler } from '@/api/http'
import { saveReport } from '@/api/reports'
import { listProjects } from '@/api/projects'

interface Seen {
  url: string
  init: RequestInit
}

let seen: Seen[] = []
function answer(status: number, body: unknown) {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    seen.push({ url, init })
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  })
}
const headers = (i: number) => seen[i].init.headers as Record<string, string>

beforeEach(() => {
  seen = []
  localStorage.clear()
})
afterEach(() => vi.unstubAllGlobals())

describe('the API client', () => {
  it('sends JSON with the CSRF token on writes', async () => {
    setCsrfToken('tok-1')
    answer(200, { version: 2 })
    const body = { version: 1, budget: { adjusted: '', executed: '1.50', projected: '', reason: '' }, lines: [] }
    const r = await saveReport('6328 01', '2024-06', body)
    expect(r).toEqual({ version: 2 })
    expect(seen[0].url).toBe('/api/v1/projects/6328%2001/reports/2024-06')
    expect(seen[0].init.method).toBe('PUT')
    expect(headers(0)['Content-Type']).toBe('application/json')
    expect(headers(0)['X-CSRF-Token']).toBe('tok-1')
    expect(JSON.parse(String(seen[0].init.body))).toEqual(body)
  })

  it('sends no body and no CSRF header on reads, and drops empty query values', async () => {
    answer(200, { items: [], total: 0 })
    await listProjects({ year: 2024, mine: false })
    expect(seen[0].url).toBe('/api/v1/projects?year=2024')
    expect(seen[0].init.body).toBeUndefined()
    expect(headers(0)['X-CSRF-Token']).toBeUndefined()
    expect(headers(0)['Content-Type']).toBeUndefined()
  })

  it('turns an error body into ApiError with its fields', async () => {
    answer(422, { error: { code: 'invalid', message: '数据有误', fields: { 'lines[2].value': '不是有效的数字' } } })
    const err = await call(op('POST', '/api/v1/users'), { body: { username: 'u', password: 'p', roles: [] } }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    const e = err as ApiError
    expect([e.status, e.code, e.message]).toEqual([422, 'invalid', '数据有误'])
    expect(e.fields['lines[2].value']).toBe('不是有效的数字')
  })

  it('keeps the extra members of a 409 for the conflict dialog', async () => {
    answer(409, { error: { code: 'stale_version', message: '报告已被修改', current_version: 3, updated_by: 'xzcw' } })
    const e = (await call(op('PUT', '/api/v1/me/password'), { body: { current: 'a', new: 'b' } }).catch((x: unknown) => x)) as ApiError
    expect(e.code).toBe('stale_version')
    expect(e.body.current_version).toBe(3)
  })

  it('tells the router when the session ended, except for quiet calls', async () => {
    const ended = vi.fn()
    setUnauthorizedHandler(ended)
    answer(401, { error: { code: 'unauthorized', message: '请先登录' } })
    await expect(call(op('GET', '/api/v1/me'))).rejects.toBeInstanceOf(ApiError)
    expect(ended).toHaveBeenCalledTimes(1)
    await expect(call(op('GET', '/api/v1/me'), { quiet401: true })).rejects.toBeInstanceOf(ApiError)
    expect(ended).toHaveBeenCalledTimes(1)
  })

  it('answers undefined for 204 and a readable error for a body that is not JSON', async () => {
    answer(204, undefined)
    await expect(call(op('POST', '/api/v1/auth/logout'))).resolves.toBeUndefined()
    vi.stubGlobal('fetch', async () => new Response('<html>bad gateway</html>', { status: 502 }))
    const e = (await call(op('GET', '/api/v1/periods')).catch((x: unknown) => x)) as ApiError
    expect(e.status).toBe(502)
    expect(e.message).toMatch(/HTTP 502/)
  })

  it('escapes path parameters and refuses a missing one', () => {
    expect(expand('/a/{code}/b/{period}', { code: 'x/y', period: '2024' })).toBe('/a/x%2Fy/b/2024')
    expect(() => expand('/a/{code}', {})).toThrow(/code/)
  })
})

describe('reads started early (the router, before the page has loaded)', () => {
  it('are taken once by the first call of the same address, which then sends nothing', async () => {
    answer(200, { project_count: 0 })
    const { prefetch } = await import('@/api/http')
    const { getDashboard } = await import('@/api/dashboard')
    prefetch(op('GET', '/api/v1/dashboard'), { query: { period: '2024-06', department: undefined, page: 1, size: 100 } })
    expect(seen.map((s) => s.url)).toEqual(['/api/v1/dashboard?period=2024-06&page=1&size=100'])
    expect(await getDashboard({ period: '2024-06', page: 1, size: 100 })).toEqual({ project_count: 0 })
    expect(seen).toHaveLength(1)
    // taken: the next call reads again
    await getDashboard({ period: '2024-06', page: 1, size: 100 })
    expect(seen).toHaveLength(2)
  })

  it('are not taken by a call of another address', async () => {
    answer(200, {})
    const { prefetch } = await import('@/api/http')
    const { getReport } = await import('@/api/reports')
    prefetch(op('GET', '/api/v1/projects/{code}/reports/{period}'), { params: { code: 'A1', period: '2024-06' } })
    await getReport('A1', '2024-05')
    expect(seen.map((s) => s.url)).toEqual(['/api/v1/projects/A1/reports/2024-06', '/api/v1/projects/A1/reports/2024-05'])
    await getReport('A1', '2024-06')
    expect(seen).toHaveLength(2)
  })
})
