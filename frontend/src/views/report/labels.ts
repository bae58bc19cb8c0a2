import type { Band, Cause, Indicator, Likelihood } from '@/api/types'

// The national forms' choices, in the order printed.
export const bands: Exclude<Band, ''>[] = ['achieved', 'partly', 'not_achieved']
export const likelihoods: Exclude<Likelihood, ''>[] = ['certain', 'possible', 'impossible']
export const causes: Cause[] = ['funding', 'rules', 'staffing', 'equipment', 'other']

const natureSign: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' }

/** The target as the form prints it: "≥95", or the qualitative word. */
export function targetText(ind: Indicator): string {
  if (ind.nature === 'qualitative') return ind.target
  return `${natureSign[ind.nature] ?? ''}${ind.target}`
}
