import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryResult,
  TransactionSettings,
} from 'kysely'

/**
 * PGlite is one connection, and kysely-pglite-dialect hands it out first come, first served: a
 * shopper's read arriving behind ten queued orders waited for all ten. This dialect keeps the
 * library's connection and transactions and changes only who goes next: a lone SELECT goes
 * before waiting writes and transactions, so a read waits for at most the one statement or
 * transaction running now. Writes are never starved: after {@link READS_IN_A_ROW} reads in a
 * row with a write waiting, the write goes.
 */
const READS_IN_A_ROW = 8

/** One holder of the connection at a time; waiting reads are let in before waiting writes. */
class ReadsFirstGate {
  private busy = false
  private readonly reads: (() => void)[] = []
  private readonly writes: (() => void)[] = []
  private readsInARow = 0

  enter(read: boolean): Promise<void> {
    if (!this.busy) {
      this.busy = true
      return Promise.resolve()
    }
    return new Promise((resolve) => (read ? this.reads : this.writes).push(resolve))
  }

  leave(): void {
    const writeTurn = this.writes.length > 0 && this.readsInARow >= READS_IN_A_ROW
    const read = writeTurn ? undefined : this.reads.shift()
    const next = read ?? this.writes.shift() ?? this.reads.shift()
    if (!next) {
      this.busy = false
      this.readsInARow = 0
      return
    }
    this.readsInARow = read && this.writes.length > 0 ? this.readsInARow + 1 : 0
    next()
  }
}

/**
 * A handle Kysely holds: it takes the library's connection for each statement, or for a whole
 * transaction from `begin` to `commit`/`rollback`.
 */
class GatedConnection implements DatabaseConnection {
  /** The library's connection while a transaction holds it. */
  held: DatabaseConnection | undefined

  constructor(
    private readonly inner: Driver,
    private readonly gate: ReadsFirstGate,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.held) return this.held.executeQuery<R>(query)
    return this.alone((connection) => connection.executeQuery<R>(query), isRead(query))
  }

  // biome-ignore lint/correctness/useYield: PGlite answers whole results; Kysely's streaming is not used
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported on PGlite')
  }

  /** Runs `fn` on the library's connection, taken through the gate and given back after. */
  async alone<T>(fn: (connection: DatabaseConnection) => Promise<T>, read: boolean): Promise<T> {
    await this.gate.enter(read)
    try {
      const connection = await this.inner.acquireConnection()
      try {
        return await fn(connection)
      } finally {
        await this.inner.releaseConnection(connection)
      }
    } finally {
      this.gate.leave()
    }
  }
}

/** Only SELECTs built with the query builder count as reads; raw SQL may call a writing function. */
function isRead(query: CompiledQuery): boolean {
  return query.query.kind === 'SelectQueryNode'
}

class ReadsFirstDriver implements Driver {
  private readonly gate = new ReadsFirstGate()

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init()
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new GatedConnection(this.inner, this.gate)
  }

  async beginTransaction(connection: GatedConnection, settings: TransactionSettings) {
    await this.gate.enter(false)
    try {
      connection.held = await this.inner.acquireConnection()
      await this.inner.beginTransaction(connection.held, settings)
    } catch (error) {
      await this.end(connection)
      throw error
    }
  }

  async commitTransaction(connection: GatedConnection) {
    try {
      await this.inner.commitTransaction(connection.held as DatabaseConnection)
    } finally {
      await this.end(connection)
    }
  }

  async rollbackTransaction(connection: GatedConnection) {
    try {
      await this.inner.rollbackTransaction(connection.held as DatabaseConnection)
    } finally {
      await this.end(connection)
    }
  }

  async releaseConnection(connection: GatedConnection) {
    // A transaction Kysely gave up on without commit or rollback still frees the connection.
    if (connection.held) await this.end(connection)
  }

  destroy(): Promise<void> {
    return this.inner.destroy()
  }

  private async end(connection: GatedConnection) {
    const held = connection.held
    connection.held = undefined
    if (held) await this.inner.releaseConnection(held)
    this.gate.leave()
  }
}

/** `dialect` (kysely-pglite-dialect's) with reads let in before waiting writes. */
export function readsFirst(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new ReadsFirstDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  }
}
