import type { Schema } from '@/api/http'

// The national forms' choices, in the order printed.
export const bands: Exclude<NonNullable<Schema<'LineInput'>['band']>, ''>[] = ['achieved', 'partly', 'not_achieved']
export const likelihoods: Exclude<NonNullable<Schema<'LineInput'>['likelihood']>, ''>[] = ['certain', 'possible', 'impossible']
export const causes: NonNullable<Schema<'LineInput'>['deviation_causes']>[number][] = ['funding', 'rules', 'staffing', 'equipment', 'other']

const natureSign: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' }

/** The target as the form prints it: "≥95", or the qualitative word. */
export function targetText(ind: Schema<'Indicator'>): string {
  if (ind.nature === 'qualitative') return ind.target
  return `${natureSign[ind.nature] ?? ''}${ind.target}`
}
