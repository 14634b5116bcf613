import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

// Builds every browser bundle the server serves, each from its own vite config, into dist/,
// then the server itself. `--if-stale` builds only when the sources changed since the last
// complete build (what `npm start` uses, so a restart does not rebuild).

const root = resolve(import.meta.dirname, '..')
const parts = ['widget/vite.config.ts', 'shop/vite.config.ts', 'shop/admin/vite.config.ts']

/** What each browser bundle leaves in dist/ when it is built. */
export const BUILT_MARKERS = [
  'dist/widget/widget.js',
  'dist/shop/.vite/manifest.json',
  'dist/admin/index.html',
]

/** Written into dist/ after a complete build: the fingerprint of the sources it was built from. */
export const BUILD_STAMP = 'dist/.build-stamp'

/** Folders and files the bundles are built from; tests and docs do not change what is built. */
const SOURCE_DIRS = ['api', 'core', 'db', 'shop', 'widget']
const SOURCE_FILES = ['package-lock.json', 'tsconfig.json', 'scripts/build.ts']
const IGNORED = /(^|\/)(node_modules|\.vite)(\/|$)|\.test\.tsx?$/

function listFiles(dir: string, out: string[]): void {
  if (!existsSync(dir)) return
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (IGNORED.test(path)) continue
    if (entry.isDirectory()) listFiles(path, out)
    else if (entry.isFile()) out.push(path)
  }
}

/**
 * A fingerprint of the build's inputs under `base`: every source file's path, size and
 * modification time, so an edit, a touch, a new or a removed file (or `npm install`, through
 * package-lock.json) changes it. Only `stat` calls: fast enough to run on every start.
 * @example sourceFingerprint('/srv/chatcart') // 'a3f1…'
 */
export function sourceFingerprint(base = root): string {
  const files: string[] = []
  for (const dir of SOURCE_DIRS) listFiles(join(base, dir), files)
  for (const file of SOURCE_FILES) if (existsSync(join(base, file))) files.push(join(base, file))
  const hash = createHash('sha256')
  for (const file of files.sort()) {
    const stat = statSync(file)
    hash.update(`${relative(base, file)}\0${stat.size}\0${stat.mtimeMs}\n`)
  }
  return hash.digest('hex')
}

/** Whether dist/ under `base` holds a complete build of the sources as they are now. */
export function distIsCurrent(base = root): boolean {
  const stampFile = join(base, BUILD_STAMP)
  if (!existsSync(stampFile)) return false
  const outputs = [...BUILT_MARKERS, 'dist/server/server.mjs']
  if (!outputs.every((file) => existsSync(join(base, file)))) return false
  return readFileSync(stampFile, 'utf8').trim() === sourceFingerprint(base)
}

/**
 * Runs `build` unless dist/ is current. The stamp goes first (a failed or interrupted build
 * leaves none) and is written only once `build` has finished, with the fingerprint taken before
 * it started: a source edited during the build makes the next start build again.
 * @example await buildIfStale(root, buildAll) // false when nothing needed building
 */
export async function buildIfStale(base: string, build: () => Promise<void>): Promise<boolean> {
  if (distIsCurrent(base)) return false
  await buildAndStamp(base, build)
  return true
}

/** Runs `build` and stamps dist/ with the fingerprint taken before it began. */
export async function buildAndStamp(base: string, build: () => Promise<void>): Promise<void> {
  const fingerprint = sourceFingerprint(base)
  rmSync(join(base, BUILD_STAMP), { force: true })
  await build()
  writeFileSync(join(base, BUILD_STAMP), `${fingerprint}\n`)
}

/** The widget, storefront and admin bundles. */
export async function buildBrowserBundles(): Promise<void> {
  // Loaded here, not at the top: `--if-stale` with nothing to do stays quick.
  const { build } = await import('vite')
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
  const { build } = await import('vite')
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

async function buildAll(): Promise<void> {
  await buildBrowserBundles()
  await buildServer()
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--if-stale')) {
    if (!(await buildIfStale(root, buildAll))) console.log('dist/ is up to date; not rebuilding')
  } else {
    await buildAndStamp(root, buildAll)
  }
}
