import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { DIST_DIR } from '../api/static/serve-dist.ts'

// The product's budget: a storefront page loads at most 15 KB of gzip JS. The page loads the entry module
// and its static imports; chunks behind dynamic imports come later, only when needed.
const BUDGET = 15 * 1000

interface ManifestChunk {
  file: string
  isEntry?: boolean
  imports?: string[]
}

describe('storefront size', () => {
  it('should keep the JS a page loads within 15 KB gzip', () => {
    const manifest: Record<string, ManifestChunk> = JSON.parse(
      readFileSync(resolve(DIST_DIR, 'shop/.vite/manifest.json'), 'utf8'),
    )
    const entry = Object.values(manifest).find((chunk) => chunk.isEntry)
    expect(entry).toBeDefined()
    const files = new Set<string>()
    const visit = (chunk: ManifestChunk | undefined) => {
      if (!chunk || files.has(chunk.file)) return
      files.add(chunk.file)
      for (const key of chunk.imports ?? []) visit(manifest[key])
    }
    visit(entry)
    const bytes = [...files].reduce(
      (sum, file) =>
        sum + gzipSync(readFileSync(resolve(DIST_DIR, 'shop', file)), { level: 9 }).length,
      0,
    )
    console.log(`storefront JS on load: ${bytes} B gzip (${[...files].join(', ')})`)
    expect(bytes).toBeLessThanOrEqual(BUDGET)
  })
})
