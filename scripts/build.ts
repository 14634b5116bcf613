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
