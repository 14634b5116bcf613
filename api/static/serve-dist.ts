import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import type { Context } from 'hono'
import { PROJECT_ROOT } from '../project-root.ts'

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
}
const COMPRESSIBLE = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.json',
  '.svg',
  '.txt',
  '.webmanifest',
])

interface StaticFile {
  body: Uint8Array<ArrayBuffer>
  gzip?: Uint8Array<ArrayBuffer>
  br?: Uint8Array<ArrayBuffer>
  type: string
  etag: string
}

/** The folder that `npm run build` writes browser bundles to. */
export const DIST_DIR = resolve(PROJECT_ROOT, 'dist')

// Only files that exist are kept, so the map is bounded by what the build wrote: a flood of
// requests for made-up names costs a stat each and leaves nothing behind.
const cache = new Map<string, StaticFile>()

/** How many built files are held in memory (for tests). */
export function cachedDistFileCount(): number {
  return cache.size
}

// Each segment of a path under dist/: names the build writes, never `.`, `..` or a separator.
const SEGMENT = /^(?!\.{1,2}$)[\w.-]{1,200}$/

function load(path: string): StaticFile | null {
  const cached = cache.get(path)
  if (cached) return cached
  let file: StaticFile | null = null
  if (existsSync(path) && statSync(path).isFile()) {
    const body = new Uint8Array(readFileSync(path))
    const ext = extname(path)
    file = {
      body,
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`,
      ...(COMPRESSIBLE.has(ext) && body.length > 512
        ? {
            gzip: new Uint8Array(gzipSync(body, { level: 9 })),
            br: new Uint8Array(brotliCompressSync(body)),
          }
        : {}),
    }
  }
  if (file) cache.set(path, file)
  return file
}

/**
 * Answers with a built file from `dist/` (compressed when the client accepts it), or `null` when
 * there is no such file. Hashed names are cached for a year; others revalidate with their ETag.
 * @example const res = serveDistFile(c, 'shop/app-3f2a.js', { immutable: true })
 */
export function serveDistFile(
  c: Context,
  relativePath: string,
  options: { immutable?: boolean; maxAge?: number } = {},
): Response | null {
  // Route parameters arrive decoded, so `..%2F` is `../` here: refuse anything but plain names.
  if (!relativePath.split('/').every((segment) => SEGMENT.test(segment))) return null
  const path = normalize(join(DIST_DIR, relativePath))
  if (!path.startsWith(DIST_DIR + sep)) return null
  const file = load(path)
  if (!file) return null
  const headers = new Headers({
    'Content-Type': file.type,
    ETag: file.etag,
    Vary: 'Accept-Encoding',
    'Cache-Control': options.immutable
      ? 'public, max-age=31536000, immutable'
      : `public, max-age=${options.maxAge ?? 0}, must-revalidate`,
  })
  if (c.req.header('if-none-match') === file.etag)
    return new Response(null, { status: 304, headers })
  const accept = c.req.header('accept-encoding') ?? ''
  let body = file.body
  if (file.br && /\bbr\b/.test(accept)) {
    body = file.br
    headers.set('Content-Encoding', 'br')
  } else if (file.gzip && /\bgzip\b/.test(accept)) {
    body = file.gzip
    headers.set('Content-Encoding', 'gzip')
  }
  return new Response(body, { status: 200, headers })
}
