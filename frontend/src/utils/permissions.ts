import type { Schema } from '@/api/http'

// Permission strings shared with the server's route table (app/api/routes.go).
export const Perm = {
  ReportsWrite: 'reports:write',
  ReportsSubmit: 'reports:submit',
  ReportsReview: 'reports:review',
  ReportsReopen: 'reports:reopen',
  DashboardRead: 'dashboard:read',
  ProjectsRead: 'projects:read',
  AuditRead: 'audit:read',
  UsersManage: 'users:manage',
  SettingsManage: 'settings:manage',
  // targets and tables (issues 11 and 9)
  TargetsDraft: 'targets:draft',
  TargetsReview: 'targets:review',
  ChangesRequest: 'target_changes:request',
  ChangesDecide: 'target_changes:decide',
  TargetsImport: 'targets:import',
  TablesExport: 'tables:export',
  // the reporting season
  RoundsRead: 'rounds:read',
  RoundsManage: 'rounds:manage',
  TodosRead: 'todos:read',
  NotificationsRead: 'notifications:read',
  NotificationsManage: 'notifications:manage',
  AttachmentsRead: 'attachments:read',
  AttachmentsWrite: 'attachments:write',
  RectificationsAnswer: 'rectifications:answer',
  RectificationsClose: 'rectifications:close',
  ReportsUrge: 'reports:urge',
  // two-person resets (二人复核): admins and auditors
  ResetsRead: 'account_resets:read',
  ResetsDecide: 'account_resets:decide',
  // the indicator library and 结果应用
  LibraryRead: 'library:read',
  LibraryPropose: 'library:propose',
  LibraryDecide: 'library:decide',
  ResultsRead: 'results:read',
  ResultsDecide: 'results:decide',
} as const

export type PermName = (typeof Perm)[keyof typeof Perm]

/** Whether the signed-in person holds a permission (from /me). */
export function can(me: Schema<'Me'> | null, perm: PermName): boolean {
  return !!me && me.permissions.includes(perm)
}

export function hasRole(me: Schema<'Me'> | null, role: Schema<'Role'>): boolean {
  return !!me && me.roles.includes(role)
}

/** What the report page lets this person do: from the report's actions and their permissions. */
export interface ReportAbilities {
  edit: boolean
  submit: boolean
  approve: boolean
  return: boolean
  reopen: boolean
  adjust: boolean
  /** 催办: tell the submitters to file it */
  urge: boolean
}

export function reportAbilities(me: Schema<'Me'> | null, actions: Schema<'Report'>['actions'][number][], editable: boolean, assigned: boolean): ReportAbilities {
  const act = (a: Schema<'Report'>['actions'][number], p: PermName) => actions.includes(a) && can(me, p)
  const edit = editable && assigned && can(me, Perm.ReportsWrite)
  return {
    edit,
    submit: edit && act('submit', Perm.ReportsSubmit),
    approve: act('approve', Perm.ReportsReview),
    return: act('return', Perm.ReportsReview),
    reopen: act('reopen', Perm.ReportsReopen),
    adjust: act('approve', Perm.ReportsReview),
    urge: act('urge', Perm.ReportsUrge),
  }
}

export interface MenuEntry {
  path: string
  key: string
  show: (me: Schema<'Me'> | null) => boolean
}

/** The left menu: a role never sees an entry it cannot use. */
export const menu: MenuEntry[] = [
  { path: '/dashboard', key: 'menu.dashboard', show: (me) => can(me, Perm.DashboardRead) },
  { path: '/projects', key: 'menu.projects', show: (me) => can(me, Perm.ProjectsRead) },
  { path: '/mine', key: 'menu.mine', show: (me) => can(me, Perm.ReportsWrite) },
  { path: '/review', key: 'menu.review', show: (me) => can(me, Perm.ReportsReview) },
  { path: '/audit', key: 'menu.audit', show: (me) => can(me, Perm.AuditRead) },
  { path: '/users', key: 'menu.users', show: (me) => can(me, Perm.UsersManage) },
  { path: '/rule-profiles', key: 'profiles.menu', show: (me) => can(me, Perm.SettingsManage) },
  { path: '/imports', key: 'imports.menu', show: (me) => can(me, Perm.TargetsImport) },
  // the reporting season
  { path: '/rounds', key: 'season.menu.rounds', show: (me) => can(me, Perm.RoundsManage) },
  { path: '/todos', key: 'season.menu.todos', show: (me) => can(me, Perm.TodosRead) },
  { path: '/account-resets', key: 'resets.menu', show: (me) => can(me, Perm.ResetsRead) },
  // the indicator library and 结果应用
  { path: '/library', key: 'library.menu', show: (me) => can(me, Perm.LibraryRead) },
  { path: '/results', key: 'results.menu', show: (me) => can(me, Perm.ResultsRead) },
]
