import { createApp } from 'vue'
import 'element-plus/theme-chalk/base.css'
// The styles of the components that the first pages (the dashboard, a report,
// the lists) show with their tables, in the one stylesheet of the start: a
// small file each would be a round trip of its own on a slow line.
import 'element-plus/es/components/table/style/css'
import 'element-plus/es/components/table-column/style/css'
import 'element-plus/es/components/pagination/style/css'
import 'element-plus/es/components/input/style/css'
import 'element-plus/es/components/checkbox/style/css'
import 'element-plus/es/components/loading/style/css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/alert/style/css'
import 'element-plus/es/components/result/style/css'
import 'element-plus/es/components/tag/style/css'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { i18n, setLocale, locale } from './i18n'

setLocale(locale.value)
createApp(App).use(i18n).use(router).mount('#app')
