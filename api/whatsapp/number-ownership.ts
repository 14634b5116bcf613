import type { AppConfig } from '../config.ts'
import { AppError, invalidField } from '../errors.ts'

const FIELD = 'whatsappPhoneNumberId'

/**
 * With an access token, asks the Graph API which number a `phone_number_id` is and refuses to
 * save it unless that is the shop's WhatsApp number: our token only sees the business's own
 * numbers, so an id of another business (or a typo) is caught when it is saved. Without a token
 * there is nothing to ask; webhooks are still routed only when their display number matches.
 */
export async function verifyPhoneNumberId(
  whatsapp: AppConfig['whatsapp'],
  phoneNumberId: string,
  shopPhone: string,
): Promise<void> {
  if (!whatsapp.accessToken) return
  let res: Response
  try {
    res = await fetch(
      `${whatsapp.graphUrl}/${encodeURIComponent(phoneNumberId)}?fields=display_phone_number`,
      {
        headers: { Authorization: `Bearer ${whatsapp.accessToken}` },
        signal: AbortSignal.timeout(5_000),
      },
    )
  } catch {
    throw graphUnreachable()
  }
  // A failing Graph API says nothing about the id: refuse to save it, but do not call it unknown.
  if (res.status >= 500) throw graphUnreachable()
  const body = (await res.json().catch(() => null)) as { display_phone_number?: unknown } | null
  if (!res.ok || typeof body?.display_phone_number !== 'string') {
    throw invalidField(
      FIELD,
      'WhatsApp knows no number with this id for your account',
      'unknown_number_id',
    )
  }
  const digits = (text: string) => text.replace(/\D/g, '')
  if (digits(body.display_phone_number) !== digits(shopPhone)) {
    throw invalidField(
      FIELD,
      `This id belongs to +${digits(body.display_phone_number)}, not to the shop's WhatsApp number`,
      'number_mismatch',
    )
  }
}

function graphUnreachable(): AppError {
  return new AppError(
    503,
    'graph_unreachable',
    'WhatsApp could not be reached to check this number id; try again in a moment',
    FIELD,
  )
}
