import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

const SIGNATURE_HEADER = /^sha256=([0-9a-fA-F]{64})$/

/**
 * The payload as Meta's signing documentation describes it: every character outside `\0`–`~`
 * written as `\uXXXX` with lowercase hex, one escape per UTF-16 code unit.
 * @example escapeUnicode('äö') // '\\u00e4\\u00f6'
 */
export function escapeUnicode(text: string): string {
  return text.replace(
    /[^\0-~]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte > 0x7e) return true
  return false
}

/**
 * Checks `X-Hub-Signature-256` (`sha256=<hex HMAC-SHA256>`) against the raw request bytes, and
 * against their escaped-unicode form when they hold non-ASCII text. Comparisons run in constant
 * time; anything malformed (missing, `sha1=`, truncated, not hex) is simply invalid.
 * @example verifyWebhookSignature(raw, c.req.header('x-hub-signature-256'), appSecret)
 */
export function verifyWebhookSignature(
  raw: Uint8Array,
  header: string | undefined,
  appSecret: string,
): boolean {
  const hex = header ? SIGNATURE_HEADER.exec(header.trim())?.[1] : undefined
  if (!hex) return false
  const given = Buffer.from(hex, 'hex')
  const matches = (data: Uint8Array | string) => {
    const expected = createHmac('sha256', appSecret).update(data).digest()
    return expected.length === given.length && timingSafeEqual(expected, given)
  }
  if (matches(raw)) return true
  return hasNonAscii(raw) && matches(escapeUnicode(Buffer.from(raw).toString('utf8')))
}

/** `sha256=<hex>` for a body: what Meta would send, for tests and local tools. */
export function signWebhookBody(raw: Uint8Array | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`
}

/** Compares two secrets in constant time, whatever their lengths. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b) && given.length === expected.length
}
