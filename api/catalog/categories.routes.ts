import { Hono } from 'hono'
import {
  deleteCategory,
  findCategory,
  insertCategory,
  listCategories,
  reorderCategories,
  updateCategory,
} from '../../db/catalog.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { invalidField, notFound } from '../errors.ts'
import { requireOwnedShop } from '../middleware/require-merchant.ts'
import { readJson, readQuery } from '../validate.ts'
import { categoryJson } from './catalog-json.ts'
import {
  createCategorySchema,
  deleteCategoryQuerySchema,
  reorderCategoriesSchema,
  resourceId,
  updateCategorySchema,
} from './catalog-schema.ts'

/** `/api/shops/:slug/categories`: the owner's ordered categories. */
export function categoryRoutes() {
  const routes = new Hono<AppEnv>()
  const base = '/api/shops/:slug/categories'

  routes.get(base, requireOwnedShop(), async (c) => {
    const categories = await listCategories(c.var.db, c.var.shop.id)
    return c.json({ categories: categories.map(categoryJson) })
  })

  routes.post(base, requireOwnedShop(), async (c) => {
    const input = await readJson(c, createCategorySchema)
    const category = await insertCategory(c.var.db, { shopId: c.var.shop.id, ...input })
    return c.json(categoryJson(category), 201)
  })

  // Registered before `/:id` routes; only PUT exists here, so `order` is never taken for an id.
  routes.put(`${base}/order`, requireOwnedShop(), async (c) => {
    const { ids } = await readJson(c, reorderCategoriesSchema)
    const shopId = c.var.shop.id
    const categories = await c.var.db.transaction().execute(async (trx) => {
      const current = await listCategories(trx, shopId)
      const known = new Set(current.map((category) => category.id))
      const given = new Set(ids)
      if (
        given.size !== ids.length ||
        given.size !== known.size ||
        ids.some((id) => !known.has(id))
      )
        throw invalidField('ids', 'List each category of the shop exactly once')
      await reorderCategories(trx, shopId, ids)
      return listCategories(trx, shopId)
    })
    return c.json({ categories: categories.map(categoryJson) })
  })

  routes.get(`${base}/:id`, requireOwnedShop(), async (c) => {
    const category = await findCategory(
      c.var.db,
      c.var.shop.id,
      resourceId(c.req.param('id'), 'Category'),
    )
    if (!category) throw notFound('Category')
    return c.json(categoryJson(category))
  })

  routes.patch(`${base}/:id`, requireOwnedShop(), async (c) => {
    const id = resourceId(c.req.param('id'), 'Category')
    const input = await readJson(c, updateCategorySchema)
    const category = await updateCategory(c.var.db, c.var.shop.id, id, input)
    if (!category) throw notFound('Category')
    return c.json(categoryJson(category))
  })

  routes.delete(`${base}/:id`, requireOwnedShop(), async (c) => {
    const id = resourceId(c.req.param('id'), 'Category')
    const { moveTo } = readQuery(c, deleteCategoryQuerySchema)
    const shopId = c.var.shop.id
    await c.var.db.transaction().execute(async (trx) => {
      if (!(await findCategory(trx, shopId, id))) throw notFound('Category')
      if (moveTo !== undefined && (moveTo === id || !(await findCategory(trx, shopId, moveTo))))
        throw invalidField('moveTo', 'Move the products to another category of this shop')
      await deleteCategory(trx, shopId, id, moveTo ?? null)
    })
    return c.body(null, 204)
  })

  return routes
}
