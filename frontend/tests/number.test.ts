import { describe, expect, it } from 'vitest'
import { normalizeNumber } from '@/utils/number'
import shared from '../../domain/number/testdata/normalize.json'

// The table the Go rule is tested by (domain/number/number_test.go): the form,
// the API and the importer read a typed number the same way.
interface Case {
  in: string
  units: string[]
  want?: string
  error?: 'grouping' | 'unit'
}
const table = shared as { cases: Case[] }

describe('normalizeNumber (the shared table)', () => {
  it('reads the whole table', () => expect(table.cases.length).toBeGreaterThanOrEqual(40))
  it.each(table.cases.map((c) => [JSON.stringify(c.in), c.units.join('|'), c] as const))('%s with units [%s]', (_, __, c) => {
    const got = normalizeNumber(c.in, c.units)
    if (c.error) expect(got.problem).toBe(c.error)
    else expect(got).toEqual({ text: c.want })
  })
})
