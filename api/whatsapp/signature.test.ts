import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  escapeUnicode,
  secretsEqual,
  signWebhookBody,
  verifyWebhookSignature,
} from './signature.ts'

const secret = 'app-secret'
const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}')
const unicodeBody = Buffer.from('{"text":{"body":"äöå 你好 @ 👍"}}')

function hmacHex(data: string | Buffer, key = secret) {
  return createHmac('sha256', key).update(data).digest('hex')
}

describe('verifyWebhookSignature', () => {
  it('should accept the HMAC of the raw bytes', () => {
    expect(verifyWebhookSignature(body, `sha256=${hmacHex(body)}`, secret)).toBe(true)
  })

  it('should accept upper-case hex digits', () => {
    expect(verifyWebhookSignature(body, `sha256=${hmacHex(body).toUpperCase()}`, secret)).toBe(true)
  })

  it('should accept the HMAC of the raw bytes of a non-ASCII body', () => {
    expect(verifyWebhookSignature(unicodeBody, `sha256=${hmacHex(unicodeBody)}`, secret)).toBe(true)
  })

  it('should accept the HMAC of the escaped-unicode form Meta documents', () => {
    const escaped = escapeUnicode(unicodeBody.toString('utf8'))
    expect(escaped).toContain('\\u00e4\\u00f6\\u00e5')
    expect(verifyWebhookSignature(unicodeBody, `sha256=${hmacHex(escaped)}`, secret)).toBe(true)
  })

  it('should refuse a signature made with another secret', () => {
    expect(verifyWebhookSignature(body, `sha256=${hmacHex(body, 'other')}`, secret)).toBe(false)
  })

  it('should refuse a missing header', () => {
    expect(verifyWebhookSignature(body, undefined, secret)).toBe(false)
    expect(verifyWebhookSignature(body, '', secret)).toBe(false)
  })

  it('should refuse a sha1= signature', () => {
    const sha1 = createHmac('sha1', secret).update(body).digest('hex')
    expect(verifyWebhookSignature(body, `sha1=${sha1}`, secret)).toBe(false)
  })

  it('should refuse a truncated signature', () => {
    expect(verifyWebhookSignature(body, `sha256=${hmacHex(body).slice(0, 63)}`, secret)).toBe(false)
    expect(verifyWebhookSignature(body, `sha256=${hmacHex(body).slice(0, 32)}`, secret)).toBe(false)
  })

  it('should refuse a signature that is not hex', () => {
    const hex = hmacHex(body)
    expect(verifyWebhookSignature(body, `sha256=${hex.slice(0, 62)}zz`, secret)).toBe(false)
    expect(verifyWebhookSignature(body, `sha256=${hex}00`, secret)).toBe(false)
  })

  it('should refuse a body changed by one byte', () => {
    const changed = Buffer.from(body)
    changed[10] = (changed[10] ?? 0) ^ 1
    expect(verifyWebhookSignature(changed, `sha256=${hmacHex(body)}`, secret)).toBe(false)
  })
})

describe('escapeUnicode', () => {
  it('should write every character outside ASCII as a lowercase \\u escape per UTF-16 unit', () => {
    expect(escapeUnicode('a@ä👍')).toBe('a@\\u00e4\\ud83d\\udc4d')
  })
})

describe('signWebhookBody', () => {
  it('should produce a header that verifies', () => {
    expect(verifyWebhookSignature(body, signWebhookBody(body, secret), secret)).toBe(true)
  })
})

describe('secretsEqual', () => {
  it('should tell equal and different tokens apart whatever their lengths', () => {
    expect(secretsEqual('token', 'token')).toBe(true)
    expect(secretsEqual('token', 'token2')).toBe(false)
    expect(secretsEqual('', 'token')).toBe(false)
  })
})
