import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { VitePWA } from 'vite-plugin-pwa';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// The app lives in ui/; pack pages live in plugins/<pack>/ui/ and are bundled as lazy chunks.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [
    vue(),
    // Element Plus components (and their CSS) are imported per component where a template uses them.
    Components({
      dirs: [],
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: fileURLToPath(new URL('./src/components.d.ts', import.meta.url)),
    }),
    // The installable app: a web manifest and a service worker that precaches the built app shell.
    // It registers itself from src/utils/service-worker.ts (an inline script would break the CSP).
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: 'Tessera CRM',
        short_name: 'Tessera',
        description: 'Customers, approvals and reports, also on the road.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#2f6fde',
        background_color: '#f5f6f8',
        icons: [
          { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: '/maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff,woff2}'],
        // The ECharts chunks are large; they are part of the app and are precached too.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        // The API is never answered from the cache, and an API address is never given the app's page.
        navigateFallbackDenylist: [/^\/api(\/|$)/],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  resolve: {
    alias: {
      '@tessera/ui': fileURLToPath(new URL('./src/public/index.ts', import.meta.url)),
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  server: {
    port: 5173,
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: process.env.TESSERA_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The manifest lets ui/scripts/first-screen-size.mjs measure what the first screen loads.
    manifest: true,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
  },
});
