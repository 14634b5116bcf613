import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { build, defineConfig, type Plugin } from 'vite'

// Two builds: the Preact bubble first (content-hashed ES modules, its QR code a chunk of its
// own), then the classic-script loader with the bubble's file name baked in as a constant.
const root = resolve(import.meta.dirname, '..')
const outDir = resolve(root, 'dist')
const target = 'es2022'
const jsx = { runtime: 'automatic', importSource: 'preact' } as const

function widgetBuild(): Plugin {
  let bubble = ''
  return {
    name: 'chatcart-widget',
    apply: 'build',
    buildStart() {
      rmSync(resolve(outDir, 'widget'), { recursive: true, force: true })
    },
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk' && file.isEntry) bubble = file.fileName
      }
    },
    async closeBundle() {
      if (!bubble) throw new Error('the bubble was not built')
      await build({
        configFile: false,
        root,
        publicDir: false,
        logLevel: 'warn',
        define: { __CHATCART_BUBBLE__: JSON.stringify(bubble) },
        build: {
          outDir,
          emptyOutDir: false,
          target,
          minify: true,
          lib: {
            entry: resolve(root, 'widget/loader.ts'),
            formats: ['iife'],
            name: 'ChatcartLoader',
            fileName: () => 'widget/widget.js',
          },
        },
      })
    },
  }
}

export default defineConfig({
  root,
  publicDir: false,
  oxc: { jsx },
  build: {
    outDir,
    emptyOutDir: false,
    target,
    minify: true,
    // Library mode: plain dynamic imports, without the app-mode preload helper.
    lib: { entry: resolve(root, 'widget/bubble.tsx'), formats: ['es'] },
    rolldownOptions: {
      preserveEntrySignatures: 'allow-extension',
      output: {
        format: 'es',
        // Library mode keeps whitespace in ES output unless told otherwise.
        minify: true,
        entryFileNames: 'widget/bubble-[hash].js',
        chunkFileNames: 'widget/[name]-[hash].js',
      },
    },
  },
  plugins: [widgetBuild()],
})
