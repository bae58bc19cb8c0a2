import { fileURLToPath, URL } from 'node:url'
import { createHash } from 'node:crypto'
import type { Plugin } from 'vite'
import type { OutputChunk } from 'rollup'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { precompileMessages } from './vite/messages'

/**
 * The pages a signed-in person most often opens first, and their views: a
 * small classic script in the page's head (the policy allows no inline one)
 * starts loading the opened page's script files at once, beside the entry
 * script, instead of after it has run (four round trips or more on a slow
 * line). Only the page's own files, never the other's: each keeps its bytes.
 */
const firstPages: Record<string, { path: string; view: string }> = {
  dashboard: { path: '^/(dashboard/?)?$', view: 'src/views/dashboard/DashboardView.vue' },
  report: { path: '^/projects/[^/]+/reports/[^/]+/?$', view: 'src/views/report/ReportView.vue' },
}

function routePreload(): Plugin {
  let fileName = ''
  return {
    name: 'jixiao-route-preload',
    apply: 'build',
    enforce: 'pre',
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk')
      const entry = new Set<string>()
      const collect = (name: string, into: Set<string>, skip: Set<string>) => {
        const c = bundle[name]
        if (!c || c.type !== 'chunk' || into.has(name) || skip.has(name)) return
        into.add(name)
        for (const i of c.imports) collect(i, into, skip)
      }
      for (const c of chunks) if (c.isEntry) collect(c.fileName, entry, new Set())
      const map: Record<string, { path: string; files: string[] }> = {}
      for (const [key, page] of Object.entries(firstPages)) {
        const view = chunks.find((c) => c.facadeModuleId?.endsWith(page.view))
        if (!view) throw new Error(`route preload: no chunk of ${page.view}`)
        const files = new Set<string>()
        collect(view.fileName, files, entry)
        // and their stylesheets, as the views would add them (not blocking the page's first paint)
        const css = [...files].flatMap((f) => [...((bundle[f] as OutputChunk).viteMetadata?.importedCss ?? [])])
        map[key] = { path: page.path, files: [...files, ...new Set(css)] }
      }
      const source = `// Written by the build (vite.config.ts routePreload): starts loading the script and styles of the page opened, for a signed-in browser.
(function () {
  var pages = ${JSON.stringify(map)};
  if (!localStorage.getItem('jixiao.csrf')) return;
  for (var k in pages) {
    if (!new RegExp(pages[k].path).test(location.pathname)) continue;
    pages[k].files.forEach(function (f) {
      var l = document.createElement('link');
      l.rel = /\\.css$/.test(f) ? 'stylesheet' : 'modulepreload';
      l.crossOrigin = '';
      l.href = '/' + f;
      document.head.appendChild(l);
    });
  }
})();
`
      fileName = `assets/first-page-${createHash('sha256').update(source).digest('hex').slice(0, 8)}.js`
      this.emitFile({ type: 'asset', fileName, source })
    },
    transformIndexHtml: {
      order: 'post',
      // first in the head: a classic script waits for the stylesheets before it, which
      // share the slow line with the entry script (some 250 ms at 10 Mbit/s)
      handler: () => (fileName ? [{ tag: 'script', attrs: { src: `/${fileName}` }, injectTo: 'head-prepend' }] : []),
    },
  }
}

// Element Plus components are imported on demand (with their CSS) by the
// resolver; ECharts through echarts/core in src/charts.ts.
export default defineConfig({
  plugins: [
    vue(),
    routePreload(),
    Components({ dts: 'src/components.d.ts', resolvers: [ElementPlusResolver({ importStyle: 'css' })] }),
    precompileMessages(),
  ],
  // vue-i18n without what the app does not use: its message compiler (the
  // build compiles the messages), the legacy API, the global components and
  // directive, the devtools hooks. The same in tests, which so read the
  // messages as the built app does.
  define: {
    __INTLIFY_DROP_MESSAGE_COMPILER__: true,
    __VUE_I18N_LEGACY_API__: false,
    __VUE_I18N_FULL_INSTALL__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    manifest: true,
    chunkSizeWarningLimit: 800,
    reportCompressedSize: false,
    // Fewer files for a page: each is a round trip on a slow line, six at a
    // time, and the dashboard loaded some forty. Small shared chunks are
    // merged into the chunks that load them (ECharts' own stays apart).
    rollupOptions: { output: { experimentalMinChunkSize: 50000 } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.test.ts'],
    // component tests mount Element Plus, whose on-demand imports load CSS
    server: { deps: { inline: ['element-plus'] } },
  },
})
