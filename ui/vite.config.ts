import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

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
