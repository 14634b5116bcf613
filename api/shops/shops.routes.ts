import { Hono } from 'hono'
import { findShopImage } from '../../db/images.queries.ts'
import {
  insertShop,
  isPhoneNumberIdTaken,
  isSlugTaken,
  listMerchantShops,
  updateShop,
} from '../../db/shops.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { AppError, invalidField } from '../errors.ts'
import { requireMerchant, requireOwnedShop } from '../middleware/require-merchant.ts'
import { readJson } from '../validate.ts'
import { verifyPhoneNumberId } from '../whatsapp/number-ownership.ts'
import { assertPaymentMethods } from './payment-settings.ts'
import { ownerShopJson } from './shop-json.ts'
import { createShopSchema, slugSchema, updateShopSchema } from './shop-schema.ts'

/** `/api/shops` (the merchant's shops) and `/api/slug-availability/:slug`. */
export function shopRoutes() {
  const routes = new Hono<AppEnv>()

  routes.get('/api/slug-availability/:slug', requireMerchant(), async (c) => {
    const check = slugSchema.safeParse(c.req.param('slug'))
    // `code` lets the admin say why in the merchant's language; `reason` is for API users.
    if (!check.success) {
      const issue = check.error.issues[0]
      return c.json({
        available: false,
        code: issue?.code === 'custom' ? 'reserved' : 'invalid',
        reason: issue?.message ?? 'invalid',
      })
    }
    const taken = await isSlugTaken(c.var.db, check.data)
    return c.json({
      available: !taken,
      ...(taken ? { code: 'taken', reason: 'already taken' } : {}),
    })
  })

  routes.get('/api/shops', requireMerchant(), async (c) => {
    const shops = await listMerchantShops(c.var.db, c.var.merchant.id)
    return c.json({ shops: shops.map((s) => ownerShopJson(s, c.var.config.publicUrl)) })
  })

  routes.post('/api/shops', requireMerchant(), async (c) => {
    const input = await readJson(c, createShopSchema)
    assertPaymentMethods(input.payments ?? [], input.currency, c.var.config)
    if (
      input.whatsappPhoneNumberId &&
      (await isPhoneNumberIdTaken(c.var.db, input.whatsappPhoneNumberId))
    ) {
      throw invalidField(
        'whatsappPhoneNumberId',
        'Another shop already uses this number id',
        'taken',
      )
    }
    if (input.whatsappPhoneNumberId) {
      await verifyPhoneNumberId(
        c.var.config.whatsapp,
        input.whatsappPhoneNumberId,
        input.whatsappPhone,
      )
    }
    const shop = await insertShop(c.var.db, {
      merchant_id: c.var.merchant.id,
      slug: input.slug,
      name: input.name,
      description: input.description ?? '',
      whatsapp_phone: input.whatsappPhone,
      whatsapp_phone_number_id: input.whatsappPhoneNumberId ?? null,
      currency: input.currency,
      locale: input.locale ?? 'en',
      timezone: input.timezone ?? 'UTC',
      address: input.address ?? '',
      business_hours: input.businessHours ? JSON.stringify(input.businessHours) : null,
      closed_dates: JSON.stringify(input.closedDates ?? []),
      channels: JSON.stringify(input.channels ?? {}),
      published: input.published ?? true,
      order_expiry_hours: input.orderExpiryHours,
      min_order_amount: input.minOrderAmount,
      meta_catalog_id: input.metaCatalogId ?? null,
      auto_confirm_reply: input.autoConfirmReply,
      monthly_message_cap: input.monthlyMessageCap ?? null,
      payments: JSON.stringify(input.payments ?? []),
    })
    if (!shop) throw new AppError(409, 'taken', 'This address is already taken', 'slug')
    return c.json(ownerShopJson(shop, c.var.config.publicUrl), 201)
  })

  routes.get('/api/shops/:slug', requireOwnedShop(), (c) =>
    c.json(ownerShopJson(c.var.shop, c.var.config.publicUrl)),
  )

  routes.patch('/api/shops/:slug', requireOwnedShop(), async (c) => {
    const input = await readJson(c, updateShopSchema)
    const shop = c.var.shop
    // A new currency must suit the methods kept, as new methods must suit the currency.
    if (input.payments !== undefined || input.currency !== undefined) {
      assertPaymentMethods(
        input.payments ?? shop.payments,
        input.currency ?? shop.currency,
        c.var.config,
      )
    }
    if (
      input.whatsappPhoneNumberId &&
      (await isPhoneNumberIdTaken(c.var.db, input.whatsappPhoneNumberId, shop.id))
    ) {
      throw invalidField(
        'whatsappPhoneNumberId',
        'Another shop already uses this number id',
        'taken',
      )
    }
    const numberId =
      input.whatsappPhoneNumberId === undefined
        ? shop.whatsapp_phone_number_id
        : input.whatsappPhoneNumberId
    const numberChanges =
      input.whatsappPhoneNumberId !== undefined || input.whatsappPhone !== undefined
    if (numberId && numberChanges) {
      await verifyPhoneNumberId(
        c.var.config.whatsapp,
        numberId,
        input.whatsappPhone ?? shop.whatsapp_phone,
      )
    }
    if (input.logoImage) {
      if (!(await findShopImage(c.var.db, shop.id, input.logoImage)))
        throw invalidField('logoImage', 'Upload the image to this shop first', 'not_found')
    }
    const updated = await updateShop(c.var.db, shop.id, {
      name: input.name,
      description: input.description,
      whatsapp_phone: input.whatsappPhone,
      whatsapp_phone_number_id: input.whatsappPhoneNumberId,
      currency: input.currency,
      locale: input.locale,
      timezone: input.timezone,
      address: input.address,
      business_hours:
        input.businessHours === undefined
          ? undefined
          : input.businessHours && JSON.stringify(input.businessHours),
      closed_dates: input.closedDates && JSON.stringify(input.closedDates),
      channels: input.channels && JSON.stringify(input.channels),
      logo_image: input.logoImage,
      published: input.published,
      order_expiry_hours: input.orderExpiryHours,
      min_order_amount: input.minOrderAmount,
      meta_catalog_id: input.metaCatalogId,
      auto_confirm_reply: input.autoConfirmReply,
      monthly_message_cap: input.monthlyMessageCap,
      payments: input.payments && JSON.stringify(input.payments),
    })
    return c.json(ownerShopJson(updated, c.var.config.publicUrl))
  })

  return routes
}
