import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, holdTransaction, type TestDatabase } from './testing/test-db.ts'

// PGlite's one connection: a read must not wait behind every write queued before it.
describe('PGlite: reads first', () => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDb('pglite')
  })
  afterAll(() => t.destroy())

  /** Holds PGlite's one connection in a transaction until `release` is called. */
  const holdConnection = () => holdTransaction(t.db, (trx) => sql`select 1`.execute(trx))

  const write = (n: number) =>
    t.db
      .insertInto('merchants')
      .values({ email: `rf${n}@example.com`, password_hash: 'x' })
      .execute()
  const read = () => t.db.selectFrom('merchants').select('id').limit(1).execute()

  it('should let a read that arrives behind queued writes go first', async () => {
    const finished: string[] = []
    const hold = holdConnection()
    await hold.holding
    const writes = Array.from({ length: 5 }, (_, n) =>
      write(n).then(() => finished.push(`write ${n}`)),
    )
    const reading = read().then(() => finished.push('read'))
    hold.release()
    await Promise.all([hold.done, ...writes, reading])
    expect(finished[0]).toBe('read')
    expect(finished.slice(1)).toEqual(['write 0', 'write 1', 'write 2', 'write 3', 'write 4'])
  })

  it('should not starve a write behind a stream of reads', async () => {
    const finished: string[] = []
    const hold = holdConnection()
    await hold.holding
    const writing = write(100).then(() => finished.push('write'))
    const reads = Array.from({ length: 20 }, () => read().then(() => finished.push('read')))
    hold.release()
    await Promise.all([hold.done, writing, ...reads])
    expect(finished.indexOf('write')).toBe(8)
  })
})
