import { ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message-box/style/css'
import { i18n } from '@/i18n'

// Every final action of the season pages asks first, saying what will happen.

/** Asks to confirm; false when the person cancels. */
export async function confirmAction(message: string, title: string): Promise<boolean> {
  const t = i18n.global.t
  try {
    await ElMessageBox.confirm(message, title, { confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel'), type: 'warning' })
    return true
  } catch {
    return false
  }
}

/** Asks to confirm with a comment; null when the person cancels. */
export async function confirmWithText(message: string, title: string, placeholder: string, required: boolean): Promise<string | null> {
  const t = i18n.global.t
  try {
    const res = await ElMessageBox.prompt(message, title, {
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      inputType: 'textarea',
      inputPlaceholder: placeholder,
      inputValidator: (v: string) => !required || (v ?? '').trim() !== '' || t('report.commentRequired'),
    })
    return (res as { value?: string }).value?.trim() ?? ''
  } catch {
    return null
  }
}

/** An error's message for a toast. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
