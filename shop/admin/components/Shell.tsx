import { useSignal } from '@preact/signals'
import type { ComponentChildren } from 'preact'
import { useEffect } from 'preact/hooks'
import { api } from '../api.ts'
import { ADMIN_LANGUAGES, languageName, locale, setAdminLanguage, t } from '../i18n.ts'
import { inboxCount, loadInboxCount } from '../inbox-count.ts'
import { navigate, shopUrl } from '../router.ts'
import { activeShop, me, shops } from '../state.ts'
import { Link } from './Link.tsx'

const SECTIONS = [
  ['', 'navDashboard'],
  ['orders', 'navOrders'],
  ['inbox', 'navInbox'],
  ['products', 'navProducts'],
  ['categories', 'navCategories'],
  ['shipping', 'navShipping'],
  ['discounts', 'navDiscounts'],
  ['import', 'navImport'],
  ['share', 'navShare'],
  ['widget', 'navWidget'],
  ['settings', 'navSettings'],
] as const

/** The frame around every shop screen: header, navigation, skip link. */
export function Shell({
  slug,
  section,
  children,
}: {
  slug: string
  section: string
  children: ComponentChildren
}) {
  const menuOpen = useSignal(false)
  const shop = activeShop.value
  const waiting = inboxCount.value?.slug === slug ? inboxCount.value.count : 0

  useEffect(() => {
    void loadInboxCount(slug)
  }, [slug])

  const logout = async () => {
    try {
      await api.post('/api/auth/logout')
    } finally {
      navigate('/admin/login', { replace: true })
      me.value = null
      shops.value = undefined
    }
  }

  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header class="topbar">
        <button
          type="button"
          class="menu-toggle"
          aria-expanded={menuOpen.value}
          aria-controls="nav"
          onClick={() => {
            menuOpen.value = !menuOpen.value
          }}
        >
          <span aria-hidden="true">☰</span>
          <span class="visually-hidden">{t('menu')}</span>
        </button>
        <Link href={shopUrl(slug)} class="brand">
          {shop?.logoUrl ? (
            <img class="brand-logo" src={shop.logoUrl} alt="" width={28} height={28} />
          ) : (
            <span class="brand-mark" aria-hidden="true" />
          )}
          <span class="brand-name">{shop?.name ?? 'Chatcart'}</span>
        </Link>
        <div class="topbar-end">
          {(shops.value?.length ?? 0) > 1 && (
            <select
              aria-label={t('switchShop')}
              value={slug}
              onChange={(e) => navigate(shopUrl(e.currentTarget.value))}
            >
              {shops.value?.map((s) => (
                <option key={s.slug} value={s.slug}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
          <select
            aria-label={t('adminLanguage')}
            value={locale.value}
            onChange={(e) => setAdminLanguage(e.currentTarget.value)}
          >
            {ADMIN_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        </div>
      </header>
      <nav id="nav" class={menuOpen.value ? 'nav open' : 'nav'} aria-label={t('mainNav')}>
        <ul>
          {SECTIONS.map(([path, key]) => (
            <li key={path}>
              <Link
                href={shopUrl(slug, path ? `/${path}` : '')}
                aria-current={section === path ? 'page' : undefined}
                onClick={() => {
                  menuOpen.value = false
                }}
              >
                {t(key)}
                {path === 'inbox' && waiting > 0 && (
                  <span class="nav-count">
                    <span aria-hidden="true">{waiting}</span>
                    <span class="visually-hidden">({t('nWaiting', { n: waiting })})</span>
                  </span>
                )}
              </Link>
            </li>
          ))}
          <li>
            <Link href="/admin/new">{t('newShop')}</Link>
          </li>
          <li>
            <button type="button" class="linkish" onClick={logout}>
              {t('logOut')}
            </button>
          </li>
        </ul>
        <p class="muted small">{me.value?.email}</p>
      </nav>
      <main id="main" class="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  )
}
