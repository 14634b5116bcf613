import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase } from '../../db/testing/test-db.ts'
import { createTestApp } from '../testing/test-client.ts'
import { cachedDistFileCount } from './serve-dist.ts'

// Built files only: the asset routes need no database rows, so PGlite alone is enough.
let testDb: TestDatabase
let app: ReturnType<typeof createTestApp>
beforeAll(async () => {
  testDb = await createTestDb('pglite')
  app = createTestApp({ db: testDb.db })
})
afterAll(() => testDb.destroy())

describe('built files', () => {
  it('should keep nothing in memory for names that do not exist', async () => {
    await app.request('/widget.js')
    const before = cachedDistFileCount()
    for (let i = 0; i < 2000; i++) {
      const res = await app.request(`/admin/assets/missing-${i}-${Math.random()}.js`)
      expect(res.status).toBe(404)
    }
    for (let i = 0; i < 200; i++) {
      expect((await app.request(`/assets/shop/nope-${i}.css`)).status).toBe(404)
      expect((await app.request(`/widget/nope-${i}.js`)).status).toBe(404)
    }
    expect(cachedDistFileCount()).toBe(before)
  })

  it.each([
    '/admin/assets/..%2F..%2Fserver%2Fserver.mjs',
    '/admin/assets/..%2Findex.html',
    '/admin/assets/%2E%2E%2F%2E%2E%2Fserver%2Fserver.mjs',
    '/admin/assets/..%5C..%5Cserver%5Cserver.mjs',
    '/admin/assets/x%00.js',
    '/assets/shop/..%2F..%2Fserver%2Fserver.mjs',
    '/assets/shop/..%2Fadmin%2Findex.html',
    '/widget/..%2Fserver%2Fserver.mjs',
  ])('should not leave the asset folder for %s', async (path) => {
    const res = await app.request(path)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    const text = await res.text()
    expect(text).not.toContain('createApp')
    expect(text).not.toContain('<!doctype html')
  })

  it('should still serve a real asset', async () => {
    const res = await app.request('/widget.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('javascript')
  })
})
