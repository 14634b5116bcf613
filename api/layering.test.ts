import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// Handlers call db/*.queries.ts and never build SQL; the lint forbids `sql` and the drivers in
// api/, and this catches Kysely's builder calls, which are methods and invisible to imports.
const BUILDER = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(/
const HELPERS = /(\.test\.tsx?|-test-kit\.ts|-fixture\.ts|stand-in\.ts)$/

function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : productFiles(path)
    return /\.tsx?$/.test(entry.name) && !HELPERS.test(entry.name) ? [path] : []
  })
}

describe('layering', () => {
  it('should build no SQL in api/: queries live in db/', () => {
    const root = join(import.meta.dirname, '..')
    const offenders = productFiles(import.meta.dirname).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (BUILDER.test(line) ? [`${relative(root, file)}:${i + 1}`] : [])),
    )
    expect(offenders).toEqual([])
  })
})
