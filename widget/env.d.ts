/// <reference types="vite/client" />

/** The bubble's content-hashed file, relative to the loader; set at build time. */
declare const __CHATCART_BUBBLE__: string
