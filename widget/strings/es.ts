import type { WidgetStrings } from '../strings.ts'

const strings: WidgetStrings = {
  greeting: '¡Hola! ¿En qué podemos ayudarte?',
  close: 'Cerrar',
  online: 'En línea',
  offline: 'Desconectado, deja un mensaje',
  start: 'Escribir por WhatsApp',
  web: 'WhatsApp Web',
  app: 'App de WhatsApp',
  phone: 'Continuar en tu teléfono',
  scan: 'Escanea con la cámara de tu teléfono',
  back: 'Volver',
  cart: 'Tu carrito',
  total: 'Total',
  name: 'Tu nombre',
  send: 'Enviar el pedido por WhatsApp',
  remove: 'Quitar',
  unavailable: 'Este producto no está disponible',
  busy: 'Demasiados pedidos, inténtalo luego',
  accept: 'Aceptar y continuar',
  more: 'Más información',
  call: 'Llamar',
  email: 'Correo',
  sms: 'SMS',
  shippingMethod: 'Entrega',
  shipping: 'Envío',
  free: 'Gratis',
  address: 'Dirección de entrega',
  subtotal: 'Subtotal',
  refused: 'No se pudo realizar el pedido. Revisa tu carrito e inténtalo de nuevo.',
}

export default strings
