/**
 * The Content-Security-Policy of our HTML pages: scripts only from this origin; images also from
 * the public URL's origin, since image URLs are absolute (they double as link-preview URLs) and
 * the page may be reached by another name (127.0.0.1 for localhost, a LAN address).
 */
export function pageSecurityPolicy(
  publicUrl: string,
  options: { inlineStyles?: boolean } = {},
): string {
  const media = new URL(publicUrl).origin
  return [
    "default-src 'self'",
    "script-src 'self'",
    options.inlineStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    `img-src 'self' data: blob: ${media}`,
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ')
}
