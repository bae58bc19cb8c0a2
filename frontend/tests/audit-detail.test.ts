import { describe, expect, it } from 'vitest'
import { detailFields } from '@/views/audit/detail'

const labels: Record<string, string> = { comment: '意见', notified: '通知人数', all: '全部' }
const label = (k: string) => labels[k]

describe('detailFields', () => {
  it('names known keys and writes values in words', () => {
    expect(detailFields({ comment: '同意', notified: 2, all: true, ids: [3, 4] }, label, '是', '否')).toEqual([
      { key: '意见', value: '同意' }, { key: '通知人数', value: '2' }, { key: '全部', value: '是' }, { key: 'ids', value: '3、4' },
    ])
  })
  it('shows nothing for no detail, and a bare value as it is', () => {
    expect(detailFields(null, label, '是', '否')).toEqual([])
    expect(detailFields('x', label, '是', '否')).toEqual([{ key: '', value: 'x' }])
  })
  it('cuts long nested values', () => {
    const long = { error: { text: 'x'.repeat(500) } }
    expect(detailFields(long, label, '是', '否')[0].value.length).toBeLessThanOrEqual(301)
  })
})
