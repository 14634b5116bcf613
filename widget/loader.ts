// Entry of /widget.js: a classic script with no exports, so it adds no global but Chatcart.
import { installWidget } from './install-widget.ts'

installWidget(window, document.currentScript, __CHATCART_BUBBLE__)
