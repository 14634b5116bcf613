import type { Db } from './database.ts'

/** Seeds the demo shop on first start only. (Filled in with the catalog.) */
export async function seedDemoShop(
  _db: Db,
): Promise<{ created: boolean; email: string; password: string }> {
  return { created: false, email: 'demo@chatcart.dev', password: '' }
}
