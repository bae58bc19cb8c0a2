import { describe, expect, it } from 'vitest'
import { formatDate, periodLabel } from '@/utils/dates'

describe('dates', () => {
  it('writes dates in Chinese or ISO', () => {
    expect(formatDate('2024-07-10', 'zh-cn')).toBe('2024年7月10日')
    expect(formatDate('2024-07-10', 'en')).toBe('2024-07-10')
    expect(formatDate('', 'zh-cn')).toBe('—')
  })
  it('names periods', () => {
    expect(periodLabel('2024-06', 'zh-cn')).toBe('2024年1–6月监控')
    expect(periodLabel('2024', 'zh-cn')).toBe('2024年度自评')
    expect(periodLabel('2024-06', 'en')).toBe('2024 Jan–Jun monitoring')
  })
})
