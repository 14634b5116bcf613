import { prepareTestDatabases } from './db/testing/test-db.ts'
import { browserBundlesBuilt, buildBrowserBundles } from './scripts/build.ts'

// `npm test` builds before running; a lone `vitest run some.test.ts` builds what is missing here,
// once, so tests never rebuild dist/ under each other. The migrated test databases are prepared
// here too (kept between runs until a migration changes), so the files running side by side each
// copy one instead of migrating their own.
export default async function setup() {
  if (!browserBundlesBuilt()) await buildBrowserBundles()
  await prepareTestDatabases()
}
