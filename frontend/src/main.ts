import { createApp } from 'vue'
import 'element-plus/theme-chalk/base.css'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { i18n, setLocale, locale } from './i18n'

setLocale(locale.value)
createApp(App).use(i18n).use(router).mount('#app')
