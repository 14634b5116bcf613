import { readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { DIST_DIR } from '../static/serve-dist.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

describe.each(testEngines())('widget scripts on %s', (engine) => {
  let testDb: TestDatabase
  let client: TestClient
  let bubble = ''

  beforeAll(async () => {
    bubble = readdirSync(resolve(DIST_DIR, 'widget')).find((f) => f.startsWith('bubble-')) ?? ''
    testDb = await createTestDb(engine)
    client = new TestClient(createTestApp({ db: testDb.db }))
  })
  afterAll(() => testDb.destroy())

  it('should serve the loader with a short cache, an ETag and compression', async () => {
    const res = await client.get('/widget.js', { 'accept-encoding': 'gzip' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate')
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(res.headers.get('set-cookie')).toBeNull()
  })

  it('should answer 304 when the loader has not changed', async () => {
    const first = await client.get('/widget.js')
    const res = await client.get('/widget.js', { 'if-none-match': first.headers.get('etag') ?? '' })
    expect(res.status).toBe(304)
  })

  it('should serve the content-hashed bubble as immutable, to any origin', async () => {
    const res = await client.get(`/widget/${bubble}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    // Module scripts are fetched with CORS.
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.text).toContain('mount')
  })

  it('should not serve the loader under the immutable path', async () => {
    expect((await client.get('/widget/widget.js')).status).toBe(404)
  })

  it('should answer 404 for a file that is not there, or a path outside the folder', async () => {
    expect((await client.get('/widget/bubble-nope.js')).status).toBe(404)
    expect((await client.get('/widget/..%2F..%2Fpackage.json')).status).toBe(404)
  })
})
