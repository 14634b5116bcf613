import type { Db } from '../db/database.ts'
import type { ShopRow } from '../db/schema/shops.ts'
import type { AppConfig } from './config.ts'

/** Request-scoped values every handler can read with `c.get(...)` / `c.var`. */
export interface AppEnv {
  Variables: {
    requestId: string
    db: Db
    config: AppConfig
    /** Set by `requireMerchant`. */
    merchant: { id: string; email: string }
    /** Set by `requireOwnedShop`: the shop named in the path, owned by the signed-in merchant. */
    shop: ShopRow
  }
}
