import type { WidgetStrings } from '../strings.ts'

const strings: WidgetStrings = {
  greeting: 'مرحبًا! كيف يمكننا مساعدتك؟',
  close: 'إغلاق',
  online: 'متصل',
  offline: 'غير متصل، اترك رسالة',
  start: 'تحدث عبر واتساب',
  web: 'واتساب ويب',
  app: 'تطبيق واتساب',
  phone: 'تابع على هاتفك',
  scan: 'امسح الرمز بكاميرا هاتفك',
  back: 'رجوع',
  cart: 'سلتك',
  total: 'المجموع',
  name: 'اسمك',
  send: 'أرسل الطلب عبر واتساب',
  remove: 'إزالة',
  unavailable: 'هذا المنتج غير متوفر',
  busy: 'طلبات كثيرة، حاول لاحقًا',
  accept: 'موافقة ومتابعة',
  more: 'اعرف المزيد',
  call: 'اتصال',
  email: 'بريد إلكتروني',
  sms: 'رسالة نصية',
  shippingMethod: 'التوصيل',
  shipping: 'الشحن',
  free: 'مجاني',
  address: 'عنوان التوصيل',
  subtotal: 'المجموع الفرعي',
  refused: 'تعذّر إرسال الطلب. تحقّق من السلة وحاول مرة أخرى.',
}

export default strings
