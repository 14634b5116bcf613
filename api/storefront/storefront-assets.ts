import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PROJECT_ROOT } from '../project-root.ts'
import { DIST_DIR } from '../static/serve-dist.ts'

const CSS_FILE = resolve(PROJECT_ROOT, 'shop/storefront.css')
const MANIFEST = join(DIST_DIR, 'shop/.vite/manifest.json')
const ENTRY = 'storefront-client.tsx'

let css: string | undefined
let script: string | undefined

/** The storefront stylesheet, minified once, to inline in every page (no blocking request). */
export function storefrontCss(): string {
  css ??= readFileSync(CSS_FILE, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim()
  return css
}

/**
 * URL of the built islands module, or null before `npm run build` (pages still render, just
 * without interactivity). Looked up until found, then remembered.
 */
export function storefrontScript(): string | null {
  if (script) return script
  if (!existsSync(MANIFEST)) return null
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, { file: string }>
  const file = manifest[ENTRY]?.file
  if (!file) return null
  script = `/assets/shop/${file}`
  return script
}
