import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import LightTag from '@/components/LightTag.vue'
import GradeTag from '@/components/GradeTag.vue'
import { useDebounced } from '@/views/report/useDebounced'

describe('LightTag', () => {
  it.each([
    ['red', '红灯'],
    ['yellow', '黄灯'],
    ['green', '绿灯'],
    ['blue', '蓝灯'],
    ['grey', '未填'],
    ['nonsense', '未填'],
  ])('%s is shown with the word %s, never colour alone', (light, word) => {
    const w = mount(LightTag, { props: { light }, global: { plugins: [i18n] } })
    expect(w.text()).toBe(word)
    expect(w.find('[data-light]').attributes('data-light')).toBe(light === 'nonsense' ? 'grey' : light)
  })
})

describe('GradeTag', () => {
  it('shows the grade, or a dash without one', () => {
    expect(mount(GradeTag, { props: { grade: '优' }, global: { plugins: [i18n] } }).text()).toBe('优')
    expect(mount(GradeTag, { props: { grade: '' }, global: { plugins: [i18n] } }).text()).toBe('—')
  })

  it('says the grade in English on an English page, the Chinese grade in its tooltip', () => {
    i18n.global.locale.value = 'en'
    try {
      const w = mount(GradeTag, { props: { grade: '优' }, global: { plugins: [i18n] } })
      expect(w.text()).toBe('Excellent')
      expect(w.find('[data-grade]').attributes('title')).toBe('优')
    } finally {
      i18n.global.locale.value = 'zh-cn'
    }
  })
})

describe('useDebounced', () => {
  it('runs once after the calls pause, and at once on flush', async () => {
    vi.useFakeTimers()
    const task = vi.fn(async () => undefined)
    const d = useDebounced(400, task)
    d.schedule()
    d.schedule()
    vi.advanceTimersByTime(399)
    expect(task).not.toHaveBeenCalled()
    d.schedule()
    vi.advanceTimersByTime(400)
    expect(task).toHaveBeenCalledTimes(1)
    d.schedule()
    await d.flush()
    vi.advanceTimersByTime(1000)
    expect(task).toHaveBeenCalledTimes(2)
    d.schedule()
    d.cancel()
    vi.advanceTimersByTime(1000)
    expect(task).toHaveBeenCalledTimes(2)
    vi.useRealTimers()
  })
})
