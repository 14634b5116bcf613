import type { Context } from 'hono'
import { renderToString } from 'preact-render-to-string'
import { isRtlLocale, pickLocale } from '../../core/locale.ts'
import { listPublishedShops } from '../../db/shops.queries.ts'
import {
  HomePage,
  INSTANCE_PAGES_CSS,
  NotFoundPage,
  type WayBack,
} from '../../shop/components/InstancePages.tsx'
import { type PageMeta, PageShell } from '../../shop/components/PageShell.tsx'
import { instanceStrings } from '../../shop/strings.ts'
import type { AppEnv } from '../app-env.ts'
import { AppError } from '../errors.ts'
import { pageSecurityPolicy } from '../static/content-security-policy.ts'
import { storefrontCss } from './storefront-assets.ts'

/** How many shops the home lists at most. */
export const HOME_SHOP_LIMIT = 50

/** Paths whose misses stay JSON: the API and the machine-read files around it. */
const NOT_PAGES = /^\/(?:api|webhooks|media|assets|widget|healthz)(?:[/.]|$)/

/** What a page's 404 says and where it leads back to. */
export interface PageMiss {
  /** The shop's language; the visitor's (Accept-Language) when the shop is not known. */
  locale?: string | undefined
  kind: 'page' | 'order'
  back?: WayBack | undefined
}

/**
 * A page that does not exist. Thrown by page routes and answered as a small HTML page; should it
 * ever reach the app's error handler, it is still a plain 404.
 */
export class PageNotFound extends AppError {
  constructor(readonly miss: PageMiss) {
    super(404, 'not_found', 'Page not found')
  }
}

function visitorLocale(c: Context<AppEnv>): string {
  return pickLocale(c.req.header('Accept-Language'), 'en')
}

function instancePage(locale: string, meta: PageMeta, body: preact.VNode): string {
  return `<!doctype html>${renderToString(
    <PageShell
      lang={locale}
      dir={isRtlLocale(locale) ? 'rtl' : 'ltr'}
      meta={meta}
      css={storefrontCss() + INSTANCE_PAGES_CSS}
      script={null}
      data={null}
    >
      {body}
    </PageShell>,
  )}`
}

function siteName(publicUrl: string): string {
  return new URL(publicUrl).host
}

/** The HTML 404 for a page: in the shop's or the visitor's language, with a way back. */
export function pageNotFoundResponse(c: Context<AppEnv>, miss: PageMiss): Response {
  const locale = miss.locale ? pickLocale(miss.locale, 'en') : visitorLocale(c)
  const strings = instanceStrings(locale)
  const html = instancePage(
    locale,
    {
      title: strings.notFoundTitle,
      description: strings.notFoundText,
      siteName: miss.back?.shopName ?? siteName(c.var.config.publicUrl),
      type: 'website',
      noindex: true,
    },
    <NotFoundPage strings={strings} kind={miss.kind} back={miss.back ?? { href: '/' }} />,
  )
  if (miss.kind === 'order') {
    // The path holds what may be someone's order token: never cached, never sent on.
    c.header('Cache-Control', 'no-store')
    c.header('Referrer-Policy', 'no-referrer')
  } else {
    c.header('Cache-Control', 'public, max-age=60')
  }
  if (!miss.locale) c.header('Vary', 'Accept-Language')
  c.header('X-Robots-Tag', 'noindex')
  c.header(
    'Content-Security-Policy',
    pageSecurityPolicy(c.var.config.publicUrl, { inlineStyles: true }),
  )
  return c.html(html, 404)
}

/**
 * What the app answers for a path no route took: for a page (GET or HEAD outside the API), a
 * redirect without the trailing slash or the HTML 404; undefined for the API's own JSON 404.
 */
export function pageMissResponse(c: Context<AppEnv>): Response | undefined {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return undefined
  const path = c.req.path
  if (NOT_PAGES.test(path)) return undefined
  // `//host/` would become a link to another site: only single-slash paths are redirected.
  if (path.length > 1 && path.endsWith('/') && !path.startsWith('//')) {
    const url = new URL(c.req.url)
    const trimmed = path.replace(/\/+$/, '') || '/'
    c.header('Cache-Control', 'public, max-age=3600')
    return c.redirect(`${trimmed}${url.search}`, 301)
  }
  return pageNotFoundResponse(c, { kind: 'page' })
}

/** `/`: the instance's published shops, or a welcome with a way to the admin. */
export async function homePageResponse(c: Context<AppEnv>): Promise<Response> {
  const locale = visitorLocale(c)
  const strings = instanceStrings(locale)
  const shops = await listPublishedShops(c.var.db, HOME_SHOP_LIMIT)
  const publicUrl = c.var.config.publicUrl
  const html = instancePage(
    locale,
    {
      title:
        shops.length > 0 ? `${strings.homeTitle} · ${siteName(publicUrl)}` : strings.welcomeTitle,
      description: shops.length > 0 ? strings.homeIntro : strings.noShopsText,
      canonical: `${publicUrl}/`,
      siteName: siteName(publicUrl),
      type: 'website',
      noindex: shops.length === 0,
    },
    <HomePage strings={strings} shops={shops} />,
  )
  c.header('Cache-Control', 'public, max-age=60')
  c.header('Vary', 'Accept-Language')
  c.header('Content-Security-Policy', pageSecurityPolicy(publicUrl, { inlineStyles: true }))
  return c.html(html)
}
