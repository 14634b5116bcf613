import { type Context, Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { AppError } from '../errors.ts'
import { pageSecurityPolicy } from '../static/content-security-policy.ts'
import { serveDistFile } from '../static/serve-dist.ts'

/** Headers for the admin shell: no framing, no sniffing, scripts only from this origin. */
function shellHeaders(publicUrl: string): Record<string, string> {
  return {
    'Content-Security-Policy': pageSecurityPolicy(publicUrl),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  }
}

/** `/admin` and every path below it: hashed assets, else the single-page app's shell. */
export function adminPageRoutes() {
  const routes = new Hono<AppEnv>()

  routes.get('/admin/assets/:file{.+}', (c) => {
    const res = serveDistFile(c, `admin/assets/${c.req.param('file')}`, { immutable: true })
    if (!res) throw new AppError(404, 'not_found', 'Not found')
    res.headers.set('X-Content-Type-Options', 'nosniff')
    return res
  })

  const shell = (c: Context<AppEnv>) => {
    const res = serveDistFile(c, 'admin/index.html')
    if (!res) {
      throw new AppError(503, 'not_built', 'The admin is not built yet; run npm run build')
    }
    res.headers.set('Cache-Control', 'no-cache')
    for (const [name, value] of Object.entries(shellHeaders(c.var.config.publicUrl))) {
      res.headers.set(name, value)
    }
    return res
  }
  routes.get('/admin', shell)
  routes.get('/admin/*', shell)

  return routes
}
