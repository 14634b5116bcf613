/**
 * Short order codes (`K7Q2M9`) that travel inside the prefilled WhatsApp message and let the
 * webhook match an incoming message to its order.
 */

/** Characters of an order code: digits and upper-case letters without look-alikes (0 O 1 I L). */
export const ORDER_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** Number of characters in an order code. */
export const ORDER_CODE_LENGTH = 6

/** Random source: `n` uniformly random bytes. */
export type RandomBytes = (n: number) => Uint8Array

const ALPHABET_SET: ReadonlySet<string> = new Set(ORDER_CODE_ALPHABET)
/** Largest multiple of the alphabet size that fits in a byte: bytes at or above it are redrawn. */
const BYTE_LIMIT = 256 - (256 % ORDER_CODE_ALPHABET.length)
const MAX_DRAWS = 1000

function secureRandomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n))
}

/**
 * Generates a random order code of {@link ORDER_CODE_LENGTH} characters from
 * {@link ORDER_CODE_ALPHABET}, with rejection sampling so every character is equally likely.
 * Uniqueness per shop is the database's job (retry on conflict).
 *
 * @example generateOrderCode() // 'K7Q2M9'
 */
export function generateOrderCode(random: RandomBytes = secureRandomBytes): string {
  let code = ''
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    for (const byte of random(ORDER_CODE_LENGTH * 2)) {
      // `byte % size` alone would favour the first characters (256 is not a multiple of 31).
      if (byte >= BYTE_LIMIT) continue
      code += ORDER_CODE_ALPHABET.charAt(byte % ORDER_CODE_ALPHABET.length)
      if (code.length === ORDER_CODE_LENGTH) return code
    }
  }
  throw new Error('Random source kept returning unusable bytes')
}

/** Whether `code` is exactly a normalised order code (upper case, no separators). */
export function isOrderCode(code: string): boolean {
  if (code.length !== ORDER_CODE_LENGTH) return false
  for (const char of code) if (!ALPHABET_SET.has(char)) return false
  return true
}

/**
 * Normalises a code typed by a person: upper case, without `#`, spaces or dashes.
 * Returns `null` unless the result is a valid code. Look-alikes (0 O 1 I L) are not mapped:
 * the alphabet has none of them, so a code containing one is simply not a code.
 *
 * @example normalizeOrderCode('#k7q-2m9') // 'K7Q2M9'
 * @example normalizeOrderCode('K7Q2MO') // null
 */
export function normalizeOrderCode(input: string): string | null {
  const code = input
    .trim()
    .replace(/^#/, '')
    .replace(/[\s\-\u2010-\u2013]/g, '')
    .toUpperCase()
  return isOrderCode(code) ? code : null
}

/** A run of letters or digits, then what follows it up to the next run. */
const TOKEN = /[\p{L}\p{N}]+/gu
const SEPARATOR = /^[ \u00a0\-\u2010-\u2013]$/
const MAX_PARTS = 3

type Token = { text: string; start: number; end: number }

/** An order code found in text: where it starts and whether it was written with a `#`. */
export type OrderCodeMatch = { code: string; index: number; hashed: boolean }

/**
 * Every order code candidate in free text, in order of appearance, with its position and whether
 * a `#` introduced it (see {@link findOrderCodes} for the tolerated spellings).
 *
 * @example findOrderCodeMatches('ok #k7q2m9') // [{ code: 'K7Q2M9', index: 4, hashed: true }]
 */
export function findOrderCodeMatches(text: string): OrderCodeMatch[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(TOKEN)) {
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length })
  }
  const matches: OrderCodeMatch[] = []
  let index = 0
  while (index < tokens.length) {
    const found = codeStartingAt(text, tokens, index)
    if (found === null) {
      index++
      continue
    }
    matches.push({ code: found.code, index: found.start, hashed: found.hash })
    index += found.parts
  }
  return matches
}

/**
 * Finds order codes in free text, tolerant to how people type them: any case, an optional `#`
 * (up to three spaces after it), and single spaces or dashes inside (`#k7q 2m9`, `K7Q-2M9`), in the
 * middle of a sentence. Returns unique normalised codes, those written with `#` first, each group
 * in order of appearance.
 *
 * To avoid matching ordinary words, a candidate without `#` must mix digits and letters; a code
 * is never part of a longer word (`ABC234X`), and is split into at most three parts.
 *
 * @example findOrderCodes('my order is #k7q 2m9 thanks') // ['K7Q2M9']
 * @example findOrderCodes('thanks for the order') // []
 */
export function findOrderCodes(text: string): string[] {
  const matches = findOrderCodeMatches(text)
  const codes: string[] = []
  for (const hashed of [true, false]) {
    for (const match of matches) {
      if (match.hashed === hashed && !codes.includes(match.code)) codes.push(match.code)
    }
  }
  return codes
}

function codeStartingAt(
  text: string,
  tokens: readonly Token[],
  first: number,
): { code: string; parts: number; hash: boolean; start: number } | null {
  let joined = ''
  for (let parts = 1; parts <= MAX_PARTS; parts++) {
    const token = tokens[first + parts - 1]
    if (token === undefined) return null
    if (parts > 1) {
      const previous = tokens[first + parts - 2]
      if (previous === undefined || !SEPARATOR.test(text.slice(previous.end, token.start))) {
        return null
      }
    }
    joined += token.text.toUpperCase()
    if (joined.length > ORDER_CODE_LENGTH) return null
    if (joined.length === ORDER_CODE_LENGTH) {
      if (!isOrderCode(joined)) return null
      const start = tokens[first]?.start ?? 0
      // A few spaces may sit between the hash and the code; look only that far back.
      const hash = /#\s{0,3}$/.test(text.slice(Math.max(0, start - 4), start))
      if (!hash && !(/\d/.test(joined) && /[A-Z]/.test(joined))) return null
      return { code: joined, parts, hash, start }
    }
  }
  return null
}
