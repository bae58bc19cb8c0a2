import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { endpoints } from '@/api/endpoints'

// The server's OpenAPI document is merged at start from these fragments
// (app/api/openapi/*.json); the web app's client must call only what it
// describes, with the same methods and path templates.
const dir = join(__dirname, '..', '..', 'app', 'api', 'openapi')

interface Fragment {
  paths?: Record<string, Record<string, unknown>>
}

function documented(): Set<string> {
  const out = new Set<string>()
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fragment
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
