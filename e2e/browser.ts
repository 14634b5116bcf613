import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'
import { testSettings } from '../db/testing/test-settings.ts'

/** Flags that keep a headless Chromium quiet, offline apart from our pages, and CI-friendly. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Where the system Chromium lives: `CHROME_PATH`, else the Debian location. */
export function chromiumPath(): string {
  return testSettings().CHROME_PATH ?? '/usr/bin/chromium'
}

/**
 * Starts the system Chromium with playwright-core, or returns `null` (after a loud notice) when
 * there is none, so browser tests can skip. Under `CI=true` a missing browser is an error.
 * @example
 * const browser = await launchBrowser()
 * it.skipIf(!browser)('should …', async () => { … })
 */
export async function launchBrowser(): Promise<Browser | null> {
  const executablePath = chromiumPath()
  if (!existsSync(executablePath)) {
    const notice = `No Chromium at ${executablePath} (set CHROME_PATH): browser tests cannot run`
    if (testSettings().CI) throw new Error(notice)
    console.warn(`\n${'!'.repeat(78)}\n!! SKIPPED: ${notice}\n${'!'.repeat(78)}\n`)
    return null
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true })
}
