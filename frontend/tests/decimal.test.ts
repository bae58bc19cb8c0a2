import { describe, expect, it } from 'vitest'
import { compareDecimal, formatAmount, formatCount, formatRate, formatScore, isDecimal } from '@/utils/decimal'

describe('formatAmount', () => {
  it.each([
    ['2150.78', '2,150.78'],
    ['19.8', '19.80'],
    ['744.78', '744.78'],
    ['0', '0.00'],
    ['1234567.891', '1,234,567.89'],
    ['999.995', '1,000.00'],
    ['0.005', '0.01'],
    ['-1234.5', '-1,234.50'],
    ['-0.001', '0.00'],
    ['12345678901234567890.125', '12,345,678,901,234,567,890.13'],
    ['.5', '0.50'],
    ['007', '7.00'],
  ])('%s → %s', (v, want) => expect(formatAmount(v)).toBe(want))

  it('shows a dash for nothing and leaves non-numbers as they are', () => {
    expect(formatAmount(null)).toBe('—')
    expect(formatAmount('')).toBe('—')
    expect(formatAmount('abc')).toBe('abc')
  })
})

describe('formatScore and formatRate', () => {
  it('rounds scores half away from zero to two decimals, without grouping', () => {
    expect(formatScore('18.255')).toBe('18.26')
    expect(formatScore('1000')).toBe('1000.00')
    expect(formatScore('9.994')).toBe('9.99')
  })
  it('shows fractions as percentages', () => {
    expect(formatRate('0.4545')).toBe('45.45%')
    expect(formatRate('0.5', 0)).toBe('50%')
    expect(formatRate('1.23456')).toBe('123.46%')
    expect(formatRate('0')).toBe('0.00%')
    expect(formatRate('0.00005')).toBe('0.01%')
    expect(formatRate('12.5')).toBe('1,250.00%')
    expect(formatRate(null)).toBe('—')
  })
})

describe('compareDecimal', () => {
  it('compares exactly, whatever the number of digits', () => {
    expect(compareDecimal('10', '9.99')).toBe(1)
    expect(compareDecimal('0.1', '0.10')).toBe(0)
    expect(compareDecimal('-2', '-10')).toBe(1)
    expect(compareDecimal('-0', '0')).toBe(0)
    expect(compareDecimal('0.30000000000000000001', '0.3')).toBe(1)
    expect(compareDecimal(null, '1')).toBe(-1)
    expect(compareDecimal('1', null)).toBe(1)
  })
  it('tells a decimal from other text', () => {
    expect(isDecimal('12.5')).toBe(true)
    expect(isDecimal('-3')).toBe(true)
    expect(isDecimal('1e3')).toBe(false)
    expect(isDecimal('+1')).toBe(false)
    expect(isDecimal('')).toBe(false)
  })
})

describe('formatCount', () => {
  it('groups thousands', () => {
    expect([0, 12, 999, 1000, 60000, 1234567].map(formatCount)).toEqual(['0', '12', '999', '1,000', '60,000', '1,234,567'])
  })
})
