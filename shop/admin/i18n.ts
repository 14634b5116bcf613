import { signal } from '@preact/signals'

/**
 * Every string of the admin, in English and French. Add a language by adding a dictionary with
 * the same keys (the type makes a missing key a compile error) and listing it in ADMIN_LANGUAGES.
 */
const en = {
  // shell
  skipToContent: 'Skip to content',
  menu: 'Menu',
  mainNav: 'Main',
  switchShop: 'Switch shop',
  adminLanguage: 'Admin language',
  navDashboard: 'Dashboard',
  navOrders: 'Orders',
  navProducts: 'Products',
  navCategories: 'Categories',
  navShipping: 'Shipping',
  navImport: 'Import & export',
  navShare: 'Share',
  navWidget: 'Chat widget',
  navSettings: 'Settings',
  newShop: 'New shop',
  logOut: 'Log out',
  // common
  loading: 'Loading…',
  wait: 'Please wait…',
  save: 'Save',
  saved: 'Saved',
  cancel: 'Cancel',
  confirm: 'Confirm',
  delete: 'Delete',
  edit: 'Edit',
  add: 'Add',
  next: 'Next',
  back: 'Back',
  open: 'Open',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Copy failed; select the text and copy it',
  required: 'Required',
  somethingWrong: 'Something went wrong; try again',
  unsavedLeave: 'You have unsaved changes. Leave anyway?',
  search: 'Search',
  all: 'All',
  active: 'Active',
  inactive: 'Inactive',
  yes: 'Yes',
  no: 'No',
  previous: 'Previous',
  pageOf: 'Page {page}',
  undoFailed: 'Could not save; your change was undone',
  invalidAmount: 'Enter an amount in {currency}, e.g. 19.90',
  reloadPage: 'This screen could not load; reload the page',
  // auth
  loginTitle: 'Log in',
  loginLead: 'Manage your shop, catalog and orders.',
  signupTitle: 'Create your shop',
  signupLead: 'Sell on WhatsApp in a few minutes. Free and open source.',
  email: 'E-mail',
  password: 'Password',
  passwordHint: 'At least 10 characters',
  logIn: 'Log in',
  signUp: 'Sign up',
  createAccount: 'Create account',
  haveAccount: 'Already have an account?',
  noAccount: 'New here?',
  // wizard
  wizardProgress: 'Progress',
  stepOf: 'Step {n} of {total}',
  step_name: 'What is your shop called?',
  step_slug: 'Choose its address',
  step_phone: 'Your WhatsApp number',
  step_money: 'Currency and language',
  step_logo: 'Add your logo',
  shopName: 'Shop name',
  shopNameHint: 'Shown at the top of your shop and in link previews.',
  shopAddress: 'Shop address',
  checking: 'checking…',
  available: 'available',
  slugTaken: 'already taken',
  country: 'Country',
  whatsappNumber: 'WhatsApp number',
  phoneHint: 'The number customers will message, e.g. 6 12 34 56 78',
  phoneInvalid: 'Enter a full phone number for the chosen country',
  sendTestMessage: 'Send me a test message',
  testMessage: 'Hello! This is a test from my Chatcart shop.',
  currency: 'Currency',
  shopLanguage: 'Shop language',
  prefilled: 'Prefilled from your browser; change it if needed.',
  createShop: 'Create my shop',
  logo: 'Logo',
  uploadLogo: 'Upload a logo',
  logoHint: 'Square PNG, JPEG or WebP works best.',
  logoPreview: 'Logo preview',
  finish: 'Finish',
  skipFinish: 'Skip and finish',
  // settings
  description: 'Description',
  phoneNumberId: 'WhatsApp Cloud API phone number ID',
  phoneNumberIdHint: 'Optional: from Meta’s WhatsApp Manager, to match incoming orders.',
  address: 'Address',
  published: 'Shop is visible to everyone',
  // share
  welcomeTitle: '{name} is live!',
  welcomeLead: 'Share the link below, then add your first products.',
  shopLink: 'Shop link',
  qrCode: 'QR code',
  qrAlt: 'QR code for {url}',
  qrHint: 'The PNG is 1,200 px: about 10 cm wide at print quality.',
  downloadPng: 'Download PNG',
  downloadSvg: 'Download SVG',
  linkCard: 'Link preview',
  linkCardHint: 'What WhatsApp and Instagram show when you share the link.',
  linkCardDefault: 'Order from {name} on WhatsApp.',
}

export type StringKey = keyof typeof en
type Dictionary = Record<StringKey, string>

const fr: Dictionary = {
  skipToContent: 'Aller au contenu',
  menu: 'Menu',
  mainNav: 'Principal',
  switchShop: 'Changer de boutique',
  adminLanguage: 'Langue de l’interface',
  navDashboard: 'Tableau de bord',
  navOrders: 'Commandes',
  navProducts: 'Produits',
  navCategories: 'Catégories',
  navShipping: 'Livraison',
  navImport: 'Import et export',
  navShare: 'Partager',
  navWidget: 'Widget de chat',
  navSettings: 'Réglages',
  newShop: 'Nouvelle boutique',
  logOut: 'Se déconnecter',
  loading: 'Chargement…',
  wait: 'Patientez…',
  save: 'Enregistrer',
  saved: 'Enregistré',
  cancel: 'Annuler',
  confirm: 'Confirmer',
  delete: 'Supprimer',
  edit: 'Modifier',
  add: 'Ajouter',
  next: 'Suivant',
  back: 'Retour',
  open: 'Ouvrir',
  copy: 'Copier',
  copied: 'Copié',
  copyFailed: 'Échec de la copie ; sélectionnez le texte et copiez-le',
  required: 'Obligatoire',
  somethingWrong: 'Un problème est survenu ; réessayez',
  unsavedLeave: 'Des modifications ne sont pas enregistrées. Quitter quand même ?',
  search: 'Rechercher',
  all: 'Tout',
  active: 'Actif',
  inactive: 'Inactif',
  yes: 'Oui',
  no: 'Non',
  previous: 'Précédent',
  pageOf: 'Page {page}',
  undoFailed: 'Enregistrement impossible ; votre modification a été annulée',
  invalidAmount: 'Saisissez un montant en {currency}, ex. 19,90',
  reloadPage: 'Cet écran n’a pas pu se charger ; rechargez la page',
  loginTitle: 'Connexion',
  loginLead: 'Gérez votre boutique, votre catalogue et vos commandes.',
  signupTitle: 'Créez votre boutique',
  signupLead: 'Vendez sur WhatsApp en quelques minutes. Gratuit et libre.',
  email: 'E-mail',
  password: 'Mot de passe',
  passwordHint: 'Au moins 10 caractères',
  logIn: 'Se connecter',
  signUp: 'S’inscrire',
  createAccount: 'Créer le compte',
  haveAccount: 'Déjà un compte ?',
  noAccount: 'Nouveau ?',
  wizardProgress: 'Progression',
  stepOf: 'Étape {n} sur {total}',
  step_name: 'Comment s’appelle votre boutique ?',
  step_slug: 'Choisissez son adresse',
  step_phone: 'Votre numéro WhatsApp',
  step_money: 'Devise et langue',
  step_logo: 'Ajoutez votre logo',
  shopName: 'Nom de la boutique',
  shopNameHint: 'Affiché en haut de la boutique et dans les aperçus de lien.',
  shopAddress: 'Adresse de la boutique',
  checking: 'vérification…',
  available: 'disponible',
  slugTaken: 'déjà prise',
  country: 'Pays',
  whatsappNumber: 'Numéro WhatsApp',
  phoneHint: 'Le numéro que vos clients contacteront, ex. 6 12 34 56 78',
  phoneInvalid: 'Saisissez un numéro complet pour le pays choisi',
  sendTestMessage: 'M’envoyer un message de test',
  testMessage: 'Bonjour ! Ceci est un test de ma boutique Chatcart.',
  currency: 'Devise',
  shopLanguage: 'Langue de la boutique',
  prefilled: 'Prérempli depuis votre navigateur ; modifiez si besoin.',
  createShop: 'Créer ma boutique',
  logo: 'Logo',
  uploadLogo: 'Envoyer un logo',
  logoHint: 'Un PNG, JPEG ou WebP carré est idéal.',
  logoPreview: 'Aperçu du logo',
  finish: 'Terminer',
  skipFinish: 'Passer et terminer',
  description: 'Description',
  phoneNumberId: 'Identifiant du numéro (WhatsApp Cloud API)',
  phoneNumberIdHint:
    'Facultatif : depuis le WhatsApp Manager de Meta, pour reconnaître les commandes.',
  address: 'Adresse',
  published: 'La boutique est visible de tous',
  welcomeTitle: '{name} est en ligne !',
  welcomeLead: 'Partagez le lien ci-dessous, puis ajoutez vos premiers produits.',
  shopLink: 'Lien de la boutique',
  qrCode: 'QR code',
  qrAlt: 'QR code vers {url}',
  qrHint: 'Le PNG fait 1 200 px : environ 10 cm de large en qualité impression.',
  downloadPng: 'Télécharger le PNG',
  downloadSvg: 'Télécharger le SVG',
  linkCard: 'Aperçu du lien',
  linkCardHint: 'Ce qu’affichent WhatsApp et Instagram quand vous partagez le lien.',
  linkCardDefault: 'Commandez chez {name} sur WhatsApp.',
}

const dictionaries: Record<string, Dictionary> = { en, fr }

/** Languages the admin speaks. */
export const ADMIN_LANGUAGES = ['en', 'fr'] as const

function initialLanguage(): string {
  if (typeof window === 'undefined') return 'en'
  try {
    const saved = localStorage.getItem('chatcart-admin-lang')
    if (saved && saved in dictionaries) return saved
  } catch {
    // storage may be blocked
  }
  const browser = (navigator.language || 'en').slice(0, 2).toLowerCase()
  return browser in dictionaries ? browser : 'en'
}

/** The admin's current language. */
export const locale = signal(initialLanguage())

/** Sets `<html lang>` to the admin's language. */
export function applyDocumentLanguage(): void {
  document.documentElement.lang = locale.value
}

/** Switches the admin's language and remembers it. */
export function setAdminLanguage(language: string): void {
  if (!(language in dictionaries)) return
  locale.value = language
  applyDocumentLanguage()
  try {
    localStorage.setItem('chatcart-admin-lang', language)
  } catch {
    // storage may be blocked
  }
}

/**
 * A string in the admin's language with `{name}` placeholders filled.
 * @example t('stepOf', { n: 2, total: 5 })
 */
export function t(
  key: StringKey | `step_${string}`,
  params?: Record<string, string | number>,
): string {
  const dictionary = dictionaries[locale.value] ?? en
  const text = dictionary[key as StringKey] ?? en[key as StringKey] ?? key
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`))
}

/** A language's own name, e.g. `fr` → `français`. */
export function languageName(code: string): string {
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code
    return name.charAt(0).toUpperCase() + name.slice(1)
  } catch {
    return code
  }
}
