import { serve } from '@hono/node-server'
import { createDb } from '../db/create-db.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { seedDemoShop } from '../db/seed-demo.ts'
import { createApp } from './app.ts'
import { configFromEnv } from './config.ts'
import { env } from './env.ts'
import { startWhatsAppWorker } from './whatsapp/worker.ts'

// Boots one server process: database, migrations, demo data, HTTP, clean shutdown.

async function main() {
  const e = env()
  const started = performance.now()
  const { db, engine } = createDb({ databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR })
  await migrateToLatest(db)
  const config = configFromEnv(e)
  const demo = e.SEED_DEMO ? await seedDemoShop(db) : undefined
  const app = createApp({ db, config })
  // Recovery sweep: webhook items stored before a crash are processed at start-up and after.
  const stopWhatsApp = startWhatsAppWorker(db, config)

  const server = serve({ fetch: app.fetch, port: e.PORT, hostname: e.HOST }, (info) => {
    const ms = Math.round(performance.now() - started)
    const base = config.publicUrl
    console.log(`Chatcart is up in ${ms} ms on http://${info.address}:${info.port} (${engine})`)
    console.log(`  shop    ${base}/demo`)
    console.log(`  admin   ${base}/admin`)
    console.log(`  widget  ${base}/widget.js`)
    console.log(`  api     ${base}/api/shops/demo/catalog`)
    if (demo?.created) console.log(`  demo log-in: ${demo.email} / ${demo.password}`)
  })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: finishing requests in flight, then closing the database`)
    // Idle keep-alive sockets would hold close() open; requests in flight still finish.
    const closeIdle = (server as { closeIdleConnections?: () => void }).closeIdleConnections
    server.close(async () => {
      await stopWhatsApp()
      await db.destroy()
      process.exit(0)
    })
    closeIdle?.call(server)
    setTimeout(() => process.exit(1), 10_000).unref()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
