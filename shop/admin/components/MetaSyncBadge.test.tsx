// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { setAdminLanguage } from '../i18n.ts'
import { mount } from '../test-dom.ts'
import { MetaSyncBadge } from './MetaSyncBadge.tsx'

describe('MetaSyncBadge', () => {
  afterEach(() => setAdminLanguage('en'))

  it('should show a failed sync with Meta’s error in the editor', async () => {
    const root = await mount(
      <MetaSyncBadge sync={{ state: 'failed', error: 'Image could not be downloaded' }} detailed />,
    )
    expect(root.querySelector('.badge.inactive')?.textContent).toBe('Meta: failed')
    expect(root.querySelector('.error')?.textContent).toBe('Image could not be downloaded')
  })

  it('should say when the product was synced, in the admin language', async () => {
    setAdminLanguage('fr')
    const root = await mount(
      <MetaSyncBadge sync={{ state: 'synced', syncedAt: '2026-11-28T10:00:00.000Z' }} detailed />,
    )
    expect(root.querySelector('.badge.active')?.textContent).toBe('Meta : synchronisé')
    expect(root.querySelector('.muted')?.textContent).toMatch(/^Dans votre catalogue Meta depuis /)
  })

  it('should keep the list badge short: no error text beside it', async () => {
    const root = await mount(<MetaSyncBadge sync={{ state: 'pending' }} />)
    expect(root.querySelector('.badge.pending')?.textContent).toBe('Meta: syncing')
    expect(root.querySelector('.error')).toBeNull()
  })
})
