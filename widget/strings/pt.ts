import type { WidgetStrings } from '../strings.ts'

const strings: WidgetStrings = {
  greeting: 'Olá! Como podemos ajudar?',
  close: 'Fechar',
  online: 'Online',
  offline: 'Offline, deixe uma mensagem',
  start: 'Conversar no WhatsApp',
  web: 'WhatsApp Web',
  app: 'App do WhatsApp',
  phone: 'Continuar no telemóvel',
  scan: 'Digitalize com a câmara do telemóvel',
  back: 'Voltar',
  cart: 'O seu carrinho',
  total: 'Total',
  name: 'O seu nome',
  send: 'Enviar o pedido no WhatsApp',
  remove: 'Remover',
  unavailable: 'Este produto não está disponível',
  busy: 'Demasiados pedidos, tente mais tarde',
  accept: 'Aceitar e continuar',
  more: 'Saber mais',
  call: 'Ligar',
  email: 'E-mail',
  sms: 'SMS',
  shippingMethod: 'Entrega',
  shipping: 'Envio',
  free: 'Grátis',
  address: 'Morada de entrega',
  subtotal: 'Subtotal',
  refused: 'Não foi possível fazer a encomenda. Verifique o carrinho e tente de novo.',
}

export default strings
