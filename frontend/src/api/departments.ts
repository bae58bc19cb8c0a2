import { call, op, type Schema } from './http'
import type { DepartmentQuery } from './projects'

// Departments in a hierarchy (财政 → 主管部门 → 二级预算单位) and the
// dashboard's rows folded by it.

/** GET /api/v1/departments with the hierarchy; parent lists the units directly below one */
export const listDepartmentNodes = (q: DepartmentQuery & { parent?: string } = {}) =>
  call(op('GET', '/api/v1/departments'), {
    query: { q: q.q, size: q.size, codes: q.codes?.length ? q.codes.join(',') : undefined, parent: q.parent },
  })

/** POST /api/v1/departments (admins) */
export const createDepartment = (d: Schema<'DepartmentInput'>) => call(op('POST', '/api/v1/departments'), { body: d })

/** PUT /api/v1/departments/{code} (admins): rename or move */
export const updateDepartment = (code: string, d: Schema<'DepartmentInput'>) =>
  call(op('PUT', '/api/v1/departments/{code}'), { params: { code }, body: d })

/** PUT /api/v1/periods/{key}/review-levels (admins): 1 (the 主管部门 is final) or 2 */
export const setReviewLevels = (key: string, levels: 1 | 2) =>
  call(op('PUT', '/api/v1/periods/{key}/review-levels'), { params: { key }, body: { review_levels: levels } })

/**
 * Puts departments in tree order: each after its parent when the parent is
 * among them, siblings in the order given; depth is how far below a listed
 * ancestor it sits (0 when its parent is not listed), for indenting.
 */
export function treeOrder<T extends Schema<'DepartmentNode'>>(nodes: T[]): { node: T; depth: number }[] {
  const codes = new Set(nodes.map((n) => n.code))
  const children = new Map<string, T[]>()
  const roots: T[] = []
  for (const n of nodes) {
    if (n.parent_code && codes.has(n.parent_code) && n.parent_code !== n.code) {
      const list = children.get(n.parent_code) ?? []
      list.push(n)
      children.set(n.parent_code, list)
    } else {
      roots.push(n)
    }
  }
  const out: { node: T; depth: number }[] = []
  const seen = new Set<string>()
  const walk = (n: T, depth: number) => {
    if (seen.has(n.code) || depth > 3) return // the hierarchy has three levels; a cycle ends here
    seen.add(n.code)
    out.push({ node: n, depth })
    for (const c of children.get(n.code) ?? []) walk(c, depth + 1)
  }
  for (const r of roots) walk(r, 0)
  for (const n of nodes) walk(n, 0) // what a cycle kept from the roots still shows
  return out
}
