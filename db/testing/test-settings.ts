// Settings only tests, browser journeys and the bench read; the server's own configuration
// (api/env.ts) knows nothing of them.

function flag(value: string | undefined): boolean {
  return value === 'true' || value === '1'
}

/** The test-only environment: the PostgreSQL server for tests, the Chromium path and CI. */
export function testSettings() {
  const text = (v: string | undefined) => (v?.trim() ? v.trim() : undefined)
  return {
    TEST_DATABASE_URL: text(process.env.TEST_DATABASE_URL),
    CHROME_PATH: text(process.env.CHROME_PATH),
    CI: flag(process.env.CI),
  }
}
