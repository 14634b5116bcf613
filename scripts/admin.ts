import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createPasswordResetLink, RESET_LINK_MINUTES } from '../api/auth/password-reset.ts'
import { configFromEnv } from '../api/config.ts'
import { env } from '../api/env.ts'
import { createDb } from '../db/create-db.ts'
import { findMerchantByEmail } from '../db/merchants.queries.ts'
import { migrateToLatest } from '../db/migrate.ts'

// The instance owner's commands, on the database the server uses (the same environment):
//   npm run admin -- reset-password EMAIL   prints a one-time password-reset link

const USAGE = `Usage: npm run admin -- reset-password EMAIL

  reset-password EMAIL   print a one-time link (valid ${RESET_LINK_MINUTES} minutes) that lets the
                         merchant with this e-mail choose a new password

It opens the database the server uses: DATABASE_URL, else the embedded database in DATA_DIR
(stop the server first: the embedded database belongs to one process at a time).`

/** Runs one command; returns the exit code. Output goes to `out` and errors to `err`. */
export async function runAdminCommand(
  args: string[],
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const [command, email, ...rest] = args
  if (command !== 'reset-password' || !email || rest.length > 0) {
    err(USAGE)
    return 2
  }
  const e = env()
  // A running server keeps this file in PGlite's folder; two processes on one PGlite would
  // corrupt it. A server that was killed leaves the file too: starting and stopping it clears it.
  if (!e.DATABASE_URL && existsSync(join(e.DATA_DIR, 'pglite', 'postmaster.pid'))) {
    err(
      `The embedded database in ${e.DATA_DIR} is open in a running server: stop it (Ctrl-C or ` +
        'SIGTERM) and run this again. If none is running, start and stop the server once first.',
    )
    return 1
  }
  const { db } = createDb({ databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR, poolSize: 1 })
  try {
    await migrateToLatest(db)
    const merchant = await findMerchantByEmail(db, email.trim())
    if (!merchant) {
      err(`No merchant account has the e-mail ${email.trim()}; nothing was changed.`)
      return 1
    }
    const url = await createPasswordResetLink(db, merchant.id, configFromEnv(e).publicUrl)
    out(
      `Password-reset link for ${merchant.email} (works once, for ${RESET_LINK_MINUTES} minutes):`,
    )
    out(url)
    return 0
  } finally {
    await db.destroy()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.exitCode = await runAdminCommand(
      process.argv.slice(2),
      (line) => console.log(line),
      (line) => console.error(line),
    )
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  }
}
