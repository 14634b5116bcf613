import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'

const PARAMS = { N: 16384, r: 8, p: 1 }
const KEY_LENGTH = 64

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
}

/** Hashes a password with scrypt and a fresh 16-byte salt: `scrypt$N$r$p$salt$key`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, PARAMS)
  return [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$')
}

// Checked when the e-mail is unknown, so a wrong e-mail costs as much time as a wrong password.
const decoy = hashPassword('decoy password that matches nothing')

/** Compares in constant time; with no stored hash it still does the work and answers false. */
export async function verifyPassword(
  password: string,
  stored: string | undefined,
): Promise<boolean> {
  const parts = (stored ?? (await decoy)).split('$')
  const [scheme, n, r, p, salt, key] = parts
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false
  const expected = Buffer.from(key, 'base64')
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: +n, r: +r, p: +p })
  return timingSafeEqual(actual, expected) && stored !== undefined
}
