import type pg from 'pg'

// Statements that PostgreSQL parses and plans once per connection, then only binds and runs:
// for a statement run thousands of times a second (a webhook flood's insert), parsing and
// planning it each time is a good part of the server's work. PGlite runs in this process and
// keeps none of this cost apart, so only PostgreSQL connections use them.

/** SQL text → the name of its prepared statement. */
const named = new Map<string, string>()

/**
 * Registers `text` to run as the prepared statement `name` on PostgreSQL, and returns it for
 * `CompiledQuery.raw`. The text must be the whole statement with `$n` parameters, never built
 * per call.
 * @example const INSERT = preparedSql('insert_delivery', 'insert into … values ($1)')
 */
export function preparedSql(name: string, text: string): string {
  const taken = [...named].find(([t, n]) => n === name && t !== text)
  if (taken) throw new Error(`prepared statement ${name} is already another statement`)
  named.set(text, name)
  return text
}

type Query = (...args: unknown[]) => unknown

/**
 * Makes each client of `pool` run registered statements by name: node-postgres prepares a named
 * statement on the first run on a connection and reuses it after.
 */
export function usePreparedStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as Query
    const byName: Query = (text, values, ...rest) => {
      const name = typeof text === 'string' && rest.length === 0 ? named.get(text) : undefined
      if (name && Array.isArray(values)) return query({ name, text, values })
      return query(text, values, ...rest)
    }
    Object.assign(client, { query: byName })
  })
}
