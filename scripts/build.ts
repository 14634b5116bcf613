import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { build } from 'vite'

// Builds every browser bundle the server serves, each from its own vite config, into dist/.
const parts = ['widget/vite.config.ts', 'shop/vite.config.ts', 'shop/admin/vite.config.ts']

const root = resolve(import.meta.dirname, '..')
for (const part of parts) {
  const configFile = resolve(root, part)
  if (!existsSync(configFile)) continue
  const started = performance.now()
  await build({ configFile, logLevel: 'warn' })
  console.log(
    `built ${part.replace('/vite.config.ts', '')} in ${Math.round(performance.now() - started)} ms`,
  )
}

// The server itself, bundled for plain `node` (no TypeScript loader at run time: faster start,
// a smaller process). Dependencies stay in node_modules.
const serverStarted = performance.now()
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    ssr: resolve(root, 'api/server.ts'),
    outDir: resolve(root, 'dist/server'),
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: 'server.mjs', codeSplitting: false } },
  },
})
console.log(`built server in ${Math.round(performance.now() - serverStarted)} ms`)
