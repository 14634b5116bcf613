import { extendStrings, type StringKey, t } from './i18n.ts'

/** Strings of an order's payment card (how it was paid, "mark paid"), in English and French. */
export const paymentsEn = {
  payTitle: 'Payment',
  payOffered: 'Offered on the order page: {methods}',
  payNoneOffered: 'This shop offers no payment methods on the order page yet (Settings).',
  payPaidWith: 'Paid with {method}',
  payReference: 'Reference',
  payAmount: 'Amount received',
  payWhen: 'When',
  payMismatch: 'The amount received ({paid}) is not the order total ({total}).',
  payMethod: 'Paid with',
  payReferenceHint: 'Optional: the transfer id or receipt number.',
  payAmountHint: 'Optional: leave empty if it is the order total.',
  payMark: 'Mark paid',
  payMarked: 'Marked paid',
  payMethod_cash: 'cash',
  payMethod_bank: 'bank transfer',
  payMethod_pix: 'Pix',
  payMethod_upi: 'UPI',
  payMethod_sepa: 'SEPA transfer',
  payMethod_paynow: 'PayNow',
  payMethod_promptpay: 'PromptPay',
  payMethod_stripe: 'card (Stripe)',
  payMethod_other: 'other',
}

const paymentsFr: Record<keyof typeof paymentsEn, string> = {
  payTitle: 'Paiement',
  payOffered: 'Proposé sur la page de commande : {methods}',
  payNoneOffered:
    'Cette boutique ne propose encore aucun moyen de paiement sur la page de commande (Réglages).',
  payPaidWith: 'Payé par {method}',
  payReference: 'Référence',
  payAmount: 'Montant reçu',
  payWhen: 'Quand',
  payMismatch: 'Le montant reçu ({paid}) n’est pas le total de la commande ({total}).',
  payMethod: 'Payé par',
  payReferenceHint: 'Facultatif : l’identifiant du virement ou le numéro de reçu.',
  payAmountHint: 'Facultatif : laissez vide s’il s’agit du total de la commande.',
  payMark: 'Marquer payée',
  payMarked: 'Marquée payée',
  payMethod_cash: 'espèces',
  payMethod_bank: 'virement bancaire',
  payMethod_pix: 'Pix',
  payMethod_upi: 'UPI',
  payMethod_sepa: 'virement SEPA',
  payMethod_paynow: 'PayNow',
  payMethod_promptpay: 'PromptPay',
  payMethod_stripe: 'carte (Stripe)',
  payMethod_other: 'autre',
}

extendStrings({ en: paymentsEn, fr: paymentsFr })

/** A payment string in the admin's language. */
export function tp(key: keyof typeof paymentsEn, params?: Record<string, string | number>): string {
  return t(key as StringKey, params)
}

/** A payment method's name in the admin's language. */
export function methodName(type: string): string {
  const key = `payMethod_${type}` as keyof typeof paymentsEn
  return key in paymentsEn ? tp(key) : type
}
