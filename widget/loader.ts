// Entry of /widget.js: a classic script with no exports, so it adds no global but Chatcart.
import { installWidget } from './install-widget.ts'

// Only document.currentScript is read now (it is gone once this script returns). The button,
// its styles and the settings request wait for the host page's load, then for a frame to be
// painted (a small page can load before its first paint), then for the browser to be idle (a
// timer where there is no requestIdleCallback): none of it competes with the page's own first
// paint. The snippet's queue stub keeps any `Chatcart(...)` call made meanwhile.
const script = document.currentScript
const install = () =>
  requestAnimationFrame(() =>
    (window.requestIdleCallback ?? setTimeout)(() =>
      installWidget(window, script, __CHATCART_BUBBLE__),
    ),
  )
if (document.readyState === 'complete') install()
else addEventListener('load', install)
