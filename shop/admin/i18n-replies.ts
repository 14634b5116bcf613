import { extendStrings } from './i18n.ts'

/**
 * Strings of the one-tap replies on an order and of the WhatsApp usage panel, in English and
 * French. They load with the screens that import this module.
 */
export const repliesEn = {
  repliesTitle: 'Reply on WhatsApp',
  repliesLead:
    'Opens WhatsApp on your phone (or WhatsApp Web) with a ready message to the customer, in the order’s language. Sending from your phone is free.',
  repliesNoNumber:
    'No number is known for this customer: a tap copies the message to paste in your chat.',
  tapReply_confirm: 'Confirm on WhatsApp',
  tapReply_payment: 'Send payment details',
  tapReply_ready: 'Ready for pickup',
  tapReply_shipped: 'Shipped',
  tapReply_cancelled: 'Cancellation',
  tapReply_nudge: 'Nudge: the order never arrived',
  replyCopy_confirm: 'Copy the confirmation',
  replyCopy_payment: 'Copy the payment details',
  replyCopy_ready: 'Copy “ready for pickup”',
  replyCopy_shipped: 'Copy “shipped”',
  replyCopy_cancelled: 'Copy the cancellation',
  replyCopy_nudge: 'Copy the nudge',
  replyCopied: 'Copied: paste it in your chat',
  trackingUrl: 'Tracking link (optional)',
  trackingUrlHint: 'Added to the “shipped” message.',
  trackingUrlInvalid: 'Enter a web address starting with https://',
  replyPreview: 'Message',
  tapped_confirm: 'Confirmation sent from your phone',
  tapped_payment: 'Payment details sent from your phone',
  tapped_ready: '“Ready for pickup” sent from your phone',
  tapped_shipped: '“Shipped” sent from your phone',
  tapped_cancelled: 'Cancellation sent from your phone',
  tapped_nudge: 'Nudge sent from your phone',
  tappedCopied: 'copied',
  usageTitle: 'Messages sent by Chatcart this month',
  usageLead:
    'Since 1 October 2026 Meta charges for every message a business sends through the API, replies included; the categories below are what Meta’s delivery reports say. Messages you type in the WhatsApp Business app stay free.',
  usageSent: '{count} sent in {month}',
  usageSentCap: '{count} of {cap} sent in {month}',
  usageCategory: 'Category',
  usageType: 'Type',
  usagePending: 'not reported yet',
  usageNone: 'Chatcart has sent no message this month.',
  usageSkippedOff: '{count} confirmations not sent: automatic confirmation is off',
  usageSkippedCap: '{count} messages not sent: monthly cap reached',
  autoConfirmReply: 'Send the automatic confirmation when an order arrives',
  autoConfirmReplyHint: 'One message per order, only when an access token is set.',
  monthlyMessageCap: 'Monthly message cap',
  monthlyMessageCapHint:
    'Leave empty for no cap. Chatcart stops sending for the month once reached.',
  saveSending: 'Save',
  sendingSaved: 'Saved',
}

const repliesFr: Record<keyof typeof repliesEn, string> = {
  repliesTitle: 'Répondre sur WhatsApp',
  repliesLead:
    'Ouvre WhatsApp sur votre téléphone (ou WhatsApp Web) avec un message prêt pour le client, dans la langue de la commande. Envoyer depuis votre téléphone est gratuit.',
  repliesNoNumber:
    'Aucun numéro n’est connu pour ce client : un appui copie le message, à coller dans votre discussion.',
  tapReply_confirm: 'Confirmer sur WhatsApp',
  tapReply_payment: 'Envoyer le paiement',
  tapReply_ready: 'Prête à retirer',
  tapReply_shipped: 'Expédiée',
  tapReply_cancelled: 'Annulation',
  tapReply_nudge: 'Relance : commande jamais arrivée',
  replyCopy_confirm: 'Copier la confirmation',
  replyCopy_payment: 'Copier le paiement',
  replyCopy_ready: 'Copier « prête à retirer »',
  replyCopy_shipped: 'Copier « expédiée »',
  replyCopy_cancelled: 'Copier l’annulation',
  replyCopy_nudge: 'Copier la relance',
  replyCopied: 'Copié : collez-le dans la discussion',
  trackingUrl: 'Lien de suivi (facultatif)',
  trackingUrlHint: 'Ajouté au message « expédiée ».',
  trackingUrlInvalid: 'Saisissez une adresse web commençant par https://',
  replyPreview: 'Message',
  tapped_confirm: 'Confirmation envoyée depuis votre téléphone',
  tapped_payment: 'Paiement envoyé depuis votre téléphone',
  tapped_ready: '« Prête à retirer » envoyé depuis votre téléphone',
  tapped_shipped: '« Expédiée » envoyé depuis votre téléphone',
  tapped_cancelled: 'Annulation envoyée depuis votre téléphone',
  tapped_nudge: 'Relance envoyée depuis votre téléphone',
  tappedCopied: 'copié',
  usageTitle: 'Messages envoyés par Chatcart ce mois-ci',
  usageLead:
    'Depuis le 1er octobre 2026, Meta facture chaque message qu’une entreprise envoie par l’API, réponses comprises ; les catégories ci-dessous sont celles des rapports de remise de Meta. Les messages tapés dans l’application WhatsApp Business restent gratuits.',
  usageSent: '{count} envoyés en {month}',
  usageSentCap: '{count} sur {cap} envoyés en {month}',
  usageCategory: 'Catégorie',
  usageType: 'Type',
  usagePending: 'pas encore indiqué',
  usageNone: 'Chatcart n’a envoyé aucun message ce mois-ci.',
  usageSkippedOff: '{count} confirmations non envoyées : confirmation automatique désactivée',
  usageSkippedCap: '{count} messages non envoyés : plafond mensuel atteint',
  autoConfirmReply: 'Envoyer la confirmation automatique à l’arrivée d’une commande',
  autoConfirmReplyHint: 'Un message par commande, seulement si un jeton d’accès est configuré.',
  monthlyMessageCap: 'Plafond mensuel de messages',
  monthlyMessageCapHint:
    'Laissez vide pour aucun plafond. Une fois atteint, Chatcart n’envoie plus rien ce mois-ci.',
  saveSending: 'Enregistrer',
  sendingSaved: 'Enregistré',
}

extendStrings({ en: repliesEn, fr: repliesFr })
