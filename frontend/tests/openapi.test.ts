import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { op } from '@/api/http'
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

// The client's calls are checked against the document when it compiles:
// op(method, path) takes only the operations of the types generated from it
// (src/api/schema.d.ts, kept current by make api-check).
describe('the API client and the OpenAPI document', () => {
  const doc = documented()

  it('reads a plausible document', () => {
    expect(doc.has('POST /api/v1/auth/login')).toBe(true)
    expect(doc.size).toBeGreaterThan(20)
  })

  it('names operations as the document does', () => {
    const e = op('PUT', '/api/v1/projects/{code}/reports/{period}')
    expect(doc.has(`${e.method} ${e.path}`)).toBe(true)
    // @ts-expect-error: the document has no such operation, so this does not compile
    const wrong = op('DELETE', '/api/v1/me')
    expect(doc.has(`${wrong.method} ${wrong.path}`)).toBe(false)
  })
})

describe('the dashboard query and the OpenAPI document', () => {
  const params = fragments().flatMap((d) => d.paths?.['/api/v1/dashboard']?.get?.parameters ?? []).filter((p) => p.in === 'query')

  it('pages with the server’s default and largest size', () => {
    const size = params.find((p) => p.name === 'size')?.schema
    expect([size?.default, size?.maximum]).toEqual([defaultSize, maxSize])
  })
})
