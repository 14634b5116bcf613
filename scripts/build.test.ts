import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BUILD_STAMP, buildIfStale, distIsCurrent, sourceFingerprint } from './build.ts'

const OUTPUTS = [
  'dist/widget/widget.js',
  'dist/shop/.vite/manifest.json',
  'dist/admin/index.html',
  'dist/server/server.mjs',
]

function write(base: string, path: string, text: string) {
  mkdirSync(dirname(join(base, path)), { recursive: true })
  writeFileSync(join(base, path), text)
}

describe('npm start skips the build when dist/ is current', () => {
  let base: string
  let builds: number
  // Stands in for vite: writes what a complete build leaves in dist/.
  const build = async () => {
    builds += 1
    for (const file of OUTPUTS) write(base, file, 'built')
  }

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'chatcart-build-'))
    builds = 0
    write(base, 'api/server.ts', 'export {}')
    write(base, 'shop/admin/App.tsx', 'export {}')
    write(base, 'core/money.ts', 'export {}')
    write(base, 'package-lock.json', '{}')
  })
  afterEach(() => rmSync(base, { recursive: true, force: true }))

  it('should build the first time and not the second', async () => {
    expect(distIsCurrent(base)).toBe(false)
    expect(await buildIfStale(base, build)).toBe(true)
    expect(readFileSync(join(base, BUILD_STAMP), 'utf8').trim()).toBe(sourceFingerprint(base))
    expect(await buildIfStale(base, build)).toBe(false)
    expect(builds).toBe(1)
  })

  it('should build again when a source file is touched, edited, added or removed', async () => {
    await buildIfStale(base, build)
    const later = new Date(Date.now() + 5_000)
    utimesSync(join(base, 'shop/admin/App.tsx'), later, later)
    expect(await buildIfStale(base, build)).toBe(true)
    write(base, 'core/money.ts', 'export const x = 1')
    expect(await buildIfStale(base, build)).toBe(true)
    write(base, 'db/new-file.ts', 'export {}')
    expect(await buildIfStale(base, build)).toBe(true)
    rmSync(join(base, 'db/new-file.ts'))
    expect(await buildIfStale(base, build)).toBe(true)
    expect(await buildIfStale(base, build)).toBe(false)
    expect(builds).toBe(5)
  })

  it('should build again when the dependencies change', async () => {
    await buildIfStale(base, build)
    write(base, 'package-lock.json', '{"packages":{}}')
    expect(distIsCurrent(base)).toBe(false)
  })

  it('should not build again for a test file or a missing output it does not own', async () => {
    await buildIfStale(base, build)
    write(base, 'api/server.test.ts', 'test')
    expect(distIsCurrent(base)).toBe(true)
    rmSync(join(base, 'dist/admin/index.html'))
    expect(distIsCurrent(base)).toBe(false)
  })

  it('should leave no stamp when the build fails, so the next start builds again', async () => {
    await buildIfStale(base, build)
    write(base, 'api/server.ts', 'export const broken = true')
    const failing = async () => {
      write(base, 'dist/server/server.mjs', 'half written')
      throw new Error('build failed')
    }
    await expect(buildIfStale(base, failing)).rejects.toThrow('build failed')
    expect(existsSync(join(base, BUILD_STAMP))).toBe(false)
    expect(await buildIfStale(base, build)).toBe(true)
  })

  it('should fingerprint the real sources quickly', () => {
    const started = performance.now()
    expect(sourceFingerprint(resolve(import.meta.dirname, '..'))).toMatch(/^[0-9a-f]{64}$/)
    expect(performance.now() - started).toBeLessThan(1_000)
  })
})

// The real command on a copy of the project: vite builds into the copy's dist/.
describe('scripts/build.ts --if-stale', { timeout: 300_000 }, () => {
  const project = resolve(import.meta.dirname, '..')
  let copy: string
  beforeEach(() => {
    copy = mkdtempSync(join(tmpdir(), 'chatcart-start-'))
    for (const entry of ['api', 'core', 'db', 'shop', 'widget', 'scripts']) {
      cpSync(join(project, entry), join(copy, entry), { recursive: true })
    }
    for (const file of ['package.json', 'package-lock.json', 'tsconfig.json']) {
      cpSync(join(project, file), join(copy, file))
    }
    symlinkSync(join(project, 'node_modules'), join(copy, 'node_modules'))
  })
  afterEach(() => rmSync(copy, { recursive: true, force: true }))

  const buildIfStaleCli = () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--if-stale'], {
      cwd: copy,
      encoding: 'utf8',
      timeout: 240_000,
    })
    expect(run.stderr).not.toMatch(/error/i)
    expect(run.status).toBe(0)
    return run.stdout
  }

  it('should build once, skip the next start, and build again after a source is touched', () => {
    let started = performance.now()
    expect(buildIfStaleCli()).toMatch(/built server/)
    const buildMs = performance.now() - started
    expect(existsSync(join(copy, 'dist/server/server.mjs'))).toBe(true)
    started = performance.now()
    expect(buildIfStaleCli()).toBe('dist/ is up to date; not rebuilding\n')
    const skipMs = performance.now() - started
    const later = new Date(Date.now() + 5_000)
    utimesSync(join(copy, 'core/money.ts'), later, later)
    expect(buildIfStaleCli()).toMatch(/built widget[\s\S]*built server/)
    expect(buildIfStaleCli()).toBe('dist/ is up to date; not rebuilding\n')
    // Starting node with the TypeScript loader is most of what is left.
    expect(skipMs).toBeLessThan(buildMs / 2)
  })
})
