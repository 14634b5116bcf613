import type { Kysely } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.

export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
