import { createI18n } from 'vue-i18n'
import { compile, type MessageCompiler } from '@intlify/core-base'
import { messageSyntax } from './syntax'
import { computed } from 'vue'
import zhCn from './zh-cn'
import en from './en'
import type { LocaleName } from '@/utils/dates'

const storageKey = 'jixiao.locale'

function initialLocale(): LocaleName {
  return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-cn'
}

// The build compiles the messages with syntax into syntax trees (vite/messages.ts)
// and leaves the compiler out of the app (__INTLIFY_DROP_MESSAGE_COMPILER__):
// a tree is formatted by vue-i18n, a plain text is shown as written.
const messageCompiler: MessageCompiler = (message, context) =>
  typeof message === 'string' && !messageSyntax.test(message) ? () => message : compile(message, context)

export const i18n = createI18n({
  messageCompiler,
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
