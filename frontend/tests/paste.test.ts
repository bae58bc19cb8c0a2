import type { Schema } from '@/api/http'
import type { LineForm } from '@/views/report/draft'
import { describe, expect, it } from 'vitest'
import { applyPaste, isGrid, parseGrid, readDate } from '@/views/report/paste'

const ind = (id: number, kind: Schema<'Indicator'>['kind'], unit = '次'): Schema<'Indicator'> => ({
  id, level1: '产出指标', level2: '数量指标', name: `指标${id}`, nature: kind === 'qualitative' ? 'qualitative' : '>=',
  target: kind === 'deadline' ? '2024' : '10', unit, weight: '10', kind, value_basis: '',
})
const line = (id: number): LineForm => ({
  indicator_id: id, value: '', projected: '', band: '', score_input: '', completed_on: '', not_applicable: false,
  not_applicable_reason: '', deviation_causes: [], explanation: '', likelihood: '', measures: '',
})

describe('parseGrid', () => {
  it('reads tabs and newlines as Excel writes them', () => {
    expect(parseGrid('1\t2\r\n3\t4\r\n')).toEqual([['1', '2'], ['3', '4']])
    expect(parseGrid('1\n2\n3')).toEqual([['1'], ['2'], ['3']])
  })
  it('keeps tabs, newlines and quotes inside quoted cells', () => {
    expect(parseGrid('"a\nb"\t"say ""hi"""\nc\td')).toEqual([['a\nb', 'say "hi"'], ['c', 'd']])
  })
  it('tells a grid from one cell', () => {
    expect(isGrid('12\r\n')).toBe(false)
    expect(isGrid('12')).toBe(false)
    expect(isGrid('12\t13')).toBe(true)
    expect(isGrid('12\n13')).toBe(true)
  })
})

describe('readDate', () => {
  it.each([
    ['2024-06-30', '2024-06-30'], ['2024/6/3', '2024-06-03'], ['2024.6.30', '2024-06-30'], ['2024年6月30日', '2024-06-30'],
    ['2024-02-30', null], ['六月', null],
  ])('%s → %s', (s, want) => expect(readDate(s)).toBe(want))
})

describe('applyPaste', () => {
  it('fills three lines in two columns from the focused line, normalising numbers', () => {
    const inds = [ind(1, 'higher'), ind(2, 'higher'), ind(3, 'higher', '%'), ind(4, 'higher')]
    const lines = inds.map((i) => line(i.id))
    const res = applyPaste(parseGrid('１２\t20\r\n3\t10次\r\n96%\t1,000\r\n'), inds, lines, 0, 'c1', true)
    expect(res).toEqual({ lines: 3, cells: 6, problems: [] })
    expect(lines.map((l) => [l.value, l.projected])).toEqual([['12', '20'], ['3', '10'], ['96', '1000'], ['', '']])
  })

  it('starts at the focused line and column and ignores what overflows', () => {
    const inds = [ind(1, 'higher'), ind(2, 'higher')]
    const lines = inds.map((i) => line(i.id))
    const res = applyPaste([['5', 'x'], ['6', 'y'], ['7', 'z']], inds, lines, 1, 'c2', true)
    expect(lines[0].projected).toBe('')
    expect(lines[1].projected).toBe('5')
    expect(res.lines).toBe(1)
  })

  it('reads the rest of the monitoring form: causes, likelihood, explanation, measures', () => {
    const inds = [ind(1, 'higher')]
    const lines = [line(1)]
    applyPaste([['3', '10', '黄灯', '经费保障、其他', '有可能', '经费下达较晚', '下半年加快']], inds, lines, 0, 'c1', true)
    expect(lines[0]).toMatchObject({ value: '3', projected: '10', deviation_causes: ['funding', 'other'], likelihood: 'possible', explanation: '经费下达较晚', measures: '下半年加快' })
  })

  it('reads bands, scores, dates and likelihoods where the kind puts them', () => {
    const inds = [ind(1, 'qualitative', ''), ind(2, 'deadline', '年')]
    const lines = inds.map((i) => line(i.id))
    const res = applyPaste([['达成年度指标', '9'], ['2024年5月30日', '确定能']], inds, lines, 0, 'c1', true)
    expect(res.problems).toEqual([])
    expect(lines[0]).toMatchObject({ band: 'achieved', score_input: '9' })
    expect(lines[1]).toMatchObject({ completed_on: '2024-05-30', likelihood: 'certain' })
  })

  it('names the cells it cannot read and leaves their fields', () => {
    const inds = [ind(1, 'qualitative', ''), ind(2, 'higher')]
    const lines = inds.map((i) => line(i.id))
    lines[0].band = 'partly'
    const res = applyPaste([['很好', '8'], ['12abc', '3']], inds, lines, 0, 'c1', true)
    expect(lines[0].band).toBe('partly')
    expect(lines[1].value).toBe('12abc')
    expect(res.problems).toEqual([{ row: 1, column: 'c1', text: '很好' }, { row: 2, column: 'c1', text: '12abc' }])
  })

  it('pastes the self-evaluation form: value, weight and score skipped, then the analysis', () => {
    const inds = [ind(1, 'higher'), ind(2, 'qualitative', '')]
    const lines = inds.map((i) => line(i.id))
    applyPaste([['９', '10', '9.00', '略低于目标'], ['8.5', '10', '8.50', '']], inds, lines, 0, 'c1', false)
    expect(lines[0]).toMatchObject({ value: '9', explanation: '略低于目标' })
    expect(lines[1]).toMatchObject({ score_input: '8.5', band: '' })
  })
})
