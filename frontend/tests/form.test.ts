import { describe, expect, it } from 'vitest'
import { detailFields, lastDay, moveTarget, rowSpans } from '@/views/report/form'
import { spans } from '@/utils/spans'

describe('rowSpans', () => {
  it('counts open details into the merged cells', () => {
    const rows = [
      { level1: '产出', level2: '数量' }, { level1: '产出', level2: '数量' }, { level1: '产出', level2: '质量' }, { level1: '效益', level2: '社会' },
    ]
    expect(rowSpans(spans(rows), [1, 2, 1, 2])).toEqual([
      { level1: 4, level2: 3 }, { level1: 0, level2: 0 }, { level1: 0, level2: 1 }, { level1: 2, level2: 2 },
    ])
  })
})

describe('detailFields', () => {
  it('keeps a deadline’s likelihood in its line at mid-year, its band in the details', () => {
    expect(detailFields('deadline', true)).toContain('band')
    expect(detailFields('deadline', true)).not.toContain('likelihood')
    expect(detailFields('higher', true)).toContain('likelihood')
    expect(detailFields('higher', false)).not.toContain('likelihood')
  })
})

describe('lastDay', () => {
  it('is the end of the cut-off month or of the year', () => {
    expect(lastDay('2024-06').getDate()).toBe(30)
    expect(lastDay('2024-06').getMonth()).toBe(5)
    expect(lastDay('2024').getMonth()).toBe(11)
    expect(lastDay('2024-02').getDate()).toBe(29)
  })
})

describe('moveTarget', () => {
  it('moves down and up a column, passing lines whose column is a choice', () => {
    document.body.innerHTML = `
      <div data-nav="c1" data-text data-row="0" id="a"></div><div data-nav="c2" data-text data-row="0"></div>
      <div data-nav="c1" data-row="1" id="b"></div>
      <div data-nav="c1" data-text data-row="2" id="c"></div>`
    const a = document.getElementById('a') as HTMLElement
    const c = document.getElementById('c') as HTMLElement
    expect(moveTarget(document, a, 1)?.id).toBe('c')
    expect(moveTarget(document, c, -1)?.id).toBe('a')
    expect(moveTarget(document, c, 1)).toBeNull()
  })
})
