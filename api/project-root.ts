import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

function findProjectRoot(start: string): string {
  let dir = start
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) return start
    dir = parent
  }
  return dir
}

/** The folder holding package.json, whether running from source or from the built server bundle. */
export const PROJECT_ROOT = findProjectRoot(import.meta.dirname)
