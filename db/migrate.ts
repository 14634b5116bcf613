import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely'
import * as initialSchema from './migrations/0001-initial-schema.ts'
import * as imagesUniquePerShop from './migrations/0002-images-unique-per-shop.ts'
import * as moneyBigint from './migrations/0003-money-bigint.ts'
import * as orderExpiry from './migrations/0004-order-expiry.ts'
import * as catalogPaginationIndexes from './migrations/0005-catalog-pagination-indexes.ts'
import * as signupInvites from './migrations/0006-signup-invites.ts'
import * as passwordResets from './migrations/0007-password-resets.ts'
import * as shopClosedDates from './migrations/0008-shop-closed-dates.ts'
import * as writeOrderFunction from './migrations/0009-write-order-function.ts'
import * as webhookDeliveries from './migrations/0010-webhook-deliveries.ts'
import * as writeOrderStockFirst from './migrations/0011-write-order-stock-first.ts'
import * as payments from './migrations/0012-payments.ts'
import * as stripeSessions from './migrations/0013-stripe-sessions.ts'
import * as whatsappBusinessApp from './migrations/0014-whatsapp-business-app.ts'
import * as replyTapsAndMessageCosts from './migrations/0015-reply-taps-and-message-costs.ts'
import * as metaCatalogSync from './migrations/0016-meta-catalog-sync.ts'
import * as discountsAndMinimums from './migrations/0017-discounts-and-minimums.ts'
import * as deliveryAreasAndSlots from './migrations/0018-delivery-areas-and-slots.ts'
import * as timeSlots from './migrations/0019-time-slots.ts'
import * as webhookThroughput from './migrations/0020-webhook-throughput.ts'
import * as writeOrderIndexLookups from './migrations/0021-write-order-index-lookups.ts'

// Registered by static import, in order, so a bundle or a fresh clone runs exactly these.
const migrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-images-unique-per-shop': imagesUniquePerShop,
  '0003-money-bigint': moneyBigint,
  '0004-order-expiry': orderExpiry,
  '0005-catalog-pagination-indexes': catalogPaginationIndexes,
  '0006-signup-invites': signupInvites,
  '0007-password-resets': passwordResets,
  '0008-shop-closed-dates': shopClosedDates,
  '0009-write-order-function': writeOrderFunction,
  '0010-webhook-deliveries': webhookDeliveries,
  '0011-write-order-stock-first': writeOrderStockFirst,
  '0012-payments': payments,
  '0013-stripe-sessions': stripeSessions,
  '0014-whatsapp-business-app': whatsappBusinessApp,
  '0015-reply-taps-and-message-costs': replyTapsAndMessageCosts,
  '0016-meta-catalog-sync': metaCatalogSync,
  '0017-discounts-and-minimums': discountsAndMinimums,
  '0018-delivery-areas-and-slots': deliveryAreasAndSlots,
  '0019-time-slots': timeSlots,
  '0020-webhook-throughput': webhookThroughput,
  '0021-write-order-index-lookups': writeOrderIndexLookups,
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/**
 * Brings the schema up to date; throws with the failing migration's name on error.
 * @example await migrateToLatest(db)
 */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`migration ${failed} failed: ${String(error)}`)
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/**
 * Refreshes the planner's statistics of every table. PostgreSQL's autovacuum does it on its own
 * (within a minute of a bulk change); PGlite has no autovacuum, so its server runs this at
 * start-up. Stale counts cost real time: a storefront page in the middle of 10,000 products was
 * planned as a sort of 5,000 rows (3.9 ms) instead of an index walk (0.5 ms).
 * @example await refreshStatistics(db)
 */
export async function refreshStatistics<T>(db: Kysely<T>): Promise<void> {
  await sql`analyze`.execute(db)
}

/**
 * The migrations exactly as this process loaded them (names and code): what a cache of a
 * migrated database must be named after, since files on disk may have changed since.
 */
export function loadedMigrationsText(): string {
  return Object.entries(migrations)
    .map(([name, m]) => `${name}\0${String(m.up)}\0${String(m.down ?? '')}`)
    .join('\0\0')
}
