import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { endpoints } from '@/api/endpoints'
import type { DashboardQuery } from '@/api/dashboard'
import { defaultSize, maxSize } from '@/views/dashboard/paging'

// The server's OpenAPI document is merged at start from these fragments
// (app/api/openapi/*.json); the web app's client must call only what it
// describes, with the same methods and path templates.
const dir = join(__dirname, '..', '..', 'app', 'api', 'openapi')

interface Parameter {
  name: string
  in: string
  schema?: { default?: number; maximum?: number }
}
interface Fragment {
  paths?: Record<string, Record<string, { parameters?: Parameter[] }>>
}

function fragments(): Fragment[] {
  return readdirSync(dir).filter((n) => n.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fragment)
}

function documented(): Set<string> {
  const out = new Set<string>()
  for (const doc of fragments()) {
    for (const [path, ops] of Object.entries(doc.paths ?? {})) {
      for (const method of Object.keys(ops)) {
        if (['get', 'put', 'post', 'patch', 'delete'].includes(method)) out.add(`${method.toUpperCase()} ${path}`)
      }
    }
  }
  return out
}

describe('the API client and the OpenAPI document', () => {
  const doc = documented()

  it('reads a plausible document', () => {
    expect(doc.has('POST /api/v1/auth/login')).toBe(true)
    expect(doc.size).toBeGreaterThan(20)
  })

  it('calls only documented operations', () => {
    const used = Object.entries(endpoints).map(([name, e]) => ({ name, op: `${e.method} ${e.path}` }))
    const missing = used.filter((u) => !doc.has(u.op)).map((u) => `${u.name}: ${u.op}`)
    expect(missing).toEqual([])
  })

  it('names each operation once', () => {
    const ops = Object.values(endpoints).map((e) => `${e.method} ${e.path}`)
    expect(new Set(ops).size).toBe(ops.length)
  })
})

describe('the dashboard query and the OpenAPI document', () => {
  const params = fragments().flatMap((d) => d.paths?.['/api/v1/dashboard']?.get?.parameters ?? []).filter((p) => p.in === 'query')

  it('sends only documented query parameters', () => {
    const sent = Object.keys({ period: true, department: true, page: true, size: true } satisfies Record<keyof DashboardQuery, true>)
    expect(sent.filter((k) => !params.some((p) => p.name === k))).toEqual([])
  })

  it('pages with the server’s default and largest size', () => {
    const size = params.find((p) => p.name === 'size')?.schema
    expect([size?.default, size?.maximum]).toEqual([defaultSize, maxSize])
  })
})
