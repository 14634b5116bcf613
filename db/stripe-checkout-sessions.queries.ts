import { sql } from 'kysely'
import type { DbOrTrx } from './database.ts'

const interval = (ms: number) => sql<Date>`now() + ${`${ms} milliseconds`}::interval`

/**
 * The Checkout Session of an order still open for at least `freshForMs`, or undefined.
 * @example const live = await findLiveStripeCheckoutSession(db, order.id, 300_000)
 */
export function findLiveStripeCheckoutSession(db: DbOrTrx, orderId: string, freshForMs: number) {
  return db
    .selectFrom('stripe_checkout_sessions')
    .select(['session_id', 'url', 'expires_at'])
    .where('order_id', '=', orderId)
    .where('url', 'is not', null)
    .where('expires_at', '>', interval(freshForMs))
    .executeTakeFirst()
}

/**
 * Takes the right to ask Stripe for a new session of the order, for `leaseMs`: true only for one
 * caller at a time, and only when the order has no session open for `freshForMs` more. Losers
 * read the winner's session, or show none this time.
 * @example if (await claimStripeCheckoutSession(db, { orderId, shopId, leaseMs, freshForMs })) …
 */
export async function claimStripeCheckoutSession(
  db: DbOrTrx,
  args: { orderId: string; shopId: string; leaseMs: number; freshForMs: number },
): Promise<boolean> {
  const claimed = await db
    .insertInto('stripe_checkout_sessions')
    .values({ order_id: args.orderId, shop_id: args.shopId, claimed_until: interval(args.leaseMs) })
    .onConflict((oc) =>
      oc
        .column('order_id')
        .doUpdateSet({ claimed_until: interval(args.leaseMs), updated_at: sql`now()` })
        .where((eb) =>
          eb.and([
            eb.or([
              eb('stripe_checkout_sessions.expires_at', 'is', null),
              eb('stripe_checkout_sessions.expires_at', '<=', interval(args.freshForMs)),
            ]),
            eb.or([
              eb('stripe_checkout_sessions.claimed_until', 'is', null),
              eb('stripe_checkout_sessions.claimed_until', '<=', sql<Date>`now()`),
            ]),
          ]),
        ),
    )
    .returning('order_id')
    .executeTakeFirst()
  return claimed !== undefined
}

/**
 * Stores the session Stripe made for the order and ends the claim.
 * @example await saveStripeCheckoutSession(db, { orderId, sessionId: 'cs_…', url, expiresAt })
 */
export async function saveStripeCheckoutSession(
  db: DbOrTrx,
  args: { orderId: string; sessionId: string; url: string; expiresAt: Date },
): Promise<void> {
  await db
    .updateTable('stripe_checkout_sessions')
    .set({
      session_id: args.sessionId,
      url: args.url,
      expires_at: args.expiresAt,
      claimed_until: null,
      updated_at: sql`now()`,
    })
    .where('order_id', '=', args.orderId)
    .execute()
}

/**
 * After Stripe failed to make a session, keeps the claim for `holdMs` more, so page views do not
 * call an unreachable Stripe again and again.
 * @example await holdStripeCheckoutSession(db, orderId, 30_000)
 */
export async function holdStripeCheckoutSession(
  db: DbOrTrx,
  orderId: string,
  holdMs: number,
): Promise<void> {
  await db
    .updateTable('stripe_checkout_sessions')
    .set({ claimed_until: interval(holdMs), updated_at: sql`now()` })
    .where('order_id', '=', orderId)
    .execute()
}

/**
 * The order a completed Checkout Session pays: its id and its code must both match.
 * @example const order = await findOrderByIdAndCode(db, session.client_reference_id, 'K7Q2M9')
 */
export function findOrderByIdAndCode(db: DbOrTrx, orderId: string, code: string) {
  return db
    .selectFrom('orders')
    .select(['id', 'shop_id', 'code', 'status', 'currency', 'total'])
    .where('id', '=', orderId)
    .where('code', '=', code)
    .executeTakeFirst()
}
