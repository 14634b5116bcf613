import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../api/auth/password.ts'
import { PROJECT_ROOT } from '../api/project-root.ts'
import { createTestApp, TestClient } from '../api/testing/test-client.ts'
import { createDb, type Engine } from '../db/create-db.ts'
import type { Db } from '../db/database.ts'
import { insertMerchant } from '../db/merchants.queries.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { createPostgresDatabase, testEngines } from '../db/testing/test-db.ts'

/** Runs `scripts/admin.ts` as the owner would, on the database `dbEnv` names. */
function runAdmin(args: string[], dbEnv: Record<string, string>) {
  const inherited: Record<string, string | undefined> = { ...process.env }
  delete inherited.DATABASE_URL
  delete inherited.DATA_DIR
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...inherited, PUBLIC_URL: 'https://chatcart.example', ...dbEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  )
}

/** The database of one engine as the server would open it from its environment. */
async function serverDatabase(engine: Engine): Promise<{
  dbEnv: Record<string, string>
  open: () => Db
  drop: () => Promise<void>
}> {
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'chatcart-admin-'))
    return {
      dbEnv: { DATA_DIR: dataDir },
      open: () => createDb({ dataDir }).db,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    }
  }
  const created = await createPostgresDatabase()
  return {
    dbEnv: { DATABASE_URL: created.url },
    open: () => createDb({ databaseUrl: created.url, poolSize: 2 }).db,
    drop: created.drop,
  }
}

// Each test spawns a process that opens the database (PGlite takes seconds on a busy machine).
describe.each(testEngines())(
  'npm run admin -- reset-password on %s',
  { timeout: 90_000 },
  (engine) => {
    let server: Awaited<ReturnType<typeof serverDatabase>>
    beforeAll(async () => {
      server = await serverDatabase(engine)
      const db = server.open()
      await migrateToLatest(db)
      await insertMerchant(db, {
        email: 'Owner@Example.com',
        passwordHash: await hashPassword('forgotten password'),
      })
      await db.destroy()
    })
    afterAll(() => server.drop())

    it('should print a link that resets the password once', async () => {
      const run = await runAdmin(['reset-password', 'owner@example.com'], server.dbEnv)
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.stdout).toContain('Owner@Example.com')
      const match = /^(https:\/\/chatcart\.example\/admin\/login\/reset\?token=[\w-]+)$/m.exec(
        run.stdout,
      )
      expect(match).not.toBeNull()
      const token = new URL(match?.[1] ?? '').searchParams.get('token')

      const db = server.open()
      try {
        const app = createTestApp({ db })
        const first = await new TestClient(app).post('/api/auth/password-reset/confirm', {
          token,
          password: 'remembered at last',
        })
        expect(first.status).toBe(200)
        const second = await new TestClient(app).post('/api/auth/password-reset/confirm', {
          token,
          password: 'another new password',
        })
        expect(second.status).toBe(400)
        expect(second.body.error).toMatchObject({ field: 'token' })
        const login = await new TestClient(app).post('/api/auth/login', {
          email: 'owner@example.com',
          password: 'remembered at last',
        })
        expect(login.status).toBe(200)
      } finally {
        await db.destroy()
      }
    })

    it('should exit 1 with a clear message for an unknown e-mail', async () => {
      const run = await runAdmin(['reset-password', 'nobody@example.com'], server.dbEnv)
      expect(run.code).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr).toContain('No merchant account has the e-mail nobody@example.com')
    })

    it.runIf(engine === 'pglite')(
      'should refuse to open the embedded database while a server has it open',
      async () => {
        const pidFile = join(server.dbEnv.DATA_DIR ?? '', 'pglite', 'postmaster.pid')
        writeFileSync(pidFile, '-42\n')
        try {
          const run = await runAdmin(['reset-password', 'owner@example.com'], server.dbEnv)
          expect(run.code).toBe(1)
          expect(run.stdout).toBe('')
          expect(run.stderr).toContain('is open in a running server: stop it')
        } finally {
          rmSync(pidFile)
        }
      },
    )

    it('should print its usage and exit 2 without a command', async () => {
      const run = await runAdmin([], server.dbEnv)
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('npm run admin -- reset-password EMAIL')
    })
  },
)
