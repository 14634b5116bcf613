import type { ComponentChildren } from 'preact'
import { navigate } from '../router.ts'

interface LinkProps {
  href: string
  class?: string
  'aria-current'?: 'page' | undefined
  onClick?: (e: MouseEvent) => void
  children: ComponentChildren
}

/** An in-app link: a real `<a href>` that navigates without reloading. */
export function Link({ href, children, onClick, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={href}
      onClick={(e) => {
        onClick?.(e)
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return
        e.preventDefault()
        navigate(href)
      }}
    >
      {children}
    </a>
  )
}
