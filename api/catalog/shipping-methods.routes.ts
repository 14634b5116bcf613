import { Hono } from 'hono'
import {
  deleteShippingMethod,
  findShippingMethod,
  insertShippingMethod,
  listShippingMethods,
  updateShippingMethod,
} from '../../db/catalog.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { notFound } from '../errors.ts'
import { requireOwnedShop } from '../middleware/require-merchant.ts'
import { readJson } from '../validate.ts'
import { shippingMethodJson } from './catalog-json.ts'
import {
  createShippingMethodSchema,
  resourceId,
  updateShippingMethodSchema,
} from './catalog-schema.ts'

/** `/api/shops/:slug/shipping-methods`: how the shop delivers, and at what price. */
export function shippingMethodRoutes() {
  const routes = new Hono<AppEnv>()
  const base = '/api/shops/:slug/shipping-methods'

  routes.get(base, requireOwnedShop(), async (c) => {
    const methods = await listShippingMethods(c.var.db, c.var.shop.id)
    return c.json({ shippingMethods: methods.map(shippingMethodJson) })
  })

  routes.post(base, requireOwnedShop(), async (c) => {
    const input = await readJson(c, createShippingMethodSchema)
    const method = await insertShippingMethod(c.var.db, {
      shop_id: c.var.shop.id,
      name: input.name,
      price: input.price,
      free_over: input.freeOver ?? null,
      requires_address: input.requiresAddress ?? false,
      min_order_amount: input.minOrderAmount ?? null,
      areas: JSON.stringify(input.areas ?? []),
      slots: input.slots ? JSON.stringify(input.slots) : null,
      active: input.active ?? true,
      position: input.position,
    })
    return c.json(shippingMethodJson(method), 201)
  })

  routes.get(`${base}/:id`, requireOwnedShop(), async (c) => {
    const id = resourceId(c.req.param('id'), 'Shipping method')
    const method = await findShippingMethod(c.var.db, c.var.shop.id, id)
    if (!method) throw notFound('Shipping method')
    return c.json(shippingMethodJson(method))
  })

  routes.patch(`${base}/:id`, requireOwnedShop(), async (c) => {
    const id = resourceId(c.req.param('id'), 'Shipping method')
    const input = await readJson(c, updateShippingMethodSchema)
    const method = await updateShippingMethod(c.var.db, c.var.shop.id, id, {
      name: input.name,
      price: input.price,
      free_over: input.freeOver,
      requires_address: input.requiresAddress,
      min_order_amount: input.minOrderAmount,
      areas: input.areas && JSON.stringify(input.areas),
      slots: input.slots === undefined ? undefined : input.slots && JSON.stringify(input.slots),
      active: input.active,
      position: input.position,
    })
    if (!method) throw notFound('Shipping method')
    return c.json(shippingMethodJson(method))
  })

  routes.delete(`${base}/:id`, requireOwnedShop(), async (c) => {
    const id = resourceId(c.req.param('id'), 'Shipping method')
    if (!(await deleteShippingMethod(c.var.db, c.var.shop.id, id)))
      throw notFound('Shipping method')
    return c.body(null, 204)
  })

  return routes
}
