import { useEffect, useState } from 'preact/hooks'
import { copyWithToast } from '../clipboard.ts'
import { t } from '../i18n.ts'
import { currentQuery } from '../router.ts'
import { activeShop } from '../state.ts'

interface QrFiles {
  svg: string
  png: string
}

/** QR codes drawn in the browser (the library loads only on this screen). 1,200 px ≈ 10 cm at 300 dpi. */
async function makeQr(url: string): Promise<QrFiles> {
  const QRCode = (await import('qrcode')).default
  const options = {
    errorCorrectionLevel: 'M' as const,
    margin: 2,
    color: { dark: '#111111', light: '#ffffff' },
  }
  const svg = await QRCode.toString(url, { ...options, type: 'svg' })
  const png = await QRCode.toDataURL(url, { ...options, width: 1200 })
  return { svg, png }
}

/** The share panel: link with copy, QR code with downloads, and the link card preview. */
export function Share({ slug }: { slug: string }) {
  const shop = activeShop.value
  const [qr, setQr] = useState<QrFiles | null>(null)
  const welcome = currentQuery.value.includes('welcome=1')
  const url = shop?.url ?? `${location.origin}/${slug}`

  useEffect(() => {
    let live = true
    makeQr(url).then(
      (files) => live && setQr(files),
      () => live && setQr(null),
    )
    return () => {
      live = false
    }
  }, [url])

  if (!shop) return null
  const svgHref = qr ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.svg)}` : undefined
  const host = new URL(url).host

  const copy = () => copyWithToast(url)

  return (
    <section aria-labelledby="share-title">
      {welcome && (
        <div class="card welcome">
          <h2>{t('welcomeTitle', { name: shop.name })}</h2>
          <p>{t('welcomeLead')}</p>
        </div>
      )}
      <h1 id="share-title">{t('navShare')}</h1>
      <div class="card">
        <h2>{t('shopLink')}</h2>
        <div class="copy-row">
          <input
            readOnly
            value={url}
            aria-label={t('shopLink')}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" class="primary" onClick={copy}>
            {t('copy')}
          </button>
          <a class="button secondary" href={url} target="_blank" rel="noopener">
            {t('open')}
          </a>
        </div>
      </div>
      <div class="grid-2">
        <div class="card">
          <h2>{t('qrCode')}</h2>
          <div class="qr">
            {svgHref ? (
              <img src={svgHref} alt={t('qrAlt', { url })} width={200} height={200} />
            ) : (
              <span class="spinner" aria-hidden="true" />
            )}
          </div>
          <p class="muted small">{t('qrHint')}</p>
          <div class="actions">
            <a
              class={`button secondary${qr ? '' : ' disabled'}`}
              href={qr?.png}
              download={`${slug}-qr.png`}
              aria-disabled={!qr}
            >
              {t('downloadPng')}
            </a>
            <a
              class={`button secondary${qr ? '' : ' disabled'}`}
              href={svgHref}
              download={`${slug}-qr.svg`}
              aria-disabled={!qr}
            >
              {t('downloadSvg')}
            </a>
          </div>
        </div>
        <div class="card">
          <h2>{t('linkCard')}</h2>
          <p class="muted small">{t('linkCardHint')}</p>
          <div class="link-card">
            <div class="link-card-image">
              {shop.logoUrl ? (
                <img src={shop.logoUrl} alt="" width={120} height={120} />
              ) : (
                <span aria-hidden="true">{shop.name.slice(0, 1)}</span>
              )}
            </div>
            <div class="link-card-text">
              <p class="link-card-title">{shop.name}</p>
              <p class="link-card-desc">
                {shop.description || t('linkCardDefault', { name: shop.name })}
              </p>
              <p class="link-card-host">{host}</p>
            </div>
          </div>
        </div>
      </div>
    </section>
  )
}
