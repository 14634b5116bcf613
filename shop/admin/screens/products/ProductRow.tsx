import type { Product } from '../../api.ts'
import { Link } from '../../components/Link.tsx'
import { MetaSyncBadge } from '../../components/MetaSyncBadge.tsx'
import { money } from '../../format.ts'
import { t } from '../../i18n.ts'
import { shopUrl } from '../../router.ts'

/** What is left to sell: with variants, their stock added up (unlimited if one of them is). */
function stockLeft(p: Product): number | null {
  if (p.variants.length === 0) return p.stock
  const offered = p.variants.filter((v) => v.active !== false)
  if (offered.some((v) => v.stock === null)) return null
  return offered.reduce((sum, v) => sum + (v.stock ?? 0), 0)
}

/** One product of the list: tick box, picture, name and SKU, price, stock and status. */
export function ProductRow(props: {
  slug: string
  product: Product
  currency: string
  checked: boolean
  toggle: () => void
}) {
  const { slug, product: p, currency, checked, toggle } = props
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          aria-label={t('selectX', { name: p.name })}
          checked={checked}
          onChange={toggle}
        />
      </td>
      <td>
        {p.images[0] ? (
          <img
            class="thumb"
            src={p.images[0].thumbUrl}
            alt=""
            width={40}
            height={40}
            loading="lazy"
          />
        ) : (
          <span class="thumb" />
        )}
      </td>
      <td>
        <Link href={shopUrl(slug, `/products/${p.id}`)}>{p.name}</Link>
        <div class="muted small">
          {p.sku}
          {p.variants.length > 0 && ` · ${t('nVariants', { n: p.variants.length })}`}
        </div>
        {p.metaSync && <MetaSyncBadge sync={p.metaSync} />}
      </td>
      <td class="num">{money(p.price, currency)}</td>
      <td class="num hide-phone">{stockLeft(p) ?? '∞'}</td>
      <td class="hide-phone">
        <span class={`badge ${p.active ? 'active' : 'inactive'}`}>
          {p.active ? t('active') : t('inactive')}
        </span>
      </td>
    </tr>
  )
}
