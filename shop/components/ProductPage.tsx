import { formatMoney } from '../../core/money.ts'
import type { BuyProduct, ShopClientData, ViewProduct, ViewShop } from '../page-data.ts'
import { CartIsland } from './CartIsland.tsx'
import { ProductBuy, type ProductBuyProps } from './ProductBuy.tsx'
import { ProductImage } from './ProductImage.tsx'
import { ShopHeader } from './StorefrontPage.tsx'

/** What the buy box island receives, on the server and again in the browser. */
export function buyBoxProps(
  shop: ViewShop,
  product: ViewProduct,
  data: ShopClientData,
): ProductBuyProps {
  const t = data.strings
  const buy: BuyProduct = {
    sku: product.sku,
    name: product.name,
    price: product.price,
    compareAtPrice: product.compareAtPrice,
    stock: product.stock,
    image: product.images[0]?.thumbUrl ?? null,
    options: product.options,
    variants: product.variants.map((v) => ({
      sku: v.sku,
      options: v.options,
      price: v.price,
      compareAtPrice: v.compareAtPrice,
      stock: v.stock,
    })),
  }
  const amounts = [buy, ...buy.variants].flatMap((p) => [p.price, p.compareAtPrice ?? p.price])
  return {
    product: buy,
    priceTexts: Object.fromEntries(
      amounts.map((amount) => [amount, formatMoney(amount, shop.currency, shop.locale)]),
    ),
    strings: {
      addToCart: t.addToCart,
      soldOut: t.soldOut,
      onlyLeft: t.onlyLeft,
      quantity: t.quantity,
      decrease: t.decrease,
      increase: t.increase,
      wasPrice: t.wasPrice,
    },
  }
}

/** `/{slug}/p/{product}`: gallery, buy box (variants, quantity, add to cart), description. */
export function ProductPage(props: {
  shop: ViewShop
  shopUrl: string
  open: boolean | null
  product: ViewProduct
  data: ShopClientData
}) {
  const { shop, product, data } = props
  const buy = buyBoxProps(shop, product, data)
  const paragraphs = product.description.split(/\n{2,}/).filter((p) => p.trim() !== '')
  return (
    <>
      <a class="skip" href="#main">
        {product.name}
      </a>
      <div class="wrap">
        <ShopHeader
          shop={shop}
          shopUrl={props.shopUrl}
          open={props.open}
          strings={data.strings}
          heading={false}
        />
        <main id="main" class="product">
          <div class="gallery">
            {product.images.length === 0 ? (
              <ProductImage image={undefined} alt={product.name} sizes="100vw" eager />
            ) : (
              product.images.map((image, index) => (
                <ProductImage
                  key={image.url}
                  image={image}
                  alt={index === 0 ? product.name : `${product.name} (${index + 1})`}
                  sizes="(min-width: 800px) 36rem, 100vw"
                  eager={index === 0}
                  priority={index === 0}
                />
              ))
            )}
          </div>
          <div>
            <h1>{product.name}</h1>
            <div data-island="buy" data-props={JSON.stringify(buy)}>
              <ProductBuy {...buy} />
            </div>
            {paragraphs.map((text) => (
              <p key={text} style="white-space: pre-line">
                {text}
              </p>
            ))}
            <p>
              <a href={`/${shop.slug}`}>{data.strings.continueShopping}</a>
            </p>
          </div>
        </main>
      </div>
      <div data-island="cart">
        <CartIsland shop={data} />
      </div>
    </>
  )
}
