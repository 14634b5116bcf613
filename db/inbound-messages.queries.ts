import { type Selectable, sql, type Transaction } from 'kysely'
import type { Database, DbOrTrx } from './database.ts'
import type { InboundMessagesTable } from './schema/messages.ts'

// Inbound messages and statuses, one row per WhatsApp id: stored, claimed and finished.

export type InboundMessageRow = Selectable<InboundMessagesTable>

/** One webhook item to store, before routing to a shop. */
export interface InboundMessageInsert {
  phone_number_id: string | null
  /** Digits of the business number the item was sent to. */
  display_phone: string | null
  event_key: string
  kind: string
  wa_message_id: string | null
  type: string | null
  from_wa_id: string | null
  from_user_id: string | null
  profile_name: string | null
  body: string | null
  context_id: string | null
  sent_at: Date | null
  /** The item as parsed (not a JSON string): it travels inside the one JSON parameter. */
  payload: unknown
  /** Sent by the merchant from the WhatsApp Business app; false when left out. */
  outgoing?: boolean
  /** The customer's WhatsApp username, when shown. */
  username?: string | null
  /** When its delivery arrived; now when left out. */
  received_at?: Date
}

/**
 * Stores webhook items in one statement, each routed to the shop that owns its phone number id
 * and whose WhatsApp number is the one the item was sent to (null when none is); a repeated
 * `event_key` is skipped. The rows travel as one JSON parameter, so any number fits. Returns how
 * many rows are new.
 */
export async function insertInboundMessages(
  db: DbOrTrx,
  rows: InboundMessageInsert[],
): Promise<number> {
  if (rows.length === 0) return 0
  const result = await sql`
    insert into inbound_messages (shop_id, phone_number_id, event_key, kind, wa_message_id, type,
      from_wa_id, from_user_id, profile_name, body, context_id, sent_at, payload, received_at,
      outgoing, username)
    select
      (select s.id from shops s
        where v.phone_number_id is not null and v.display_phone is not null
          and s.whatsapp_phone_number_id = v.phone_number_id
          and regexp_replace(s.whatsapp_phone, '\D', '', 'g') = v.display_phone),
      v.phone_number_id, v.event_key, v.kind, v.wa_message_id, v.type, v.from_wa_id,
      v.from_user_id, v.profile_name, v.body, v.context_id, v.sent_at,
      -- A JSON null comes out of the record as SQL null: keep it as the JSON value it was.
      coalesce(v.payload, 'null'::jsonb),
      coalesce(v.received_at, now()), coalesce(v.outgoing, false), v.username
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(phone_number_id text,
      display_phone text, event_key text, kind text, wa_message_id text, type text,
      from_wa_id text, from_user_id text, profile_name text, body text, context_id text,
      sent_at timestamptz, payload jsonb, received_at timestamptz, outgoing boolean,
      username text)
    on conflict (event_key) do nothing`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}

/** Ids of stored webhook items not processed yet, oldest first. */
export async function listUnprocessedInboundIds(db: DbOrTrx, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('inbound_messages')
    .select('id')
    .where('processed_at', 'is', null)
    .orderBy('received_at')
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map((r) => r.id)
}

/**
 * Locks one unprocessed item for the current transaction; undefined when it is processed
 * already or another process holds it.
 */
export function claimInboundMessage(trx: Transaction<Database>, id: string) {
  return trx
    .selectFrom('inbound_messages')
    .selectAll()
    .where('id', '=', id)
    .where('processed_at', 'is', null)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst()
}

/**
 * Locks up to `limit` unprocessed items, oldest first, skipping those another process holds.
 */
export function claimInboundBatch(trx: Transaction<Database>, limit: number) {
  return trx
    .selectFrom('inbound_messages')
    .selectAll()
    .where('processed_at', 'is', null)
    .orderBy('received_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()
}

/** What processing decided for one item, as {@link finishInboundMessages} stores it. */
export interface InboundOutcome {
  id: string
  state: string
  orderId?: string | null
  matchMethod?: string | null
  error?: string
}

/** Marks many items processed with their outcomes, in one statement. */
export async function finishInboundMessages(trx: DbOrTrx, outcomes: InboundOutcome[]) {
  if (outcomes.length === 0) return
  const rows = outcomes.map((o) => ({
    id: o.id,
    state: o.state,
    order_id: o.orderId ?? null,
    match_method: o.matchMethod ?? null,
    // jsonb refuses NUL, and an error message may quote anything.
    error: o.error?.replaceAll('\0', '\uFFFD') ?? null,
  }))
  await sql`
    update inbound_messages m
    set state = v.state, order_id = v.order_id, match_method = v.match_method, error = v.error,
      processed_at = now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as v(id uuid, state text, order_id uuid, match_method text, error text)
    where m.id = v.id`.execute(trx)
}
