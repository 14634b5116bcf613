// Entry of /widget.js: a classic script with no exports, so it adds no global but Chatcart.
import { installWidget } from './install-widget.ts'

// Only document.currentScript is read now (it is gone once this script returns). The button,
// its styles and the settings request wait until the host page has loaded and the browser is
// idle (a timer where there is no requestIdleCallback), so none of it competes with the page's
// own first paint; the snippet's queue stub keeps any `Chatcart(...)` call made meanwhile.
const script = document.currentScript
const install = () =>
  (window.requestIdleCallback ?? setTimeout)(() =>
    installWidget(window, script, __CHATCART_BUBBLE__),
  )
if (document.readyState === 'complete') install()
else addEventListener('load', install)
