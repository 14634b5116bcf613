// Entry of /widget.js: a classic script with no exports, so it adds no global but Chatcart.
import { installWidget } from './install-widget.ts'

// Only document.currentScript is read now (it is gone once this script returns). The button,
// its styles and the settings request wait for the host page's load, then for the browser to be
// idle, which it is once a frame is committed (a small page can load before its first paint):
// none of it competes with the page's own first paint. Where there is no requestIdleCallback,
// a frame then a timer. Asking for a frame where there is one made the browser draw a frame of
// nothing. The snippet's queue stub keeps any `Chatcart(...)` call made meanwhile.
const script = document.currentScript
const run = () => installWidget(window, script, __CHATCART_BUBBLE__)
const install = () =>
  (window.requestIdleCallback ?? ((f: () => void) => requestAnimationFrame(() => setTimeout(f))))(
    run,
  )
if (document.readyState === 'complete') install()
else addEventListener('load', install)
