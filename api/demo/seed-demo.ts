import { randomBytes } from 'node:crypto'
import {
  insertCategory,
  insertProduct,
  insertShippingMethod,
  replaceVariants,
  type VariantValues,
} from '../../db/catalog.queries.ts'
import type { Db } from '../../db/database.ts'
import { insertImage } from '../../db/images.queries.ts'
import { findMerchantByEmail, insertMerchant } from '../../db/merchants.queries.ts'
import type { ProductOption } from '../../db/schema/products.ts'
import { insertShop, isSlugTaken, updateShop } from '../../db/shops.queries.ts'
import { hashPassword } from '../auth/password.ts'
import { loadSharp, type ProcessedImage, processImage } from '../media/image-pipeline.ts'

/** The demo shop's merchant: not a real owner, so it never counts as an instance's first account. */
export const DEMO_EMAIL = 'demo@chatcart.dev'
const DEMO_SLUG = 'demo'

interface DemoProduct {
  sku: string
  name: string
  description: string
  price: number
  compareAtPrice?: number
  stock?: number
  category: 0 | 1 | 2
  /** Background and shape colours of the generated picture. */
  art: [string, string]
  options?: ProductOption[]
  variants?: (Pick<VariantValues, 'sku' | 'options'> & Partial<VariantValues>)[]
}

const CATEGORIES = ['Épicerie fine', 'Cuisine & table', 'Linge de maison']

const PRODUCTS: DemoProduct[] = [
  {
    sku: 'OLV-HUILE-50',
    name: 'Huile d’olive vierge extra',
    description: 'Première pression à froid, moulin familial des Alpilles. Bouteille de 50 cl.',
    price: 1490,
    compareAtPrice: 1690,
    category: 0,
    art: ['#eef0d8', '#6b7a2a'],
  },
  {
    sku: 'OLV-TAPENADE',
    name: 'Tapenade noire',
    description: 'Olives de Nyons, câpres et une pointe d’anchois. Pot de 180 g.',
    price: 650,
    category: 0,
    art: ['#e9e4dc', '#2f2a26'],
  },
  {
    sku: 'OLV-MIEL',
    name: 'Miel de lavande',
    description: 'Récolte de l’été sur le plateau de Valensole. Pot de 250 g. Revient en juillet.',
    price: 890,
    stock: 0,
    category: 0,
    art: ['#f3e9ff', '#8a63c9'],
  },
  {
    sku: 'OLV-HERBES',
    name: 'Herbes de Provence',
    description: 'Thym, sarriette, romarin et origan séchés au soleil. Sachet de 40 g.',
    price: 450,
    category: 0,
    art: ['#e5f1e3', '#3f7d3a'],
  },
  {
    sku: 'OLV-SAVON',
    name: 'Savon de Marseille',
    description: 'Cuit au chaudron, 72 % d’huiles végétales. Pain de 100 g.',
    price: 390,
    category: 0,
    art: ['#fbf6e9', '#b89b5e'],
    options: [{ name: 'Parfum', values: ['Olive', 'Lavande', 'Figue'] }],
    variants: [
      { sku: 'OLV-SAVON-OLIVE', options: { Parfum: 'Olive' } },
      { sku: 'OLV-SAVON-LAVANDE', options: { Parfum: 'Lavande' } },
      { sku: 'OLV-SAVON-FIGUE', options: { Parfum: 'Figue' }, price: 450 },
    ],
  },
  {
    sku: 'OLV-PLANCHE',
    name: 'Planche à découper en olivier',
    description: 'Taillée dans une seule pièce de bois d’olivier, huilée à la main.',
    price: 3900,
    compareAtPrice: 4500,
    category: 1,
    art: ['#f4ead9', '#9a6b3f'],
    options: [{ name: 'Taille', values: ['S', 'M', 'L'] }],
    variants: [
      { sku: 'OLV-PLANCHE-S', options: { Taille: 'S' }, price: 2900, compareAtPrice: 3400 },
      { sku: 'OLV-PLANCHE-M', options: { Taille: 'M' } },
      { sku: 'OLV-PLANCHE-L', options: { Taille: 'L' }, price: 4900, stock: 2 },
    ],
  },
  {
    sku: 'OLV-BOL',
    name: 'Bol en céramique',
    description: 'Tourné à Vallauris, émail mat. 14 cm, passe au lave-vaisselle.',
    price: 1800,
    category: 1,
    art: ['#f6ede6', '#c4643b'],
    options: [{ name: 'Couleur', values: ['Sable', 'Olive', 'Terracotta'] }],
    variants: [
      { sku: 'OLV-BOL-SABLE', options: { Couleur: 'Sable' } },
      { sku: 'OLV-BOL-OLIVE', options: { Couleur: 'Olive' } },
      { sku: 'OLV-BOL-TERRA', options: { Couleur: 'Terracotta' }, stock: 0 },
    ],
  },
  {
    sku: 'OLV-CARAFE',
    name: 'Carafe en verre recyclé',
    description: 'Verre soufflé à Biot, légèrement bullé. 1 litre.',
    price: 2400,
    category: 1,
    art: ['#e3f2f3', '#3b8c91'],
  },
  {
    sku: 'OLV-VERRES-4',
    name: 'Verres à eau, lot de 4',
    description: 'Le même verre soufflé que la carafe, 25 cl.',
    price: 2200,
    stock: 12,
    category: 1,
    art: ['#e8f0f7', '#4f79a8'],
  },
  {
    sku: 'OLV-TABLIER',
    name: 'Tablier en lin',
    description: 'Lin lavé, grande poche, lien long. Taille unique.',
    price: 3200,
    category: 2,
    art: ['#efebe4', '#7d7466'],
    options: [{ name: 'Couleur', values: ['Naturel', 'Olive'] }],
    variants: [
      { sku: 'OLV-TABLIER-NATUREL', options: { Couleur: 'Naturel' } },
      { sku: 'OLV-TABLIER-OLIVE', options: { Couleur: 'Olive' } },
    ],
  },
  {
    sku: 'OLV-TORCHONS-2',
    name: 'Torchons en lin, lot de 2',
    description: 'Rayures provençales tissées, 50 × 70 cm.',
    price: 1600,
    compareAtPrice: 1900,
    category: 2,
    art: ['#f7eeee', '#b0413e'],
  },
  {
    sku: 'OLV-NAPPE',
    name: 'Nappe en lin',
    description: 'Lin épais, ourlets cousus main. Se lave à 40 °C.',
    price: 5900,
    category: 2,
    art: ['#f1f3ea', '#5d6b3c'],
    options: [{ name: 'Taille', values: ['150 × 150 cm', '150 × 250 cm'] }],
    variants: [
      { sku: 'OLV-NAPPE-150', options: { Taille: '150 × 150 cm' } },
      { sku: 'OLV-NAPPE-250', options: { Taille: '150 × 250 cm' }, price: 7900 },
    ],
  },
]

const escapeXml = (text: string) => text.replace(/[<>&"]/g, (ch) => `&#${ch.charCodeAt(0)};`)

/** A square picture: a coloured ground, a few shapes and the initial. Rasterised to PNG. */
async function renderArt([ground, ink]: [string, string], initial: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
  <rect width="600" height="600" fill="${ground}"/>
  <circle cx="470" cy="130" r="90" fill="${ink}" opacity="0.18"/>
  <ellipse cx="300" cy="330" rx="190" ry="170" fill="${ink}" opacity="0.85"/>
  <path d="M60 560 Q300 470 540 560" stroke="${ink}" stroke-width="14" fill="none" opacity="0.4"/>
  <text x="300" y="395" font-family="Georgia, 'DejaVu Serif', serif" font-size="190"
    fill="${ground}" text-anchor="middle">${escapeXml(initial)}</text>
</svg>`
  const sharp = await loadSharp()
  return sharp(Buffer.from(svg)).png().toBuffer()
}

/**
 * Seeds the demo shop "Maison Olive" (slug `demo`) on first start only, in one transaction:
 * a merchant `demo@chatcart.dev` with a fresh random password, 3 categories, 12 products with
 * generated pictures (through the upload pipeline), variants and 2 shipping methods.
 * @example const demo = await seedDemoShop(db); if (demo.created) console.log(demo.password)
 */
export async function seedDemoShop(
  db: Db,
): Promise<{ created: boolean; email: string; password: string }> {
  const skipped = { created: false, email: DEMO_EMAIL, password: '' }
  if (await isSlugTaken(db, DEMO_SLUG)) return skipped

  // CPU work first, outside the transaction, so it holds no connection meanwhile.
  const [logo, ...pictures] = await Promise.all([
    renderArt(['#5d6b3c', '#eef0d8'], 'O').then(processImage),
    ...PRODUCTS.map((p) => renderArt(p.art, p.name.charAt(0)).then(processImage)),
  ])
  if (!logo) throw new Error('demo logo missing')
  const password = randomBytes(12).toString('base64url')
  const passwordHash = await hashPassword(password)

  try {
    return await db.transaction().execute(async (trx) => {
      const inserted = await insertMerchant(trx, { email: DEMO_EMAIL, passwordHash })
      // The account may outlive its shop; keep its password then.
      const merchant = inserted ?? (await findMerchantByEmail(trx, DEMO_EMAIL))
      if (!merchant) throw new Error('demo merchant missing')
      const shop = await insertShop(trx, {
        merchant_id: merchant.id,
        slug: DEMO_SLUG,
        name: 'Maison Olive',
        description:
          'Épicerie fine et objets pour la maison, choisis chez des artisans de Provence. ' +
          'Commandez sur WhatsApp, retrait en boutique ou livraison.',
        whatsapp_phone: '33612345678',
        currency: 'EUR',
        locale: 'fr',
        timezone: 'Europe/Paris',
        address: '12 rue des Oliviers, 13006 Marseille',
        business_hours: JSON.stringify({
          tue: [
            ['10:00', '13:00'],
            ['15:00', '19:00'],
          ],
          wed: [
            ['10:00', '13:00'],
            ['15:00', '19:00'],
          ],
          thu: [
            ['10:00', '13:00'],
            ['15:00', '19:00'],
          ],
          fri: [
            ['10:00', '13:00'],
            ['15:00', '19:00'],
          ],
          sat: [['09:30', '19:00']],
          sun: [['09:30', '13:00']],
        }),
        channels: JSON.stringify({
          instagram: 'maisonolive',
          email: 'bonjour@maisonolive.example',
        }),
        published: true,
      })
      if (!shop) throw new SeedRace()
      const store = (image: ProcessedImage) => insertImage(trx, { shopId: shop.id, ...image })
      await store(logo)
      await updateShop(trx, shop.id, { logo_image: logo.hash })

      const categoryIds: string[] = []
      for (const [position, name] of CATEGORIES.entries()) {
        categoryIds.push((await insertCategory(trx, { shopId: shop.id, name, position })).id)
      }
      for (const [position, item] of PRODUCTS.entries()) {
        const picture = pictures[position]
        if (!picture) throw new Error('demo picture missing')
        await store(picture)
        const product = await insertProduct(trx, {
          shop_id: shop.id,
          category_id: categoryIds[item.category] ?? null,
          sku: item.sku,
          slug: item.sku.toLowerCase().replace(/^olv-/, ''),
          name: item.name,
          description: item.description,
          price: item.price,
          compare_at_price: item.compareAtPrice ?? null,
          stock: item.stock ?? null,
          position,
          options: JSON.stringify(item.options ?? []),
          images: JSON.stringify([picture.hash]),
        })
        if (item.variants) {
          await replaceVariants(
            trx,
            shop.id,
            product.id,
            item.variants.map((v) => ({
              sku: v.sku,
              options: v.options,
              price: v.price ?? null,
              compareAtPrice: v.compareAtPrice ?? null,
              stock: v.stock ?? null,
              active: v.active ?? true,
            })),
          )
        }
      }
      await insertShippingMethod(trx, {
        shop_id: shop.id,
        name: 'Retrait en boutique',
        price: 0,
        requires_address: false,
        position: 0,
      })
      await insertShippingMethod(trx, {
        shop_id: shop.id,
        name: 'Livraison à domicile',
        price: 490,
        free_over: 5000,
        requires_address: true,
        position: 1,
      })
      return { created: true, email: DEMO_EMAIL, password: inserted ? password : '' }
    })
  } catch (err) {
    if (err instanceof SeedRace) return skipped
    throw err
  }
}

/** Another process seeded the demo shop first: roll back and report nothing created. */
class SeedRace extends Error {}
