import type { ColumnType } from 'kysely'

/** A jsonb column: read as T, written as a JSON string (node-postgres would turn arrays into PG arrays). */
export type Json<T> = ColumnType<T, string, string>
/** A jsonb column with a default: may be left out on insert. */
export type JsonWithDefault<T> = ColumnType<T, string | undefined, string>
