/** An image of the public catalog: display and thumbnail URLs with the display size. */
export interface CatalogImage {
  url: string
  thumbUrl: string
  width: number
  height: number
}

const THUMB_SIZE = 400

/** Width of the thumbnail the server made (longest side at most 400 px). */
function thumbWidth(image: CatalogImage): number {
  const longest = Math.max(image.width, image.height)
  return longest <= THUMB_SIZE ? image.width : Math.round((image.width * THUMB_SIZE) / longest)
}

/** A responsive product photo: thumbnail and display sizes in srcset, intrinsic size set. */
export function ProductImage(props: {
  image: CatalogImage | undefined
  alt: string
  /** In a link that names the product already: the photo adds nothing to read out. */
  decorative?: boolean
  sizes: string
  eager: boolean
  priority?: boolean
}) {
  const { image } = props
  if (!image) {
    return (
      <div class="ph" aria-hidden="true">
        {Array.from(props.alt.trim())[0]?.toUpperCase() ?? '?'}
      </div>
    )
  }
  return (
    <img
      src={image.thumbUrl}
      srcset={`${image.thumbUrl} ${thumbWidth(image)}w, ${image.url} ${image.width}w`}
      sizes={props.sizes}
      width={image.width}
      height={image.height}
      alt={props.decorative ? '' : props.alt}
      loading={props.eager ? 'eager' : 'lazy'}
      decoding="async"
      {...(props.priority ? { fetchpriority: 'high' } : {})}
    />
  )
}
