import { browserBundlesBuilt, buildBrowserBundles } from './scripts/build.ts'

// `npm test` builds before running; a lone `vitest run some.test.ts` builds what is missing here,
// once, so tests never rebuild dist/ under each other.
export default async function setup() {
  if (!browserBundlesBuilt()) await buildBrowserBundles()
}
