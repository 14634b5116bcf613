import { findOrderCodes, normalizeOrderCode } from '../../core/order-code.ts'

// Cyrillic and Greek capitals and small letters that look like the Latin ones of the code
// alphabet: a phone keyboard or an autocorrect may swap them without the customer noticing.
const LOOK_ALIKES: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
  а: 'a',
  е: 'e',
  к: 'k',
  м: 'm',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
}
const LOOK_ALIKE_PATTERN = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'g')

/**
 * Order codes written anywhere in a piece of text, most likely first. On top of what
 * `findOrderCodes` tolerates (case, a missing `#`, spaces and dashes, words around it), full-width
 * characters and Cyrillic or Greek look-alike letters are read as their Latin forms.
 * @example orderCodesIn('Receipt for ＃ａ７ｋ２ｑ９') // ['A7K2Q9']
 */
export function orderCodesIn(text: string): string[] {
  const latin = text.normalize('NFKC').replace(LOOK_ALIKE_PATTERN, (c) => LOOK_ALIKES[c] ?? c)
  return findOrderCodes(latin)
}

/**
 * The order code of a button payload or reply id that we wrote ourselves (`confirm:K7Q2M9`,
 * `cancel:K7Q2M9`, or the bare code), read exactly even when the code has no digit; other
 * payloads are searched like text.
 * @example orderCodesInPayload('confirm:ABCDEF') // ['ABCDEF']
 */
export function orderCodesInPayload(value: string): string[] {
  const exact = normalizeOrderCode(value.replace(/^\s*[a-z_]+:/i, ''))
  return exact ? [exact] : orderCodesIn(value)
}

/** Whether a button payload or reply id asks to cancel rather than confirm (`cancel:K7Q2M9`). */
export function isCancelRequest(value: string | undefined): boolean {
  return value !== undefined && /^\s*cancel\b/i.test(value)
}
