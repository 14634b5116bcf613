import { formatMoney } from '../../core/money.ts'
import type { ShopClientData, ViewProduct, ViewShop } from '../page-data.ts'
import type { ShopStrings } from '../strings.ts'
import { CartIsland } from './CartIsland.tsx'
import { type HoursView, OpeningHours } from './OpeningHours.tsx'
import { Price } from './Price.tsx'
import { ProductImage } from './ProductImage.tsx'

/** Cards above the fold on a phone load at once; the others lazily. */
const EAGER_CARDS = 4
const CARD_SIZES = '(min-width: 1024px) 17rem, (min-width: 700px) 31vw, 46vw'

/** Header shared by the storefront and product pages. */
export function ShopHeader(props: {
  shop: ViewShop
  shopUrl: string
  open: boolean | null
  /** The week's hours and the next opening; without it, only "Open now" or "Closed now". */
  hours?: HoursView | null | undefined
  strings: ShopStrings
  heading: boolean
}) {
  const { shop, strings } = props
  const Title = props.heading ? 'h1' : 'p'
  return (
    <header class="head">
      {shop.logoUrl && <img src={shop.logoUrl} alt="" width={64} height={64} />}
      <div class="grow">
        <Title class={props.heading ? undefined : 'price'}>
          {props.heading ? shop.name : <a href={`/${shop.slug}`}>{shop.name}</a>}
        </Title>
        {props.heading && shop.description && <p>{shop.description}</p>}
        {props.hours ? (
          <OpeningHours view={props.hours} strings={strings} />
        ) : (
          props.open !== null && (
            <p class={props.open ? 'hours open' : 'hours'}>
              {props.open ? strings.openNow : strings.closedNow}
            </p>
          )
        )}
      </div>
      <button type="button" class="btn" data-share={props.shopUrl} data-title={shop.name}>
        {strings.share}
      </button>
      <span role="status" data-share-status />
    </header>
  )
}

function ProductCard(props: {
  shop: ViewShop
  product: ViewProduct
  index: number
  strings: ShopStrings
}) {
  const { shop, product, strings } = props
  const href = `/${shop.slug}/p/${product.slug}`
  const image = product.images[0]
  return (
    <li
      class="card"
      data-name={`${product.name} ${product.sku}`.toLowerCase()}
      data-cat={product.categoryId ?? ''}
    >
      <a href={href}>
        <ProductImage
          image={image}
          alt={product.name}
          decorative
          sizes={CARD_SIZES}
          eager={props.index < EAGER_CARDS}
          priority={props.index === 0}
        />
        <h2>{product.name}</h2>
      </a>
      <Price
        amount={product.price}
        compareAt={product.compareAtPrice}
        format={(amount) => formatMoney(amount, shop.currency, shop.locale)}
        wasLabel={strings.wasPrice}
      />
      {!product.inStock && <span class="badge">{strings.soldOut}</span>}
      {product.variants.length > 0 ? (
        <a class="btn" href={href} aria-label={`${strings.chooseOptions}: ${product.name}`}>
          {strings.chooseOptions}
        </a>
      ) : (
        <button
          type="button"
          class="btn"
          disabled={!product.inStock}
          aria-label={`${product.inStock ? strings.addToCart : strings.soldOut}: ${product.name}`}
          data-add={product.sku}
          data-add-name={product.name}
          data-add-price={product.price}
          data-add-stock={product.stock ?? ''}
          data-add-image={image?.thumbUrl ?? ''}
        >
          {product.inStock ? strings.addToCart : strings.soldOut}
        </button>
      )}
    </li>
  )
}

/** Where the storefront's links lead: its filters and the pages around this one. */
export interface StorefrontPaging {
  /** The search text of this page ('' for none). */
  q: string
  /** The category of this page ('' for all). */
  categoryId: string
  /** `/{slug}` with a category (or all of them with ''), keeping nothing else. */
  categoryHref: (categoryId: string) => string
  prevHref: string | null
  nextHref: string | null
  /** True when this page holds every product of the shop (no filter, no other page). */
  complete: boolean
}

/**
 * `/{slug}`: the shop's header, category links, search and one page of the product grid, with
 * real links to the pages around it. Search and categories are answered by the server over the
 * whole catalog; on a complete page the script also filters as the shopper types.
 */
export function StorefrontPage(props: {
  shop: ViewShop
  shopUrl: string
  open: boolean | null
  hours?: HoursView | null | undefined
  categories: { id: string; name: string }[]
  products: ViewProduct[]
  data: ShopClientData
  whatsappUrl: string
  paging: StorefrontPaging
}) {
  const { shop, data, products, paging } = props
  const strings = data.strings
  // A complete page knows which categories hold products; a page of a larger shop does not.
  const used = new Set(products.map((p) => p.categoryId))
  const categories = paging.complete
    ? props.categories.filter((c) => used.has(c.id))
    : props.categories
  return (
    <>
      <a class="skip" href="#main">
        {strings.products}
      </a>
      <div class="wrap">
        <ShopHeader
          shop={shop}
          shopUrl={props.shopUrl}
          open={props.open}
          hours={props.hours}
          strings={strings}
          heading
        />
        <main id="main">
          <div class="tools">
            <form action={`/${shop.slug}`} method="get">
              <label class="sr" for="search">
                {strings.search}
              </label>
              <input
                id="search"
                name="q"
                type="search"
                placeholder={strings.search}
                value={paging.q}
                maxLength={200}
                data-search
                autoComplete="off"
              />
              {paging.categoryId && (
                <input type="hidden" name="category" value={paging.categoryId} />
              )}
            </form>
            {categories.length > 0 && (
              <ul class="cats" aria-label={strings.products}>
                <li>
                  <a
                    href={paging.categoryHref('')}
                    aria-current={paging.categoryId === '' ? 'page' : undefined}
                    data-cat=""
                  >
                    {strings.all}
                  </a>
                </li>
                {categories.map((c) => (
                  <li key={c.id}>
                    <a
                      href={paging.categoryHref(c.id)}
                      aria-current={paging.categoryId === c.id ? 'page' : undefined}
                      data-cat={c.id}
                    >
                      {c.name}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <ul class="grid" data-grid data-complete={paging.complete ? '' : undefined}>
            {products.map((product, index) => (
              <ProductCard
                key={product.sku}
                shop={shop}
                product={product}
                index={index}
                strings={strings}
              />
            ))}
          </ul>
          <p data-empty hidden={products.length > 0}>
            {strings.noResults}
          </p>
          {(paging.prevHref || paging.nextHref) && (
            <nav class="pager" aria-label={strings.pages}>
              {paging.prevHref ? (
                <a class="btn" href={paging.prevHref} rel="prev">
                  {strings.previousPage}
                </a>
              ) : (
                <span />
              )}
              {paging.nextHref && (
                <a class="btn" href={paging.nextHref} rel="next">
                  {strings.nextPage}
                </a>
              )}
            </nav>
          )}
          <p class="sr" role="status" data-cart-status />
          <noscript>
            <p>
              {strings.noscript} <a href={props.whatsappUrl}>WhatsApp</a>
            </p>
          </noscript>
        </main>
      </div>
      <div data-island="cart">
        <CartIsland shop={data} />
      </div>
    </>
  )
}
