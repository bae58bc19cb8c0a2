import { call, op, type Schema } from './http'

/** A rule profile version: every setting by key, where each was read. */
export const listRuleProfiles = () => call(op('GET', '/api/v1/rule-profiles'))

/** POST /api/v1/rule-profiles: the next version of a profile. */
export const createRuleProfile = (p: Schema<'RuleProfileInput'>) => call(op('POST', '/api/v1/rule-profiles'), { body: p })

/** PUT /api/v1/rule-profiles/{name}/{version}: edit a version nobody used. */
export const updateRuleProfile = (p: Schema<'RuleProfileInput'>, version: number) =>
  call(op('PUT', '/api/v1/rule-profiles/{name}/{version}'), { params: { name: p.name, version: String(version) }, body: p })

/** GET /api/v1/periods/{key}/rule-profile */
export const getPeriodRuleProfile = (key: string) => call(op('GET', '/api/v1/periods/{key}/rule-profile'), { params: { key } })

/** PUT /api/v1/periods/{key}/rule-profile: choose, and rescore what is not approved. */
export const choosePeriodRuleProfile = (key: string, ref: Schema<'RuleProfileRef'>, confirmUnverified: boolean) =>
  call(op('PUT', '/api/v1/periods/{key}/rule-profile'), { params: { key }, body: { ...ref, confirm_unverified: confirmUnverified } })
