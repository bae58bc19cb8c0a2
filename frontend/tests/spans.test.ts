import { describe, expect, it } from 'vitest'
import { spans } from '@/utils/spans'

describe('merged 一级 and 二级 cells', () => {
  it('spans runs of equal values, 二级 within its 一级', () => {
    const rows = [
      { level1: '产出指标', level2: '数量指标' },
      { level1: '产出指标', level2: '数量指标' },
      { level1: '产出指标', level2: '质量指标' },
      { level1: '效益指标', level2: '质量指标' },
      { level1: '满意度指标', level2: '服务对象满意度' },
    ]
    expect(spans(rows)).toEqual([
      { level1: 3, level2: 2 },
      { level1: 0, level2: 0 },
      { level1: 0, level2: 1 },
      { level1: 1, level2: 1 },
      { level1: 1, level2: 1 },
    ])
  })
  it('handles no rows', () => expect(spans([])).toEqual([]))
})
