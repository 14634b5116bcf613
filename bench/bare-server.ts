import { serve } from '@hono/node-server'
import { Hono } from 'hono'

// The baseline server: a bare Hono app that imports nothing of ours. Prints `ready <port>`.

const app = new Hono()
  .get('/bare', (c) => c.json({ ok: true }))
  .post('/bare', async (c) => c.json({ received: (await c.req.arrayBuffer()).byteLength }))

serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`ready ${info.port}\n`)
})
process.on('SIGTERM', () => process.exit(0))
// The bench holds our stdin open; if it goes away without stopping us, stop too.
process.stdin.on('end', () => process.exit(1))
process.stdin.resume()
