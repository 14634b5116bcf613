import type { ComponentChildren } from 'preact'
import type { ShopClientData } from '../page-data.ts'

/** Open Graph / Twitter card fields of a page; URLs are absolute. */
export interface PageMeta {
  title: string
  description: string
  /** Absent on pages that have no address of their own (a 404). */
  canonical?: string | undefined
  siteName: string
  type: 'website' | 'product'
  image?: { url: string; width?: number; height?: number; type?: string; alt: string } | undefined
  price?: { amount: string; currency: string } | undefined
  noindex?: boolean
  /** The pages before and after this one in a paged list (`rel="prev"`, `rel="next"`). */
  prev?: string | undefined
  next?: string | undefined
}

/** JSON for a `<script>` element: `<` is escaped so no text can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** The whole HTML document of a storefront page: head with inline CSS and link-card tags. */
export function PageShell(props: {
  lang: string
  dir: 'ltr' | 'rtl'
  meta: PageMeta
  css: string
  script: string | null
  data: ShopClientData | null
  jsonLd?: object | undefined
  children: ComponentChildren
}) {
  const { meta } = props
  return (
    <html lang={props.lang} dir={props.dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title}</title>
        <meta name="description" content={meta.description} />
        {meta.canonical && <link rel="canonical" href={meta.canonical} />}
        {meta.prev && <link rel="prev" href={meta.prev} />}
        {meta.next && <link rel="next" href={meta.next} />}
        {meta.noindex && <meta name="robots" content="noindex" />}
        <meta name="theme-color" content="#075e54" />
        <link rel="icon" href="data:," />
        <meta property="og:type" content={meta.type} />
        <meta property="og:site_name" content={meta.siteName} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        {meta.canonical && <meta property="og:url" content={meta.canonical} />}
        {meta.image && <meta property="og:image" content={meta.image.url} />}
        {meta.image?.width && <meta property="og:image:width" content={String(meta.image.width)} />}
        {meta.image?.height && (
          <meta property="og:image:height" content={String(meta.image.height)} />
        )}
        {meta.image?.type && <meta property="og:image:type" content={meta.image.type} />}
        {meta.image && <meta property="og:image:alt" content={meta.image.alt} />}
        {meta.price && <meta property="product:price:amount" content={meta.price.amount} />}
        {meta.price && <meta property="product:price:currency" content={meta.price.currency} />}
        <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
        <meta name="twitter:title" content={meta.title} />
        <meta name="twitter:description" content={meta.description} />
        {meta.image && <meta name="twitter:image" content={meta.image.url} />}
        <style dangerouslySetInnerHTML={{ __html: props.css }} />
        {props.jsonLd && (
          <script
            type="application/ld+json"
            dangerouslySetInnerHTML={{ __html: scriptJson(props.jsonLd) }}
          />
        )}
        {props.script && <script type="module" src={props.script} />}
      </head>
      <body>
        {props.children}
        {props.data && (
          <script
            type="application/json"
            id="cc-data"
            dangerouslySetInnerHTML={{ __html: scriptJson(props.data) }}
          />
        )}
      </body>
    </html>
  )
}
