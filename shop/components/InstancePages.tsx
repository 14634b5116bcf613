import { fill } from '../fill.ts'
import type { InstanceStrings } from '../strings.ts'

/** Where a lost visitor can go back to: the shop they came for, or the instance's home. */
export interface WayBack {
  href: string
  /** The shop's name, or undefined for the instance's home. */
  shopName?: string | undefined
}

/** A shop as the instance's home lists it: public fields only. */
export interface ListedShop {
  slug: string
  name: string
  description: string
}

/** Styles of the instance pages, added to the storefront's own. */
export const INSTANCE_PAGES_CSS =
  '.lost{max-width:36rem;padding-top:12vh;text-align:center}' +
  '.lost .code{margin:0;font-size:4rem;font-weight:800;line-height:1;color:#767676}' +
  '.lost h1,.home h1{margin:.5rem 0;font-size:1.5rem;line-height:1.2}' +
  '.lost p,.home>p{color:var(--muted)}' +
  '.home{max-width:40rem;padding-top:2rem}' +
  '.shops{list-style:none;margin:1.5rem 0;padding:0;border-top:1px solid var(--line)}' +
  '.shops a{display:block;padding:.875rem .25rem;border-bottom:1px solid var(--line);' +
  'text-decoration:none;color:var(--fg);overflow-wrap:anywhere}' +
  '.shops a:hover strong{text-decoration:underline}' +
  '.shops strong{display:block;color:var(--accent)}' +
  '.shops span{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;' +
  'overflow:hidden;color:var(--muted);font-size:.9375rem}'

/** The 404 page: what happened, in the visitor's or the shop's language, and a way back. */
export function NotFoundPage(props: {
  strings: InstanceStrings
  kind: 'page' | 'order'
  back: WayBack
}) {
  const { strings, back } = props
  return (
    <main id="main" class="wrap lost">
      <p class="code" aria-hidden="true">
        404
      </p>
      <h1>{strings.notFoundTitle}</h1>
      <p>{props.kind === 'order' ? strings.orderNotFoundText : strings.notFoundText}</p>
      <p>
        <a class="btn primary" href={back.href}>
          {back.shopName ? fill(strings.backToShop, { shop: back.shopName }) : strings.goHome}
        </a>
      </p>
    </main>
  )
}

/** The instance's home: its published shops, or a way to the admin when there are none. */
export function HomePage(props: { strings: InstanceStrings; shops: ListedShop[] }) {
  const { strings, shops } = props
  if (shops.length === 0) {
    return (
      <main id="main" class="wrap lost">
        <h1>{strings.welcomeTitle}</h1>
        <p>{strings.noShopsText}</p>
        <p>
          <a class="btn primary" href="/admin">
            {strings.openAdmin}
          </a>
        </p>
      </main>
    )
  }
  return (
    <main id="main" class="wrap home">
      <h1>{strings.homeTitle}</h1>
      <p>{strings.homeIntro}</p>
      <ul class="shops">
        {shops.map((shop) => (
          <li key={shop.slug}>
            {/* Each shop's name and description read in their own direction. */}
            <a href={`/${shop.slug}`}>
              <strong dir="auto">{shop.name}</strong>
              {shop.description && <span dir="auto">{shop.description}</span>}
            </a>
          </li>
        ))}
      </ul>
    </main>
  )
}
