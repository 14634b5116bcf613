// Passwords anyone would try first. A short list on purpose: the length rule does the rest.
const COMMON = new Set([
  'password',
  'password1',
  'password12',
  'password123',
  'passw0rd',
  'iloveyou',
  'qwertyuiop',
  'qwerty123',
  'azertyuiop',
  'letmein123',
  'welcome123',
  'admin12345',
  'administrator',
  'motdepasse',
  'chatcart123',
  'changeme123',
  '1q2w3e4r5t',
  'football123',
])

const SEQUENCES = [
  '0123456789012345678901234567890',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  'qwertzuiopasdfghjklyxcvbnm',
]

/** True when the text is a run of one of the keyboard or alphabet sequences, either way. */
function isSequence(text: string): boolean {
  const reversed = [...text].reverse().join('')
  return SEQUENCES.some((seq) => seq.includes(text) || seq.includes(reversed))
}

/**
 * Why a password is too easy to guess, or null when it is fine: blank, one character repeated,
 * a keyboard or alphabet run (12345678, abcdefgh, qwertyui), the e-mail or its local part, or one
 * of the most common passwords. Case and surrounding spaces are ignored.
 * @example trivialPasswordReason('1234567890', 'ana@example.com') // 'sequence'
 */
export function trivialPasswordReason(
  password: string,
  email = '',
): 'blank' | 'repeated' | 'sequence' | 'email' | 'common' | null {
  const text = password.trim().toLowerCase()
  if (text === '') return 'blank'
  if (new Set(text).size === 1) return 'repeated'
  if (isSequence(text)) return 'sequence'
  const address = email.trim().toLowerCase()
  const local = address.split('@')[0] ?? ''
  if (address && (text === address || (local.length >= 3 && text.includes(local)))) return 'email'
  if (COMMON.has(text) || COMMON.has(text.replace(/[\d!.]+$/, ''))) return 'common'
  return null
}
