import { call, op } from './http'

/** A rule profile version: every setting by key, where each was read. */
export interface RuleProfile {
  name: string
  version: number
  title: string
  source: string
  verified: boolean
  shipped: boolean
  used: boolean
  settings: Record<string, string>
  sources: Record<string, string>
  created_at: string
  created_by: string
}

export interface RuleProfileRef {
  name: string
  version: number
}

export interface RuleProfileInput {
  name: string
  title: string
  source: string
  verified: boolean
  settings: Record<string, string>
  sources: Record<string, string>
}

/** A rescore of a period's reports after its profile changed. */
export interface RescoreRun {
  id: number
  from: RuleProfileRef | null
  to: RuleProfileRef
  actor: string
  started_at: string
  finished_at: string | null
  total: number
  done: number
  changed: number
  approved_kept: number
  error: string
}

export interface PeriodRuleProfile {
  period: string
  profile: RuleProfile
  chosen: boolean
  rescore: RescoreRun | null
}

/** GET /api/v1/rule-profiles */
export const listRuleProfiles = () => call<RuleProfile[]>(op('GET', '/api/v1/rule-profiles'))

/** POST /api/v1/rule-profiles: the next version of a profile. */
export const createRuleProfile = (p: RuleProfileInput) => call<RuleProfile>(op('POST', '/api/v1/rule-profiles'), { body: p })

/** PUT /api/v1/rule-profiles/{name}/{version}: edit a version nobody used. */
export const updateRuleProfile = (p: RuleProfileInput, version: number) =>
  call<RuleProfile>(op('PUT', '/api/v1/rule-profiles/{name}/{version}'), { params: { name: p.name, version: String(version) }, body: p })

/** GET /api/v1/periods/{key}/rule-profile */
export const getPeriodRuleProfile = (key: string) => call<PeriodRuleProfile>(op('GET', '/api/v1/periods/{key}/rule-profile'), { params: { key } })

/** PUT /api/v1/periods/{key}/rule-profile: choose, and rescore what is not approved. */
export const choosePeriodRuleProfile = (key: string, ref: RuleProfileRef, confirmUnverified: boolean) =>
  call<PeriodRuleProfile>(op('PUT', '/api/v1/periods/{key}/rule-profile'), { params: { key }, body: { ...ref, confirm_unverified: confirmUnverified } })
