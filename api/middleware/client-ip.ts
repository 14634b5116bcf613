import { isIPv4, isIPv6 } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'

/** `1.2.3.4`, `1.2.3.4:5678`, `[::1]:80`, `::ffff:10.0.0.1` → the bare address, or null. */
function bareAddress(entry: string): string | null {
  let text = entry.trim()
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text)
  if (bracketed?.[1]) text = bracketed[1]
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.indexOf(':'))
  text = text.toLowerCase()
  if (isIPv4(text)) return text
  if (!isIPv6(text)) return null
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  return mapped?.[1] ?? text
}

/**
 * Whether an address belongs to the proxy chain on our own network: loopback, private (RFC 1918,
 * RFC 4193), link-local or carrier-grade NAT ranges.
 * @example isTrustedProxyAddress('10.0.0.7') // true
 */
export function isTrustedProxyAddress(address: string): boolean {
  if (isIPv4(address)) {
    const [a = 0, b = 0] = address.split('.').map(Number)
    return (
      a === 127 ||
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    )
  }
  // fc00::/7 (unique local) and fe80::/10 (link-local), read from a full first group.
  return (
    address === '::1' || /^f[cd][0-9a-f]{2}:/.test(address) || /^fe[89ab][0-9a-f]:/.test(address)
  )
}

/**
 * The address a request counts against. Behind a trusted proxy (`TRUST_PROXY=true`) it walks
 * `X-Forwarded-For` from the right, past the hops of our own proxy chain, and takes the first
 * address the proxies appended that is not one of theirs: the entries to its left are whatever the
 * client sent, so rotating them changes nothing. Otherwise, or when there is no usable entry, the
 * socket's address.
 * @example clientIp(c) // '203.0.113.9'
 */
export function clientIp(c: Context<AppEnv>): string {
  if (c.var.config.trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').reverse()
    let nearest: string | null = null
    for (const hop of hops) {
      const address = bareAddress(hop)
      // A hop that is not an address was not written by our proxies: nothing left of it counts.
      if (!address) break
      nearest ??= address
      if (!isTrustedProxyAddress(address)) return address
    }
    // Only our own network in the chain: the client is local, as the nearest proxy saw it.
    if (nearest) return nearest
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // app.request() in tests has no socket
  }
}
