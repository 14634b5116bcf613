import { resolve } from 'node:path'
import { defineConfig } from 'vite'

// The storefront's islands: one small module (plus a chunk loaded only when checkout starts),
// served by the API under /assets/shop/ with hashed names and a year of caching. CSS is inlined
// by the server, so there is no stylesheet here.
export default defineConfig({
  root: import.meta.dirname,
  base: '/assets/shop/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(import.meta.dirname, '../dist/shop'),
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    assetsDir: '',
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: resolve(import.meta.dirname, 'storefront-client.tsx'),
      output: {
        entryFileNames: '[name]-[hash].js',
        chunkFileNames: '[name]-[hash].js',
      },
    },
  },
})
