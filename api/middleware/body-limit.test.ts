import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { handleError } from '../errors.ts'
import { limitBody } from './body-limit.ts'

function echoApp(maxBytes: number) {
  const app = new Hono()
  app.onError(handleError)
  app.post('/echo', limitBody(maxBytes), async (c) =>
    c.text(String((await c.req.arrayBuffer()).byteLength)),
  )
  return app
}

describe('limitBody', () => {
  it('should refuse a Content-Length over the cap with a 413', async () => {
    const res = await echoApp(10).request('/echo', {
      method: 'POST',
      headers: { 'content-length': '11' },
      body: 'x'.repeat(11),
    })
    expect(res.status).toBe(413)
    expect((await res.json()).error.code).toBe('payload_too_large')
  })

  it('should pass a body within the cap, readable by the route', async () => {
    const res = await echoApp(10).request('/echo', {
      method: 'POST',
      headers: { 'content-length': '10' },
      body: 'x'.repeat(10),
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('10')
  })

  it('should count the bytes of a body sent without a Content-Length', async () => {
    const chunked = (n: number) =>
      new ReadableStream({
        start(controller) {
          for (let i = 0; i < n; i++) controller.enqueue(new Uint8Array(4))
          controller.close()
        },
      })
    const over = await echoApp(10).request('/echo', {
      method: 'POST',
      body: chunked(3),
      duplex: 'half',
    } as RequestInit)
    expect(over.status).toBe(413)
    const within = await echoApp(10).request('/echo', {
      method: 'POST',
      body: chunked(2),
      duplex: 'half',
    } as RequestInit)
    expect(within.status).toBe(200)
    expect(await within.text()).toBe('8')
  })
})
