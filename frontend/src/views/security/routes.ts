import type { RouteRecordRaw } from 'vue-router'
import { flow } from './flow'
import type { StepName } from './steps'

// The pages of the sign-in steps (public: the pending token is in memory,
// not a session) and one's own account security (in the app frame).

const onlyDuring = (step: StepName) => () => (flow.step === step ? true : { path: '/login' })

export const signInStepRoutes: RouteRecordRaw[] = [
  { path: '/login/code', name: 'login-code', component: () => import('./CodeStep.vue'), beforeEnter: onlyDuring('totp'), meta: { public: true, title: 'security.codeTitle' } },
  { path: '/login/enrol', name: 'login-enrol', component: () => import('./EnrolStep.vue'), beforeEnter: onlyDuring('totp_enrol'), meta: { public: true, title: 'security.enrolTitle' } },
  { path: '/login/change-password', name: 'login-password', component: () => import('./PasswordStep.vue'), beforeEnter: onlyDuring('password_change'), meta: { public: true, title: 'security.passwordTitle' } },
  {
    path: '/login/recovery-codes', name: 'login-recovery', component: () => import('./RecoveryStep.vue'),
    beforeEnter: () => (flow.recoveryCodes.length > 0 ? true : { path: '/login' }), meta: { public: true, title: 'security.recoveryTitle' },
  },
]

export const accountRoutes: RouteRecordRaw[] = [
  { path: 'security', name: 'security', component: () => import('./AccountSecurity.vue'), meta: { title: 'security.account' } },
]
