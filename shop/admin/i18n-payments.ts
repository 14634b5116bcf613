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
  paySettingsTitle: 'Payment methods',
  paySettingsLead:
    'Shown on each order page with the amount and the order code, so every payment names its order. Transfer methods work in their own currency only.',
  payAdd: 'Add a payment method',
  payRemove: 'Remove',
  paySave: 'Save payment methods',
  paySaved: 'Payment methods saved',
  payF_instructions: 'Instructions',
  payF_key: 'Pix key',
  payF_merchantName: 'Merchant name',
  payF_merchantCity: 'City',
  payF_vpa: 'UPI ID (VPA)',
  payF_payeeName: 'Payee name',
  payF_iban: 'IBAN',
  payF_beneficiary: 'Beneficiary',
  payF_bic: 'BIC (optional)',
  payF_proxyType: 'PayNow to',
  payF_proxyValue: 'Mobile number or UEN',
  payF_id: 'PromptPay ID (mobile or tax id)',
  payProxy_mobile: 'mobile number',
  payProxy_uen: 'UEN',
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
  paySettingsTitle: 'Moyens de paiement',
  paySettingsLead:
    'Affichés sur chaque page de commande avec le montant et le code de commande : chaque paiement nomme sa commande. Les virements ne fonctionnent que dans leur devise.',
  payAdd: 'Ajouter un moyen de paiement',
  payRemove: 'Retirer',
  paySave: 'Enregistrer les moyens de paiement',
  paySaved: 'Moyens de paiement enregistrés',
  payF_instructions: 'Instructions',
  payF_key: 'Clé Pix',
  payF_merchantName: 'Nom du marchand',
  payF_merchantCity: 'Ville',
  payF_vpa: 'Identifiant UPI (VPA)',
  payF_payeeName: 'Nom du bénéficiaire',
  payF_iban: 'IBAN',
  payF_beneficiary: 'Bénéficiaire',
  payF_bic: 'BIC (facultatif)',
  payF_proxyType: 'PayNow vers',
  payF_proxyValue: 'Numéro de mobile ou UEN',
  payF_id: 'Identifiant PromptPay (mobile ou numéro fiscal)',
  payProxy_mobile: 'numéro de mobile',
  payProxy_uen: 'UEN',
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
