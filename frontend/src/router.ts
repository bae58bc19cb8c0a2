import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { ensureSession, forget, session } from '@/session'
import { hasCsrfToken, setUnauthorizedHandler } from '@/api/http'
import { can, Perm, type PermName } from '@/utils/permissions'
import AppLayout from '@/layout/AppLayout.vue'
import { accountRoutes, signInStepRoutes } from '@/views/security/routes'
import { prefetchPage, preloadPage } from '@/prefetch'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    perm?: PermName
    title?: string
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/login/LoginView.vue'), meta: { public: true, title: 'login.title' } },
  ...signInStepRoutes,
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', redirect: (to) => ({ path: '/dashboard', query: to.query }) },
      { path: 'dashboard', name: 'dashboard', component: () => import('@/views/dashboard/DashboardView.vue'), meta: { perm: Perm.DashboardRead, title: 'menu.dashboard' } },
      { path: 'projects', name: 'projects', component: () => import('@/views/projects/ProjectList.vue'), meta: { perm: Perm.ProjectsRead, title: 'menu.projects' } },
      { path: 'projects/:code', name: 'project', component: () => import('@/views/projects/ProjectDetail.vue'), meta: { perm: Perm.ProjectsRead, title: 'menu.projects' } },
      { path: 'projects/:code/reports/:period', name: 'report', component: () => import('@/views/report/ReportView.vue'), meta: { perm: Perm.ProjectsRead, title: 'report.title' } },
      { path: 'mine', name: 'mine', component: () => import('@/views/mine/MineView.vue'), meta: { perm: Perm.ReportsWrite, title: 'menu.mine' } },
      { path: 'review', name: 'review', component: () => import('@/views/review/ReviewView.vue'), meta: { perm: Perm.ReportsReview, title: 'menu.review' } },
      { path: 'audit', name: 'audit', component: () => import('@/views/audit/AuditView.vue'), meta: { perm: Perm.AuditRead, title: 'menu.audit' } },
      { path: 'rule-profiles', name: 'rule-profiles', component: () => import('@/views/ruleProfiles/RuleProfilesView.vue'), meta: { perm: Perm.SettingsManage, title: 'profiles.title' } },
      { path: 'users', name: 'users', component: () => import('@/views/users/UsersView.vue'), meta: { perm: Perm.UsersManage, title: 'menu.users' } },
      // targets and tables (issues 11 and 9)
      { path: 'projects/:code/targets', name: 'target-editor', component: () => import('@/views/targets/TargetEditor.vue'), meta: { perm: Perm.ProjectsRead, title: 'targets.editor' } },
      { path: 'targets/new', name: 'target-new', component: () => import('@/views/targets/TargetEditor.vue'), meta: { perm: Perm.TargetsDraft, title: 'targets.newDraft' } },
      { path: 'imports', name: 'imports', component: () => import('@/views/imports/ImportView.vue'), meta: { perm: Perm.TargetsImport, title: 'imports.title' } },
      // the reporting season
      { path: 'rounds', name: 'rounds', component: () => import('@/views/rounds/RoundsView.vue'), meta: { perm: Perm.RoundsManage, title: 'season.menu.rounds' } },
      { path: 'account-resets', name: 'account-resets', component: () => import('@/views/resets/ResetsView.vue'), meta: { perm: Perm.ResetsRead, title: 'resets.title' } },
      { path: 'todos', name: 'todos', component: () => import('@/views/todos/TodosView.vue'), meta: { perm: Perm.TodosRead, title: 'season.menu.todos' } },
      // the indicator library, a project across years, 结果应用
      { path: 'library', name: 'library', component: () => import('@/views/library/LibraryView.vue'), meta: { perm: Perm.LibraryRead, title: 'library.title' } },
      { path: 'projects/:code/years', name: 'project-years', component: () => import('@/views/years/ProjectYearsView.vue'), meta: { perm: Perm.ProjectsRead, title: 'years.title' } },
      { path: 'departments/:code/years', name: 'department-years', component: () => import('@/views/years/DepartmentYearsView.vue'), meta: { perm: Perm.ProjectsRead, title: 'years.departmentTitle' } },
      { path: 'results', name: 'results', component: () => import('@/views/results/ResultsView.vue'), meta: { perm: Perm.ResultsRead, title: 'results.title' } },
      { path: 'password', name: 'password', component: () => import('@/views/password/PasswordView.vue'), meta: { title: 'menu.password' } },
      ...accountRoutes,
      { path: ':rest(.*)*', name: 'not-found', component: () => import('@/views/NotFound.vue'), meta: { title: 'common.notFound' } },
    ],
  },
]

export const router = createRouter({ history: createWebHistory(), routes })

/** Where to go after signing in: the page asked for, if it is one of ours. */
export function safeRedirect(v: unknown): string {
  return typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/login') ? v : '/dashboard'
}

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  // The first page of a signed-in browser: its script and its data come
  // while the session is asked for (the server checks each read; one that is
  // refused is never taken). Later pages: their data once allowed.
  const first = !session.checked && hasCsrfToken()
  const asked = ensureSession()
  if (first) {
    prefetchPage(to)
    preloadPage(to)
  }
  const me = await asked
  if (!me) return { path: '/login', query: { redirect: to.fullPath } }
  if (to.meta.perm && !can(me, to.meta.perm)) return { name: 'not-found', params: { rest: to.path.slice(1).split('/') } }
  if (!first) prefetchPage(to)
  return true
})

setUnauthorizedHandler(() => {
  const wasIn = session.me !== null
  forget()
  const here = router.currentRoute.value
  if (!here.meta.public) router.replace({ path: '/login', query: { redirect: here.fullPath, expired: wasIn ? '1' : undefined } })
})
