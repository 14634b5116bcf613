import { Hono } from 'hono'
import type { Updateable } from 'kysely'
import type { DbOrTrx } from '../../db/database.ts'
import {
  type DiscountWrite,
  deleteDiscount,
  findDiscount,
  insertDiscount,
  listDiscounts,
  shopCategoryIds,
  updateDiscount,
} from '../../db/discounts.queries.ts'
import type { DiscountRow, DiscountsTable } from '../../db/schema/discounts.ts'
import type { AppEnv } from '../app-env.ts'
import { resourceId } from '../catalog/catalog-schema.ts'
import { AppError, invalidField, notFound } from '../errors.ts'
import { requireOwnedShop } from '../middleware/require-merchant.ts'
import { readJson } from '../validate.ts'
import { discountJson } from './discount-json.ts'
import {
  createDiscountSchema,
  type UpdateDiscountInput,
  updateDiscountSchema,
} from './discount-schema.ts'

/** `/api/shops/:slug/discounts`: the shop's discount codes. */
export function discountRoutes() {
  const routes = new Hono<AppEnv>()
  const base = '/api/shops/:slug/discounts'

  routes.get(base, requireOwnedShop(), async (c) => {
    const discounts = await listDiscounts(c.var.db, c.var.shop.id)
    return c.json({ discounts: discounts.map(discountJson) })
  })

  routes.post(base, requireOwnedShop(), async (c) => {
    const input = await readJson(c, createDiscountSchema)
    const values = discountValues(input)
    checkKind(values.percent_off ?? null, values.amount_off ?? null, true)
    checkWindow(values.starts_at ?? null, values.ends_at ?? null)
    await checkCategories(c.var.db, c.var.shop.id, input.categoryIds)
    const written = await insertDiscount(c.var.db, {
      ...values,
      shop_id: c.var.shop.id,
      code: input.code,
    })
    return c.json(discountJson(written_(written)), 201)
  })

  routes.get(`${base}/:id`, requireOwnedShop(), async (c) => {
    const id = resourceId(c.req.param('id'), 'Discount')
    const discount = await findDiscount(c.var.db, c.var.shop.id, id)
    if (!discount) throw notFound('Discount')
    return c.json(discountJson(discount))
  })

  routes.patch(`${base}/:id`, requireOwnedShop(), async (c) => {
    const id = resourceId(c.req.param('id'), 'Discount')
    const input = await readJson(c, updateDiscountSchema)
    const current = await findDiscount(c.var.db, c.var.shop.id, id)
    if (!current) throw notFound('Discount')
    const values = discountValues(input)
    // Setting one kind of discount clears the other.
    if (input.percentOff != null && input.amountOff === undefined) values.amount_off = null
    if (input.amountOff != null && input.percentOff === undefined) values.percent_off = null
    const given = Object.entries(values).filter(([, value]) => value !== undefined)
    const merged = { ...current, ...Object.fromEntries(given) } as DiscountRow
    checkKind(merged.percent_off, merged.amount_off, false)
    checkWindow(merged.starts_at, merged.ends_at)
    await checkCategories(c.var.db, c.var.shop.id, input.categoryIds)
    const written = await updateDiscount(c.var.db, c.var.shop.id, id, values)
    if (!written) throw notFound('Discount')
    return c.json(discountJson(written_(written)))
  })

  routes.delete(`${base}/:id`, requireOwnedShop(), async (c) => {
    const id = resourceId(c.req.param('id'), 'Discount')
    if (!(await deleteDiscount(c.var.db, c.var.shop.id, id))) throw notFound('Discount')
    return c.body(null, 204)
  })

  return routes
}

function discountValues(input: UpdateDiscountInput): Updateable<DiscountsTable> {
  const date = (value: string | null | undefined) =>
    value === undefined ? undefined : value === null ? null : new Date(value)
  return {
    code: input.code,
    percent_off: input.percentOff,
    amount_off: input.amountOff,
    min_subtotal: input.minSubtotal,
    starts_at: date(input.startsAt),
    ends_at: date(input.endsAt),
    max_uses: input.maxUses,
    once_per_customer: input.oncePerCustomer,
    category_ids: input.categoryIds,
  }
}

function checkKind(percentOff: number | null, amountOff: number | null, creating: boolean): void {
  if (percentOff !== null && amountOff !== null) {
    throw invalidField('amountOff', 'Give either percentOff or amountOff, not both')
  }
  if (percentOff === null && amountOff === null) {
    throw invalidField(
      'percentOff',
      'Give percentOff (1–100) or amountOff (minor units)',
      creating ? 'required' : 'invalid',
    )
  }
}

function checkWindow(startsAt: Date | null, endsAt: Date | null): void {
  if (startsAt && endsAt && endsAt <= startsAt) {
    throw invalidField('endsAt', 'endsAt must be after startsAt')
  }
}

async function checkCategories(
  db: DbOrTrx,
  shopId: string,
  ids: readonly string[] | undefined,
): Promise<void> {
  if (!ids?.length) return
  const known = await shopCategoryIds(db, shopId, ids)
  const index = ids.findIndex((id) => !known.has(id))
  if (index >= 0) throw invalidField(`categoryIds.${index}`, 'No such category in this shop')
}

function written_(written: DiscountWrite): DiscountRow {
  if (written.kind === 'code_taken') {
    throw new AppError(409, 'code_taken', 'The shop already has a discount with this code', 'code')
  }
  return written.discount
}
