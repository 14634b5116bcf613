import { describe, expect, it } from 'vitest'
import { trivialPasswordReason } from './password-rules.ts'

describe('trivialPasswordReason', () => {
  it.each([
    ['          ', 'blank'],
    ['aaaaaaaaaaaa', 'repeated'],
    ['1234567890', 'sequence'],
    ['0987654321', 'sequence'],
    ['abcdefghijk', 'sequence'],
    ['QWERTYUIOP', 'sequence'],
    ['ana.souza@example.com', 'email'],
    ['ana.souza2024!', 'email'],
    ['Password123', 'common'],
    ['iloveyou!!', 'common'],
  ])('should refuse %j as %s', (password, reason) => {
    expect(trivialPasswordReason(password, 'ana.souza@example.com')).toBe(reason)
  })

  it.each(['correct horse battery', 'Tr0mb0ne-Lagoon', 'mug and a t-shirt'])(
    'should accept %j',
    (password) => {
      expect(trivialPasswordReason(password, 'ana.souza@example.com')).toBeNull()
    },
  )
})
