import type { Schema } from '@/api/http'
import { describe, expect, it } from 'vitest'
import { can, menu, Perm, reportAbilities } from '@/utils/permissions'

const perms: Record<Schema<'Role'>, string[]> = {
  submitter: ['me:read', 'projects:read', 'reports:read', 'dashboard:read', 'reports:write', 'reports:submit'],
  reviewer: ['me:read', 'projects:read', 'reports:read', 'dashboard:read', 'reports:review', 'reports:reopen'],
  supervisor: ['me:read', 'projects:read', 'reports:read', 'dashboard:read', 'reports:review', 'reports:reopen'],
  admin: ['me:read', 'projects:read', 'reports:read', 'dashboard:read', 'users:manage', 'audit:read'],
  auditor: ['me:read', 'projects:read', 'reports:read', 'dashboard:read', 'audit:read'],
}
const me = (role: Schema<'Role'>): Schema<'Me'> => ({
  id: 1, username: role, display_name: role, roles: [role], department: '', departments: [], projects: ['P1'], permissions: perms[role],
})

describe('menu by role', () => {
  it.each([
    ['submitter', ['/dashboard', '/projects', '/mine']],
    ['reviewer', ['/dashboard', '/projects', '/review']],
    ['supervisor', ['/dashboard', '/projects', '/review']],
    ['admin', ['/dashboard', '/projects', '/audit', '/users']],
    ['auditor', ['/dashboard', '/projects', '/audit']],
  ] as const)('%s sees %j', (role, want) => {
    expect(menu.filter((m) => m.show(me(role))).map((m) => m.path)).toEqual(want)
  })
  it('nobody signed in sees nothing', () => {
    expect(menu.filter((m) => m.show(null))).toEqual([])
    expect(can(null, Perm.DashboardRead)).toBe(false)
  })
})

describe('report abilities', () => {
  it('a submitter edits and submits an assigned draft', () => {
    const a = reportAbilities(me('submitter'), ['submit'], true, true)
    expect(a).toMatchObject({ edit: true, submit: true, approve: false, return: false, reopen: false, adjust: false })
  })
  it('a submitter may not edit a project they do not fill', () => {
    expect(reportAbilities(me('submitter'), ['submit'], true, false)).toMatchObject({ edit: false, submit: false })
  })
  it('nothing is editable once submitted', () => {
    expect(reportAbilities(me('submitter'), [], false, true)).toMatchObject({ edit: false, submit: false })
  })
  it('a reviewer approves, returns and adjusts a submitted report but never edits', () => {
    const a = reportAbilities(me('reviewer'), ['approve', 'return'], false, false)
    expect(a).toMatchObject({ edit: false, submit: false, approve: true, return: true, adjust: true, reopen: false })
  })
  it('an action the server lists is hidden without the permission', () => {
    expect(reportAbilities(me('auditor'), ['approve', 'return', 'reopen'], false, false)).toMatchObject({
      approve: false, return: false, reopen: false,
    })
  })
})

describe('permission strings', () => {
  it('are the ones the server policy grants (policies/policy.csv)', async () => {
    const { readFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const csv = readFileSync(join(__dirname, '..', '..', 'policies', 'policy.csv'), 'utf8')
    const granted = new Set(
      csv.split('\n').map((l) => l.split(',').map((x) => x.trim())).filter((f) => f[0] === 'p' && f.length >= 4).map((f) => `${f[2]}:${f[3]}`),
    )
    expect(Object.values(Perm).filter((p) => !granted.has(p))).toEqual([])
  })
})

describe('two-person resets (二人复核)', () => {
  it('admins and auditors holding the permission see 重置复核; others never', () => {
    const withResets = (role: Schema<'Role'>): Schema<'Me'> => ({ ...me(role), permissions: [...perms[role], 'account_resets:read', 'account_resets:decide'] })
    expect(menu.filter((m) => m.show(withResets('auditor'))).map((m) => m.path)).toContain('/account-resets')
    expect(menu.filter((m) => m.show(withResets('admin'))).map((m) => m.path)).toContain('/account-resets')
    expect(menu.filter((m) => m.show(me('reviewer'))).map((m) => m.path)).not.toContain('/account-resets')
  })
})
