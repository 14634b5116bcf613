import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'

// The product's budgets: what a host page pays before any interaction, and the bubble.
const LOADER_BUDGET = 2 * 1024
const BUBBLE_BUDGET = 14 * 1024

const DIR = resolve(import.meta.dirname, '../dist/widget')

/** Gzip at the level the server uses (api/static/serve-dist.ts). */
const gzip = (file: string) => gzipSync(readFileSync(resolve(DIR, file)), { level: 9 }).length
const brotli = (file: string) => brotliCompressSync(readFileSync(resolve(DIR, file))).length

function fileStarting(prefix: string): string {
  const file = readdirSync(DIR).find((name) => name.startsWith(prefix) && name.endsWith('.js'))
  if (!file) throw new Error(`no ${prefix}*.js in dist/widget`)
  return file
}

/** The chunks a file imports statically, fetched with it (the bubble's own imports are none). */
function staticImports(file: string): string[] {
  const source = readFileSync(resolve(DIR, file), 'utf8')
  return [...source.matchAll(/from\s*["'`]\.\/([^"'`]+)["'`]/g)].flatMap((m) =>
    m[1] ? [m[1]] : [],
  )
}

describe('widget size', () => {
  it('should keep the loader, JS and CSS, within 2 KB gzip', () => {
    const size = gzip('widget.js')
    console.log(`widget loader: ${size} B gzip, ${brotli('widget.js')} B brotli`)
    expect(size).toBeLessThanOrEqual(LOADER_BUDGET)
  })

  it('should keep the bubble, JS and CSS, within 14 KB gzip', () => {
    const bubble = fileStarting('bubble-')
    const size = gzip(bubble)
    console.log(`widget bubble: ${size} B gzip, ${brotli(bubble)} B brotli`)
    expect(size).toBeLessThanOrEqual(BUBBLE_BUDGET)
  })

  it('should keep the bubble with its English strings, as first opened, within 14 KB gzip', () => {
    const size = gzip(fileStarting('bubble-')) + gzip(fileStarting('en-'))
    console.log(`widget bubble + strings: ${size} B gzip`)
    expect(size).toBeLessThanOrEqual(BUBBLE_BUDGET)
  })

  it('should keep the bubble with its strings and the mini cart within 14 KB gzip', () => {
    const bubble = fileStarting('bubble-')
    const cart = fileStarting('cart-module-')
    const files = [bubble, fileStarting('en-'), cart, ...staticImports(cart)]
    const unique = [...new Set(files)]
    const size = unique.reduce((total, file) => total + gzip(file), 0)
    console.log(`widget bubble + strings + mini cart (${unique.join(', ')}): ${size} B gzip`)
    expect(size).toBeLessThanOrEqual(BUBBLE_BUDGET)
  })

  it('should keep the offline order message out of the mini cart, in a chunk of its own', () => {
    const cart = readFileSync(resolve(DIR, fileStarting('cart-module-')), 'utf8')
    expect(cart).toContain(fileStarting('offline-order-'))
    // The order message's wording (every locale's) lives in that chunk only.
    expect(cart).not.toContain('Subtotal')
  })

  it('should keep @preact/signals out of the bubble and the mini cart', () => {
    for (const prefix of ['bubble-', 'cart-module-']) {
      expect(readFileSync(resolve(DIR, fileStarting(prefix)), 'utf8')).not.toContain(
        'preact-signals',
      )
    }
  })

  it('should load the bubble without any other chunk', () => {
    const source = readFileSync(resolve(DIR, fileStarting('bubble-')), 'utf8')
    // Static imports would be fetched at once, in a waterfall; only dynamic ones are allowed.
    expect(source).not.toMatch(/(^|[;\s])import\s*[{*\w]/)
    expect(source).not.toMatch(/from\s*["'`]\.\//)
  })

  it('should name the content-hashed bubble in the loader', () => {
    const loader = readFileSync(resolve(DIR, 'widget.js'), 'utf8')
    expect(loader).toContain(`widget/${fileStarting('bubble-')}`)
  })

  it('should keep the QR encoder out of the bubble, in a chunk of its own', () => {
    const qr = fileStarting('qr-matrix-')
    console.log(`widget QR chunk: ${gzip(qr)} B gzip, ${brotli(qr)} B brotli`)
    expect(readFileSync(resolve(DIR, fileStarting('bubble-')), 'utf8')).toContain(qr)
  })
})
