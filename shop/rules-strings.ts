import { pickLocale, type SupportedLocale } from '../core/locale.ts'

export { formatSlot } from '../core/time-slots.ts'

/**
 * The words of discount codes, minimum orders, delivery areas and time slots a shopper reads: on
 * the order page (server-rendered) and in checkout's lazily loaded chunk, never in the
 * storefront's first download.
 */
export interface RulesStrings {
  /** The saving's line: `Discount (WELCOME10)`. */
  discount: string
  deliveryArea: string
  slot: string
  codeLabel: string
  apply: string
  remove: string
  /** `You save {amount}` once a code is applied. */
  saving: string
  errCode: string
  errExhausted: string
  /** A once-per-customer code this phone number already used. */
  errUsed: string
  /** `This code needs {amount} more in the cart`. */
  errCodeMinimum: string
  /** A slot that is no longer offered (gone, or past its lead time). */
  errSlot: string
  /** `Add {amount} more to reach the minimum order`. */
  missing: string
  areaLabel: string
  errArea: string
  /** When checkout is sent without an area the method needs. */
  errAreaRequired: string
  slotLabel: string
  /** `{n} left` beside a slot. */
  remaining: string
  errSlotFull: string
  noSlots: string
}

const en: RulesStrings = {
  discount: 'Discount ({code})',
  deliveryArea: 'Delivery area',
  slot: 'Time slot',
  codeLabel: 'Discount code',
  apply: 'Apply',
  remove: 'Remove',
  saving: 'You save {amount}',
  errCode: 'This code is not valid now',
  errExhausted: 'This code has been used up',
  errUsed: 'This code was already used with this phone number',
  errCodeMinimum: 'This code needs {amount} more in the cart',
  errSlot: 'This time is no longer available: choose another',
  missing: 'Add {amount} more to reach the minimum order',
  areaLabel: 'Your delivery area',
  errArea: 'We do not deliver to this area',
  errAreaRequired: 'Choose your delivery area',
  slotLabel: 'Choose a time',
  remaining: '{n} left',
  errSlotFull: 'This time is full: choose another',
  noSlots: 'No times available',
}

const fr: RulesStrings = {
  discount: 'Réduction ({code})',
  deliveryArea: 'Zone de livraison',
  slot: 'Créneau',
  codeLabel: 'Code de réduction',
  apply: 'Appliquer',
  remove: 'Retirer',
  saving: 'Vous économisez {amount}',
  errCode: 'Ce code n’est pas valable en ce moment',
  errExhausted: 'Ce code a déjà été utilisé au maximum',
  errUsed: 'Ce code a déjà été utilisé avec ce numéro',
  errCodeMinimum: 'Ce code demande encore {amount} dans le panier',
  errSlot: 'Ce créneau n’est plus disponible : choisissez-en un autre',
  missing: 'Ajoutez {amount} pour atteindre le minimum de commande',
  areaLabel: 'Votre zone de livraison',
  errArea: 'Nous ne livrons pas dans cette zone',
  errAreaRequired: 'Choisissez votre zone de livraison',
  slotLabel: 'Choisissez un créneau',
  remaining: 'encore {n}',
  errSlotFull: 'Ce créneau est complet : choisissez-en un autre',
  noSlots: 'Aucun créneau disponible',
}

const es: RulesStrings = {
  discount: 'Descuento ({code})',
  deliveryArea: 'Zona de entrega',
  slot: 'Franja horaria',
  codeLabel: 'Código de descuento',
  apply: 'Aplicar',
  remove: 'Quitar',
  saving: 'Ahorras {amount}',
  errCode: 'Este código no es válido ahora',
  errExhausted: 'Este código ya se ha agotado',
  errUsed: 'Este código ya se usó con este número',
  errCodeMinimum: 'Este código necesita {amount} más en el carrito',
  errSlot: 'Esta hora ya no está disponible: elige otra',
  missing: 'Añade {amount} más para llegar al pedido mínimo',
  areaLabel: 'Tu zona de entrega',
  errArea: 'No entregamos en esta zona',
  errAreaRequired: 'Elige tu zona de entrega',
  slotLabel: 'Elige una hora',
  remaining: 'quedan {n}',
  errSlotFull: 'Esta hora está completa: elige otra',
  noSlots: 'No hay horas disponibles',
}

const it: RulesStrings = {
  discount: 'Sconto ({code})',
  deliveryArea: 'Zona di consegna',
  slot: 'Fascia oraria',
  codeLabel: 'Codice sconto',
  apply: 'Applica',
  remove: 'Rimuovi',
  saving: 'Risparmi {amount}',
  errCode: 'Questo codice non è valido ora',
  errExhausted: 'Questo codice è esaurito',
  errUsed: 'Questo codice è già stato usato con questo numero',
  errCodeMinimum: 'Questo codice richiede altri {amount} nel carrello',
  errSlot: 'Questo orario non è più disponibile: scegline un altro',
  missing: 'Aggiungi {amount} per raggiungere l’ordine minimo',
  areaLabel: 'La tua zona di consegna',
  errArea: 'Non consegniamo in questa zona',
  errAreaRequired: 'Scegli la tua zona di consegna',
  slotLabel: 'Scegli un orario',
  remaining: 'ne restano {n}',
  errSlotFull: 'Questo orario è pieno: scegline un altro',
  noSlots: 'Nessun orario disponibile',
}

const pt: RulesStrings = {
  discount: 'Desconto ({code})',
  deliveryArea: 'Área de entrega',
  slot: 'Horário',
  codeLabel: 'Cupom de desconto',
  apply: 'Aplicar',
  remove: 'Remover',
  saving: 'Você economiza {amount}',
  errCode: 'Este cupom não é válido agora',
  errExhausted: 'Este cupom já esgotou',
  errUsed: 'Este cupom já foi usado com este número',
  errCodeMinimum: 'Este cupom precisa de mais {amount} no carrinho',
  errSlot: 'Este horário não está mais disponível: escolha outro',
  missing: 'Adicione mais {amount} para atingir o pedido mínimo',
  areaLabel: 'Sua área de entrega',
  errArea: 'Não entregamos nesta área',
  errAreaRequired: 'Escolha sua área de entrega',
  slotLabel: 'Escolha um horário',
  remaining: 'restam {n}',
  errSlotFull: 'Este horário está cheio: escolha outro',
  noSlots: 'Nenhum horário disponível',
}

const de: RulesStrings = {
  discount: 'Rabatt ({code})',
  deliveryArea: 'Liefergebiet',
  slot: 'Zeitfenster',
  codeLabel: 'Rabattcode',
  apply: 'Einlösen',
  remove: 'Entfernen',
  saving: 'Sie sparen {amount}',
  errCode: 'Dieser Code ist derzeit nicht gültig',
  errExhausted: 'Dieser Code ist aufgebraucht',
  errUsed: 'Dieser Code wurde mit dieser Nummer schon verwendet',
  errCodeMinimum: 'Für diesen Code fehlen noch {amount} im Warenkorb',
  errSlot: 'Diese Zeit ist nicht mehr verfügbar: bitte eine andere wählen',
  missing: 'Noch {amount} bis zum Mindestbestellwert',
  areaLabel: 'Ihr Liefergebiet',
  errArea: 'In dieses Gebiet liefern wir nicht',
  errAreaRequired: 'Wählen Sie Ihr Liefergebiet',
  slotLabel: 'Zeit wählen',
  remaining: 'noch {n}',
  errSlotFull: 'Dieses Zeitfenster ist voll: bitte ein anderes wählen',
  noSlots: 'Keine Zeiten verfügbar',
}

const ar: RulesStrings = {
  discount: 'خصم ({code})',
  deliveryArea: 'منطقة التوصيل',
  slot: 'الموعد',
  codeLabel: 'رمز الخصم',
  apply: 'تطبيق',
  remove: 'إزالة',
  saving: 'توفّر {amount}',
  errCode: 'هذا الرمز غير صالح الآن',
  errExhausted: 'نفد هذا الرمز',
  errUsed: 'استُخدم هذا الرمز من قبل بهذا الرقم',
  errCodeMinimum: 'يحتاج هذا الرمز إلى {amount} إضافية في السلة',
  errSlot: 'لم يعد هذا الموعد متاحًا: اختر موعدًا آخر',
  missing: 'أضف {amount} لبلوغ الحد الأدنى للطلب',
  areaLabel: 'منطقة التوصيل',
  errArea: 'لا نوصّل إلى هذه المنطقة',
  errAreaRequired: 'اختر منطقة التوصيل',
  slotLabel: 'اختر موعدًا',
  remaining: 'متبقٍ {n}',
  errSlotFull: 'هذا الموعد ممتلئ: اختر موعدًا آخر',
  noSlots: 'لا توجد مواعيد متاحة',
}

const STRINGS: Record<SupportedLocale, RulesStrings> = { en, fr, es, it, pt, de, ar }

/** The rules' words in a shop's language (English for an unknown one). */
export function rulesStrings(locale: string): RulesStrings {
  return STRINGS[pickLocale(locale, 'en')]
}
