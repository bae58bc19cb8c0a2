import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// Element Plus components are imported on demand (with their CSS) by the
// resolver; ECharts through echarts/core in src/charts.ts.
export default defineConfig({
  plugins: [
    vue(),
    Components({ dts: 'src/components.d.ts', resolvers: [ElementPlusResolver({ importStyle: 'css' })] }),
  ],
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
