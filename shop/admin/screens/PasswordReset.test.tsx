// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { setAdminLanguage } from '../i18n.ts'
import { currentQuery } from '../router.ts'
import { button, byLabel, click, errorOf, fakeServer, mount, type } from '../test-dom.ts'
import { ForgotPassword, ResetPassword } from './PasswordReset.tsx'

setAdminLanguage('en')

describe('ForgotPassword', () => {
  it('should refuse an incomplete e-mail beside the field and send nothing', async () => {
    const sent = fakeServer(() => ({ status: 202, body: { mail: true } }))
    const root = await mount(<ForgotPassword />)
    await type(byLabel(root, 'E-mail'), 'ana@')
    await click(button(root, 'Send me a link'))
    expect(errorOf(byLabel(root, 'E-mail'))).toBe(
      'Type a whole e-mail address, like name@example.com.',
    )
    expect(sent).toEqual([])
  })

  it('should ask for a link in the admin language and say to check the mail', async () => {
    setAdminLanguage('fr')
    const sent = fakeServer(() => ({ status: 202, body: { mail: true } }))
    const root = await mount(<ForgotPassword />)
    await type(byLabel(root, 'E-mail'), ' ana@example.com ')
    await click(button(root, 'Envoyez-moi un lien'))
    expect(sent).toEqual([
      {
        method: 'POST',
        url: '/api/auth/password-reset',
        body: { email: 'ana@example.com', locale: 'fr' },
      },
    ])
    expect(root.querySelector('[role="status"]')?.textContent).toMatch(
      /^Si ana@example\.com a un compte ici, un lien est en route/,
    )
    setAdminLanguage('en')
  })

  it('should tell the merchant to ask the owner when the instance sends no mail', async () => {
    fakeServer(() => ({ status: 202, body: { mail: false } }))
    const root = await mount(<ForgotPassword />)
    await type(byLabel(root, 'E-mail'), 'ana@example.com')
    await click(button(root, 'Send me a link'))
    expect(root.querySelector('[role="status"]')?.textContent).toContain(
      'npm run admin -- reset-password ana@example.com',
    )
  })
})

describe('ResetPassword', () => {
  it('should refuse a short password before sending it', async () => {
    currentQuery.value = '?token=abc'
    const sent = fakeServer(() => undefined)
    const root = await mount(<ResetPassword />)
    await type(byLabel(root, 'New password'), 'short')
    await click(button(root, 'Save and log in'))
    expect(errorOf(byLabel(root, 'New password'))).toBe('Too short: use at least 10 characters.')
    expect(sent).toEqual([])
  })

  it('should show a too-easy password in words beside the field', async () => {
    currentQuery.value = '?token=abc'
    const sent = fakeServer(() => ({
      status: 400,
      body: { error: { code: 'password_repeated', message: 'x', field: 'password' } },
    }))
    const root = await mount(<ResetPassword />)
    await type(byLabel(root, 'New password'), 'aaaaaaaaaaaa')
    await click(button(root, 'Save and log in'))
    expect(sent[0]?.body).toEqual({ token: 'abc', password: 'aaaaaaaaaaaa' })
    expect(errorOf(byLabel(root, 'New password'))).toMatch(/^Too easy to guess/)
  })

  it('should say a used link is dead and offer a new one', async () => {
    currentQuery.value = '?token=used'
    fakeServer(() => ({
      status: 400,
      body: { error: { code: 'invalid_reset_token', message: 'x', field: 'token' } },
    }))
    const root = await mount(<ResetPassword />)
    await type(byLabel(root, 'New password'), 'a long new password')
    await click(button(root, 'Save and log in'))
    const notice = root.querySelector('[role="alert"]')
    expect(notice?.textContent).toContain('This link was used already or has expired.')
    expect(notice?.querySelector('a')?.getAttribute('href')).toBe('/admin/login/forgot')
    expect(byLabel(root, 'New password')).toBeNull()
  })

  it('should say so at once when the link carries no token', async () => {
    currentQuery.value = ''
    const root = await mount(<ResetPassword />)
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('Ask for a new link')
  })
})
