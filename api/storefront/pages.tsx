import type { ComponentChildren } from 'preact'
import { renderToString } from 'preact-render-to-string'
import { isRtlLocale } from '../../core/locale.ts'
import { toMajorUnits } from '../../core/money.ts'
import { buildWhatsAppUrl } from '../../core/order-message.ts'
import { isOpenAt } from '../../core/schedule.ts'
import { hoursView } from '../../shop/components/OpeningHours.tsx'
import { OrderPage, type ViewOrder } from '../../shop/components/OrderPage.tsx'
import { type PageMeta, PageShell } from '../../shop/components/PageShell.tsx'
import { ProductPage } from '../../shop/components/ProductPage.tsx'
import { StorefrontPage } from '../../shop/components/StorefrontPage.tsx'
import type { ShopClientData, ViewProduct } from '../../shop/page-data.ts'
import { shopStrings } from '../../shop/strings.ts'
import type { PublicCatalog } from '../catalog/public-catalog-json.ts'
import { ogImageMeta, productCardInput, shopCardInput } from '../media/og-card.ts'
import { storefrontCss, storefrontScript } from './storefront-assets.ts'

function documentHtml(vnode: preact.VNode): string {
  return `<!doctype html>${renderToString(vnode)}`
}

/** One line of at most `max` characters for meta descriptions. */
function summary(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`
}

function clientData(catalog: PublicCatalog): ShopClientData {
  const { shop } = catalog
  return {
    slug: shop.slug,
    name: shop.name,
    currency: shop.currency,
    locale: shop.locale,
    phone: shop.whatsappPhone,
    timezone: shop.timezone,
    // Checkout needs each area's name and fee, not the postcodes it covers.
    shippingMethods: catalog.shippingMethods.map((m) => ({
      ...m,
      areas: m.areas.map(({ name, fee, freeOver }) => ({ name, fee, freeOver })),
    })),
    strings: shopStrings(shop.locale),
  }
}

function openNow(catalog: PublicCatalog, now: Date): boolean | null {
  const hours = catalog.shop.businessHours
  return hours ? isOpenAt(hours, catalog.shop.timezone, now, catalog.shop.closedDates) : null
}

const availability = (stock: number | null) =>
  stock === null || stock > 0 ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock'

/** A page of the shop: the shell with its metadata, styles, islands' data and JSON-LD. */
function shopDocument(
  catalog: PublicCatalog,
  meta: PageMeta,
  jsonLd: object,
  body: (data: ShopClientData) => ComponentChildren,
): string {
  const { shop } = catalog
  const data = clientData(catalog)
  return documentHtml(
    <PageShell
      lang={shop.locale}
      dir={isRtlLocale(shop.locale) ? 'rtl' : 'ltr'}
      meta={meta}
      css={storefrontCss()}
      script={storefrontScript()}
      data={data}
      jsonLd={jsonLd}
    >
      {body(data)}
    </PageShell>,
  )
}

/** Which page of the storefront this is: its filters and the cursors around it. */
export interface StorefrontView {
  q: string
  categoryId: string
  /** The cursor this page was asked with ('' for the first page). */
  cursor: string
  /** A page size other than the default, kept in the links; undefined for the default. */
  limit?: number | undefined
  nextCursor: string | null
  prevCursor: string | null
}

/** The storefront's own URL (path and query) for these filters and this cursor. */
function storefrontHref(slug: string, view: StorefrontView, cursor: string | null): string {
  const params = new URLSearchParams()
  if (view.q) params.set('q', view.q)
  if (view.categoryId) params.set('category', view.categoryId)
  if (cursor) params.set('cursor', cursor)
  if (view.limit !== undefined) params.set('limit', String(view.limit))
  const query = params.toString()
  return query ? `/${slug}?${query}` : `/${slug}`
}

/** `/{slug}`: the storefront, one page of products at a time. */
export function renderStorefront(
  catalog: PublicCatalog,
  publicUrl: string,
  now: Date,
  view: StorefrontView = {
    q: '',
    categoryId: '',
    cursor: '',
    nextCursor: null,
    prevCursor: null,
  },
): string {
  const { shop } = catalog
  const url = `${publicUrl}/${shop.slug}`
  // A page read backwards to the start is the first one: its canonical is the shop's address.
  const atStart = view.prevCursor === null
  const prevHref = view.prevCursor ? storefrontHref(shop.slug, view, view.prevCursor) : null
  const nextHref = view.nextCursor ? storefrontHref(shop.slug, view, view.nextCursor) : null
  const here = storefrontHref(shop.slug, view, atStart ? null : view.cursor)
  const cover = catalog.products.find((p) => p.images[0])?.images[0]
  const image = shop.logoUrl ?? cover?.url
  const meta: PageMeta = {
    title: shop.name,
    description: summary(shop.description || `${shop.name} · WhatsApp`),
    canonical: `${publicUrl}${here}`,
    siteName: shop.name,
    type: 'website',
    // A 1200×630 JPEG every app previews: the logo, else a card with the shop's name.
    image: { ...ogImageMeta(publicUrl, shop.slug, shopCardInput(shop)), alt: shop.name },
    // Search results are for the shopper who typed them; pages and categories are crawlable.
    noindex: view.q !== '',
    prev: prevHref ? `${publicUrl}${prevHref}` : undefined,
    next: nextHref ? `${publicUrl}${nextHref}` : undefined,
  }
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Store',
    name: shop.name,
    url,
    ...(shop.description ? { description: shop.description } : {}),
    ...(image ? { image } : {}),
    ...(shop.address ? { address: shop.address } : {}),
    hasOfferCatalog: {
      '@type': 'OfferCatalog',
      name: shop.name,
      itemListElement: catalog.products.map((p) => ({
        '@type': 'Offer',
        price: toMajorUnits(p.price, shop.currency),
        priceCurrency: shop.currency,
        availability: availability(p.inStock ? null : 0),
        itemOffered: { '@type': 'Product', name: p.name, url: `${url}/p/${p.slug}` },
      })),
    },
  }
  return shopDocument(catalog, meta, jsonLd, (data) => {
    // The hours say whether the shop is open too; no second reading of the schedule.
    const hours = hoursView(catalog.shop, data.strings, now)
    return (
      <StorefrontPage
        shop={shop}
        shopUrl={url}
        open={hours?.open ?? null}
        hours={hours}
        categories={catalog.categories}
        products={catalog.products}
        data={data}
        whatsappUrl={buildWhatsAppUrl(shop.whatsappPhone, '')}
        paging={{
          q: view.q,
          categoryId: view.categoryId,
          categoryHref: (categoryId) =>
            storefrontHref(shop.slug, { ...view, q: '', categoryId }, null),
          prevHref,
          nextHref,
          complete: !view.q && !view.categoryId && !view.cursor && view.nextCursor === null,
        }}
      />
    )
  })
}

/** `/{slug}/p/{product}`: one product. */
export function renderProductPage(
  catalog: PublicCatalog,
  product: ViewProduct,
  publicUrl: string,
  now: Date,
): string {
  const { shop } = catalog
  const shopUrl = `${publicUrl}/${shop.slug}`
  const url = `${shopUrl}/p/${product.slug}`
  const price = { amount: toMajorUnits(product.price, shop.currency), currency: shop.currency }
  const meta: PageMeta = {
    title: `${product.name} · ${shop.name}`,
    description: summary(product.description || `${product.name} · ${shop.name}`),
    canonical: url,
    siteName: shop.name,
    type: 'product',
    // A 1200×630 JPEG every app previews: the first photo, else a card with name and price.
    image: {
      ...ogImageMeta(publicUrl, shop.slug, productCardInput(shop, product), product.slug),
      alt: product.name,
    },
    price,
  }
  const offer = (sku: string, amount: number, stock: number | null) => ({
    '@type': 'Offer',
    sku,
    price: toMajorUnits(amount, shop.currency),
    priceCurrency: shop.currency,
    availability: availability(stock),
    url,
  })
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.name,
    sku: product.sku,
    url,
    ...(product.description ? { description: product.description } : {}),
    ...(product.images.length > 0 ? { image: product.images.map((i) => i.url) } : {}),
    brand: { '@type': 'Brand', name: shop.name },
    offers:
      product.variants.length > 0
        ? product.variants.map((v) => offer(v.sku, v.price, v.stock))
        : offer(product.sku, product.price, product.stock),
  }
  return shopDocument(catalog, meta, jsonLd, (data) => (
    <ProductPage
      shop={shop}
      shopUrl={shopUrl}
      open={openNow(catalog, now)}
      product={product}
      data={data}
    />
  ))
}

/** `/o/{token}`: the shopper's order page (never indexed). */
export function renderOrderPage(
  order: ViewOrder,
  token: string,
  qrSvg: string,
  publicUrl: string,
): string {
  const strings = shopStrings(order.locale)
  const data: ShopClientData = {
    slug: order.shop.slug,
    name: order.shop.name,
    currency: order.currency,
    locale: order.locale,
    phone: '',
    shippingMethods: [],
    strings,
  }
  const meta: PageMeta = {
    title: `${strings.order} #${order.code} · ${order.shop.name}`,
    description: `${strings.order} #${order.code}`,
    canonical: `${publicUrl}/o/${token}`,
    siteName: order.shop.name,
    type: 'website',
    noindex: true,
  }
  return documentHtml(
    <PageShell
      lang={order.locale}
      dir={isRtlLocale(order.locale) ? 'rtl' : 'ltr'}
      meta={meta}
      css={storefrontCss()}
      script={storefrontScript()}
      data={data}
    >
      <OrderPage order={order} token={token} strings={strings} qrSvg={qrSvg} />
    </PageShell>,
  )
}
