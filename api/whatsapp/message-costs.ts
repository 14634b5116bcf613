import { z } from 'zod'
import type { DbOrTrx } from '../../db/database.ts'
import {
  monthStartUtc,
  sentMessagesByPricing,
  shopSendingRules,
  skippedMessagesByReason,
  statusPayloadsOf,
  storeMessagePricing,
} from '../../db/message-costs.queries.ts'

/** Why an automatic confirmation was not sent: the merchant turned it off. */
export const AUTO_CONFIRM_OFF = 'auto_confirm_off: the automatic confirmation is turned off'
/** Why a message was not sent: Chatcart already sent the shop's monthly cap of messages. */
export const MONTHLY_CAP_REACHED = 'monthly_cap_reached: the monthly message cap is reached'

const pricingSchema = z.object({
  pricing: z.object({
    category: z.string().max(100).optional(),
    type: z.string().max(100).optional(),
  }),
})

/**
 * `pricing.category` and `pricing.type` of a status webhook item, or null when it carries none
 * (`billable` is being deprecated by Meta: type and category say what is charged).
 */
export function pricingOf(
  status: unknown,
): { category: string | null; type: string | null } | null {
  const parsed = pricingSchema.safeParse(status)
  if (!parsed.success) return null
  const { category = null, type = null } = parsed.data.pricing
  return category === null && type === null ? null : { category, type }
}

/** Stores the pricing a status webhook item reports on the message it is about. */
export async function recordStatusPricing(trx: DbOrTrx, waMessageId: string, status: unknown) {
  const pricing = pricingOf(status)
  if (pricing) await storeMessagePricing(trx, waMessageId, pricing)
}

/** After a send: the pricing of statuses that arrived before the Graph API answered. */
export async function recordEarlyPricing(trx: DbOrTrx, waMessageId: string) {
  for (const { payload } of await statusPayloadsOf(trx, waMessageId)) {
    await recordStatusPricing(trx, waMessageId, payload)
  }
}

/**
 * Why the shop's next message of `kind` must not be sent (the reason to record), or null to
 * send it: the automatic confirmation is off, or the monthly cap is reached.
 */
export async function reasonNotToSend(
  trx: DbOrTrx,
  message: { shop_id: string; kind: string },
  now: Date,
): Promise<string | null> {
  const rules = await shopSendingRules(trx, message.shop_id, now)
  if (message.kind === 'confirmation' && !rules.autoConfirmReply) return AUTO_CONFIRM_OFF
  if (rules.monthlyCap !== null && rules.sentThisMonth >= rules.monthlyCap) {
    return MONTHLY_CAP_REACHED
  }
  return null
}

/** This month's messages sent by Chatcart for a shop, by pricing, and the settings that limit them. */
export async function messageUsage(trx: DbOrTrx, shopId: string, now: Date) {
  const since = monthStartUtc(now)
  const [rules, byPricing, skipped] = await Promise.all([
    shopSendingRules(trx, shopId, now),
    sentMessagesByPricing(trx, shopId, since),
    skippedMessagesByReason(trx, shopId, since),
  ])
  const reasonCount = (prefix: string) =>
    skipped
      .filter((r) => r.last_error?.startsWith(prefix))
      .reduce((sum, r) => sum + Number(r.count), 0)
  return {
    month: since.toISOString().slice(0, 7),
    since: since.toISOString(),
    sent: rules.sentThisMonth,
    monthlyMessageCap: rules.monthlyCap,
    autoConfirmReply: rules.autoConfirmReply,
    /** Messages whose statuses reported no pricing yet have category and type null. */
    byPricing: byPricing.map((r) => ({
      category: r.pricing_category,
      type: r.pricing_type,
      count: Number(r.count),
    })),
    skipped: {
      autoConfirmOff: reasonCount('auto_confirm_off'),
      monthlyCapReached: reasonCount('monthly_cap_reached'),
    },
  }
}
