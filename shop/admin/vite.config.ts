import { resolve } from 'node:path'
import { defineConfig } from 'vite'

// The merchant admin: a Preact single-page app served by the API under /admin.
// Hashed file names so the server can cache them for a year; index.html is revalidated.
export default defineConfig({
  root: import.meta.dirname,
  base: '/admin/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/admin'),
    emptyOutDir: true,
    target: 'es2022',
    cssCodeSplit: true,
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
})
