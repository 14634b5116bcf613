import type { Generated, Selectable } from 'kysely'

/** An order's Stripe Checkout Session (at most one per order). */
export interface StripeCheckoutSessionsTable {
  order_id: string
  shop_id: string
  /** Stripe's `cs_…` id; null while the first session is being made. */
  session_id: string | null
  /** Where the shopper pays. */
  url: string | null
  /** When Stripe stops accepting payment on this session. */
  expires_at: Date | null
  /** A process is asking Stripe for a session (or waits after a failure) until then. */
  claimed_until: Date | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}
export type StripeCheckoutSessionRow = Selectable<StripeCheckoutSessionsTable>
