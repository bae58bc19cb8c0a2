import type { Schema } from '@/api/http'
import { describe, expect, it } from 'vitest'
import { i18n } from '@/i18n'
import zhCn from '@/i18n/zh-cn'
import en from '@/i18n/en'
import { isMessageGroup as isGroup } from '@/i18n/syntax'
import { bands, causes, likelihoods } from '@/views/report/labels'
import { describeChanges } from '@/views/projects/changes'

// Other tests find these words on the page: they are part of the interface.
describe('the national labels', () => {
  it('labels the selects as the forms print them', () => {
    expect(bands.map((b) => zhCn.band[b])).toEqual(['达成年度指标', '部分达成并具有一定效果', '未达成且效果较差'])
    expect(likelihoods.map((l) => zhCn.likelihood[l])).toEqual(['确定能', '有可能', '完全不可能'])
    expect(causes.map((c) => zhCn.cause[c])).toEqual(['经费保障', '制度保障', '人员保障', '硬件条件保障', '其他'])
  })
  it('labels the buttons 保存, 提交, 通过, 退回, 重新打开', () => {
    const r = zhCn.report
    expect([r.save, r.submit, r.approve, r.return, r.reopen]).toEqual(['保存', '提交', '通过', '退回', '重新打开'])
  })
  it('has every Chinese message in English too', () => {
    const keys = (o: object, p = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (isGroup(v) ? keys(v, `${p}${k}.`) : [`${p}${k}`]))
    expect(keys(en).sort()).toEqual(keys(zhCn).sort())
  })
  it('reads the messages the build compiled: placeholders filled, literals as written, texts as they are', () => {
    expect(zhCn.common.total).toMatchObject({ t: 0 })
    expect(typeof zhCn.common.save).toBe('string')
    expect(i18n.global.t('common.total', { n: 12 }, { locale: 'zh-cn' })).toBe('共 12 条')
    expect(i18n.global.t('common.total', { n: 12 }, { locale: 'en' })).toMatch(/12/)
    expect(i18n.global.t('account.emailPlaceholder', {}, { locale: 'zh-cn' })).toBe('例如 zhangsan@example.gov.cn')
    expect(i18n.global.t('results.percentText', { p: '5' }, { locale: 'en' })).toBe('5%')
    expect(i18n.global.t('common.save', {}, { locale: 'zh-cn' })).toBe('保存')
  })
  it('compiles every message of both languages (an @, a | or a brace is escaped)', () => {
    const leaves = (o: object, p = ''): Array<[string, string]> =>
      Object.entries(o).flatMap(([k, v]) => (isGroup(v) ? leaves(v, `${p}${k}.`) : [[`${p}${k}`, JSON.stringify(v)] as [string, string]]))
    for (const [name, msgs] of [['zh-cn', zhCn], ['en', en]] as const) {
      for (const [key, msg] of leaves(msgs)) {
        expect(() => i18n.global.t(key, {}, { locale: name }), `${name} ${key}: ${msg}`).not.toThrow()
      }
    }
  })
})

describe('history in words', () => {
  const ind = { id: 26, name: '年发行期数' } as Schema<'Indicator'>
  const t = (key: string, named?: Record<string, string>) => {
    const words: Record<string, string> = { 'report.value': `1–${named?.m}月执行情况`, 'report.projectLight': '项目预警', 'light.red': '红灯', 'report.budgetExecuted': `1–${named?.m}月执行数` }
    return words[key] ?? key
  }
  it('names the indicator, the field and both values', () => {
    const lines = describeChanges(
      { 'lines[id=26].value': { from: null, to: '2' }, light: { from: '', to: 'red' }, 'budget.executed': { from: '1', to: '9.9' } },
      [ind], t, { m: '6', mon: 'Jun' },
    )
    expect(lines).toEqual(['年发行期数 · 1–6月执行情况：— → 2', '项目预警：— → 红灯', '1–6月执行数：1 → 9.9'])
  })
})
