import { createI18n } from 'vue-i18n'
import { computed } from 'vue'
import zhCn from './zh-cn'
import en from './en'
import type { LocaleName } from '@/utils/dates'

const storageKey = 'jixiao.locale'

function initialLocale(): LocaleName {
  return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-cn'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-cn',
  messages: { 'zh-cn': zhCn, en },
})

// the page's language from the start, for screen readers and fonts
document.documentElement.lang = i18n.global.locale.value === 'en' ? 'en' : 'zh-CN'

/** The current locale, reactive. */
export const locale = computed<LocaleName>(() => (i18n.global.locale.value === 'en' ? 'en' : 'zh-cn'))

/** Switches the language and remembers it in this browser. */
export function setLocale(l: LocaleName): void {
  i18n.global.locale.value = l
  localStorage.setItem(storageKey, l)
  document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN'
}
