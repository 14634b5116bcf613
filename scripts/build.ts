import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'vite'

// Builds every browser bundle the server serves, each from its own vite config, into dist/,
// then the server itself.

const root = resolve(import.meta.dirname, '..')
const parts = ['widget/vite.config.ts', 'shop/vite.config.ts', 'shop/admin/vite.config.ts']

/** What each browser bundle leaves in dist/ when it is built. */
export const BUILT_MARKERS = [
  'dist/widget/widget.js',
  'dist/shop/.vite/manifest.json',
  'dist/admin/index.html',
]

/** The widget, storefront and admin bundles. */
export async function buildBrowserBundles(): Promise<void> {
  for (const part of parts) {
    const started = performance.now()
    await build({ configFile: resolve(root, part), logLevel: 'warn' })
    console.log(
      `built ${part.replace('/vite.config.ts', '')} in ${Math.round(performance.now() - started)} ms`,
    )
  }
}

/**
 * The server, bundled for plain `node` (no TypeScript loader at run time: faster start, a smaller
 * process). Dependencies stay in node_modules.
 */
export async function buildServer(): Promise<void> {
  const started = performance.now()
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
  console.log(`built server in ${Math.round(performance.now() - started)} ms`)
}

/** Whether every browser bundle is in dist/. */
export function browserBundlesBuilt(): boolean {
  return BUILT_MARKERS.every((file) => existsSync(resolve(root, file)))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildBrowserBundles()
  await buildServer()
}
