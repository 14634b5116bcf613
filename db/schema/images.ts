import type { Generated } from 'kysely'

export interface ImagesTable {
  id: Generated<string>
  shop_id: string
  /** Content hash of the original upload; the public name of the image. */
  hash: string
  width: number
  height: number
  /** WebP at display size (longest side ≤ 1200 px). */
  display: Uint8Array
  /** WebP thumbnail (longest side ≤ 400 px). */
  thumb: Uint8Array
  created_at: Generated<Date>
}
