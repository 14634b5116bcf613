import { t } from './i18n.ts'
import { toast } from './state.ts'

/** Copies text for the merchant and says whether it worked (clipboard access may be refused). */
export async function copyWithToast(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text)
    toast(t('copied'))
  } catch {
    toast(t('copyFailed'), 'error')
  }
}
